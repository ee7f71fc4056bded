from django import template
from django.conf import settings
from django.utils.html import format_html
from django.utils.translation import get_language

from serai.comments import text as comment_text

register = template.Library()


@register.filter
def clause_title(clause):
    return clause.display_title(get_language()) if clause else ""


@register.simple_tag
def comment_counter(field):
    """'remaining / limit' as the server counts it; the browser's script keeps it live."""
    limit = settings.SERAI_COMMENT_MAX_LENGTH
    value = comment_text.normalise(field.value() or "")
    remaining = limit - comment_text.length(value)
    return format_html(
        '<span class="counter{}" id="comment-counter" data-counter-visible>{} / {}</span>',
        " over" if remaining < 0 else "",
        remaining,
        limit,
    )


@register.simple_tag(takes_context=True)
def comment_html(context, comment, own=False, quoted=False):
    """One comment, through the page's renderer (see serai/comments/rendering.py)."""
    return context["comment_renderer"].comment(comment, own=own, quoted=quoted)


@register.simple_tag(takes_context=True)
def thread_html(context, page):
    return context["comment_renderer"].thread(page.comments, page.more_replies)
