"""The standing pages' sitemap (About, the Comment Policy, …), listed by the sitemap index.

Here because the pages app and the syndication app know nothing of each other; the project's URL
configuration joins them (serai.urls).
"""

from __future__ import annotations

from serai.pages.models import Page
from serai.syndication.sitemaps import SiteSitemap


class StandingPageSitemap(SiteSitemap):
    """Every edition's standing pages, each with its other editions (same slug) as alternates."""

    changefreq = "monthly"

    def items(self):
        return list(Page.objects.only("pk", "language", "slug", "updated_at").order_by("slug", "language"))

    def lastmod(self, item: Page):
        return item.updated_at

    def alternates_for(self, items: list) -> dict:
        by_slug: dict[str, list[tuple[str, str]]] = {}
        for page in items:
            by_slug.setdefault(page.slug, []).append((page.language, page.get_absolute_url()))
        return {page: by_slug[page.slug] for page in items}
