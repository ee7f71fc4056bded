"""`serai import disqus`: threads matched to articles by an imported site's old address, by this
site's own address and by a WordPress post id; replies under their parents wherever they come in
the file; deleted, spam and held posts keep their state; unmatched threads are reported; a second
run imports nothing twice; hostile files fail cleanly."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from serai.comments.models import Comment
from serai.imports.disqus import DisqusImport
from serai.imports.wordpress import WordPressImport
from serai.newsroom.models import Article
from tests.factories import ArticleFactory, SectionFactory

pytestmark = pytest.mark.django_db
DATA = Path(__file__).parent / "data"
Status = Comment.Status


@pytest.fixture
def site():
    """The WordPress site imported first (its old addresses and post ids), and an article made here."""
    WordPressImport(DATA / "steppe-ledger.wxr").run()
    ArticleFactory(language="en", slug="new-bridge", section=SectionFactory(slug="city"))


def by_author() -> dict[str, Comment]:
    return {
        c.author_name: c for c in Comment.objects.filter(moderation_rule="imported", email__endswith=".net")
    }


def test_threads_match_three_ways_and_the_rest_are_reported(site):
    summary = DisqusImport(DATA / "steppe-ledger-disqus.xml").run()
    assert summary.created == {"threads matched": 3, "comments": 6}
    assert summary.skipped == {"threads without an article": 1, "posts on threads without an article": 1}
    assert summary.problems == [
        "no article for the thread at https://old-ledger.example.org/2019/01/a-page-nobody-kept/"
    ]
    comments = by_author()
    assert comments["Aliya Reader"].article.slug == "grain-prices-rise"  # by the old address
    assert comments["Chingiz Reader"].article.slug == "rescue-teams-reach-the-pass"  # by the post id
    assert comments["Dinara Reader"].article == Article.objects.get(slug="new-bridge")  # by our address


def test_replies_states_and_no_address(site):
    DisqusImport(DATA / "steppe-ledger-disqus.xml").run()
    comments = by_author()
    first, deleted, reply = comments["Aliya Reader"], comments["Deleted Reader"], comments["Bolat Reader"]
    assert (deleted.parent, reply.parent, reply.depth, reply.root_id) == (first, deleted, 2, first.pk)
    assert deleted.status == Status.REMOVED and deleted.reply_count == 1  # a tombstone holding a reply
    assert first.reply_count == 1  # the tombstone is shown, so it counts
    assert reply.text == "Agreed & I said so last year."
    assert comments["Chingiz Reader"].status == Status.PENDING
    assert Comment.objects.get(author_name="Spam Bot").status == Status.SPAM
    assert not Comment.objects.exclude(ip_hash="").exists()


def test_a_second_run_imports_nothing_twice(site):
    DisqusImport(DATA / "steppe-ledger-disqus.xml").run()
    count = Comment.objects.count()
    again = DisqusImport(DATA / "steppe-ledger-disqus.xml").run()
    assert Comment.objects.count() == count and again.already == {"comments": 6}


def test_the_command_reports_and_a_dry_run_changes_nothing(site, capsys):
    before = Comment.objects.count()
    call_command("import", "disqus", str(DATA / "steppe-ledger-disqus.xml"), "--dry-run")
    out = capsys.readouterr()
    assert "6 comments" in out.out and "a-page-nobody-kept" in out.err
    assert Comment.objects.count() == before


def test_hostile_and_foreign_files_fail_cleanly(tmp_path):
    bomb = tmp_path / "bomb.xml"
    bomb.write_text('<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaa">]><disqus>&a;</disqus>')
    with pytest.raises(CommandError, match="declares entities"):
        call_command("import", "disqus", str(bomb))
    wxr = DATA / "steppe-ledger.wxr"
    with pytest.raises(CommandError, match="not a Disqus export"):
        call_command("import", "disqus", str(wxr))
