import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "serai.settings")

from serai.core.pagecache import PageCacheApp  # noqa: E402  (needs the settings module set)

# Fresh cached pages are answered before Django runs; everything else is Django's.
application = PageCacheApp(get_wsgi_application())
