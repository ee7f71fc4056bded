"""A fresh install: `serai migrate` on an empty database, one article published, and no dead link.

The site is built in a database of its own (a new SQLite file, or a new PostgreSQL database when
the suite runs on PostgreSQL), by the `serai` command and then by a separate process that
publishes one article through the newsroom's services and crawls, as an anonymous reader, every
same-site link, image and stylesheet reachable from the front page of both editions.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urldefrag, urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[1]
START = ("/", "/en/", "/ru/")
# What a reader's browser fetches or follows from a page: (tag, attribute).
LINKED = {("a", "href"), ("link", "href"), ("img", "src"), ("script", "src"), ("source", "src")}
SETTINGS = """\
from serai.settings import *  # noqa: F403

# Static files as the test suite serves them (no manifest to build first); fast password hashes.
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
"""


class Links(HTMLParser):
    """The URLs a page links or embeds, and the ids its elements carry (anchors)."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        for name, value in attrs.items():
            if (tag, name) in LINKED and value:
                self.urls.append(value)
            if name == "srcset" and value:
                self.urls += [part.strip().split(" ")[0] for part in value.split(",") if part.strip()]


def same_site(url: str) -> str | None:
    """The path (with query and fragment) of a link to this site, or None for anything else."""
    parts = urlsplit(url)
    if parts.scheme in ("", "http", "https") and parts.netloc in ("", "testserver"):
        if parts.scheme == "" and not url.startswith("/") and not url.startswith("#"):
            return None  # relative links: Serai renders none; a mailto: or tel: is not ours
        return url[len(f"{parts.scheme}://{parts.netloc}") :] if parts.netloc else url
    return None


def publish_one_article() -> str:
    """A section, an author and one illustrated article, written as the back office writes them."""
    from io import BytesIO

    from django.core.files.base import ContentFile
    from PIL import Image

    from serai.newsroom import services
    from serai.newsroom.models import Article, Author, Photo, Section
    from serai.newsroom.models import Image as LibraryImage

    section = Section.objects.create(name="Region", slug="region")
    author = Author.objects.create(name="Aigerim Sadykova", slug="aigerim-sadykova", bio="Reporter.")
    article = Article(
        language="en", slug="first-story", headline="A first story", section=section,
        dateline="KORSAI", standfirst="The site's first article.",
        body="The town council met on Monday.\n\n## What was decided\n\nA new bridge.",
        status=Article.Status.DRAFT,
    )  # fmt: skip
    article.full_clean()
    article.save()
    services.article_set_authors(article=article, authors=[author])
    buffer = BytesIO()
    Image.new("RGB", (1200, 800), (90, 120, 150)).save(buffer, "JPEG")
    image = LibraryImage(alt_text="A bridge", caption="The old bridge.", credit="Staff")
    image.file.save("bridge.jpg", ContentFile(buffer.getvalue()), save=False)
    image.full_clean()
    image.save()
    services.image_make_renditions(image=image)
    Photo.objects.create(article=article, position=1, image=image)
    services.article_render(article=article)
    services.article_publish(article=article)
    return article.get_absolute_url()


def crawl() -> dict:
    """Visit every same-site URL reachable from the front pages; report what did not answer 200."""
    from django.contrib.staticfiles import finders
    from django.test import Client

    client = Client()
    queue = [(url, "(start)") for url in START]
    seen: set[str] = set()
    anchors: dict[str, set[str]] = {}
    wanted_anchors: list[tuple[str, str, str]] = []
    broken: list[tuple[str, object, str]] = []
    while queue:
        url, found_on = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        if url.startswith("/static/"):
            if not finders.find(urlsplit(url).path.removeprefix("/static/")):
                broken.append((url, "missing static file", found_on))
            continue
        response = client.get(url, follow=True)
        if response.status_code != 200:
            broken.append((url, response.status_code, found_on))
            continue
        if not response.get("Content-Type", "").startswith("text/html"):
            continue
        links = Links()
        links.feed(response.content.decode())
        anchors[url] = links.ids
        for href in links.urls:
            path = same_site(href)
            if path is None:
                continue
            target, fragment = urldefrag(path)
            target = target or url
            if fragment:
                wanted_anchors.append((target, fragment, url))
            queue.append((target, url))
    missing = [
        (target, fragment, found_on)
        for target, fragment, found_on in wanted_anchors
        if target in anchors and fragment not in anchors[target]
    ]
    return {"visited": sorted(seen), "broken": broken, "missing_anchors": missing}


def main() -> None:
    """Run in the fresh site's own process: publish, crawl, and print the findings as JSON."""
    import django

    django.setup()
    article_url = publish_one_article()
    report = crawl()
    report["article"] = article_url
    print(json.dumps(report))


@pytest.fixture
def fresh_database_url(tmp_path):
    """A database nobody has used: a new SQLite file, or a new PostgreSQL database."""
    from django.conf import settings

    database = settings.DATABASES["default"]
    if "postgresql" not in database["ENGINE"]:
        yield f"sqlite:///{tmp_path / 'fresh.sqlite3'}"
        return
    import psycopg

    name = f"{database['NAME']}_fresh_crawl"[:63]
    server = dict(
        host=database.get("HOST") or "127.0.0.1", port=database.get("PORT") or 5432,
        user=database.get("USER") or "postgres", password=database.get("PASSWORD") or None,
    )  # fmt: skip
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    credentials = server["user"] + (f":{server['password']}" if server["password"] else "")
    yield f"postgres://{credentials}@{server['host']}:{server['port']}/{name}"
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def fresh_site(tmp_path, fresh_database_url):
    """Run `serai migrate` into the fresh database; returns the environment of that site."""
    (tmp_path / "fresh_settings.py").write_text(SETTINGS)
    env = {
        **os.environ,
        "SERAI_HOME": str(tmp_path),
        "DATABASE_URL": fresh_database_url,
        "DJANGO_SETTINGS_MODULE": "fresh_settings",
        "PYTHONPATH": os.pathsep.join([str(tmp_path), str(ROOT / "src"), str(ROOT)]),
        "SECRET_KEY": "fresh-install-test-key-" + "x" * 40,
    }
    env.pop("CACHE_URL", None)  # the fresh site keeps its cache in its own process
    migrate = subprocess.run(
        [sys.executable, "-m", "serai", "migrate", "--noinput", "-v0"],
        env=env, cwd=tmp_path, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert migrate.returncode == 0, migrate.stderr
    return env


def test_every_link_of_a_fresh_site_answers(fresh_site, tmp_path):
    """On a just-migrated site with one published article, every same-site link, image and
    stylesheet reachable from the front pages answers 200 (after redirects), and every
    #anchor a page links to exists on its target: the Comment Policy and About pages included."""
    run = subprocess.run(
        [sys.executable, "-c", "from tests.test_fresh_install import main; main()"],
        env=fresh_site, cwd=tmp_path, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    report = json.loads(run.stdout.strip().splitlines()[-1])
    assert report["broken"] == []
    assert report["missing_anchors"] == []
    visited = set(report["visited"])
    for edition in ("en", "ru", "kk", "ky", "tg", "tk", "uz"):  # each edition's own pages
        assert f"/{edition}/pages/comment-policy/" in visited
        assert f"/{edition}/pages/about/" in visited
    assert report["article"] in visited
    assert any(url.startswith("/media/") for url in visited), "the article's photo was not crawled"
