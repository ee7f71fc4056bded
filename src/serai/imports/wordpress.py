"""`serai import wordpress FILE.xml`: a WordPress site's authors, categories, posts, pages, photos
and comments, and its old addresses, brought into Serai (detect → parse in `wxr` → load here).

Two passes over the file, each reading one item at a time: the first learns the authors,
categories and attachments (addresses of uploaded files), the second imports each post with its
photos and comments in a transaction of its own, recorded with the post's id (`ImportedItem`):
killed half-way, the import runs again and finishes, with each item once.

Statuses: publish → published, future → scheduled, draft, pending and private → drafts (a private
post is never made public), trash → skipped. Pingbacks and trackbacks are skipped and counted;
comments keep their state (approved → published, held → awaiting moderation, spam, trash →
removed). Photos come from a local copy of wp-content/uploads (`media_dir`); a missing file is
listed in the summary, never fatal.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.core.files import File
from django.db import transaction
from django.utils import timezone

from serai.comments.models import Comment, Mode, Thread
from serai.core import freshness
from serai.imports import html, wxr
from serai.imports.loading import (
    Records,
    SourceComment,
    Summary,
    old_address,
    store_addresses,
    store_comments,
    unique_slug,
)
from serai.newsroom import services as newsroom
from serai.newsroom.models import RESERVED_SECTION_SLUGS, Article, Author, Photo, Section
from serai.newsroom.rendering import render_body
from serai.pages.models import Page

ARTICLE_STATUS = {
    "publish": Article.Status.PUBLISHED,
    "future": Article.Status.SCHEDULED,
    "draft": Article.Status.DRAFT,
    "pending": Article.Status.DRAFT,
    "private": Article.Status.DRAFT,
    "auto-draft": Article.Status.DRAFT,
}
COMMENT_STATUS = {
    "1": Comment.Status.PUBLISHED,
    "approve": Comment.Status.PUBLISHED,
    "0": Comment.Status.PENDING,
    "hold": Comment.Status.PENDING,
    "spam": Comment.Status.SPAM,
    "trash": Comment.Status.REMOVED,
    "post-trashed": Comment.Status.REMOVED,
}
UPLOADS = "/wp-content/uploads/"
BATCH = 50  # posts per transaction


@dataclass
class Scan:
    """What the first pass learns: the site, its authors, categories and attachments."""

    site: wxr.Site
    authors: dict[str, wxr.Author]
    categories: dict[str, wxr.Term]
    attachments: dict[str, str]  # attachment post id → file address
    posts: int


def scan(path) -> Scan:
    site, authors, categories, attachments, posts = wxr.Site(), {}, {}, {}, 0
    for item in wxr.read(path, light=True):
        if isinstance(item, wxr.Site):
            site = item
        elif isinstance(item, wxr.Author):
            authors[item.login] = item
        elif isinstance(item, wxr.Term) and item.kind == "category":
            categories[item.slug] = item
        elif isinstance(item, wxr.Post):
            posts += 1
            if item.type == "attachment" and item.attachment_url:
                attachments[item.id] = item.attachment_url
    return Scan(site, authors, categories, attachments, posts)


class WordPressImport:
    def __init__(self, path, *, language: str | None = None, media_dir=None, progress=None, dry_run=False):
        self.path = path
        self.dry_run = dry_run
        self.media_dir = Path(media_dir) if media_dir else None
        self.progress = progress or (lambda done, total: None)
        self.summary = Summary()
        self.language = language or settings.LANGUAGE_CODE

    def run(self) -> Summary:
        self.scan = scan(self.path)
        base = self.scan.site.base_url or self.scan.site.link or str(self.path)
        self.records = Records(f"wordpress:{base.rstrip('/')}")
        self.old_host = urlsplit(base).netloc
        self.sections: dict[str, Section] = {}
        self.authors: dict[str, Author] = {}
        self.addresses: list = []
        self.slugs: dict[str, set[str]] = {}  # edition → the article slugs taken in it
        self.done = 0
        with freshness.held():
            batch: list[wxr.Post] = []
            for item in wxr.read(self.path):
                if isinstance(item, wxr.Post):
                    batch.append(item)
                if len(batch) == BATCH:
                    self.import_batch(batch)
            self.import_batch(batch)
        return self.summary

    def import_batch(self, posts: list[wxr.Post]) -> None:
        """BATCH posts in one transaction, each in a savepoint of its own: a post that fails is
        reported and left out alone; a stopped import loses at most the batch, and its next run
        imports it again."""
        with transaction.atomic():
            for post in posts:
                self.post(post)
            store_addresses(self.addresses)
        self.done += len(posts)
        posts.clear()
        self.progress(self.done, self.scan.posts)

    def post(self, post: wxr.Post) -> None:
        kind = {"post": "articles", "page": "pages"}.get(post.type)
        if kind is None:
            if post.type != "attachment":
                self.summary.count("skipped", f"{post.type} items")
            return
        if post.status == "trash" or (kind == "articles" and post.status not in ARTICLE_STATUS):
            self.summary.count("skipped", f"{kind} in the trash or of another status")
            return
        addresses = len(self.addresses)
        try:
            with transaction.atomic():
                self.page(post) if kind == "pages" else self.article(post)
        except Exception as exc:  # one bad post is reported; the others still come in
            del self.addresses[addresses:]
            self.records.forget()
            self.sections.clear()
            self.authors.clear()
            self.summary.problems.append(f"{post.type} {post.id} ({post.title[:60]!r}): {exc}")

    # Articles -----------------------------------------------------------------------------------

    def article(self, post: wxr.Post) -> None:
        existing = self.records.get("article", post.id)
        if existing is not None:
            self.summary.count("already", "articles")
            article = Article.objects.get(pk=existing)
        else:
            article = self.new_article(post)
            self.records.add("article", [(post.id, article.pk)])
            self.summary.count("created", "articles")
            self.remember(post, article=article)
        self.comments(post, article)

    def new_article(self, post: wxr.Post) -> Article:
        status, language, meta = ARTICLE_STATUS[post.status], self.edition(post), post.meta
        if meta.get("serai_status") in Article.Status.values:  # a Serai export says it exactly
            status = meta["serai_status"]
        featured = self.scan.attachments.get(meta.get("_thumbnail_id", ""))
        markdown, photos = html.body(post.content, first_photo=2 if featured else 1)
        if "serai_markdown" in meta:
            markdown, photos = meta["serai_markdown"], []
        if featured:
            photos.insert(0, html.PhotoRef(1, featured))
        article = Article(
            language=language,
            headline=(self.plain(post, post.title) or f"Post {post.id}")[:200],
            slug=self.article_slug(post, language),
            section=self.section(post),
            standfirst=self.plain(post, post.excerpt)[:600],
            body=markdown,
            dateline=meta.get("serai_dateline", "")[:80],
            status=status,
            published_at=post.date if status != Article.Status.DRAFT else None,
            translation_of_id=self.records.get("article", meta.get("serai_translation_of", "")),
        )
        if status == Article.Status.SCHEDULED and (post.date is None or post.date <= timezone.now()):
            article.status = Article.Status.PUBLISHED if post.date else Article.Status.DRAFT
        if not photos:  # rendered before it is stored: one write
            article.body_html = render_body(article.body, dateline=article.dateline)
        article.save()
        for photo in photos:
            self.photo(article, photo)
        author = self.author(post.creator)
        newsroom.article_set_authors(article=article, authors=[author] if author else [])
        if photos:
            newsroom.article_render(article=article)
        return article

    @staticmethod
    def plain(post: wxr.Post, value: str) -> str:
        """A title or excerpt as plain text: WordPress's are HTML, a Serai export's are text."""
        return " ".join(value.split()) if "serai_markdown" in post.meta else html.plain(value)

    def edition(self, post: wxr.Post) -> str:
        """The edition a post goes to: as a Serai export says, else the one asked for."""
        named = post.meta.get("serai_language", "")
        return named if named in dict(settings.LANGUAGES) else self.language

    def article_slug(self, post: wxr.Post, language: str) -> str:
        if language not in self.slugs:
            self.slugs[language] = set(
                Article.objects.filter(language=language).values_list("slug", flat=True)
            )
        taken = self.slugs[language]
        slug = unique_slug(post.slug or post.title, taken.__contains__, fallback=f"post-{post.id}")
        taken.add(slug)
        return slug

    def section(self, post: wxr.Post) -> Section:
        slug = next(
            (s for domain, s, _name in post.categories if domain == "category" and s), "uncategorized"
        )
        known = self.records.get("section", slug)
        if known is not None:
            self.sections[slug] = Section.objects.get(pk=known)
            return self.sections[slug]
        term = self.scan.categories.get(slug)
        name = html.plain(term.name if term else "") or slug.replace("-", " ").title()
        wanted = slug if slug not in RESERVED_SECTION_SLUGS else f"{slug}-section"
        existing = Section.objects.filter(slug=wanted).first()
        section = existing or Section.objects.create(
            name=name[:80], slug=unique_slug(wanted, lambda s: Section.objects.filter(slug=s).exists(),
                                             fallback="section", max_length=80),
            description=html.plain(term.description if term else ""),
        )  # fmt: skip
        self.records.add("section", [(slug, section.pk)])
        self.addresses += old_address(f"/category/{slug}/", self.language, section=section)
        self.summary.count("created" if existing is None else "already", "sections")
        self.sections[slug] = section
        return section

    def author(self, login: str) -> Author | None:
        if not login:
            return None
        if login in self.authors:
            return self.authors[login]
        known = self.records.get("author", login)
        if known is not None:
            self.authors[login] = Author.objects.get(pk=known)
            return self.authors[login]
        source = self.scan.authors.get(login)
        name = html.plain(source.display_name if source else "") or login
        author = Author.objects.create(
            name=name[:120],
            slug=unique_slug(login, lambda s: Author.objects.filter(slug=s).exists(), fallback="author",
                             max_length=120),
        )  # fmt: skip
        self.records.add("author", [(login, author.pk)])
        self.addresses += old_address(f"/author/{login}/", self.language, author=author)
        self.summary.count("created", "authors")
        self.authors[login] = author
        return author

    def photo(self, article: Article, photo: html.PhotoRef) -> None:
        local = self.local_file(photo.url)
        if local is None:
            self.summary.missing_files.append(photo.url)
            return
        relative = str(local.relative_to(self.media_dir))
        image_id = self.records.get("image", relative)
        if image_id is None and self.dry_run:
            self.summary.count("created", "photos")  # found, and would be added to the library
            return
        if image_id is None:
            with local.open("rb") as handle:
                image = newsroom.image_add(
                    file=File(handle, name=local.name), alt_text=photo.alt[:250] or article.headline[:250],
                    caption=photo.caption[:600], credit=photo.credit[:120],
                )  # fmt: skip
            self.records.add("image", [(relative, image.pk)])
            self.summary.count("created", "photos")
            image_id = image.pk
        Photo.objects.create(article=article, position=photo.number, image_id=image_id,
                             caption_override=photo.caption[:600])  # fmt: skip

    def local_file(self, url: str) -> Path | None:
        """The uploaded file's copy under media_dir, for an address of the old site's uploads
        (the full-size original when the address names a resized copy, "-300x200")."""
        if self.media_dir is None or UPLOADS not in url:
            return None
        relative = urlsplit(url).path.split(UPLOADS, 1)[1]
        candidates = [relative, html.without_size(relative)]
        for candidate in candidates:
            path = (self.media_dir / candidate).resolve()
            if path.is_file() and self.media_dir.resolve() in path.parents:
                return path
        return None

    # Comments, pages, addresses -----------------------------------------------------------------

    def comments(self, post: wxr.Post, article: Article) -> None:
        kept = []
        for comment in post.comments:
            if comment.type in ("pingback", "trackback"):
                self.summary.count("skipped", f"{comment.type}s")
                continue
            status = COMMENT_STATUS.get(comment.approved, Comment.Status.PENDING)
            kept.append(SourceComment(comment.id, None if comment.parent_id == "0" else comment.parent_id,
                                      comment.author, comment.email, comment.date,
                                      html.comment_text(comment.content), status))  # fmt: skip
        store_comments(article, kept, self.records, self.summary)
        if post.comment_status == "closed":
            Thread.objects.update_or_create(article=article, defaults={"mode": Mode.CLOSED})

    def page(self, post: wxr.Post) -> None:
        if self.records.get("page", post.id) is not None:
            self.summary.count("already", "pages")
            return
        language = self.edition(post)
        taken = Page.objects.filter(language=language)
        markdown, photos = html.body(post.content)
        if "serai_markdown" in post.meta:
            markdown, photos = post.meta["serai_markdown"], []
        page = Page.objects.create(
            language=language,
            slug=unique_slug(post.slug or post.title, lambda s: taken.filter(slug=s).exists(),
                             fallback=f"page-{post.id}", max_length=80),
            title=(self.plain(post, post.title) or f"Page {post.id}")[:200],
            body=markdown,
        )  # fmt: skip
        self.summary.count("skipped", "photos in pages", len(photos))
        self.records.add("page", [(post.id, page.pk)])
        self.remember(post, page=page)
        self.summary.count("created", "pages")

    def remember(self, post: wxr.Post, **target) -> None:
        """The post's old addresses: its permalink and its ?p= (or ?page_id=) form."""
        key = "page_id" if "page" in target else "p"
        language = next(iter(target.values())).language
        self.addresses += old_address(f"/?{key}={post.id}", language, **target)
        parts = urlsplit(post.link)
        if parts.path and parts.path != "/" and (not parts.netloc or parts.netloc == self.old_host):
            path = parts.path + (f"?{parts.query}" if parts.query else "")
            self.addresses += old_address(path, language, **target)
