"""Posting's CPU per comment, in one process: the posting view through Django's test client and
`comment_post` called directly, on a throw-away SQLite file with production settings.

    python bench/profile_posting.py [--n 600] [--profile view|service] [--top 30]

Prints JSON: CPU per comment (`time.process_time`) and comments per second of wall time, for the
view and for the service. Comments are written as bench/post.lua writes them: each commenter
(a distinct address behind one trusted proxy) posts three, each text unique, to a post-moderated
article. `--profile` runs that part again under cProfile and prints its top costs to stderr.
Run it with PYTHONPATH pointing at the source tree to measure (two trees: alternate the runs).
"""

from __future__ import annotations

import argparse
import cProfile
import inspect
import io
import json
import os
import pstats
import secrets
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

HOME = Path(tempfile.mkdtemp(prefix="serai-posting-"))
os.environ.update(
    SERAI_HOME=str(HOME),
    SERAI_ENV="production",
    SECRET_KEY=secrets.token_urlsafe(50),
    DEBUG="false",
    ALLOWED_HOSTS="testserver,127.0.0.1",
    DATABASE_URL=f"sqlite:///{HOME / 'db.sqlite3'}",
    STATIC_ROOT=str(HOME),
    MEDIA_ROOT=str(HOME / "media"),
    SERAI_PAGE_CACHE_DIR=str(HOME / "pagecache"),
    SERAI_TRUSTED_PROXIES="1",
    SERAI_TRUSTED_PROXY_HEADER="HTTP_X_FORWARDED_FOR",  # how the code before SERAI_TRUSTED_PROXIES read it
    LOG_LEVEL="ERROR",
    DJANGO_SETTINGS_MODULE="serai.settings",
)
for name in ("CACHE_URL", "REDIS_URL", "SECURE_COOKIES", "BEHIND_TLS_PROXY"):
    os.environ.pop(name, None)

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from serai.comments import services  # noqa: E402
from serai.comments.forms import issue_form_token  # noqa: E402
from serai.comments.models import Mode, Thread  # noqa: E402
from serai.newsroom import services as newsroom  # noqa: E402
from serai.newsroom.models import Article, Author, Section  # noqa: E402


def make_article() -> Article:
    section = Section.objects.create(name="News", slug="news", position=0)
    author = Author.objects.create(name="A. Writer", slug="a-writer")
    article = Article.objects.create(
        language="en",
        slug="readers-ask-about-heating",
        headline="Readers ask about the heating season",
        section=section,
        dateline="Korsai",
        standfirst="When the heating comes back.",
        body="The heating season starts late this year. " * 40,
        status=Article.Status.DRAFT,
    )
    newsroom.article_set_authors(article=article, authors=[author])
    newsroom.article_render(article=article)
    newsroom.article_publish(article=article, at=timezone.now() - timezone.timedelta(hours=2))
    Thread.objects.update_or_create(article=article, defaults={"mode": Mode.POST})
    return Article.objects.get(pk=article.pk)


def address(n: int) -> str:
    return f"10.{100 + n // 65536 % 100}.{n // 256 % 256}.{n % 256}"


def text(run: str, n: int) -> str:
    return f"Bench {run} #{n}: the heating in block {n % 97} came back on {n % 7 + 1} days late."


class Poster:
    """Posts comment n of a run by commenter first + n // 3, through the view or the service."""

    def __init__(self, article: Article):
        self.article = article
        self.client = Client(enforce_csrf_checks=False)
        self.url = f"/en/comments/{article.pk}/post/"
        self.tokens: list[str] = []
        self.first = 0
        self.takes_token = "form_token" in inspect.signature(services.comment_post).parameters

    def via_view(self, run: str, n: int) -> None:
        c = self.first + n // 3
        data = {
            "author_name": f"Bench reader {c}",
            "email": f"bench{c}@example.org",
            "text": text(run, n),
            "token": self.tokens[n],
            "website": "",
            "parent": "",
        }
        response = self.client.post(
            self.url,
            urlencode(data),  # as a browser and bench/post.lua send the form
            content_type="application/x-www-form-urlencoded",
            headers={"Origin": "http://testserver", "X-Forwarded-For": address(c)},
        )
        self.client.cookies.clear()  # wrk keeps no cookies: each post comes from a new reader
        if not (response.status_code == 303 and "#comment-" in response["Location"]):
            from serai.comments.models import Comment

            last = Comment.objects.order_by("-pk").first()
            raise AssertionError((response.status_code, last and last.moderation_rule))

    def via_service(self, run: str, n: int) -> None:
        c = self.first + n // 3
        extra = {"form_token": self.tokens[n]} if self.takes_token else {}
        comment = services.comment_post(
            article=self.article,
            author_name=f"Bench reader {c}",
            email=f"bench{c}@example.org",
            text=text(run, n),
            ip_address=address(c),
            form_age=10.0,
            **extra,
        )
        assert comment.status == "published", (comment.status, comment.moderation_rule)

    def run(self, how: str, count: int, *, profile: bool = False) -> dict:
        post = self.via_view if how == "view" else self.via_service
        run = f"{how}-{secrets.token_hex(3)}"
        # A token serves one comment per address (as the page's script renews it): made beforehand.
        self.tokens = [issue_form_token(self.article.pk, now=time.time() - 10) for _ in range(count)]
        profiler = cProfile.Profile() if profile else None
        wall, cpu = time.perf_counter(), time.process_time()
        if profiler:
            profiler.enable()
        for n in range(count):
            post(run, n)
        if profiler:
            profiler.disable()
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
        self.first += count // 3 + 1
        if profiler:
            calls = pstats.Stats(profiler).total_calls
            print(json.dumps({"function_calls_per_comment": round(calls / count)}))
            out = io.StringIO()
            pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(ARGS.top)
            pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(ARGS.top)
            print(out.getvalue(), file=sys.stderr)
        return {"cpu_us_per_comment": round(cpu / count * 1e6), "per_second": round(count / wall)}


def main() -> None:
    call_command("migrate", verbosity=0)
    poster = Poster(make_article())
    poster.run("view", 30)  # warm: word lists, bans, templates, the article kept per process
    poster.run("service", 30)
    if ARGS.profile:
        poster.run(ARGS.profile, ARGS.n, profile=True)
        return
    result = {"source": services.__file__, "n": ARGS.n}
    for how in ("view", "service", "view", "service"):
        measured = poster.run(how, ARGS.n)
        result.setdefault(how, []).append(measured)
    print(json.dumps(result))


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=600)
    parser.add_argument("--profile", choices=("view", "service"))
    parser.add_argument("--top", type=int, default=30)
    ARGS = parser.parse_args()
    main()
