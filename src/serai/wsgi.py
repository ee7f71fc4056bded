import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "serai.settings")

from serai.core.pagecache import PageCacheApp  # noqa: E402  (needs the settings module set)
from serai.core.warmup import warm_up  # noqa: E402

# Fresh cached pages are answered before Django runs; everything else is Django's.
application = PageCacheApp(get_wsgi_application())

# The settings' secrets, as the environment gives them (or .env, read into it by the settings).
SECRET_VARIABLES = ("SECRET_KEY", "DATABASE_URL", "CACHE_URL", "EMAIL_URL")


def forget_secrets() -> None:
    """Drop the secrets from this process's environment, once the settings hold them.

    granian copies the process environment into every request's WSGI environ, so each request's
    `request.META` held the secret key and the database's password: one debug view or error
    report away from a reader's screen. `serai serve` asks its workers to forget them
    (SERAI_FORGET_SECRETS=1); a process that starts others from its own environment (tests,
    management commands) keeps them.
    """
    for name in SECRET_VARIABLES:
        os.environ.pop(name, None)


if os.environ.get("SERAI_FORGET_SECRETS") == "1":
    forget_secrets()

# What the first readers of a fresh worker would wait for (URL tables, catalogues, templates).
warm_up()

# Everything made while starting (settings, URL patterns, templates, models) lives as long as the
# process: moved out of the garbage collector's sight, it is never scanned again.
gc.freeze()
