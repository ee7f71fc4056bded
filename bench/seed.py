"""Data for `make bench`, and the checks it makes in the database afterwards.

Run with the bench's environment (DATABASE_URL and friends already set):

    python bench/seed.py seed               -> prints JSON: the articles the bench reads and writes
    python bench/seed.py verify ID PREFIX F -> prints JSON: what the posting run left in the database

    python bench/seed.py search N           -> prints JSON: the search page the bench reads

`search N` adds N older articles in bulk (a month and more before the others, so home and section
pages are unchanged) and fills the search index once.

`seed` makes a small newsroom: four sections, two authors, thirty filler articles (so home and
section pages look real), and four articles the bench uses:
- "k17":   a long article (~40 KB page) with 17 published comments, 4 of them replies;
- "k10k":  an article with 10,000 published comments (9,000 top-level, 1,000 replies);
- "fresh": a post-moderated article for the freshness checks;
- "post":  a post-moderated article the posting run writes to;
- "k17ml": a long article (~40 KB) with Russian and Kazakh editions and 17 published comments in
  three languages (4 of them replies), written on each language's edition; the English page shows
  the Russian and Kazakh ones in translation (a translator's, or a reviewed machine draft), but
  two that nobody translated yet, shown as written.
Comments are bulk-inserted with what the services would have kept (Comment.root, depth and
reply_count), spread over the three days before now.
"""

from __future__ import annotations

import json
import os
import random
import sys
from datetime import timedelta

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "serai.settings")

import django  # noqa: E402

django.setup()

from django.db import transaction  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.utils import timezone, translation  # noqa: E402

from serai.comments import text as comment_text  # noqa: E402
from serai.comments.models import Comment, CommentTranslation, Mode, Thread  # noqa: E402
from serai.core.addresses import ip_hash  # noqa: E402
from serai.newsroom import services as newsroom  # noqa: E402
from serai.newsroom.models import Article, Author, Section  # noqa: E402

WORDS = (
    "the regional council water pipeline villages budget winter herders road school clinic district "
    "ministry report residents market prices wheat harvest river bridge contract mayor court hearing "
    "teachers students railway station airport flights border trade cooperative wool felt yurts lake "
    "mountain pasture drought spring rain energy grid heating coal solar wind turbines election "
    "candidates ballots observers journalists newspaper radio broadcast internet mobile towers "
    "hospital doctors nurses medicine vaccine schedule officials statement spokesperson interview"
).split()
SENTENCES = [
    "Officials in Korsai said the work would be finished before the first frost, though contractors "
    "were less certain.",
    "Residents of the eastern districts have waited more than a decade for a reliable supply.",
    "The council's budget, published on Tuesday, sets aside a fifth of its spending for roads.",
    "“We were told the same thing last year,” said a shopkeeper on the market square.",
    "Herders moving their flocks to the summer pastures reported that several wells had run dry.",
    "The ministry did not answer our questions by the time this article was published.",
    "Teachers say the new timetable leaves too little time for pupils who travel from the villages.",
    "Independent observers will follow the count at every polling station in the region.",
    "The railway company says the night train will run three times a week from next month.",
    "A spokesperson for the district administration confirmed the figures in a written reply.",
]


def _sentence(rng: random.Random) -> str:
    if rng.random() < 0.6:
        return rng.choice(SENTENCES)
    words = rng.sample(WORDS, rng.randint(9, 18))
    return " ".join(words).capitalize() + "."


def _paragraph(rng: random.Random, sentences: int) -> str:
    return " ".join(_sentence(rng) for _ in range(sentences))


def long_body(rng: random.Random, target_chars: int) -> str:
    """A Markdown body of about `target_chars`, with subheadings, a quote and a list."""
    parts: list[str] = []
    size = 0
    n = 0
    while size < target_chars:
        n += 1
        if n % 6 == 0:
            block = f"## {rng.choice(WORDS).capitalize()} and {rng.choice(WORDS)}"
        elif n % 9 == 0:
            block = "> " + rng.choice(SENTENCES)
        elif n % 13 == 0:
            block = "\n".join(f"- {_sentence(rng)}" for _ in range(4))
        else:
            block = _paragraph(rng, rng.randint(3, 6))
        parts.append(block)
        size += len(block) + 2
    return "\n\n".join(parts)


def comment_body(rng: random.Random) -> str:
    text = " ".join(_sentence(rng) for _ in range(rng.randint(1, 4)))
    if rng.random() < 0.2:
        text += "\n\n" + _sentence(rng)
    return text


# What readers write on the Russian and Kazakh editions of the multilingual story ("k17ml").
OTHER_LANGUAGES = {
    "ru": [
        "Наконец-то вода дойдёт до восточных районов, мы ждали этого десять лет.",
        "В нашем селе колодцы пересохли ещё весной, так что новость хорошая.",
        "Интересно, кто заплатит за подключение домов к трубопроводу.",
        "Подрядчики обещали закончить до морозов, но я в этом сомневаюсь.",
    ],
    "kk": [
        "Шығыс аудандарға су жететіні жақсы жаңалық, біз он жыл күттік.",
        "Біздің ауылда құдықтар көктемде-ақ құрғап қалды.",
        "Үйлерді құбырға қосу үшін кім төлейді, соны білгім келеді.",
        "Мердігерлер аязға дейін бітіреміз деді, бірақ сенбеймін.",
    ],
}


def make_comments(
    article: Article, *, top_level: int, replies: int, rng: random.Random, editions=None
) -> list[Comment]:
    """Bulk-insert published comments with the counters the posting service keeps; with
    `editions`, written in turn on each of them, in its language."""
    editions = editions or [article]
    now = timezone.now()
    start = now - timedelta(days=3)
    span = (now - timedelta(minutes=30) - start).total_seconds()
    names = ["Aigerim", "Bolat", "Dana", "Erlan", "Gulnara", "Kairat", "Madina", "Nurlan", "Saule", "Timur"]

    def new(i: int, when, **extra) -> Comment:
        edition = editions[i % len(editions)]
        if edition.language in OTHER_LANGUAGES:
            text = rng.choice(OTHER_LANGUAGES[edition.language])
        else:
            text = comment_body(rng)
        return Comment(
            article=edition,
            story_id=article.translation_of_id or article.pk,
            author_name=f"{rng.choice(names)} {i}",
            email=f"reader{i}@example.org",
            text=text,
            text_html=comment_text.render(text),
            text_hash=comment_text.fingerprint(text),
            language=edition.language,
            status=Comment.Status.PUBLISHED,
            created_at=when,
            published_at=when,
            ip_hash=ip_hash(f"10.{(i >> 16) & 255}.{(i >> 8) & 255}.{i & 255}"),
            moderation_rule="post-moderation",
            **extra,
        )

    with transaction.atomic():
        times = sorted(start + timedelta(seconds=rng.random() * span) for _ in range(top_level))
        roots = Comment.objects.bulk_create([new(i, when) for i, when in enumerate(times)], batch_size=500)
        # Four in five replies answer a top-level comment; the rest answer one of those replies.
        first = replies - replies // 5
        made: list[Comment] = []
        for level, count, parents in ((1, first, roots), (2, replies - first, None)):
            parents = parents or made
            batch = []
            for j in range(count):
                parent = rng.choice(parents)
                when = min(
                    now - timedelta(minutes=1), parent.created_at + timedelta(minutes=rng.randint(1, 600))
                )
                batch.append(
                    new(
                        top_level + len(made) + j,
                        when,
                        parent_id=parent.pk,
                        root_id=parent.root_id or parent.pk,
                        depth=level,
                    )
                )
            made = made + Comment.objects.bulk_create(batch, batch_size=500)
        for row in (
            Comment.objects.filter(story_id=article.translation_of_id or article.pk, parent__isnull=False)
            .values("parent_id")
            .annotate(n=Count("id"))
        ):
            Comment.objects.filter(pk=row["parent_id"]).update(reply_count=row["n"])
    return roots + made


def translate_comments(comments: list[Comment], language: str, *, untranslated: int) -> None:
    """Translations into `language` of the comments written in another, but the first
    `untranslated` of them: a translator's, or a machine's draft a translator reviewed, in turn."""
    now = timezone.now()
    others = [c for c in comments if c.language != language][untranslated:]
    translations = []
    for n, comment in enumerate(others):
        text = comment_body(random.Random(comment.pk))
        translations.append(
            CommentTranslation(
                comment=comment,
                language=language,
                text=text,
                text_html=comment_text.render(text),
                origin=CommentTranslation.Origin.HUMAN if n % 2 else CommentTranslation.Origin.MACHINE,
                reviewed_at=now,
            )
        )
    CommentTranslation.objects.bulk_create(translations)


def seed() -> dict:
    rng = random.Random(20250101)
    now = timezone.now()
    sections = []
    for position, (name, slug) in enumerate(
        [("News", "news"), ("Economy", "economy"), ("Culture", "culture"), ("Opinion", "opinion")]
    ):
        sections.append(
            Section.objects.create(
                name=name, slug=slug, position=position, description=f"{name} from the region."
            )
        )
    authors = [
        Author.objects.create(
            name="Aigerim Sultan", slug="aigerim-sultan", bio="Covers the regional council."
        ),
        Author.objects.create(name="Daniyar Kemel", slug="daniyar-kemel", bio="Economy and trade."),
    ]

    def article(slug: str, headline: str, section: Section, body_chars: int, hours_ago: float) -> Article:
        a = Article.objects.create(
            language="en",
            slug=slug,
            headline=headline,
            section=section,
            dateline="Korsai",
            standfirst=_paragraph(rng, 2)[:590],
            body=long_body(rng, body_chars),
            status=Article.Status.DRAFT,
        )
        newsroom.article_set_authors(article=a, authors=[authors[len(slug) % 2]])
        newsroom.article_render(article=a)
        newsroom.article_publish(article=a, at=now - timedelta(hours=hours_ago))
        return a

    for i in range(30):
        article(
            f"filler-{i}",
            f"Filler story number {i} about the {rng.choice(WORDS)}",
            sections[i % 4],
            3000,
            5 + i,
        )
    k17 = article(
        "water-pipeline-reaches-eastern-districts",
        "Water pipeline reaches the eastern districts a decade after it was promised",
        sections[0],
        16000,
        4,
    )
    k10k = article(
        "council-votes-on-the-new-budget",
        "Council votes on the new budget after a night of debate",
        sections[1],
        16000,
        80,
    )
    fresh = article("night-train-returns", "The night train to Korsai returns", sections[2], 6000, 3)
    post = article("readers-ask-about-heating", "Readers ask about the heating season", sections[3], 6000, 2)
    for a, mode in ((k17, Mode.INHERIT), (k10k, Mode.INHERIT), (fresh, Mode.POST), (post, Mode.POST)):
        Thread.objects.update_or_create(article=a, defaults={"mode": mode})
    make_comments(k17, top_level=13, replies=4, rng=rng)
    make_comments(k10k, top_level=9000, replies=1000, rng=rng)
    make_comments(fresh, top_level=3, replies=0, rng=rng)
    k17ml = multilingual_story(article, sections[0], rng)  # last: the others' data stay as they were
    found = {
        key: {"id": a.pk, "path": a.get_absolute_url(), "headline": a.headline}
        for key, a in (("k17", k17), ("k10k", k10k), ("fresh", fresh), ("post", post), ("k17ml", k17ml))
    }
    found["topic"] = water_topic([k17, k17ml, *Article.objects.filter(slug__startswith="filler-")[:12]])
    return found


def water_topic(articles: list[Article]) -> dict:
    """The topic page the bench measures: "Water", on fourteen articles."""
    from serai.newsroom.models import Topic

    topic = Topic.objects.create(name="Water", slug="water", translated_names={"ru": "Вода"})
    for each in articles:
        each.topics.add(topic)
    with translation.override("en"):
        return {"path": topic.get_absolute_url(), "headline": "Water"}


def multilingual_story(make_article, section: Section, rng: random.Random) -> Article:
    """ "k17ml": the English original, its Russian and Kazakh editions, and one conversation of 17
    comments in the three languages, most of the others translated into English. Made after the
    other articles, so that theirs are made from the same random numbers as before."""
    original = make_article(
        "pastures-get-water-before-summer",
        "Pastures get water before the summer, the district promises",
        section,
        16000,
        4.5,
    )
    editions = [original]
    headlines = {"ru": "Пастбища получат воду до лета", "kk": "Жайылымдарға жазға дейін су"}
    for language, headline in headlines.items():
        edition = Article.objects.create(
            language=language,
            slug=original.slug,
            headline=headline,
            section=section,
            dateline="Korsai",
            standfirst=original.standfirst,
            body=original.body,
            status=Article.Status.DRAFT,
            translation_of=original,
        )
        newsroom.article_set_authors(article=edition, authors=list(original.byline_authors))
        newsroom.article_render(article=edition)
        newsroom.article_publish(article=edition, at=timezone.now() - timedelta(hours=4))
        editions.append(edition)
    Thread.objects.update_or_create(article=original, defaults={"mode": Mode.INHERIT})
    comments = make_comments(original, top_level=13, replies=4, rng=rng, editions=editions)
    translate_comments(comments, "en", untranslated=2)
    return original


SEARCH_QUERY = "pipeline villages"


def search_articles(count: int) -> dict:
    """`count` English articles in bulk, with bylines, then the search index filled once (as
    `serai reindex` does); returns the search page the bench measures."""
    from django.utils.html import escape

    from serai.newsroom.models import Byline
    from serai.search.services import entries_rebuild

    rng = random.Random(20251207)
    now = timezone.now()
    sections = list(Section.objects.order_by("pk"))
    authors = list(Author.objects.order_by("pk"))
    with transaction.atomic():
        for start in range(0, count, 1000):
            batch = []
            for i in range(start, min(count, start + 1000)):
                paragraphs = [_paragraph(rng, rng.randint(3, 5)) for _ in range(3)]
                batch.append(
                    Article(
                        language="en",
                        slug=f"archive-{i}",
                        headline=f"{_sentence(rng)[:120].rstrip('.')} ({i})",
                        section=sections[i % len(sections)],
                        standfirst=_paragraph(rng, 2)[:590],
                        body="\n\n".join(paragraphs),
                        body_html="".join(f"<p>{escape(p)}</p>" for p in paragraphs),
                        status=Article.Status.PUBLISHED,
                        published_at=now - timedelta(days=30, minutes=7 * i),
                    )
                )
            made = Article.objects.bulk_create(batch)
            Byline.objects.bulk_create(
                [Byline(article=a, author=authors[a.pk % len(authors)], position=0) for a in made]
            )
    indexed = entries_rebuild()
    query = SEARCH_QUERY.replace(" ", "+")
    return {"path": f"/en/search/?q={query}", "expect": 'class="search-result"', "indexed": indexed}


def verify(article_id: int, prefix: str, acknowledged_file: str, in_flight: int = 0) -> dict:
    """Compare the comments the server acknowledged (their ids, one per line in
    `acknowledged_file`, read from each 303's Location) with the rows written with `prefix`.

    `in_flight` requests were still unanswered when the load stopped: as many comments may be
    stored without an acknowledgement (or not stored at all), never more; none twice."""
    with open(acknowledged_file, encoding="utf-8") as f:
        acknowledged = [int(line) for line in f if line.strip()]
    rows = list(
        Comment.objects.filter(article_id=article_id, text__startswith=prefix).values_list(
            "id", "text", "status", "author_name"
        )
    )
    ids = {pk for pk, _t, _s, _a in rows}
    texts = [t for _pk, t, _s, _a in rows]
    statuses: dict[str, int] = {}
    for _pk, _t, status, _a in rows:
        statuses[status] = statuses.get(status, 0) + 1
    unanswered_stored = len(ids - set(acknowledged))
    published = Comment.objects.filter(article_id=article_id, status=Comment.Status.PUBLISHED)
    newest = max(acknowledged, default=None)
    return {
        "acknowledged": len(acknowledged),
        "stored": len(rows),
        "lost": len(set(acknowledged) - ids),
        "acknowledged_twice": len(acknowledged) - len(set(acknowledged)),
        "duplicated": len(texts) - len(set(texts)),
        "unacknowledged_stored": max(0, unanswered_stored - in_flight),
        "in_flight_stored": min(unanswered_stored, in_flight),
        "commenters": len({a for pk, _t, _s, a in rows if pk in set(acknowledged)}),
        "last_text": next((t for pk, t, _s, _a in rows if pk == newest), ""),
        "statuses": statuses,
        "actual_published": published.count(),
    }


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else "seed"
    if command == "seed":
        print(json.dumps(seed()))
    elif command == "search":
        print(json.dumps(search_articles(int(sys.argv[2]))))
    elif command == "verify":
        in_flight = int(sys.argv[5]) if len(sys.argv) > 5 else 0
        print(json.dumps(verify(int(sys.argv[2]), sys.argv[3], sys.argv[4], in_flight)))
    else:
        raise SystemExit(f"unknown command {command!r}")
