"""Each moderation rule on its own: what it objects to, and what it lets through."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone

from serai.comments.models import Comment
from serai.moderation import rules, words
from serai.moderation.models import Ban, WordListEntry
from serai.moderation.pipeline import Action, Submission
from serai.moderation.privacy import email_hash
from tests.moderation.factories import WordFactory, clause, post

pytestmark = pytest.mark.django_db


def submission(article=None, **fields) -> Submission:
    values = {
        "article": article, "parent": None, "author_name": "Aigerim", "email": "aigerim@example.org",
        "text": "A measured comment.", "language": "en", "ip_hash": "a" * 64, "form_age": 10.0,
    }
    return Submission(**{**values, **fields})


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
    assert rules.form_token(submission(form_age=None, extra={"editing": 1})) is None


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


def test_rate_limit_holds_the_sixth_comment_in_a_minute(settings):
    settings.SERAI_RATE_LIMIT, settings.SERAI_RATE_WINDOW = 5, 60
    verdicts = [rules.rate_limit(submission()) for _ in range(6)]
    assert verdicts[:5] == [None] * 5
    assert (verdicts[5].action, verdicts[5].rule) == (Action.HOLD, "rate-limit")
    assert rules.rate_limit(submission(ip_hash="d" * 64)) is None  # another address


def test_rate_limit_window_starts_again_once_the_key_expires(settings):
    settings.SERAI_RATE_LIMIT = 1
    assert rules.rate_limit(submission()) is None
    assert rules.rate_limit(submission()) is not None
    cache.delete("serai:moderation:rate:" + "a" * 64)
    assert rules.rate_limit(submission()) is None


def test_rate_limit_steps_aside_when_the_cache_fails(monkeypatch, settings):
    """A cache outage must not become a page error, nor hold every comment."""
    settings.SERAI_RATE_LIMIT = 0

    def broken(*args, **kwargs):
        raise ConnectionError("cache is down")

    monkeypatch.setattr(cache, "add", broken)
    assert rules.rate_limit(submission()) is None


def test_rate_limit_steps_aside_when_the_cache_answers_nothing(monkeypatch, settings):
    """A cache that degrades quietly (serai.core.cache) answers None instead of raising."""
    settings.SERAI_RATE_LIMIT = 0
    monkeypatch.setattr(cache, "add", lambda *args, **kwargs: False)
    monkeypatch.setattr(cache, "incr", lambda *args, **kwargs: None)
    assert rules.rate_limit(submission()) is None


def test_rate_limit_ignores_edits_and_unknown_addresses(settings):
    settings.SERAI_RATE_LIMIT = 0
    assert rules.rate_limit(submission(extra={"editing": 1})) is None
    assert rules.rate_limit(submission(ip_hash="")) is None


def test_duplicate_from_the_same_person_on_the_same_article_is_held(article):
    post(article, "Same words again and again.", email="a@example.org")
    verdict = rules.duplicate_text(submission(article, text="same  WORDS again and again.",
                                              email="A@example.org", ip_hash="e" * 64))
    assert (verdict.action, verdict.rule) == (Action.HOLD, "duplicate")


def test_duplicate_by_address_counts_too_but_not_on_another_article(article):
    from tests.moderation.factories import article_with_thread

    first = post(article, "Same words again and again.", email="one@example.org")
    same_address = submission(article, text=first.text, email="two@example.org", ip_hash=first.ip_hash)
    assert rules.duplicate_text(same_address).rule == "duplicate"
    other = article_with_thread()
    assert rules.duplicate_text(submission(other, text=first.text, email="two@example.org",
                                           ip_hash=first.ip_hash)) is None


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
    edit = submission(article, text=comment.text, ip_hash=comment.ip_hash, extra={"editing": comment.pk})
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
    assert names == ["honeypot", "form_token", "banned_commenter", "rate_limit", "duplicate_text",
                     "too_many_links", "word_lists"]
