from django import template
from django.utils.translation import get_language

from serai.newsroom.images import figure_html, picture_html
from serai.newsroom.rendering import LEAD_SIZES

register = template.Library()


@register.simple_tag
def lead_figure(photo):
    """The lead photo above the body: eager, high priority, full column width."""
    return figure_html(photo, LEAD_SIZES, lazy=False, css_class="photo photo-lead") if photo else ""


@register.simple_tag
def teaser_picture(photo, sizes="(min-width: 60rem) 18rem, 100vw", lazy=True):
    return picture_html(photo.renditions, photo.alt_text, sizes, lazy=lazy) if photo else ""


@register.simple_tag
def portrait(author, size=96):
    return (
        picture_html(author.portrait_renditions, author.name, f"{size}px")
        if author.portrait_renditions
        else ""
    )


@register.filter
def section_name(section):
    return section.display_name(get_language())
