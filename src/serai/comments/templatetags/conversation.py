import functools
import json

from django import template
from django.conf import settings
from django.utils.html import format_html
from django.utils.translation import get_language, ngettext

from serai.comments import text as comment_text
from serai.comments.forms import CommentForm, issue_form_token
from serai.comments.rendering import render_comment

register = template.Library()

# A number of each plural category (Unicode CLDR's names, which the browser's Intl.PluralRules
# answers with): the translation for that number is the category's form in our editions' languages.
PLURAL_SAMPLES = {"zero": 0, "one": 1, "two": 2, "few": 3, "many": 11, "other": 100}


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


@register.simple_tag
def counter_messages(which: str) -> str:
    """What the screen-reader counter says, in each plural form of the edition's language, as
    JSON for the script ("1 character left", "5 characters left")."""
    return _counter_messages(which, get_language())


@functools.lru_cache(maxsize=64)  # the catalogues are read once per process: so are these
def _counter_messages(which: str, language: str) -> str:
    if which == "over":
        forms = {c: ngettext("{n} character over the limit", "{n} characters over the limit", n)
                 for c, n in PLURAL_SAMPLES.items()}  # fmt: skip
    else:
        forms = {
            c: ngettext("{n} character left", "{n} characters left", n) for c, n in PLURAL_SAMPLES.items()
        }
    return json.dumps(forms, ensure_ascii=False)


@register.simple_tag(takes_context=True)
def comment_html(context, comment, own=False, quoted=False):
    """One comment (comments/_comment.html), kept for every reader who did not write it."""
    article = context["article"]
    return render_comment(
        comment,
        article_language=article.language,
        mode=context.get("mode") or "",
        own=own or comment.pk in context.get("own_ids", ()),
        quoted=quoted,
    )


@register.inclusion_tag("comments/_form.html", takes_context=True)
def blank_comment_form(context):
    """The comment form as every reader first sees it under an article, with a new token."""
    return blank_form_context(context["article"], context.get("mode"))


def blank_form_context(article, mode) -> dict:
    return {"form": CommentForm(article=article), "article": article, "parent": None, "mode": mode}


@register.inclusion_tag("comments/_feedback.html", takes_context=True)
def feedback_box(context):
    """ "Do you like this article?", with the signed form token the vote is checked against."""
    return feedback_context(context["article"], context.get("thread"), context.get("my_vote"))


def feedback_context(article, thread, my_vote) -> dict:
    return {"article": article, "thread": thread, "my_vote": my_vote, "token": issue_form_token(article.pk)}
