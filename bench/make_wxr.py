"""Write a WordPress export (WXR 1.2) of any size, for the import benchmark and memory tests.

    python bench/make_wxr.py OUT.xml --posts 10000 --comments 100000 [--body-kb 2]

Posts spread over a few categories and authors; comments spread evenly, every third a reply to
the one before it. Written as a stream: the generator itself needs no memory for the file.
"""

from __future__ import annotations

import argparse
from datetime import UTC, datetime, timedelta
from xml.sax.saxutils import escape

HEAD = """<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
 xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
<title>Generated Ledger</title><link>https://generated.example.org</link><language>en</language>
<wp:wxr_version>1.2</wp:wxr_version><wp:base_site_url>https://generated.example.org</wp:base_site_url>
"""
PARAGRAPH = "Grain, rail and water: the region's week in plain words, told at length for the test. "


def comment_xml(cid: int, parent: int, when: datetime) -> str:
    return (
        f"<wp:comment><wp:comment_id>{cid}</wp:comment_id>"
        f"<wp:comment_author><![CDATA[Reader {cid % 997}]]></wp:comment_author>"
        f"<wp:comment_author_email>reader{cid % 997}@example.net</wp:comment_author_email>"
        f"<wp:comment_author_IP>192.0.2.{cid % 250}</wp:comment_author_IP>"
        f"<wp:comment_date_gmt>{when:%Y-%m-%d %H:%M:%S}</wp:comment_date_gmt>"
        f"<wp:comment_content><![CDATA[Comment {cid}: the price of bread again.]]></wp:comment_content>"
        f"<wp:comment_approved>1</wp:comment_approved><wp:comment_type>comment</wp:comment_type>"
        f"<wp:comment_parent>{parent}</wp:comment_parent></wp:comment>"
    )


def post_xml(pid: int, comments: range, body: str, start: datetime) -> str:
    when = start + timedelta(minutes=pid)
    parts = [
        f"<item><title>{escape(f'Generated story {pid}')}</title>",
        f"<link>https://generated.example.org/?p={pid}</link><dc:creator>writer{pid % 7}</dc:creator>",
        f"<content:encoded><![CDATA[{body}]]></content:encoded><excerpt:encoded><![CDATA[]]></excerpt:encoded>",
        f"<wp:post_id>{pid}</wp:post_id><wp:post_date_gmt>{when:%Y-%m-%d %H:%M:%S}</wp:post_date_gmt>",
        f"<wp:post_name>generated-story-{pid}</wp:post_name><wp:status>publish</wp:status>",
        f'<wp:post_type>post</wp:post_type><category domain="category" nicename="desk-{pid % 5}">'
        f"<![CDATA[Desk {pid % 5}]]></category>",
    ]
    for n, cid in enumerate(comments):
        parent = cid - 1 if n % 3 == 2 else 0
        parts.append(comment_xml(cid, parent, when + timedelta(seconds=n)))
    parts.append("</item>\n")
    return "".join(parts)


def write(path: str, posts: int, comments: int, body_kb: float = 2) -> None:
    start = datetime(2024, 1, 1, tzinfo=UTC)
    paragraphs = max(1, int(body_kb * 1024 / (len(PARAGRAPH) * 4)))
    body = "\n\n".join(PARAGRAPH * 4 for _ in range(paragraphs))
    per_post, extra = divmod(comments, posts) if posts else (0, 0)
    with open(path, "w", encoding="utf-8") as out:
        out.write(HEAD)
        for n in range(7):
            login = f"<wp:author_login>writer{n}</wp:author_login>"
            name = f"<wp:author_display_name>Writer {n}</wp:author_display_name>"
            out.write(f"<wp:author>{login}{name}</wp:author>\n")
        cid = 1
        for pid in range(1, posts + 1):
            count = per_post + (1 if pid <= extra else 0)
            out.write(post_xml(pid, range(cid, cid + count), body, start))
            cid += count
        out.write("</channel>\n</rss>\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out")
    parser.add_argument("--posts", type=int, default=10_000)
    parser.add_argument("--comments", type=int, default=100_000)
    parser.add_argument("--body-kb", type=float, default=2)
    args = parser.parse_args()
    write(args.out, args.posts, args.comments, args.body_kb)


if __name__ == "__main__":
    main()
