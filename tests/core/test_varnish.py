"""Serai behind Varnish with surrogate keys, for real: Debian's varnishd with the xkey vmod runs the
documented VCL (bench/varnish/serai.vcl) in front of the live server.

Each cacheable page carries the names it shows in an `xkey` header; a change purges exactly the
pages tagged with the changed names, through the purge backend's queue ("varnish")."""

from __future__ import annotations

import shutil
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from serai.comments.models import Comment
from serai.comments.services import comment_set_status
from serai.core import purge
from tests.comments.helpers import CommentFactory
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db(transaction=True)
PENDING = Comment.Status.PENDING
VCL = Path(__file__).resolve().parents[2] / "bench" / "varnish" / "serai.vcl"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def varnish(live_server, settings):
    """varnishd in the foreground, in front of the live server, with Serai purging it by key. Its
    folder is one that varnishd's own unprivileged user can read (pytest's are the owner's only)."""
    folder = Path(tempfile.mkdtemp(prefix="serai-varnish-"))
    folder.chmod(0o755)
    if not shutil.which("varnishd"):
        pytest.fail("Debian's varnish is missing: `make test` installs it (apt-get install varnish)")
    app_port = live_server.url.rsplit(":", 1)[1]
    vcl = VCL.read_text()
    vcl = vcl.replace('.port = "8000";', f'.port = "{app_port}";')
    assert f'.port = "{app_port}";' in vcl
    (folder / "serai.vcl").write_text(vcl)
    port = free_port()
    workdir = folder / "work"
    process = subprocess.Popen(
        ["varnishd", "-F", "-a", f"127.0.0.1:{port}", "-f", str(folder / "serai.vcl"),
         "-n", str(workdir), "-s", "malloc,32m", "-p", "vcc_allow_inline_c=off"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    while True:
        try:
            urllib.request.urlopen(url + "/robots.txt", timeout=2).read()
            break
        except (OSError, urllib.error.URLError):
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                said = process.stdout.read().decode()[-2000:]
                raise RuntimeError(f"varnishd did not start: {said}") from None
            time.sleep(0.2)
    settings.SERAI_PURGE_BACKEND = "varnish"
    settings.SERAI_PURGE_URL = url
    settings.SERAI_SURROGATE_KEYS = True
    purge.reset_purger()
    yield url
    process.terminate()
    try:
        process.wait(10)
    except subprocess.TimeoutExpired:
        process.kill()
    purge.reset_purger()
    shutil.rmtree(folder, ignore_errors=True)


def get(url: str) -> tuple[str, str]:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.headers.get("X-Cache", ""), response.read().decode()


def purged() -> None:
    assert purge.purger().flush(10), "the purge queue did not empty"


def test_a_new_comment_purges_its_story_pages_and_no_other(varnish):
    story = ArticleFactory(language="en", slug="grain-prices", headline="Grain prices rise")
    other = ArticleFactory(language="en", slug="new-bridge", headline="A new bridge", section=story.section)
    story_url, other_url = varnish + story.get_absolute_url(), varnish + other.get_absolute_url()
    for url in (story_url, other_url):
        assert get(url)[0] == "MISS"
        assert get(url)[0] == "HIT"

    comment = CommentFactory(article=story, text="Bread will cost more by spring.", status=PENDING)
    comment_set_status(comment=comment, status=Comment.Status.PUBLISHED)
    purged()

    cache_state, html = get(story_url)
    assert cache_state == "MISS" and "Bread will cost more by spring." in html
    assert get(story_url)[0] == "HIT"
    assert get(other_url)[0] == "HIT", "a page that does not show the thread was purged too"


def test_every_edition_of_the_story_is_purged(varnish):
    english = ArticleFactory(language="en", slug="steppe-rail", headline="Steppe rail link opens")
    russian = ArticleFactory(
        language="ru", slug="stepnaya-doroga", headline="Открыта дорога", section=english.section,
        translation_of=english,
    )  # fmt: skip
    urls = [varnish + a.get_absolute_url() for a in (english, russian)]
    for url in urls:
        get(url)
        assert get(url)[0] == "HIT"
    comment = CommentFactory(article=russian, text="Поезд опаздывает уже неделю.", status=PENDING)
    comment_set_status(comment=comment, status=Comment.Status.PUBLISHED)
    purged()
    for url in urls:
        cache_state, html = get(url)
        assert cache_state == "MISS" and f'id="comment-{comment.pk}"' in html


def test_readers_never_see_the_keys_and_strangers_cannot_purge(varnish, live_server):
    story = ArticleFactory(language="en", slug="dust-storm", headline="Dust storm")
    with urllib.request.urlopen(live_server.url + story.get_absolute_url()) as direct:
        keys = direct.headers["xkey"].split()
    assert "site" in keys and "story:en:dust-storm" in keys
    with urllib.request.urlopen(varnish + story.get_absolute_url()) as response:
        assert response.headers.get("xkey") is None
    request = urllib.request.Request(varnish + "/", method="PURGE")
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request)
    assert refused.value.code == 400  # from loopback, but naming nothing: nothing is dropped


def test_the_documented_recipe_is_the_tested_file():
    """docs/deploy.md shows bench/varnish/serai.vcl as it is."""
    docs = (VCL.parents[2] / "docs" / "deploy.md").read_text()
    shown = docs.split("<!-- tests:varnish serai.vcl -->\n```vcl\n", 1)[1].split("```", 1)[0]
    assert shown == VCL.read_text()


def test_a_new_comment_refreshes_the_lists_and_the_comments_feeds_in_front(varnish):
    """The edition's home (its comment counts), the article's and the edition's comments feeds are
    tagged with what they show, and purged by the same comment; an author's page is not."""
    story = ArticleFactory(language="en", slug="bread-queue", headline="Bread queue")
    urls = [
        varnish + path for path in ("/en/", f"{story.get_absolute_url()}comments/feed/", "/en/comments/feed/")
    ]
    for url in urls:
        get(url)
        assert get(url)[0] == "HIT", url
    comment = CommentFactory(article=story, text="Queues since dawn.", status=PENDING)
    comment_set_status(comment=comment, status=Comment.Status.PUBLISHED)
    purged()
    for url in urls:
        cache_state, body = get(url)
        assert cache_state == "MISS", url
    assert "Queues since dawn." in get(urls[2])[1]
