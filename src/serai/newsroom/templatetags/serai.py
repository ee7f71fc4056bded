from django import template
from django.conf import settings
from django.template.loader import render_to_string
from django.utils.translation import get_language

from serai.core.fragments import fragments
from serai.newsroom import editions
from serai.newsroom.images import figure_html, picture_html
from serai.newsroom.rendering import LEAD_SIZES
from serai.newsroom.structured_data import page_share_context, site_json_ld

register = template.Library()


@register.simple_tag
def lead_figure(photo):
    """The lead photo above the body: eager, high priority, full column width."""
    return figure_html(photo, LEAD_SIZES, lazy=False, css_class="photo photo-lead") if photo else ""


@register.simple_tag
def teaser_picture(photo, sizes="(min-width: 60rem) 18rem, 100vw", lazy=True):
    """A teaser's 3:2 picture, cut around the photo's focal point (the whole picture, centred by
    the stylesheet, for a photo made before crops existed)."""
    if not photo:
        return ""
    if any(r.get("crop") == "3x2" for r in photo.crops):
        return picture_html(photo.crops, photo.alt_text, sizes, lazy=lazy, crop="3x2")
    return picture_html(photo.renditions, photo.alt_text, sizes, lazy=lazy)


@register.simple_tag
def portrait(author, size=96):
    return (
        picture_html(author.portrait_renditions, author.name, f"{size}px")
        if author.portrait_renditions
        else ""
    )


@register.simple_tag
def share_tags(title, description, url, page_number=1):
    """A home or section page's canonical link, OpenGraph and Twitter tags (`url` is the page's;
    a list's later pages are pages of their own)."""
    if page_number > 1:
        url = f"{url}?page={page_number}"
    share = page_share_context(title=title, description=description, url=url, language=get_language())
    context = {"share": share, "SITE_NAME": settings.SITE_NAME}
    return render_to_string("newsroom/_page_head.html", context)


@register.simple_tag
def site_structured_data():
    """The edition's home page: the publisher and the edition as a website, in JSON-LD."""
    return site_json_ld(get_language())


@register.filter
def section_name(section):
    return section.display_name(get_language())


def _kept(name: str, context, template_name: str, keys: tuple[str, ...], extra=(), values=None) -> str:
    """A part every page shows, the same on every page of an edition: rendered once per process
    and edition while the site is unchanged (serai.core.fragments). Its key names everything it
    shows that the edition and the site do not decide alone (`extra`, and the `values` given)."""
    language = get_language()
    values = values or {}
    key = ":".join(str(part) for part in (name, language, *extra, *values.values()))
    return fragments().get(
        key,
        ["site"],
        lambda: render_to_string(
            template_name, {k: context.get(k) for k in keys} | values | {"LANG": language}
        ),
    )


@register.simple_tag(takes_context=True)
def masthead(context):
    """The site's name and the edition's tagline, the editions and sections (the current one
    marked). The tagline is the edition's own, else the site's (`newsroom.editions.tagline`)."""
    current = getattr(context.get("section"), "pk", None)
    keys = ("SITE_NAME", "EDITIONS", "nav_sections", "section")
    values = {"SITE_TAGLINE": editions.tagline(get_language())}
    return _kept("masthead", context, "_masthead.html", keys, extra=(current,), values=values)


@register.simple_tag(takes_context=True)
def site_footer(context):
    return _kept("footer", context, "_footer.html", ("SITE_NAME",))


@register.simple_tag
def edition_tagline():
    """The edition's tagline, else the site's (the page's description when it has none of its own)."""
    return editions.tagline(get_language())
