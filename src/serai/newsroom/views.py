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
from serai.newsroom.models import Author, Section
from serai.newsroom.story import render_story
from serai.newsroom.structured_data import with_comment_count

PAGE_SIZE = 20


def home(request):
    pagecache.cacheable(request)
    lead, sections = selectors.home_articles(language=get_language())
    return render(request, "newsroom/home.html", {"lead": lead, "sections": sections})


def section(request, section):
    pagecache.cacheable(request)
    section = get_object_or_404(Section, slug=section)
    articles = selectors.section_articles(section=section, language=get_language())
    page = Paginator(articles, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "newsroom/section.html", {"section": section, "page": page})


def author(request, slug):
    pagecache.cacheable(request)
    author = get_object_or_404(Author, slug=slug)
    articles = selectors.author_articles(author=author, language=get_language())
    page = Paginator(articles, PAGE_SIZE).get_page(request.GET.get("page"))
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
    conversation = below_article(request, article)

    def make_page() -> str:
        # Everything around the conversation: the same for every reader until the site changes.
        context = {
            "article": article,
            "story": render_story(article),
            "preview": False,
            "conversation": _CONVERSATION,
        }
        return render_to_string("newsroom/article.html", context, request)

    page = fragments().get(f"article-page:{language}:{article.pk}", ["site"], make_page)
    return HttpResponse(with_comment_count(page, article).replace(_CONVERSATION, conversation, 1))


# Where the conversation goes in a kept page: raw "<" never comes from anything a reader or an
# editor wrote (escaped, or sanitised HTML without unknown tags), so this can only be the place.
_CONVERSATION = mark_safe("<serai-conversation>")
