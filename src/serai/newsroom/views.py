from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from serai.core import pagecache
from serai.core.fragments import fragments
from serai.newsroom import selectors
from serai.newsroom.extensions import below_article
from serai.newsroom.models import Author, Section, Topic
from serai.newsroom.readership import MOST_READ
from serai.newsroom.story import render_story
from serai.newsroom.structured_data import with_comment_count

PAGE_SIZE = 20


def _list_page(request, articles, languages=None):
    """A cacheable list's page of `articles`, with their comment counts: read after the
    generation those counts move with (of each edition the list shows)."""
    pagecache.cacheable(request)
    for language in languages or [get_language()]:
        pagecache.depend(request, selectors.comment_counts_key(language))
    page = Paginator(articles, PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = selectors.with_comment_counts(list(page.object_list))
    return page


def home(request):
    pagecache.cacheable(request)
    language = get_language()
    pagecache.depend(request, selectors.comment_counts_key(language))
    pagecache.depend(request, MOST_READ)
    front = selectors.front_page(language=language)
    context = {"lead": front.lead, "sections": front.sections, "front": front}
    return render(request, "newsroom/home.html", context)


def section(request, section):
    section = get_object_or_404(Section, slug=section)
    page = _list_page(request, selectors.section_articles(section=section, language=get_language()))
    return render(request, "newsroom/section.html", {"section": section, "page": page})


def topic(request, slug):
    topic = get_object_or_404(Topic, slug=slug)
    page = _list_page(request, selectors.topic_articles(topic=topic, language=get_language()))
    return render(request, "newsroom/topic.html", {"topic": topic, "page": page})


def author(request, slug):
    author = get_object_or_404(Author, slug=slug)
    articles = selectors.author_articles(author=author, language=get_language())
    # The author's list shows every edition's articles: it moves with each edition's counts.
    page = _list_page(request, articles, [code for code, _name in settings.LANGUAGES])
    return render(request, "newsroom/author.html", {"author": author, "page": page})


def article(request, section, slug):
    language = get_language()
    # Read the story's generation before its data, so a change made meanwhile is never hidden.
    pagecache.depend(request, pagecache.story_key(language, slug))
    wants_preview = "preview" in request.GET and request.user.is_staff
    article = selectors.article_for_page(language=language, slug=slug, preview=wants_preview)
    if article.section.slug != section:
        # The section changed after the link was shared: send readers to the current address.
        query = "?" + request.GET.urlencode() if request.GET else ""
        return redirect(article.get_absolute_url() + query, permanent=True)
    if wants_preview:
        # A live or archived article looks to staff exactly as it does to readers.
        preview = not (article.is_live or article.status == article.Status.ARCHIVED)
        context = {"article": article, "story": render_story(article), "preview": preview}
        if not preview:
            context["conversation"] = mark_safe(below_article(request, article))
        page = render_to_string("newsroom/article.html", context, request)
        return HttpResponse(with_comment_count(page, article))
    # Readers' own versions are per story (the id of its original edition): a reader's pending
    # comment or vote, given on any edition, shows on every edition's page.
    pagecache.cacheable(request, article_id=article.translation_of_id or article.pk)
    pagecache.count_read(request, article.pk)
    conversation = below_article(request, article)

    def make_page() -> str:
        # Everything around the conversation: the same for every reader until the site changes.
        context = {
            "article": article,
            "story": render_story(article),
            "related": selectors.related_articles(article=article),
            "preview": False,
            "conversation": _CONVERSATION,
        }
        return render_to_string("newsroom/article.html", context, request)

    page = fragments().get(f"article-page:{language}:{article.pk}", ["site"], make_page)
    return HttpResponse(with_comment_count(page, article).replace(_CONVERSATION, conversation, 1))


# Where the conversation goes in a kept page: raw "<" never comes from anything a reader or an
# editor wrote (escaped, or sanitised HTML without unknown tags), so this can only be the place.
_CONVERSATION = mark_safe("<serai-conversation>")
