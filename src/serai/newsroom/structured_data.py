"""What search engines and share cards read from our pages: JSON-LD (schema.org) and OpenGraph.

An article's page carries a `NewsArticle` with every property Google lists for articles (headline,
the lead photo in 16:9, 4:3 and 1:1 crops, dates with their offset, authors with their pages, the
publisher and its logo, language, the dateline as `locationCreated`, section, comment count) and a
`BreadcrumbList` (edition, section, article); an edition's home page a `NewsMediaOrganization` and
a `WebSite`. The same page's OpenGraph and Twitter tags share the data (`share_context`).

Everything is rendered with the story (serai.newsroom.story), kept until the site changes, except
the number of comments, which changes with the conversation: the kept page holds a marker where
the number goes, and the article view puts the count in each time it makes the page
(`with_comment_count`), as it does with the conversation.

JSON-LD is written as `json_script` writes JSON: `<`, `>` and `&` as \\u escapes, so no text of
an editor's can end the script element or open a comment; C1 controls, line and paragraph
separators, non-characters and lone surrogates are escaped too (json.dumps already escapes C0
controls).
"""

from __future__ import annotations

import json

from django.conf import settings
from django.templatetags.static import static
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import override

from serai.newsroom import extensions

CONTEXT = "https://schema.org"
# The shapes Google asks for, widest first as its examples list them.
SHAPES = ("16x9", "4x3", "1x1")
# OpenGraph names places as language_TERRITORY: each edition's main country.
OG_LOCALES = {
    "en": "en_US",
    "ru": "ru_RU",
    "kk": "kk_KZ",
    "ky": "ky_KG",
    "tg": "tg_TJ",
    "tk": "tk_TM",
    "uz": "uz_UZ",
}

_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}
_ESCAPES.update({c: f"\\u{c:04X}" for c in [*range(0x7F, 0xA0), 0x2028, 0x2029, 0xFFFE, 0xFFFF]})
_ESCAPES.update({c: f"\\u{c:04X}" for c in [*range(0xFDD0, 0xFDF0), *range(0xD800, 0xE000)]})

# Where the count of comments goes in a kept page: escaped JSON never holds a raw "<", and
# neither does anything an editor or a reader wrote (escaped, or sanitised HTML).
COMMENT_COUNT = "<serai-comment-count>"


def json_ld_text(data) -> str:
    """`data` as JSON that can stand inside a <script> element whatever its strings hold."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_ESCAPES)


def json_ld(data) -> SafeString:
    # Safe as json_script's output is: nothing in the escaped JSON can be read as markup.
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(json_ld_text(data)))


def absolute(url: str) -> str:
    """An address as others must see it: ours under SERAI_SITE_URL (a CDN's stays as it is)."""
    return url if url.startswith(("https://", "http://")) else settings.SERAI_SITE_URL + url


def _when(moment) -> str:
    """An ISO 8601 time with its offset, in the site's time zone."""
    return timezone.localtime(moment).isoformat(timespec="seconds")


def _dates(article) -> tuple[str, str]:
    """When the article was published (created, for a draft's preview) and last revised since."""
    published = article.published_at or article.created_at
    modified = max(published, article.revised_at) if article.revised_at else published
    return _when(published), _when(modified)


# Images ------------------------------------------------------------------------------------------


def _widest(renditions: list[dict]) -> dict | None:
    """The widest rendition in a format every reader of structured data takes (not WebP)."""
    usable = [r for r in renditions if r.get("format") != "WEBP"]
    return max(usable, key=lambda r: r["w"]) if usable else None


def lead_images(photo) -> list[dict]:
    """The lead photo's 16:9, 4:3 and 1:1 crops around its focal point (the whole picture alone
    for a photo made before these crops existed), each as {"url", "w", "h"}."""
    if photo is None:
        return []
    crops = photo.crops
    found = [_widest([r for r in crops if r.get("crop") == shape]) for shape in SHAPES]
    if not all(found):
        found = [_widest(photo.renditions)]
    return [{"url": absolute(settings.MEDIA_URL + r["name"]), "w": r["w"], "h": r["h"]} for r in found if r]


def logo_url() -> str:
    return absolute(static(settings.SERAI_SITE_LOGO))


# JSON-LD -----------------------------------------------------------------------------------------


def publisher() -> dict:
    return {
        "@type": "NewsMediaOrganization",
        "@id": f"{settings.SERAI_SITE_URL}/#publisher",
        "name": settings.SITE_NAME,
        "url": f"{settings.SERAI_SITE_URL}/",
        "logo": {"@type": "ImageObject", "url": logo_url()},
    }


def _translations(article, editions) -> dict:
    """The story's other editions: a translation names its original, an original its translations."""
    others = [absolute(e.get_absolute_url()) + "#article" for e in editions if e.pk != article.pk]
    original = article.translation_of_id
    if original:
        found = [absolute(e.get_absolute_url()) + "#article" for e in editions if e.pk == original]
        return {"translationOfWork": {"@id": found[0]}} if found else {}
    return {"workTranslation": [{"@id": other} for other in others]} if others else {}


def news_article(article, images: list[dict], editions=()) -> dict:
    """The article as a schema.org NewsArticle, without its count of comments."""
    url = absolute(article.get_absolute_url())
    published, modified = _dates(article)
    data = {
        "@context": CONTEXT,
        "@type": "NewsArticle",
        "@id": f"{url}#article",
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "url": url,
        "headline": article.headline,
        "description": article.standfirst or article.headline,
        "datePublished": published,
        "dateModified": modified,
        "author": [
            {"@type": "Person", "name": a.name, "url": absolute(a.get_absolute_url())}
            for a in article.byline_authors
        ],
        "publisher": publisher(),
        "inLanguage": article.language,
        "isAccessibleForFree": True,
        "articleSection": article.section.display_name(article.language),
    }
    if images:
        data["image"] = [image["url"] for image in images]
    if article.dateline:
        data["locationCreated"] = {"@type": "Place", "name": article.dateline}
    return data | _translations(article, editions)


def breadcrumbs(article) -> dict:
    """Edition's home page, section, article."""
    with override(article.language):
        trail = [
            (settings.SITE_NAME, reverse("newsroom:home")),
            (article.section.display_name(article.language), article.section.get_absolute_url()),
            (article.headline, article.get_absolute_url()),
        ]
    return {
        "@context": CONTEXT,
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": n, "name": name, "item": absolute(url)}
            for n, (name, url) in enumerate(trail, start=1)
        ],
    }


def article_json_ld(article, images: list[dict], editions) -> SafeString:
    """The article's NewsArticle and BreadcrumbList, with the place for the count of comments
    (when an app counts them) that `with_comment_count` fills in."""
    text = json_ld_text(news_article(article, images, editions))
    if extensions.counts_comments():
        text = text[:-1] + ',"commentCount":' + COMMENT_COUNT + "}"
    return format_html(
        '<script type="application/ld+json">{}</script>\n{}', mark_safe(text), json_ld(breadcrumbs(article))
    )


def with_comment_count(page: str, article) -> str:
    """The page with the story's count of comments in its structured data."""
    count = extensions.comment_count(article)
    return page if count is None else page.replace(COMMENT_COUNT, str(count), 1)


def site_json_ld(language: str) -> SafeString:
    """An edition's home page: the publisher, and the edition as a WebSite it publishes."""
    with override(language):
        home = absolute(reverse("newsroom:home"))
    organization = {"@context": CONTEXT, **publisher()}
    if settings.SITE_TAGLINE:
        organization["description"] = settings.SITE_TAGLINE
    website = {
        "@context": CONTEXT,
        "@type": "WebSite",
        "@id": f"{home}#website",
        "name": settings.SITE_NAME,
        "url": home,
        "inLanguage": language,
        "publisher": {"@id": organization["@id"]},
    }
    search = _search_address(language)
    if search:
        website["potentialAction"] = {
            "@type": "SearchAction",
            "target": {"@type": "EntryPoint", "urlTemplate": f"{search}?q={{search_term_string}}"},
            "query-input": "required name=search_term_string",
        }
    return format_html("{}\n{}", json_ld(organization), json_ld(website))


def _search_address(language: str) -> str:
    """The edition's search page, when an app serves one (named by URL only: the newsroom imports
    no app above it)."""
    with override(language):
        try:
            return absolute(reverse("search:results"))
        except NoReverseMatch:
            return ""


# OpenGraph and Twitter ----------------------------------------------------------------------------


def og_locale(language: str) -> str:
    return OG_LOCALES.get(language, language)


def share_context(article, editions, images: list[dict], description: str) -> dict:
    """What the article's OpenGraph and Twitter tags say (escaped by the template): its 16:9 crop
    as the card's picture, else the publisher's logo."""
    photo = article.lead_photo
    published, modified = _dates(article)
    return {
        "type": "article",
        "title": article.headline,
        "description": description,
        "url": absolute(article.get_absolute_url()),
        "locale": og_locale(article.language),
        "alternates": [og_locale(e.language) for e in editions if e.language != article.language],
        "image": images[0] if images else {"url": logo_url()},
        "image_alt": photo.alt_text if photo and images else settings.SITE_NAME,
        "large": bool(images),
        "published": published,
        "modified": modified,
        "section": article.section.display_name(article.language),
        "authors": [absolute(a.get_absolute_url()) for a in article.byline_authors],
    }


def page_share_context(*, title: str, description: str, url: str, language: str) -> dict:
    """A home or section page's OpenGraph and Twitter tags: every edition has one."""
    return {
        "type": "website",
        "title": title,
        "description": description,
        "url": absolute(url),
        "locale": og_locale(language),
        "alternates": [og_locale(code) for code, _name in settings.LANGUAGES if code != language],
        "image": {"url": logo_url()},
        "image_alt": settings.SITE_NAME,
        "large": False,
    }
