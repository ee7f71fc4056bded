"""Serai settings, read from the environment (see `.env.example`).

Every setting an operator may change comes from one reader, `environ.Env`. Defaults suit a
laptop demo: SQLite under `var/`, local-memory cache, console email. `SERAI_ENV=production`
makes the secret key mandatory and refuses to start with DEBUG on by accident.
"""

from datetime import timedelta
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

PACKAGE_DIR = Path(__file__).resolve().parent
BASE_DIR = Path(environ.Env().str("SERAI_HOME", default=str(Path.cwd()))).resolve()
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
env_file = BASE_DIR / ".env"
if env_file.is_file():
    environ.Env.read_env(env_file)

SERAI_ENV = env.str("SERAI_ENV", default="development")
PRODUCTION = SERAI_ENV == "production"
DEBUG = env.bool("DEBUG", default=False)


_MAKE_A_KEY = 'python -c "import secrets; print(secrets.token_urlsafe(50))"'


def _strong_enough(key: str) -> bool:
    """Django's own measure of a production key (check security.W009), refused rather than warned."""
    return len(key) >= 50 and len(set(key)) >= 5 and not key.startswith("django-insecure-")


def _secret_key() -> str:
    key = env.str("SECRET_KEY", default="")
    if key and PRODUCTION and not _strong_enough(key):
        raise ImproperlyConfigured(
            f"SECRET_KEY is too weak for production ({len(key)} characters, {len(set(key))} "
            "different): it signs readers' cookies and form tokens and salts their address hashes, "
            "so it needs at least 50 random characters. Make one with "
            f"`{_MAKE_A_KEY}` and set it as the SECRET_KEY environment variable."
        )
    if key:
        return key
    if PRODUCTION:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. In production, set the SECRET_KEY environment variable "
            f"to a long random string (for example the output of `{_MAKE_A_KEY}`)."
        )
    # Outside production, keep a generated key in var/ so sessions survive restarts.
    key_file = VAR_DIR / "secret_key"
    if key_file.is_file():
        return key_file.read_text().strip()
    import secrets

    VAR_DIR.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    key_file.write_text(key)
    key_file.chmod(0o600)
    return key


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

SITE_NAME = env.str("SERAI_SITE_NAME", default="Serai")
SITE_TAGLINE = env.str("SERAI_SITE_TAGLINE", default="")

# Machine translation of comments (serai.translation.backends): none, libretranslate, argos or dummy.
SERAI_TRANSLATION_BACKEND = env.str("SERAI_TRANSLATION_BACKEND", default="none")
SERAI_TRANSLATION_URL = env.str("SERAI_TRANSLATION_URL", default="")
SERAI_TRANSLATION_API_KEY = env.str("SERAI_TRANSLATION_API_KEY", default="")
SERAI_TRANSLATION_TIMEOUT = env.float("SERAI_TRANSLATION_TIMEOUT", default=5.0)
# Whether readers see machine drafts nobody reviewed yet (labelled "Machine translation").
SERAI_SHOW_MACHINE_TRANSLATIONS = env.bool("SERAI_SHOW_MACHINE_TRANSLATIONS", default=False)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "serai.core",
    "serai.newsroom",
    "serai.pages",
    "serai.demo",
    "serai.comments",
    "serai.moderation",
    "serai.desk",
    "serai.staff",
    "serai.syndication",
    "serai.translation",
    "serai.imports",
    "serai.search",
    "serai.api",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "serai.core.compression.CompressionMiddleware",
    # Security headers outside the page cache: every answer gets those of its own request, and
    # the cache's hit path adds the same ones (serai.core.middleware).
    "django.middleware.security.SecurityMiddleware",
    "serai.core.middleware.SecurityHeadersMiddleware",
    "serai.core.pagecache.PageCacheMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # An imported site's old addresses, looked up only for what would be "not found".
    "serai.imports.middleware.LegacyRedirectMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "serai.urls"
WSGI_APPLICATION = "serai.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "serai.core.context_processors.site",
                "serai.newsroom.context_processors.sections",
            ],
        },
    },
]

DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'serai.sqlite3'}"),
}
# SQLite shared by several workers: the write-ahead log lets readers go on while one writes;
# write transactions take the write lock when they begin (IMMEDIATE), so two never deadlock
# upgrading a read, and wait up to `timeout` seconds for it (tests/core/test_sqlite_writers.py).
# secure_delete overwrites deleted and replaced content with zeros (whatever SQLite's build
# chose), so erased comments cannot be read back from the file.
SQLITE_OPTIONS = {
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA secure_delete=ON;",
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(SQLITE_OPTIONS)
else:
    DATABASES["default"].setdefault("CONN_HEALTH_CHECKS", True)
# Each server thread keeps its connection (SQLite too: opening one and running its pragmas on
# every request cost about as much as reading a page of comments).
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("DATABASE_CONN_MAX_AGE", default=60))
DATABASES["default"].setdefault("TEST", {})
if env.str("TEST_DATABASE_NAME", default=""):
    DATABASES["default"]["TEST"]["NAME"] = env.str("TEST_DATABASE_NAME")

# Not kept as a setting of its own: a Redis URL may hold a password.
_cache_url = env.str("CACHE_URL", default="").strip()  # left empty in .env: the default
if _cache_url or not PRODUCTION:
    CACHES = {"default": environ.Env.cache_url_config(_cache_url or "locmemcache://serai")}
else:
    # In production on one host without Redis, a cache on disk that every process of the host
    # shares (SQLite files, safe across processes): the sign-in lockout, the moderators' digest and
    # the email throttles count once for the host, not once per worker, as a cache in each
    # process's memory would. Pages and their freshness never go through it (serai.core.pagecache).
    CACHES = {
        "default": {
            "BACKEND": "serai.core.cache.SharedDiskCache",
            "LOCATION": env.str("SERAI_CACHE_DIR", default=str(VAR_DIR / "cache")),
            "TIMEOUT": 300,
        }
    }
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
    # Redis outages must not become error pages: this backend answers "not cached" instead.
    CACHES["default"]["BACKEND"] = "serai.core.cache.ResilientRedisCache"

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Editions. English is the default; every edition language below has URLs under /<code>/.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("ru", _("Russian")),
    ("kk", _("Kazakh")),
    ("ky", _("Kyrgyz")),
    ("tg", _("Tajik")),
    ("tk", _("Turkmen")),
    ("uz", _("Uzbek")),
]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = env.str("TIME_ZONE", default="UTC")

STATIC_URL = "/static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(VAR_DIR / "static")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "serai.core.storage.StaticFiles"},
}
MEDIA_URL = env.str("MEDIA_URL", default="/media/")
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(VAR_DIR / "media")))
# Serve uploaded media from the app unless the operator's web server does it.
# Site exports asked for in the back office (serai.imports): outside the public media.
SERAI_EXPORT_DIR = env.str("SERAI_EXPORT_DIR", default=str(VAR_DIR / "exports"))
SERAI_SERVE_MEDIA = env.bool("SERAI_SERVE_MEDIA", default=True)

# Uploads: photos are limited in bytes and in pixels (decompression bombs are refused).
SERAI_MAX_UPLOAD_BYTES = env.int("SERAI_MAX_UPLOAD_BYTES", default=10 * 1024 * 1024)
SERAI_MAX_IMAGE_PIXELS = env.int("SERAI_MAX_IMAGE_PIXELS", default=40_000_000)
SERAI_RENDITION_WIDTHS = [480, 800, 1200, 1600]
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
globals().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="newsroom@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

SERAI_ADMIN_PATH = env.str("SERAI_ADMIN_PATH", default="admin/").strip("/") + "/"

# Security headers and cookies.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=PRODUCTION)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env.bool("BEHIND_TLS_PROXY", default=False) else None
)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000 if PRODUCTION else 0)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
}

if PRODUCTION and DEBUG and not env.bool("SERAI_ALLOW_DEBUG_IN_PRODUCTION", default=False):
    raise ImproperlyConfigured(
        "DEBUG is on while SERAI_ENV=production. Unset DEBUG (or set DEBUG=false) before serving the public."
    )

# The reader conversation.
SERAI_COMMENTS_MODE = env.str("SERAI_COMMENTS_MODE", default="pre")  # pre, post or closed
SERAI_COMMENTS_CLOSE_AFTER_DAYS = env.int("SERAI_COMMENTS_CLOSE_AFTER_DAYS", default=0) or None
SERAI_COMMENT_MAX_LENGTH = 1500
SERAI_COMMENTS_PER_PAGE = env.int("SERAI_COMMENTS_PER_PAGE", default=20)
SERAI_REPLY_INDENT_LEVELS = 3
# Shared addresses (mobile carriers, offices) are common: allow a few votes per address.
SERAI_VOTES_PER_ADDRESS = env.int("SERAI_VOTES_PER_ADDRESS", default=3)
SERAI_IP_HASH_ROTATION_SECONDS = env.int("SERAI_IP_HASH_ROTATION_SECONDS", default=86400)
SERAI_CONFIRM_MAX_AGE = 7 * 24 * 3600  # email confirmation links work for a week
# The reverse proxies in front of the app servers, whose X-Forwarded-For hops are believed: how
# many there are ("1" behind one nginx), or their addresses and networks ("10.0.0.2,10.0.1.0/24").
# Empty or 0: the socket's address is the reader's (serai.core.addresses, docs/deploy.md).
SERAI_TRUSTED_PROXIES = env.str("SERAI_TRUSTED_PROXIES", default="")
if env.str("SERAI_TRUSTED_PROXY_HEADER", default="") and not SERAI_TRUSTED_PROXIES:
    raise ImproperlyConfigured(
        "SERAI_TRUSTED_PROXY_HEADER is no longer read. Set SERAI_TRUSTED_PROXIES to the number of "
        "proxies in front of Serai (1 behind one nginx) or to their addresses, and unset it."
    )

# Background work (notification email) runs outside the request.
TASKS = {
    "default": {
        "BACKEND": env.str("TASKS_BACKEND", default="django_tasks_db.DatabaseBackend"),
    }
}

# Moderation (see serai.moderation.rules): the form must be filled in between these many seconds.
SERAI_MIN_FORM_SECONDS = env.int("SERAI_MIN_FORM_SECONDS", default=3)
SERAI_MAX_FORM_AGE = env.int("SERAI_MAX_FORM_AGE", default=2 * 24 * 3600)
# More than SERAI_RATE_LIMIT comments from one address in SERAI_RATE_WINDOW seconds are held.
SERAI_RATE_LIMIT = env.int("SERAI_RATE_LIMIT", default=5)
SERAI_RATE_WINDOW = env.int("SERAI_RATE_WINDOW", default=60)
SERAI_MAX_LINKS = env.int("SERAI_MAX_LINKS", default=2)
# A published comment this many readers report is hidden until a moderator looks at it.
SERAI_REPORTS_TO_HIDE = env.int("SERAI_REPORTS_TO_HIDE", default=3)
# Moderators get at most one email about held comments in this many seconds.
SERAI_MODERATOR_DIGEST_SECONDS = env.int("SERAI_MODERATOR_DIGEST_SECONDS", default=600)
SERAI_MODERATION_PAGE_SIZE = 50
# Where the site lives, for links in email (which has no request to build them from).
SERAI_SITE_URL = env.str("SERAI_SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
# The publisher's logo in structured data and share cards: a static file, PNG or JPEG (search
# engines refuse SVG logos), at least 112 pixels each way.
SERAI_SITE_LOGO = env.str("SERAI_SITE_LOGO", default="serai/logo.png")
# Feeds carry each article's whole body (True) or only its standfirst (False).
SERAI_FEED_FULL_TEXT = env.bool("SERAI_FEED_FULL_TEXT", default=False)

# Staff sign-in throttling (django-axes) for the back office and every page that uses its login:
# after SERAI_LOGIN_FAILURE_LIMIT wrong passwords for one username from one connection, that pair
# is locked out for SERAI_LOGIN_LOCKOUT_MINUTES, whatever password comes next. Attempts are counted
# in the cache (Redis in production), keyed by the username and the salted, rotating address hash
# of serai.core.addresses: no address is ever stored, and axes keeps no access log.
INSTALLED_APPS += ["axes", "serai.privacy"]
MIDDLEWARE += ["axes.middleware.AxesMiddleware"]
AUTHENTICATION_BACKENDS = [
    "serai.core.login.SignInThrottle",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_HANDLER = "axes.handlers.cache.AxesCacheHandler"
AXES_FAILURE_LIMIT = env.int("SERAI_LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("SERAI_LOGIN_LOCKOUT_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "serai.core.login.address_hash"
AXES_LOCKOUT_CALLABLE = "serai.core.login.locked_out"
AXES_RESET_ON_SUCCESS = True
# A locked-out pair stays locked for the whole period from its last counted failure.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_DISABLE_ACCESS_LOG = True
AXES_ENABLE_ACCESS_FAILURE_LOG = False
AXES_ENABLE_ADMIN = False
if not PRODUCTION and CACHES["default"]["BACKEND"].endswith("LocMemCache"):
    # On a laptop each worker counts on its own; production shares a cache (on disk, or Redis).
    SILENCED_SYSTEM_CHECKS = ["axes.W001"]

# Readers' own data: links to download or delete one's comments work for this many seconds.
SERAI_PRIVACY_LINK_MAX_AGE = env.int("SERAI_PRIVACY_LINK_MAX_AGE", default=24 * 3600)
# One link per address in this many seconds, and at most this many requests per connection per hour.
SERAI_PRIVACY_LINK_EVERY = env.int("SERAI_PRIVACY_LINK_EVERY", default=600)
SERAI_PRIVACY_REQUESTS_PER_HOUR = env.int("SERAI_PRIVACY_REQUESTS_PER_HOUR", default=10)

# Whole-page cache for anonymous readers (see serai/core/pagecache.py), invalidated precisely.
SERAI_PAGE_CACHE = env.bool("SERAI_PAGE_CACHE", default=True)
SERAI_PAGE_CACHE_ENTRIES = env.int("SERAI_PAGE_CACHE_ENTRIES", default=2000)
# An upper bound only: pages are dropped the moment what they show changes.
SERAI_PAGE_CACHE_SECONDS = env.int("SERAI_PAGE_CACHE_SECONDS", default=3600)
# Article reads are counted in memory and written every this many seconds ("most read",
# serai/core/readings.py); the front pages' "most read" block is made again at most this often.
SERAI_READS_FLUSH_SECONDS = env.int("SERAI_READS_FLUSH_SECONDS", default=30)
SERAI_MOST_READ_REFRESH_SECONDS = env.int("SERAI_MOST_READ_REFRESH_SECONDS", default=300)
SERAI_PAGE_CACHE_DIR = env.str("SERAI_PAGE_CACHE_DIR", default=str(VAR_DIR / "pagecache"))
# Pages compressed (brotli, gzip) for readers who ask (serai/core/compression.py); stored pages keep
# their compressed copies. false: leave it to a proxy in front.
SERAI_COMPRESSION = env.bool("SERAI_COMPRESSION", default=True)
# Rendered parts that change less often than their pages (an article's story, the sections list,
# each comment's HTML), kept per process while what they show is unchanged (serai.core.fragments).
SERAI_FRAGMENT_CACHE = env.bool("SERAI_FRAGMENT_CACHE", default=True)
SERAI_FRAGMENT_CACHE_ENTRIES = env.int("SERAI_FRAGMENT_CACHE_ENTRIES", default=2000)
# With Redis: each process keeps the generations it read in memory, kept current by Redis's own
# invalidation pushes, so cache hits need no round trip (serai/core/coherence.py). false: read Redis.
SERAI_PAGE_CACHE_MIRROR = env.bool("SERAI_PAGE_CACHE_MIRROR", default=True)
# How long nginx or a CDN may keep a page (s-maxage); purges refresh it sooner.
SERAI_SHARED_CACHE_SECONDS = env.int("SERAI_SHARED_CACHE_SECONDS", default=300)
# "dummy", "nginx" or "varnish" (with SERAI_PURGE_URL), or the dotted path of a class with purge(items).
SERAI_PURGE_BACKEND = env.str("SERAI_PURGE_BACKEND", default="dummy")
# Tag each cacheable page with the names it shows (an `xkey` header), for caches that purge by key.
SERAI_SURROGATE_KEYS = env.bool("SERAI_SURROGATE_KEYS", default=SERAI_PURGE_BACKEND == "varnish")
SERAI_PURGE_URL = env.str("SERAI_PURGE_URL", default="http://127.0.0.1:8080")
# Purges are sent by a background thread; a writer waits at most this long (seconds) for its own
# to be answered, so the next reader through nginx gets the fresh page. 0: never wait, and other
# readers may get the old page for the few milliseconds nginx takes to refetch it (docs/deploy.md).
SERAI_PURGE_WAIT = env.float("SERAI_PURGE_WAIT", default=0.5)
