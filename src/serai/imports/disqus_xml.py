"""Reading a Disqus export into plain data, one element at a time: `Thread`s (the pages the
comments were under) and `Post`s (the comments, each naming its thread and parent). No database;
read by `wxr.safe_events` (no entities, no document types; malformed files raise `WxrError`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

from serai.imports.wxr import WxrError, safe_events

NS = "{http://disqus.com}"
DSQ_ID = "{http://disqus.com/disqus-internals}id"


@dataclass
class Thread:
    id: str
    identifier: str
    link: str
    title: str
    forum: str = ""


@dataclass
class Post:
    id: str
    thread_id: str
    parent_id: str | None
    author_name: str
    email: str
    date: datetime | None
    message: str
    is_deleted: bool
    is_spam: bool
    is_approved: bool


def _text(element, name: str) -> str:
    child = element.find(NS + name)
    return (child.text or "").strip() if child is not None else ""


def _ref(element, name: str) -> str | None:
    child = element.find(NS + name)
    return child.get(DSQ_ID) if child is not None else None


def _date(value: str) -> datetime | None:
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _post(element) -> Post:
    author = element.find(NS + "author")
    message = element.find(NS + "message")
    return Post(
        id=element.get(DSQ_ID, ""),
        thread_id=_ref(element, "thread") or "",
        parent_id=_ref(element, "parent"),
        author_name=_text(author, "name") if author is not None else "",
        email=_text(author, "email") if author is not None else "",
        date=_date(_text(element, "createdAt")),
        message=(message.text or "") if message is not None else "",
        is_deleted=_text(element, "isDeleted") == "true",
        is_spam=_text(element, "isSpam") == "true",
        is_approved=_text(element, "isApproved") != "false",
    )


def read(source) -> Iterator[Thread | Post]:
    """The export's threads and posts in file order."""
    root = None
    depth = 0
    for event, element in safe_events(source):
        if event == "start":
            depth += 1
            root = element if root is None else root
            continue
        depth -= 1
        if depth != 1:
            continue
        if element.tag == NS + "thread":
            yield Thread(element.get(DSQ_ID, ""), _text(element, "id"), _text(element, "link"),
                         _text(element, "title"), _text(element, "forum"))  # fmt: skip
        elif element.tag == NS + "post":
            yield _post(element)
        element.clear()
        root.remove(element)
    if root is None or root.tag != NS + "disqus":
        raise WxrError("The file is XML but not a Disqus export: it has no <disqus> root.")
