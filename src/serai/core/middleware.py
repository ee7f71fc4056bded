"""Security headers on every response."""

from django.conf import settings

# No inline script anywhere on reader pages; styles and scripts only from our own origin.
READER_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; "
    "base-uri 'self'; object-src 'none'"
)
# Django's admin sets a few style attributes of its own.
ADMIN_CSP = READER_CSP.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
# Uploaded files are only ever images: served alone, they may not run script, load anything else or
# be framed, even if a browser were tricked into reading one as a page.
MEDIA_CSP = (
    "default-src 'none'; img-src 'self'; sandbox; frame-ancestors 'none'; base-uri 'none'; "
    "form-action 'none'; object-src 'none'"
)
PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=(), browsing-topics=()"
)


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = "/" + settings.SERAI_ADMIN_PATH
        self.media_prefix = settings.MEDIA_URL if settings.MEDIA_URL.startswith("/") else None

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith(self.admin_prefix):
            csp = ADMIN_CSP
        elif self.media_prefix and request.path.startswith(self.media_prefix):
            csp = MEDIA_CSP
        else:
            csp = READER_CSP
        response.headers.setdefault("Content-Security-Policy", csp)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        response.headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        return response
