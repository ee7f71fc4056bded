"""The pages behind the links in reply emails: confirm an address, stop reply emails.

Opening a link changes nothing: mail scanners and link previewers open every link they find. The
page shows what the button will do, and only the button (a POST from this site's own page, checked
as for readers' other forms) confirms or stops. The pages are never cached, never indexed, and send
no Referer: the link is the key.
"""

from __future__ import annotations

from functools import wraps

from django.conf import settings
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from serai.comments import notifications
from serai.core.security import same_origin_post

STATUS = {"invalid": 400, "expired": 410, "used": 410}


def _confirm_days() -> int:
    return max(1, settings.SERAI_CONFIRM_MAX_AGE // 86400)


def _link_page(*, salt: str, template: str, max_age=lambda: None):
    """A page behind a link: the link's comment, or a page saying why the link does not work.

    `max_age` gives the link's lifetime in seconds (None: for good), read when a link is opened.
    """

    def decorate(view):
        @never_cache
        @same_origin_post
        @require_http_methods(["GET", "HEAD", "POST"])
        @wraps(view)
        def wrapper(request, token):
            try:
                comment = notifications.comment_from_token(token, salt=salt, max_age=max_age())
            except notifications.LinkInvalid as exc:
                context = {"reason": exc.reason, "days": _confirm_days()}
                response = render(request, template, context, status=STATUS[exc.reason])
            else:
                response = view(request, comment)
            response.headers["Referrer-Policy"] = "no-referrer"
            response.headers["X-Robots-Tag"] = "noindex, nofollow"
            return response

        return wrapper

    return decorate


@_link_page(
    salt=notifications.CONFIRM_SALT,
    template="comments/email_links/confirm.html",
    max_age=lambda: settings.SERAI_CONFIRM_MAX_AGE,
)
def confirm(request, comment):
    """The link in a confirmation email: the button turns reply emails on for the address."""
    done = request.method == "POST"
    if done:
        notifications.reply_notices_confirm(comment=comment)
    return render(request, "comments/email_links/confirm.html", {"done": done, "days": _confirm_days()})


# A link to stop the emails works for as long as emails could come: it never expires.
@_link_page(salt=notifications.STOP_SALT, template="comments/email_links/stop.html")
def stop(request, comment):
    """The link in a reply email: the button stops reply emails for the address."""
    done = request.method == "POST"
    if done:
        notifications.reply_notices_stop(email=comment.email)
    return render(request, "comments/email_links/stop.html", {"done": done})
