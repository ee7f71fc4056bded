"""`serai import disqus FILE.xml`: the comments of a Disqus forum, each thread matched to the
article it was under (detect → parse in `disqus_xml` → load here).

A thread is matched by its page's address: an old address an earlier WordPress import recorded
(`LegacyAddress`), or an article's address on this site (/<edition>/<section>/<slug>/); else by
its identifier, when it names a WordPress post an earlier import brought in ("123 https://…").
Unmatched threads are reported with their addresses; their posts are counted, not imported.

Posts keep their state: deleted ones become removed comments (a tombstone while they hold
replies up), spam stays spam, unapproved ones await moderation. Replies whose parent comes later
in the file wait for it; parents that never come leave their replies at the top level.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from django.db import transaction
from django.urls import Resolver404, resolve
from django.utils import translation

from serai.comments.models import Comment
from serai.core import freshness
from serai.imports import disqus_xml, html
from serai.imports.loading import Records, SourceComment, Summary, store_comments
from serai.imports.models import ImportedItem, LegacyAddress
from serai.newsroom.models import Article

BATCH = 2000  # posts per transaction


def _status(post: disqus_xml.Post) -> str:
    if post.is_spam:
        return Comment.Status.SPAM
    if post.is_deleted:
        return Comment.Status.REMOVED
    return Comment.Status.PUBLISHED if post.is_approved else Comment.Status.PENDING


class DisqusImport:
    def __init__(self, path, *, progress=None):
        self.path = path
        self.progress = progress or (lambda done, total: None)
        self.summary = Summary()
        self.articles: dict[str, Article | None] = {}  # thread id → its article, or None
        self.unmatched: list[str] = []

    def run(self) -> Summary:
        self.records: Records | None = None  # named after the forum, once its first thread is read
        self.done = 0
        batch: list[disqus_xml.Post] = []
        with freshness.held():
            for item in disqus_xml.read(self.path):
                if isinstance(item, disqus_xml.Thread):
                    self.thread(item)
                    continue
                batch.append(item)
                if len(batch) == BATCH:
                    self.store(batch)
            self.store(batch)
        self.summary.problems += [f"no article for the thread at {link}" for link in self.unmatched[:50]]
        return self.summary

    def thread(self, thread: disqus_xml.Thread) -> None:
        if self.records is None:
            self.records = Records(f"disqus:{thread.forum or 'forum'}")
        article = self.match(thread)
        self.articles[thread.id] = article
        if article is None:
            self.summary.count("skipped", "threads without an article")
            self.unmatched.append(thread.link or thread.identifier or thread.id)
        else:
            self.summary.count("created", "threads matched")

    def match(self, thread: disqus_xml.Thread) -> Article | None:
        parts = urlsplit(thread.link)
        if parts.path:
            path = parts.path + (f"?{parts.query}" if parts.query else "")
            old = LegacyAddress.objects.filter(path__in=[path, parts.path]).exclude(article=None).first()
            if old is not None:
                return old.article
            found = _article_at(parts.path)
            if found is not None:
                return found
        post_id = re.match(r"^(\d+)\b", thread.identifier or "")
        if post_id:
            ids = ImportedItem.objects.filter(kind="article", source__startswith="wordpress:")
            ids = ids.filter(source_id=post_id[1])
            pks = list(ids.values_list("object_id", flat=True)[:2])
            if len(pks) == 1:
                return Article.objects.filter(pk=pks[0]).first()
        return None

    def store(self, posts: list[disqus_xml.Post]) -> None:
        """A batch of posts in one transaction, grouped by article."""
        by_article: dict[int, tuple[Article, list[SourceComment]]] = {}
        for post in posts:
            article = self.articles.get(post.thread_id)
            if article is None:
                self.summary.count("skipped", "posts on threads without an article")
                continue
            by_article.setdefault(article.pk, (article, []))[1].append(
                SourceComment(
                    post.id,
                    post.parent_id,
                    post.author_name,
                    post.email,
                    post.date,
                    html.comment_text(post.message),
                    _status(post),
                )  # fmt: skip
            )
        with transaction.atomic():
            for article, comments in by_article.values():
                store_comments(article, comments, self.records, self.summary)
        self.done += len(posts)
        self.progress(self.done, None)
        posts.clear()


def _article_at(path: str) -> Article | None:
    """The article at one of this site's own addresses (/<edition>/<section>/<slug>/)."""
    try:
        match = resolve(path)
    except Resolver404:
        return None
    if match.url_name != "article":
        return None
    language = path.strip("/").split("/", 1)[0]
    with translation.override(language):
        return Article.objects.filter(language=language, slug=match.kwargs.get("slug")).first()
