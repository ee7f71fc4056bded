"""`serai export`: the whole site as a WordPress export (WXR 1.2) that WordPress's importer and
ours both read, and every comment as JSON Lines.

The WXR carries what WordPress understands (HTML bodies, categories, authors, comments with
their reply tree and states) and, as post meta WordPress ignores, what only Serai knows: the
Markdown source, the edition, which article translates which, the dateline and the archived
state; `serai import wordpress` reads them back, so an export imported into an empty Serai gives
the same articles, comments and tree. Written as a stream, articles and comments read in chunks.

Exports hold commenters' email addresses (the operator's own data, needed for notifications
after a move) and never an address: Serai keeps none.
"""

from __future__ import annotations

import json
from datetime import UTC
from email.utils import format_datetime
from itertools import islice
from xml.sax.saxutils import escape, quoteattr

from django.conf import settings
from django.utils import timezone

from serai.comments.models import Comment, Mode, Thread
from serai.newsroom.models import Article, Author, Section
from serai.pages.models import Page
from serai.syndication.xml import xml_text

CHUNK = 200
WP_STATUS = {
    Article.Status.PUBLISHED: "publish",
    Article.Status.SCHEDULED: "future",
    Article.Status.DRAFT: "draft",
    Article.Status.ARCHIVED: "publish",
}
COMMENT_APPROVED = {
    Comment.Status.PUBLISHED: "1",
    Comment.Status.PENDING: "0",
    Comment.Status.SPAM: "spam",
    Comment.Status.REJECTED: "trash",
    Comment.Status.REMOVED: "trash",
}
HEAD = """<?xml version="1.0" encoding="UTF-8" ?>
<!-- A WordPress eXtended RSS export of a Serai site. Import it with WordPress's importer, or
     into Serai with `serai import wordpress`. -->
<rss version="2.0"
\txmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
\txmlns:content="http://purl.org/rss/1.0/modules/content/"
\txmlns:wfw="http://wellformedweb.org/CommentAPI/"
\txmlns:dc="http://purl.org/dc/elements/1.1/"
\txmlns:wp="http://wordpress.org/export/1.2/">
<channel>
"""


def cdata(value: str) -> str:
    """Text in a CDATA section, whatever it holds ("]]>" split across two sections)."""
    return "<![CDATA[" + xml_text(value or "").replace("]]>", "]]]]><![CDATA[>") + "]]>"


def text(value) -> str:
    return escape(xml_text(str(value or "")))


def _gmt(when) -> str:
    return when.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S") if when else "0000-00-00 00:00:00"


def _local(when) -> str:
    return timezone.localtime(when).strftime("%Y-%m-%d %H:%M:%S") if when else "0000-00-00 00:00:00"


def _meta(key: str, value) -> str:
    pair = f"<wp:meta_key>{key}</wp:meta_key><wp:meta_value>{cdata(str(value))}</wp:meta_value>"
    return f"\t\t<wp:postmeta>{pair}</wp:postmeta>\n"


def _chunks(queryset):
    iterator = queryset.iterator(chunk_size=CHUNK)
    while chunk := list(islice(iterator, CHUNK)):
        yield chunk


def write_wxr(out) -> dict[str, int]:
    """The site, to the text stream `out`; returns what was written, by kind."""
    counts = {"authors": 0, "sections": 0, "articles": 0, "pages": 0, "comments": 0}
    out.write(HEAD)
    out.write(
        f"\t<title>{text(settings.SITE_NAME)}</title>\n\t<link>{text(settings.SERAI_SITE_URL)}</link>\n"
    )
    out.write(f"\t<description>{text(settings.SITE_TAGLINE)}</description>\n")
    out.write(
        f"\t<language>{text(settings.LANGUAGE_CODE)}</language>\n\t<wp:wxr_version>1.2</wp:wxr_version>\n"
    )
    out.write(f"\t<wp:base_site_url>{text(settings.SERAI_SITE_URL)}</wp:base_site_url>\n")
    out.write(f"\t<wp:base_blog_url>{text(settings.SERAI_SITE_URL)}</wp:base_blog_url>\n")
    for author in Author.objects.order_by("pk").iterator():
        out.write(f"\t<wp:author><wp:author_id>{author.pk}</wp:author_id><wp:author_login>{cdata(author.slug)}"
                  f"</wp:author_login><wp:author_display_name>{cdata(author.name)}</wp:author_display_name>"
                  "</wp:author>\n")  # fmt: skip
        counts["authors"] += 1
    for section in Section.objects.order_by("pk"):
        out.write(f"\t<wp:category><wp:term_id>{section.pk}</wp:term_id><wp:category_nicename>{cdata(section.slug)}"
                  f"</wp:category_nicename><wp:category_parent></wp:category_parent><wp:cat_name>{cdata(section.name)}"
                  f"</wp:cat_name><wp:category_description>{cdata(section.description)}</wp:category_description>"
                  "</wp:category>\n")  # fmt: skip
        counts["sections"] += 1
    articles = Article.objects.select_related("section").prefetch_related("bylines__author").order_by("pk")
    for chunk in _chunks(articles):
        _write_articles(out, chunk, counts)
    # WordPress numbers pages and posts alike: pages come after the articles' numbers.
    offset = (Article.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
    for page in Page.objects.order_by("pk").iterator():
        out.write(_page_item(page, offset + page.pk))
        counts["pages"] += 1
    out.write("</channel>\n</rss>\n")
    return counts


def _write_articles(out, articles: list[Article], counts: dict[str, int]) -> None:
    comments: dict[int, list[Comment]] = {}
    for comment in Comment.objects.filter(article__in=articles).order_by("created_at", "pk"):
        comments.setdefault(comment.article_id, []).append(comment)
    closed = set(
        Thread.objects.filter(article__in=articles, mode=Mode.CLOSED).values_list("article_id", flat=True)
    )
    for article in articles:
        out.write(_article_item(article, comments.get(article.pk, []), article.pk in closed))
        counts["articles"] += 1
        counts["comments"] += len(comments.get(article.pk, []))


def _article_item(article: Article, comments: list[Comment], closed: bool) -> str:
    bylines = list(article.bylines.all())
    parts = [
        f"\t<item>\n\t\t<title>{text(article.headline)}</title>\n",
        f"\t\t<link>{text(settings.SERAI_SITE_URL + article.get_absolute_url())}</link>\n",
        f"\t\t<pubDate>{format_datetime(article.published_at) if article.published_at else ''}</pubDate>\n",
        f"\t\t<dc:creator>{cdata(bylines[0].author.slug if bylines else '')}</dc:creator>\n",
        f'\t\t<guid isPermaLink="false">{text(settings.SERAI_SITE_URL)}/?p={article.pk}</guid>\n',
        f"\t\t<description></description>\n\t\t<content:encoded>{cdata(article.body_html)}</content:encoded>\n",
        f"\t\t<excerpt:encoded>{cdata(article.standfirst)}</excerpt:encoded>\n",
        f"\t\t<wp:post_id>{article.pk}</wp:post_id>\n",
        f"\t\t<wp:post_date>{_local(article.published_at)}</wp:post_date>\n",
        f"\t\t<wp:post_date_gmt>{_gmt(article.published_at)}</wp:post_date_gmt>\n",
        f"\t\t<wp:comment_status>{'closed' if closed else 'open'}</wp:comment_status>\n",
        f"\t\t<wp:post_name>{cdata(article.slug)}</wp:post_name>\n",
        f"\t\t<wp:status>{WP_STATUS[article.status]}</wp:status>\n\t\t<wp:post_type>post</wp:post_type>\n",
        f'\t\t<category domain="category" nicename={quoteattr(article.section.slug)}>'
        f"{cdata(article.section.name)}</category>\n",
        _meta("serai_language", article.language),
        _meta("serai_markdown", article.body),
        _meta("serai_status", article.status),
    ]
    if article.dateline:
        parts.append(_meta("serai_dateline", article.dateline))
    if article.translation_of_id:
        parts.append(_meta("serai_translation_of", article.translation_of_id))
    parts += [_comment_xml(comment) for comment in comments]
    parts.append("\t</item>\n")
    return "".join(parts)


def _comment_xml(comment: Comment) -> str:
    withdrawn = comment.is_withdrawn
    return (
        f"\t\t<wp:comment><wp:comment_id>{comment.pk}</wp:comment_id>"
        f"<wp:comment_author>{cdata(comment.author_name)}</wp:comment_author>"
        f"<wp:comment_author_email>{cdata('' if withdrawn else comment.email)}</wp:comment_author_email>"
        f"<wp:comment_author_url></wp:comment_author_url><wp:comment_author_IP></wp:comment_author_IP>"
        f"<wp:comment_date>{_local(comment.created_at)}</wp:comment_date>"
        f"<wp:comment_date_gmt>{_gmt(comment.created_at)}</wp:comment_date_gmt>"
        f"<wp:comment_content>{cdata('' if withdrawn else comment.text)}</wp:comment_content>"
        f"<wp:comment_approved>{COMMENT_APPROVED.get(comment.status, 'trash')}</wp:comment_approved>"
        "<wp:comment_type>comment</wp:comment_type>"
        f"<wp:comment_parent>{comment.parent_id or 0}</wp:comment_parent>"
        "<wp:comment_user_id>0</wp:comment_user_id></wp:comment>\n"
    )


def _page_item(page: Page, post_id: int) -> str:
    return (
        f"\t<item>\n\t\t<title>{text(page.title)}</title>\n"
        f"\t\t<link>{text(settings.SERAI_SITE_URL + page.get_absolute_url())}</link>\n"
        f"\t\t<content:encoded>{cdata(page.body_html)}</content:encoded>\n"
        f"\t\t<wp:post_id>{post_id}</wp:post_id>\n\t\t<wp:post_name>{cdata(page.slug)}</wp:post_name>\n"
        "\t\t<wp:status>publish</wp:status>\n\t\t<wp:post_type>page</wp:post_type>\n"
        + _meta("serai_language", page.language)
        + _meta("serai_markdown", page.body)
        + "\t</item>\n"
    )


def write_file(path, writer):
    """`writer(stream)` into a file beside `path`, then put in place: never half an export under
    its name. Returns what the writer returns."""
    partial = path.with_name(path.name + ".partial")
    with partial.open("w", encoding="utf-8") as out:
        result = writer(out)
    partial.replace(path)
    return result


def write_comments_jsonl(out) -> int:
    """Every comment, one JSON object per line, oldest first; returns how many."""
    count = 0
    comments = Comment.objects.select_related("article__section").order_by("pk")
    for chunk in _chunks(comments):
        for comment in chunk:
            out.write(json.dumps(_comment_json(comment), ensure_ascii=False) + "\n")
            count += 1
    return count


def _comment_json(comment: Comment) -> dict:
    withdrawn = comment.is_withdrawn
    return {
        "id": comment.pk,
        "story": comment.story_id,
        "article": comment.article_id,
        "edition": comment.article.language,
        "url": settings.SERAI_SITE_URL + comment.article.get_absolute_url() + f"#comment-{comment.pk}",
        "parent": comment.parent_id,
        "author_name": comment.author_name,
        "email": "" if withdrawn else comment.email,
        "text": "" if withdrawn else comment.text,
        "language": comment.language,
        "status": comment.status,
        "created_at": comment.created_at.isoformat(),
        "published_at": comment.published_at.isoformat() if comment.published_at else None,
        "edited_at": comment.edited_at.isoformat() if comment.edited_at else None,
    }
