import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "serai.settings")

from serai.core.pagecache import PageCacheApp  # noqa: E402  (needs the settings module set)

# Fresh cached pages are answered before Django runs; everything else is Django's.
application = PageCacheApp(get_wsgi_application())

# Everything made while starting (settings, URL patterns, templates, models) lives as long as the
# process: moved out of the garbage collector's sight, it is never scanned again.
gc.freeze()
