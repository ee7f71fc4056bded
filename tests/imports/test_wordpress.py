"""`serai import wordpress`: our own export of a fictional outlet comes in whole, the second run
and a run after a failure import nothing twice, a dry run changes nothing, old addresses redirect,
and hostile files fail with a clear message."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from serai.comments.models import Comment, Mode, Thread
from serai.imports.models import ImportedItem
from serai.imports.wordpress import WordPressImport
from serai.newsroom.models import Article, Author, Photo, Section
from serai.pages.models import Page
from tests.factories import image_bytes

pytestmark = pytest.mark.django_db
EXPORT = Path(__file__).parent / "data" / "steppe-ledger.wxr"
Status = Comment.Status


@pytest.fixture
def uploads(tmp_path) -> Path:
    """A local copy of the old site's wp-content/uploads (one file is missing on purpose)."""
    root = tmp_path / "uploads"
    for name, fmt in (
        ("2024/05/square.jpg", "JPEG"),
        ("2024/05/market.jpg", "JPEG"),
        ("2024/06/pass.png", "PNG"),
    ):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(image_bytes(size=(1200, 800), fmt=fmt))
    return root


def run(uploads=None, **options):
    importer = WordPressImport(EXPORT, media_dir=uploads, **options)
    return importer.run()


def test_the_whole_site_comes_in(uploads):
    summary = run(uploads)
    assert summary.created == {
        "articles": 5, "authors": 2, "comments": 6, "pages": 1, "photos": 3, "sections": 3,
    }  # fmt: skip
    assert summary.skipped == {"pingbacks": 1, "articles in the trash or of another status": 1,
                               "nav_menu_item items": 1}  # fmt: skip
    assert summary.missing_files == ["https://old-ledger.example.org/wp-content/uploads/2024/05/missing.jpg"]
    statuses = dict(Article.objects.values_list("slug", "status"))
    assert statuses == {
        "grain-prices-rise": "published", "rescue-teams-reach-the-pass": "published",
        "election-preview": "scheduled", "half-written-draft": "draft", "private-memo": "draft",
    }  # fmt: skip
    assert not Article.objects.public().filter(slug="private-memo").exists()
    assert set(Section.objects.values_list("slug", flat=True)) >= {
        "economy",
        "search-section",
        "uncategorized",
    }
    assert Section.objects.get(slug="search-section").name == "Search & Rescue"
    assert set(Author.objects.values_list("name", flat=True)) >= {
        "Aigerim Sample-Writer",
        "Timur Example-Reporter",
    }


def test_bodies_photos_captions_and_credits(uploads):
    run(uploads)
    grain = Article.objects.get(slug="grain-prices-rise")
    assert grain.headline == "Grain prices rise & bakers worry"
    assert grain.standfirst == "Flour costs a third more than in spring."
    assert grain.published_at.isoformat() == "2024-05-14T09:30:00+00:00"
    assert "## What the ministry says" in grain.body and "[photo 2]" in grain.body
    assert "alert" not in grain.body and "<script" not in grain.body_html
    photos = {p.position: p for p in Photo.objects.filter(article=grain).select_related("image")}
    assert set(photos) == {1, 2}  # the featured image leads; the missing file is listed, not fatal
    assert (
        photos[2].caption == "Flour sacks at the central market."
        and photos[2].credit == "A. Fictional/Ledger"
    )
    assert [b.author.name for b in grain.bylines.select_related("author")] == ["Aigerim Sample-Writer"]
    rescue = Article.objects.get(slug="rescue-teams-reach-the-pass")
    assert Photo.objects.get(article=rescue).credit == "R. Invented"
    assert Thread.objects.get(article=rescue).mode == Mode.CLOSED


def test_the_conversation_keeps_its_tree_and_states_and_no_address(uploads):
    run(uploads)
    grain = Article.objects.get(slug="grain-prices-rise")
    comments = {c.author_name + ":" + c.text[:12]: c for c in Comment.objects.filter(article=grain)}
    first, reply, answer = (comments[k] for k in ("Dana Reader:Bread went u", "Erlan Reader:The wholesal",
                                                  "Dana Reader:Then someone"))  # fmt: skip
    assert (reply.parent, answer.parent, answer.root_id, answer.depth) == (first, reply, first.pk, 2)
    assert first.reply_count == 1 and reply.reply_count == 1
    assert first.text == "Bread went up twice this year.\nWho decides this?"
    assert reply.text == "The wholesalers, mostly & nobody checks them."
    assert sorted(c.status for c in comments.values()) == sorted(
        [Status.PUBLISHED] * 3 + [Status.SPAM, Status.PENDING, Status.REMOVED]
    )
    assert all(c.ip_hash == "" for c in comments.values())
    page = Client().get(grain.get_absolute_url()).content.decode()
    assert "Who decides this?" in page and "dana@example.net" not in page
    assert "Buy filters" not in page and "Waiting for a moderator" not in page


def test_a_second_run_imports_nothing_twice(uploads):
    run(uploads)
    counts = (
        Article.objects.count(),
        Comment.objects.count(),
        Photo.objects.count(),
        Section.objects.count(),
    )
    again = run(uploads)
    assert again.created == {}
    assert again.already["articles"] == 5 and again.already["comments"] == 6
    assert counts == (Article.objects.count(), Comment.objects.count(), Photo.objects.count(),
                      Section.objects.count())  # fmt: skip


def test_a_run_stopped_half_way_finishes_with_each_item_once(uploads, monkeypatch):
    monkeypatch.setattr("serai.imports.wordpress.BATCH", 2)  # so that some batches are in
    calls = {"n": 0}
    real = WordPressImport.new_article

    def fails_on_the_third(self, post):
        calls["n"] += 1
        if calls["n"] == 3:
            raise KeyboardInterrupt  # as if the process were stopped in the middle of a post
        return real(self, post)

    monkeypatch.setattr(WordPressImport, "new_article", fails_on_the_third)
    with pytest.raises(KeyboardInterrupt):
        run(uploads)
    assert 0 < Article.objects.count() < 3  # whole batches in, the stopped one not at all
    assert ImportedItem.objects.filter(kind="article").count() == Article.objects.count()
    monkeypatch.setattr(WordPressImport, "new_article", real)
    run(uploads)
    assert Article.objects.count() == 5 and Comment.objects.count() == 6
    assert ImportedItem.objects.filter(kind="article").count() == 5


def test_a_dry_run_reports_and_changes_nothing(uploads, capsys):
    call_command("import", "wordpress", str(EXPORT), "--media-dir", str(uploads), "--dry-run")
    out = capsys.readouterr().out
    assert "Dry run: nothing was changed" in out and "5 articles" in out and "6 comments" in out
    assert (Article.objects.count(), Comment.objects.count(), ImportedItem.objects.count()) == (0, 0, 0)


def test_old_addresses_redirect_to_the_new_pages(uploads, client):
    run(uploads)
    grain = Article.objects.get(slug="grain-prices-rise")
    rescue = Article.objects.get(slug="rescue-teams-reach-the-pass")
    for old, new in (
        ("/2024/05/grain-prices-rise/", grain.get_absolute_url()),
        ("/2024/05/grain-prices-rise", grain.get_absolute_url()),
        ("/?p=11", grain.get_absolute_url()),
        ("/?p=12", rescue.get_absolute_url()),
        ("/category/economy/", "/en/economy/"),
        ("/about-the-ledger/", Page.objects.get(slug="about-the-ledger").get_absolute_url()),
    ):
        response = client.get(old)
        assert (response.status_code, response["Location"]) == (301, new), old
    assert client.get("/2024/05/never-existed/").status_code == 404
    assert client.get("/?p=999").status_code != 301


@pytest.mark.parametrize(
    "content, says",
    [
        ('<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><rss>&b;</rss>',
         "declares entities or a document type"),
        ('<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><rss>&x;</rss>',
         "declares entities or a document type"),
        ('<?xml version="1.0"?><rss><channel><item><title>cut', "not a complete, well-formed"),
        (b'<?xml version="1.0" encoding="UTF-8"?><rss><channel><title>\xff\xfe</title></channel></rss>',
         "not a complete, well-formed"),
        ("<html><body>not an export</body></html>", "not a WordPress export"),
    ],
)  # fmt: skip
def test_hostile_files_fail_cleanly_and_change_nothing(tmp_path, content, says):
    path = tmp_path / "hostile.xml"
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    with pytest.raises(CommandError, match=says):
        call_command("import", "wordpress", str(path))
    assert Article.objects.count() == 0
