from django import template
from django.conf import settings
from django.template.loader import render_to_string
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from serai.comments import text as comment_text
from serai.comments.forms import CommentForm, issue_form_token
from serai.core.fragments import fragments

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


_TOKEN = "\x00form-token\x00"


@register.simple_tag(takes_context=True)
def blank_comment_form(context):
    """The comment form as every reader first sees it under an article.

    It is the same for everyone but its token (which says when the form was given out), so it is
    rendered once per article, edition and moderation mode while the site is unchanged, and each
    page gets a new token in it. A form sent back with errors is rendered by its own page.
    """
    article = context["article"]

    def make() -> str:
        form = CommentForm(article=article)
        html = render_to_string("comments/_form.html", {"form": form, "article": article, "parent": None})
        token = form.token_value
        if html.count(token) != 1:
            raise RuntimeError("The comment form must show its token exactly once.")
        return html.replace(token, _TOKEN)

    key = f"comment-form:{get_language()}:{article.pk}:{context.get('mode')}"
    # Tokens are URL-safe base64 with colons: nothing in them needs escaping.
    return mark_safe(fragments().get(key, ["site"], make).replace(_TOKEN, issue_form_token(article.pk)))


@register.simple_tag(takes_context=True)
def feedback_box(context):
    """"Do you like this article?": the same question for every reader who has not answered, kept
    per article and edition while the site is unchanged; a reader who answered sees their answer."""
    article = context["article"]

    def make() -> str:
        return render_to_string("comments/_feedback.html", {"article": article, "my_vote": None})

    if context.get("my_vote"):
        answered = {name: context.get(name) for name in ("article", "thread", "my_vote")}
        return render_to_string("comments/_feedback.html", answered)
    return mark_safe(fragments().get(f"feedback:{get_language()}:{article.pk}", ["site"], make))
