"""A comment's language, detected from its text (serai.comments.languages), measured on our own
labelled comments (tests/data/languages/labelled.tsv) against the figures docs/language-detection.md
publishes, and stored when a comment is posted or edited."""

from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path

import pytest

from serai.comments import languages, services
from serai.comments.languages import detect
from serai.comments.models import Comment
from tests.comments.helpers import post_comment
from tests.factories import ArticleFactory
from tests.security.payloads import blns_lines

ROOT = Path(__file__).resolve().parents[2]
LABELLED = ROOT / "tests" / "data" / "languages" / "labelled.tsv"
DOCS = ROOT / "docs" / "language-detection.md"
OURS = ("en", "ru", "kk", "ky", "tg", "tk", "uz")
MARGIN = 5  # percentage points: one or two comments of a language's forty-odd

ROWS = [line.split("\t", 2) for line in LABELLED.read_text(encoding="utf-8").splitlines()[1:] if line]


def documented(row_name: str = "serai") -> dict[str, int]:
    """The per-language row of the docs' first accuracy table for `row_name`."""
    lines = DOCS.read_text(encoding="utf-8").splitlines()
    header = next(line for line in lines if line.startswith("| candidate | en |"))
    row = next(line for line in lines if line.startswith(f"| {row_name} |"))
    names = [cell.strip() for cell in header.strip("|").split("|")]
    cells = [cell.strip() for cell in row.strip("|").split("|")]
    return {name: int(value) for name, value in zip(names, cells, strict=True) if name in (*OURS, "all")}


def _wrong_fallback(language: str) -> str:
    """An edition in another language: an unsure answer then counts as a wrong one."""
    return OURS[(OURS.index(language) + 1) % len(OURS)]


def measured() -> dict[str, int]:
    hits, totals = Counter(), Counter()
    for language, _kind, text in ROWS:
        for key in (language, "all"):
            totals[key] += 1
            hits[key] += detect(text, fallback=_wrong_fallback(language)) == language
    return {key: 100 * hits[key] / totals[key] for key in totals}


def test_the_labelled_set_has_forty_comments_in_each_language_and_every_kind():
    """At least forty per language; plain, mixed and very short ones in each; the spellings
    readers use: Uzbek in Cyrillic, Russian in Latin letters, Turkic languages without their own
    letters."""
    kinds = defaultdict(set)
    for language, kind, text in ROWS:
        kinds[language].add(kind)
        words = len(text.split())
        assert (1 <= words <= 3) if kind == "short" else (5 <= words <= 40), text
    assert set(kinds) == set(OURS)
    assert all(Counter(row[0] for row in ROWS)[language] >= 40 for language in OURS)
    assert all({"plain", "mixed", "short"} <= kinds[language] for language in OURS)
    assert "cyrillic" in kinds["uz"] and "translit" in kinds["ru"]
    assert all("no-special-letters" in kinds[language] for language in ("kk", "ky", "tg", "tk", "uz"))


@pytest.mark.parametrize("language", [*OURS, "all"])
def test_accuracy_on_the_labelled_set_is_at_least_the_documented_figure(language):
    """Unsure answers count as wrong here (the fallback given is another language), so a change
    that makes the detector less sure fails as surely as one that makes it wrong."""
    assert measured()[language] >= documented()[language] - MARGIN


def test_the_documented_figures_are_the_measured_ones():
    """docs/language-detection.md is kept up to date with the detector (to the point)."""
    now = measured()
    assert {key: round(value) for key, value in now.items()} == documented()


@pytest.mark.parametrize(
    "text",
    ["", "   \n\t", "12345 678", "!!! ???", "👍👍👍", "https://example.org/a/b?c=1", "Позор!", "Ok"],
)
def test_text_without_enough_to_go_on_takes_the_editions_language(text):
    assert detect(text, fallback="kk") == "kk"
    assert languages.identify(text) == (None, 0.0)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Бәрі өтірік", "kk"),
        ("Ҳамааш дурӯғ", "tg"),
        ("Ёшлар иш топа олмай чет элга кетмоқда, ўйлаб кўринг.", "uz"),
        ("Toʻgʻri aytasiz", "uz"),
        ("To'g'ri aytasiz", "uz"),
        ("Hemmesi ýalan", "tk"),
        ("Pochemu nikto ne sprosil ministerstvo, pochemu tarif vyros?", "ru"),
    ],
)
def test_letters_of_one_language_decide_even_a_short_comment(text, language):
    assert detect(text, fallback="en") == language


def test_a_quoted_phrase_does_not_decide_a_comment_in_another_language():
    text = "Same old story, as my grandmother says: уәде көп, іс жоқ. Lots of promises, no work done."
    assert detect(text, fallback="ru") == "en"


def test_a_language_that_is_not_ours_takes_the_editions_language():
    text = "Le conseil municipal a promis un nouveau pont avant le printemps, et rien n'a bougé."
    assert detect(text, fallback="ky") == "ky"


def test_a_language_the_site_does_not_publish_in_takes_the_editions_language(settings):
    settings.LANGUAGES = [("en", "English"), ("ru", "Russian")]
    kazakh = "Біздің ауылда әлі күнге дейін таза су жоқ, ал депутаттар тек сайлау алдында келеді."
    assert detect(kazakh, fallback="ru") == "ru"


def test_a_language_added_to_the_site_is_detected_too(settings):
    """CLD2 knows many more languages than ours: what the site publishes in is what it chooses from."""
    settings.LANGUAGES = [*settings.LANGUAGES, ("de", "German")]
    german = "Der Stadtrat hat eine neue Brücke bis zum Frühling versprochen, aber nichts ist passiert."
    assert detect(german, fallback="en") == "de"


def test_naughty_strings_never_fail_and_never_answer_a_language_we_do_not_publish(settings):
    configured = {code for code, _name in settings.LANGUAGES}
    answers = Counter(detect(line, fallback="ru") for line in blns_lines())
    assert set(answers) <= configured
    assert detect("\x00\ud800\udfff" + "a" * 5000, fallback="tg") in configured


def test_a_long_comment_is_judged_by_its_start():
    """A hundred words are plenty, and keep the time per comment bounded."""
    russian = "Мэрия обещала новый мост к весне, а сейчас декабрь, и на месте стройки только забор. "
    assert detect(russian * 40 + "The end, in English.", fallback="en") == "ru"


@pytest.mark.django_db
def test_a_posted_comment_stores_the_language_it_is_written_in(client, post_mode):
    english_edition = ArticleFactory(language="en")
    post_comment(
        client, english_edition, text="Почему никто не спросил министерство, куда ушли деньги на мост?"
    )
    post_comment(client, english_edition, text="Спасибо")  # too short to tell: the edition's
    stored = Comment.objects.filter(article=english_edition).order_by("pk")
    assert [comment.language for comment in stored] == ["ru", "en"]


@pytest.mark.django_db
def test_a_language_given_by_the_caller_wins_and_an_edit_detects_it_again(post_mode):
    article = ArticleFactory(language="ru")
    comment = services.comment_post(
        article=article, author_name="Dilshod", email="d@example.org", form_age=10.0, language="uz",
        text="Мэрия обещала новый мост к весне, а на месте стройки только забор.",
    )  # fmt: skip
    assert comment.language == "uz"
    services.comment_edit(comment=comment, text="Hokimiyat yangi koʻprikni bahorgacha quramiz degan edi.")
    comment.refresh_from_db()
    assert comment.language == "uz"
    services.comment_edit(comment=comment, text="The council promised a new bridge by spring, and nothing.")
    comment.refresh_from_db()
    assert comment.language == "en"
