"""`serai export`: the site as WXR that our importer (and WordPress's) reads, and comments as JSON
Lines. The round trip: export → import into an empty Serai → the same articles, editions,
comments and reply tree."""

from __future__ import annotations

import io
import json
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from lxml import etree

from serai.comments.models import Comment, Thread
from serai.imports import wxr
from serai.imports.export import write_comments_jsonl, write_wxr
from serai.imports.models import ImportedItem, LegacyAddress
from serai.imports.wordpress import WordPressImport
from serai.newsroom import services as newsroom
from serai.newsroom.models import Article, Author, Section
from serai.pages.models import Page
from tests.comments.helpers import CommentFactory
from tests.factories import ArticleFactory, AuthorFactory, PageFactory, SectionFactory

pytestmark = pytest.mark.django_db
Status = Comment.Status


@pytest.fixture
def site():
    economy = SectionFactory(name="Economy", slug="economy")
    writer = AuthorFactory(name="Aigerim Sample-Writer", slug="aigerim")
    grain = ArticleFactory(language="en", slug="grain", headline="Grain <prices> & bread ]]> rise",
                           section=economy, dateline="ALMATY",
                           body="Flour costs more.\n\n## Why\n\nRain.")  # fmt: skip
    newsroom.article_set_authors(article=grain, authors=[writer])
    ArticleFactory(
        language="ru", slug="zerno", headline="Цены на зерно", section=economy, translation_of=grain
    )
    ArticleFactory(language="en", slug="old-story", section=economy, status=Article.Status.ARCHIVED)
    ArticleFactory(language="en", slug="plans", section=economy, draft=True)
    ArticleFactory(language="en", slug="later", section=economy, scheduled=True)
    first = CommentFactory(article=grain, author_name="Dana", email="dana@example.net", text="Who decides?")
    reply = CommentFactory(article=grain, parent=first, author_name="Erlan", text="The wholesalers.")
    CommentFactory(article=grain, parent=reply, author_name="Dana", text="Then check them.")
    CommentFactory(article=grain, status=Status.SPAM, text="Buy now")
    CommentFactory(article=grain, status=Status.PENDING, text="Held for a moderator")
    removed = CommentFactory(article=grain, author_name="Gone", text="Rude words")
    CommentFactory(article=grain, parent=removed, text="A reply holding it up")
    Comment.objects.filter(pk=removed.pk).update(status=Status.REMOVED)
    PageFactory(language="kk", slug="about", title="Біз туралы", body="Біз — ойдан шығарылған басылым.")
    return grain


def snapshot() -> dict:
    """What the round trip must keep, without database ids."""
    articles = {
        (a.language, a.slug): (
            a.headline,
            a.status,
            a.body,
            a.standfirst,
            a.dateline,
            a.section.slug,
            a.published_at.replace(microsecond=0) if a.published_at else None,
            a.translation_of.slug if a.translation_of else None,
            [b.author.slug for b in a.bylines.all()],
        )  # fmt: skip
        for a in Article.objects.select_related("section", "translation_of").prefetch_related(
            "bylines__author"
        )
    }
    comments = sorted(
        (
            c.article.slug,
            c.author_name,
            c.text,
            c.status,
            c.parent.text if c.parent else None,
            c.depth,
            c.story.slug,
            c.reply_count,
        )  # fmt: skip
        for c in Comment.objects.select_related("article", "parent", "story")
    )
    pages = sorted(Page.objects.values_list("language", "slug", "title", "body"))
    return {"articles": articles, "comments": comments, "pages": pages}


def test_export_then_import_into_an_empty_site_gives_the_same_site(site, tmp_path):
    before = snapshot()
    path = tmp_path / "site.xml"
    call_command("export", str(path))
    for model in (Comment, Thread, Article, Author, Section, Page, ImportedItem, LegacyAddress):
        model.objects.all().delete()
    summary = WordPressImport(path).run()
    assert summary.problems == []
    assert snapshot() == before


def test_the_export_is_well_formed_wxr_that_never_leaks_an_address(site):
    out = io.StringIO()
    counts = write_wxr(out)
    assert counts["articles"] == 5 and counts["comments"] == 7 and counts["pages"] >= 1
    document = out.getvalue()
    etree.fromstring(document.encode(), etree.XMLParser(recover=False, resolve_entities=False))
    posts = [item for item in wxr.read(io.BytesIO(document.encode())) if isinstance(item, wxr.Post)]
    assert {p.slug for p in posts if p.type == "post"} == {"grain", "zerno", "old-story", "plans", "later"}
    assert "<wp:comment_author_IP></wp:comment_author_IP>" in document
    grain = next(p for p in posts if p.slug == "grain")
    assert grain.title == "Grain <prices> & bread ]]> rise" and grain.status == "publish"


def test_comments_as_json_lines(site):
    out = io.StringIO()
    assert write_comments_jsonl(out) == 7
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    reply = next(r for r in rows if r["text"] == "The wholesalers.")
    parent = next(r for r in rows if r["id"] == reply["parent"])
    assert (
        parent["text"] == "Who decides?"
        and reply["edition"] == "en"
        and reply["url"].endswith(f"#comment-{reply['id']}")
    )
    assert set(rows[0]) == {"id", "story", "article", "edition", "url", "parent", "author_name", "email",
                            "text", "language", "status", "created_at", "published_at",
                            "edited_at"}  # fmt: skip


def test_a_scheduled_article_stays_scheduled(site, tmp_path):
    later = Article.objects.get(slug="later")
    assert later.published_at > timezone.now() - timedelta(minutes=1)
