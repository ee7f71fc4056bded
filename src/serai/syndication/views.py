"""robots.txt, the sitemap index, each sitemap, and the Google News sitemap.

All are the same for every anonymous reader and kept by the page cache until the "site"
generation moves (an editor's change, a scheduled article going live).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.sitemaps import views as sitemap_views
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from serai.core import pagecache
from serai.syndication.sitemaps import news_articles, sitemaps
from serai.syndication.xml import absolute, xml_text

XML = "application/xml; charset=utf-8"


@require_GET
def robots_txt(request):
    """Crawlers may read everything readers can; the back office and moderation are not for them.
    The sitemaps are named with their full address, as robots.txt requires."""
    pagecache.cacheable(request)
    lines = ["User-agent: *", "Allow: /", f"Disallow: /{settings.SERAI_ADMIN_PATH}"]
    lines += [f"Disallow: /{code}/moderation/" for code, _name in settings.LANGUAGES]
    lines += [f"Disallow: /{code}/comments/" for code, _name in settings.LANGUAGES]
    lines += [
        "",
        f"Sitemap: {absolute(reverse('sitemap-index'))}",
        f"Sitemap: {absolute(reverse('news-sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_GET
def index(request, extra=None):
    """Every sitemap's address (each page of the long ones), for crawlers to read in turn."""
    pagecache.cacheable(request)
    locations = []
    for name, sitemap in sitemaps(extra).items():
        path = reverse("sitemap-section", kwargs={"section": name})
        pages = Paginator(sitemap.items(), sitemap.limit).num_pages
        locations.append(absolute(path))
        locations += [absolute(f"{path}?p={number}") for number in range(2, pages + 1)]
    return render(request, "syndication/sitemap_index.xml", {"locations": locations}, content_type=XML)


@require_GET
def section(request, section, extra=None):
    """One sitemap (Django's view: its pages by ?p=, X-Robots-Tag), with hreflang alternates."""
    found = sitemaps(extra)
    if section not in found:
        raise Http404("No such sitemap.")
    pagecache.cacheable(request)
    response = sitemap_views.sitemap(
        request, {section: found[section]}, section=section, template_name="syndication/sitemap.xml"
    )
    response["Content-Type"] = XML
    return response


@require_GET
def news_sitemap(request):
    """Google News: the articles of the last two days, every edition, at most a thousand."""
    pagecache.cacheable(request)
    items = [
        {
            "location": absolute(article.get_absolute_url()),
            "language": article.language,
            "published": article.published_at,
            "title": xml_text(article.headline),
        }
        for article in news_articles()
    ]
    context = {"items": items, "publication": xml_text(settings.SITE_NAME)}
    return render(request, "syndication/news_sitemap.xml", context, content_type=XML)
