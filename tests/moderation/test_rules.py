"""Each moderation rule on its own: what it objects to, and what it lets through."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone

from serai.comments.models import Comment
from serai.moderation import rules, words
from serai.moderation.models import Ban, WordListEntry
from serai.moderation.pipeline import Action
from serai.moderation.privacy import email_hash
from tests.moderation.factories import WordFactory, clause, post, submission

pytestmark = pytest.mark.django_db


def test_honeypot_filled_is_spam():
    verdict = rules.honeypot(submission(honeypot="http://casino.example"))
    assert (verdict.action, verdict.rule, verdict.clause_number) == (Action.SPAM, "honeypot", 4)
    assert rules.honeypot(submission(honeypot="  ")) is None


@pytest.mark.parametrize(
    ("age", "rule"),
    [(None, "form-token"), (0.5, "too-fast"), (2.9, "too-fast"), (3 * 86400, "too-old")],
)
def test_form_token_missing_too_fast_or_too_old_holds(age, rule):
    verdict = rules.form_token(submission(form_age=age))
    assert (verdict.action, verdict.rule) == (Action.HOLD, rule)


def test_form_token_in_time_passes_and_edits_are_not_checked():
    assert rules.form_token(submission(form_age=30)) is None
    assert rules.form_token(submission(form_age=None, editing=1)) is None


def test_form_token_missing_reason_says_so():
    assert "missing or invalid" in rules.form_token(submission(form_age=None)).reason


def test_banned_commenter_by_email_or_address_is_rejected_citing_the_ban_clause():
    Ban.objects.create(email_hash=email_hash("Troll@Example.org "), clause=clause(3))
    verdict = rules.banned_commenter(submission(email="troll@example.org", ip_hash="b" * 64))
    assert (verdict.action, verdict.rule, verdict.clause_number) == (Action.REJECT, "banned", 3)
    Ban.objects.create(ip_hash="c" * 64)
    assert rules.banned_commenter(submission(ip_hash="c" * 64)).action == Action.REJECT
    assert rules.banned_commenter(submission()) is None


def test_expired_bans_no_longer_apply():
    Ban.objects.create(ip_hash="a" * 64, expires_at=timezone.now() - timedelta(minutes=1))
    assert rules.banned_commenter(submission()) is None


def _stored(article, ip_hash: str = "a" * 64, *, seconds_ago: float = 0, status=Comment.Status.PUBLISHED):
    """A comment as the pipeline stores every submission: with its address hash and time."""
    return Comment.objects.create(
        article=article,
        author_name="Aigerim",
        email="aigerim@example.org",
        text="A measured comment.",
        ip_hash=ip_hash,
        status=status,
        created_at=timezone.now() - timedelta(seconds=seconds_ago),
    )


def test_rate_limit_holds_the_sixth_comment_in_a_minute(article, settings):
    settings.SERAI_RATE_LIMIT, settings.SERAI_RATE_WINDOW = 5, 60
    verdicts = []
    for _ in range(6):
        verdicts.append(rules.rate_limit(submission(article)))
        _stored(article)
    assert verdicts[:5] == [None] * 5
    assert (verdicts[5].action, verdicts[5].rule) == (Action.HOLD, "rate-limit")
    assert "More than 5 comments from one connection in 60 seconds" in verdicts[5].reason
    assert rules.rate_limit(submission(article, ip_hash="d" * 64)) is None  # another address


def test_rate_limit_counts_every_stored_comment_whatever_its_verdict(article, settings):
    """Held, rejected and spam submissions are stored too, and count: flooding with spam is
    flooding."""
    settings.SERAI_RATE_LIMIT = 3
    for status in (Comment.Status.PENDING, Comment.Status.REJECTED, Comment.Status.SPAM):
        _stored(article, status=status)
    assert rules.rate_limit(submission(article)).rule == "rate-limit"


def test_rate_limit_window_slides_with_the_time_of_each_comment(article, settings):
    settings.SERAI_RATE_LIMIT, settings.SERAI_RATE_WINDOW = 2, 60
    _stored(article, seconds_ago=61)  # outside the window
    _stored(article, seconds_ago=59)
    assert rules.rate_limit(submission(article)) is None
    _stored(article, seconds_ago=1)
    assert rules.rate_limit(submission(article)) is not None
    Comment.objects.filter(created_at__lt=timezone.now() - timedelta(seconds=30)).update(
        created_at=timezone.now() - timedelta(seconds=90)
    )
    assert rules.rate_limit(submission(article)) is None  # one left in the last minute


def test_rate_limit_is_shared_by_every_process_through_the_database(article, settings):
    """Nothing is counted in a cache: a commenter whose comments reached other worker processes
    (other connections to the database) meets the same limit here, and clearing this process's
    cache changes nothing."""
    settings.SERAI_RATE_LIMIT = 2
    _stored(article)
    _stored(article)
    cache.clear()
    assert rules.rate_limit(submission(article)).rule == "rate-limit"


def test_rate_limit_ignores_edits_and_unknown_addresses(settings):
    settings.SERAI_RATE_LIMIT = 0
    assert rules.rate_limit(submission(editing=1)) is None
    assert rules.rate_limit(submission(ip_hash="")) is None


def test_duplicate_from_the_same_person_on_the_same_article_is_held(article):
    post(article, "Same words again and again.", email="a@example.org")
    verdict = rules.duplicate_text(
        submission(article, text="same  WORDS again and again.", email="A@example.org", ip_hash="e" * 64)
    )
    assert (verdict.action, verdict.rule) == (Action.HOLD, "duplicate")


def test_duplicate_by_address_counts_too_but_not_on_another_article(article):
    from tests.moderation.factories import article_with_thread

    first = post(article, "Same words again and again.", email="one@example.org")
    same_address = submission(article, text=first.text, email="two@example.org", ip_hash=first.ip_hash)
    assert rules.duplicate_text(same_address).rule == "duplicate"
    other = article_with_thread()
    assert (
        rules.duplicate_text(
            submission(other, text=first.text, email="two@example.org", ip_hash=first.ip_hash)
        )
        is None
    )


def test_duplicate_older_than_a_day_is_fine(article):
    old = post(article, "Same words again and again.")
    Comment.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(hours=25))
    assert rules.duplicate_text(submission(article, text=old.text, ip_hash=old.ip_hash)) is None


def test_the_same_long_text_three_times_site_wide_in_an_hour_is_spam(article):
    text = "Buy cheap watches at our wonderful shop today"
    post(article, text, email="x1@example.org")
    post(article, text, email="x2@example.org")
    verdict = rules.duplicate_text(submission(text=text, email="x3@example.org", article=article))
    assert (verdict.action, verdict.rule) == (Action.SPAM, "flood")


def test_short_common_replies_are_not_a_flood(article):
    for n in range(3):
        post(article, "Thank you!", email=f"reader{n}@example.org")
    assert rules.duplicate_text(submission(article, text="Thank you!", email="me@example.org")) is None


def test_an_edit_is_not_a_duplicate_of_itself(article):
    comment = post(article, "Same words again and again.")
    edit = submission(article, text=comment.text, ip_hash=comment.ip_hash, editing=comment.pk)
    assert rules.duplicate_text(edit) is None


def test_too_many_links_are_held(settings):
    settings.SERAI_MAX_LINKS = 2
    two = "See https://a.example and www.b.example."
    three = two + " Also http://c.example/page"
    assert rules.too_many_links(submission(text=two)) is None
    verdict = rules.too_many_links(submission(text=three))
    assert (verdict.action, verdict.rule) == (Action.HOLD, "links")


def test_banned_word_rejects_citing_clause_two_or_the_entrys_clause():
    WordFactory(term="idiot")
    verdict = rules.word_lists(submission(text="What an 1d10t."))
    assert (verdict.action, verdict.rule, verdict.clause_number) == (Action.REJECT, "banned-word", 2)
    WordFactory(term="kill you", clause=clause(3))
    assert rules.word_lists(submission(text="I will k.i.l.l you")).clause_number == 3


def test_suspect_word_holds():
    WordFactory(term="scam", kind=WordListEntry.Kind.SUSPECT)
    verdict = rules.word_lists(submission(text="This is a $cam"))
    assert (verdict.action, verdict.rule) == (Action.HOLD, "suspect-word")
    assert rules.word_lists(submission(text="Scampi for dinner")) is None


def test_without_word_lists_the_comment_is_not_reduced_to_skeletons(monkeypatch):
    """An edition with no banned or suspect term passes the rule without the text's skeletons
    being made; once a term exists, they are made once for both lists."""
    made = []
    real = words.skeletons
    monkeypatch.setattr(words, "skeletons", lambda text: made.append(text) or real(text))
    assert rules.word_lists(submission(text="Nothing to find here.")) is None
    assert made == []
    WordFactory(term="scam", kind=WordListEntry.Kind.SUSPECT)
    words.forget()
    made.clear()
    assert rules.word_lists(submission(text="Nothing to find here.")) is None
    assert len([t for t in made if "Nothing to find" in t]) == 1


def test_word_lists_are_per_edition_with_shared_entries():
    WordFactory(term="дурак", language="ru")
    WordFactory(term="idiot", language="")
    assert rules.word_lists(submission(text="дурак", language="ru")).action == Action.REJECT
    assert rules.word_lists(submission(text="дурак", language="en")) is None
    assert rules.word_lists(submission(text="idiot", language="ru")).action == Action.REJECT


def test_the_authors_name_is_checked_too():
    WordFactory(term="idiot")
    assert rules.word_lists(submission(author_name="Mr 1d10t")).rule == "banned-word"


def test_word_list_edits_take_effect_at_once():
    """Compiled lists are cached, and saving or deleting an entry invalidates them."""
    assert rules.word_lists(submission(text="a scoundrel")) is None
    entry = WordFactory(term="scoundrel")
    assert rules.word_lists(submission(text="a scoundrel")) is not None
    entry.kind = WordListEntry.Kind.SUSPECT
    entry.save()
    assert rules.word_lists(submission(text="a scoundrel")).action == Action.HOLD
    entry.delete()
    assert rules.word_lists(submission(text="a scoundrel")) is None


def test_word_list_edits_reach_every_process(django_capture_on_commit_callbacks):
    """Another server process holds the lists it compiled before the edit: the generation the
    edit bumps when it commits makes it compile them again for its next comment."""
    assert rules.word_lists(submission(text="a scoundrel")) is None
    other_process = {"version": words._compiled["version"], "lists": dict(words._compiled["lists"])}
    with django_capture_on_commit_callbacks(execute=True):
        WordFactory(term="scoundrel")
    words._compiled.update(other_process)  # as if this process had not seen the edit itself
    assert rules.word_lists(submission(text="a scoundrel")) is not None


def test_rules_run_in_the_documented_order():
    names = [rule.__name__ for rule in rules.RULES]
    assert names == [
        "honeypot",
        "form_token",
        "banned_commenter",
        "rate_limit",
        "duplicate_text",
        "too_many_links",
        "word_lists",
    ]
