"""Load the demo newsroom into the database, once.

Everything is keyed on slugs: what already exists is left exactly as it is (an editor may have
changed it), and only what is missing is created. Articles are written the way the back office
writes them, through `serai.newsroom.services`: bylines, photo renditions, the rendered body,
then publication or scheduling.

The reader conversation is written the way readers and moderators write it: comments through
`serai.comments.services.comment_post` and the moderation pipeline, decisions through
`serai.desk.services` (so the audit log and the thread's counters are right), votes through
`article_vote`. Then the times are moved back to spread it over the days since publication.
An article's conversation is loaded only while the article has no comments at all.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from datetime import datetime, timedelta

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from serai.comments import services as conversation
from serai.comments import votes
from serai.comments.models import ArticleVote, Comment
from serai.core.roles import ensure_roles
from serai.demo import images, multilingual
from serai.demo.accounts import (
    DemoAccount,
    ensure_editor,
    ensure_languages_read,
    ensure_moderator,
    ensure_translator,
)
from serai.demo.articles import PUBLISHED, UNPUBLISHED
from serai.demo.content import AUTHORS, SECTIONS, DemoArticle
from serai.demo.conversation import (
    CONVERSATIONS,
    FEATURED,
    HOLD,
    REMOVE,
    DemoComment,
    DemoConversation,
)
from serai.demo.standing_pages import PAGES
from serai.demo.translations import TRANSLATIONS
from serai.desk import services as desk
from serai.moderation import services as moderation
from serai.moderation.models import Decision, PolicyClause, WordListEntry
from serai.newsroom import services
from serai.newsroom.models import Article, Author, Image, Photo, Section
from serai.pages.defaults import is_untouched
from serai.pages.models import Page

# Minutes a moderator took to approve each comment, taken in turn.
MODERATION_DELAYS = (9, 24, 14, 38, 6, 19, 31, 12, 27, 16)


class DemoLoader:
    def __init__(self) -> None:
        self.now = timezone.now()
        self.created: Counter[str] = Counter()  # what was created, by kind (singular)
        self.skipped: list[str] = []
        self.sections: dict[str, Section] = {}
        self.authors: dict[str, Author] = {}
        self.moderator: DemoAccount | None = None
        self.translator: DemoAccount | None = None
        self.featured: Article | None = None  # the article with the big conversation

    def load(self) -> DemoAccount:
        """Load what is missing; returns the editor's account (the moderator's is `.moderator`, the
        translator's `.translator`)."""
        self.load_sections()
        self.created["edition"] += multilingual.add_editions()
        self.load_authors()
        for story in (*PUBLISHED, *TRANSLATIONS, *UNPUBLISHED):
            self.load_article(story)
        self.load_pages()
        account, moderator, translator = self.load_accounts()
        for demo in CONVERSATIONS:
            article = self.load_conversation(demo, moderator)
            if demo is FEATURED:
                self.featured = article
        self.created.update(multilingual.add_comment_translations(translator, moderator, self.now))
        self.created = +self.created  # drop the kinds nothing was added of
        return account

    def load_accounts(self):
        """The editor's, moderator's and translator's accounts, and the languages each reads;
        returns the editor's DemoAccount and the moderator's and translator's users."""
        account = ensure_editor(ensure_roles())
        self.moderator = ensure_moderator()
        self.translator = ensure_translator()
        accounts = {"editor": account, "moderator": self.moderator, "translator": self.translator}
        for kind, made in accounts.items():
            self.created[f"{kind} account"] += made.created
        self.created["staff language list"] += ensure_languages_read()
        names = [self.moderator.username, self.translator.username]
        users = get_user_model().objects.in_bulk(names, field_name="username")
        return account, users[self.moderator.username], users[self.translator.username]

    # -- newsroom -------------------------------------------------------------------------------
    def load_sections(self) -> None:
        for position, demo in enumerate(SECTIONS, start=1):
            section, created = Section.objects.get_or_create(
                slug=demo.slug,
                defaults={
                    "name": demo.name,
                    "translated_names": demo.translated_names,
                    "description": demo.description,
                    "position": position,
                },
            )
            self.sections[demo.slug] = section
            if created:
                self.created["section"] += 1
            else:
                self.created["section name"] += multilingual.add_section_names(section, demo)

    def load_authors(self) -> None:
        for demo in AUTHORS:
            author = Author.objects.filter(slug=demo.slug).first()
            if author is None:
                with transaction.atomic():
                    author = Author(name=demo.name, slug=demo.slug, bio=demo.bio)
                    portrait = images.portrait_jpeg(demo.initials, demo.colour, seed=len(self.authors))
                    author.portrait.save(f"{demo.slug}.jpg", ContentFile(portrait), save=False)
                    author.full_clean()
                    author.save()
                    services.author_make_renditions(author=author)
                self.created["author"] += 1
            self.authors[demo.slug] = author

    def load_article(self, story: DemoArticle) -> Article | None:
        if Article.objects.filter(language=story.language, slug=story.slug).exists():
            return None
        original = None
        if story.translation_of:
            original = self._untranslated_original(story)
            if original is None:
                self.skipped.append(
                    f"{story.language}/{story.slug} (its original is missing or already has a translation)"
                )
                return None
        with transaction.atomic():
            article = self._write_article(story, original)
            self._add_photos(story, article)
            services.article_render(article=article)
            self._release(story, article)
        self.created["article"] += 1
        return article

    @staticmethod
    def _untranslated_original(story: DemoArticle) -> Article | None:
        """The English original a translation is of, or None when it is gone or an editor has
        already translated it into this language (that translation is left alone)."""
        original = Article.objects.filter(language="en", slug=story.translation_of).first()
        if original is None or original.translations.filter(language=story.language).exists():
            return None
        return original

    def _write_article(self, story: DemoArticle, original: Article | None) -> Article:
        """The article as a draft, with its byline."""
        article = Article(
            language=story.language,
            slug=story.slug,
            headline=story.headline,
            section=self.sections[story.section],
            dateline=story.dateline,
            standfirst=story.standfirst,
            body=story.body,
            status=Article.Status.DRAFT,
            translation_of=original,
        )
        article.full_clean()
        article.save()
        services.article_set_authors(article=article, authors=[self.authors[slug] for slug in story.authors])
        return article

    def _add_photos(self, story: DemoArticle, article: Article) -> None:
        """Draw the story's pictures into the image library and place them in the article."""
        for number, demo in enumerate(story.photos, start=1):
            image = Image(alt_text=demo.alt, caption=demo.caption, credit=demo.credit)
            image.file.save(
                f"{story.slug}-{number}.jpg",
                ContentFile(images.scene_jpeg(demo.scene, demo.seed, demo.light)),
                save=False,
            )
            image.full_clean()
            image.save()
            services.image_make_renditions(image=image)
            Photo.objects.create(article=article, position=number, image=image)
            self.created["photo"] += 1

    def _release(self, story: DemoArticle, article: Article) -> None:
        """Publish or schedule the article as the story says, with its "Updated" note if any."""
        if story.status == "published":
            services.article_publish(article=article, at=self.now - timedelta(hours=story.hours_ago))
        elif story.status == "scheduled":
            services.article_schedule(article=article, at=self.now - timedelta(hours=story.hours_ago))
        if story.update_note:
            # An "Updated" note, as if an editor had revised the article after publication.
            revised_at = article.published_at + timedelta(hours=story.updated_hours_after)
            Article.objects.filter(pk=article.pk).update(revised_at=revised_at, update_note=story.update_note)

    def load_pages(self) -> None:
        """Add the demo's pages, replacing the ones a fresh install made while still unchanged."""
        for demo in PAGES:
            page = Page.objects.filter(language=demo.language, slug=demo.slug).first()
            if page is not None and not is_untouched(page):
                continue
            page = page or Page(language=demo.language, slug=demo.slug)
            page.title, page.body = demo.title, demo.body
            page.save()
            self.created["page"] += 1

    # -- reader conversation --------------------------------------------------------------------
    def load_conversation(self, demo: DemoConversation, moderator) -> Article | None:
        """Post an article's demo comments, moderate them and add its votes, all or nothing."""
        article = Article.objects.filter(language="en", slug=demo.article).select_related("section").first()
        if article is None or not article.is_live:
            self.skipped.append(f"the comments on en/{demo.article} (the article is not published)")
            return article
        if article.comments.exists():
            ours = {comment.by.email for comment in demo.comments}
            if not article.comments.filter(email__in=ours).exists():
                self.skipped.append(
                    f"the comments on en/{demo.article} (readers have commented on it already)"
                )
            return article
        made: Counter[str] = Counter()
        try:
            with transaction.atomic():
                self.add_suspect_terms(demo, article, moderator, made)
                self.post_comments(demo, article, moderator, made)
                self.add_votes(demo, article, made)
        except conversation.CommentsClosed:
            self.skipped.append(f"the comments on en/{demo.article} (comments on it are closed)")
        else:
            self.created.update(made)
        return article

    def add_suspect_terms(self, demo: DemoConversation, article: Article, moderator, made) -> None:
        for language, term in demo.suspect_terms:
            if WordListEntry.objects.filter(language=language, term__iexact=term).exists():
                continue
            entry = moderation.word_add(
                term=term,
                kind=WordListEntry.Kind.SUSPECT,
                language=language,
                moderator=moderator,
                note="Name-calling: a moderator decides whether it is an insult.",
            )
            # Added when the story went up, before the comments came in.
            WordListEntry.objects.filter(pk=entry.pk).update(created_at=article.published_at)
            logged = Decision.objects.filter(action=Decision.Action.WORD_ADDED).latest("pk")
            Decision.objects.filter(pk=logged.pk).update(created_at=article.published_at)
            made["word list term"] += 1

    def post_comments(self, demo: DemoConversation, article: Article, moderator, made) -> None:
        at = self._clock(demo, article)
        posted: dict[str, Comment] = {}
        approved_at: dict[str, datetime] = {}
        ordered = sorted(demo.comments, key=lambda comment: comment.hours_after)
        for number, item in enumerate(ordered):
            comment = conversation.comment_post(
                article=article,
                author_name=item.by.name,
                email=item.by.email,
                text=item.text,
                parent=posted[item.reply_to] if item.reply_to else None,
                ip_address=item.by.address,
                form_age=item.form_age if item.form_age is not None else typing_time(item.text),
                language=item.language,
            )
            written = at(item.hours_after)
            if item.outcome == HOLD:
                Comment.objects.filter(pk=comment.pk).update(created_at=written)
            else:
                if comment.status != Comment.Status.PUBLISHED:
                    comment = desk.comment_approve(comment=comment, moderator=moderator)
                delay = timedelta(minutes=MODERATION_DELAYS[number % len(MODERATION_DELAYS)])
                approved_at[item.key] = min(written + delay * at.scale, self.now)
                self._backdate(comment, written, approved_at[item.key])
            posted[item.key] = comment
            made["comment"] += 1
        for item in ordered:
            if item.outcome == REMOVE:
                self._remove(item, demo, posted, approved_at, moderator)

    def _remove(self, item: DemoComment, demo, posted, approved_at, moderator) -> None:
        """Take the comment down once its replies are up, so the page shows a tombstone."""
        clause = (
            PolicyClause.objects.filter(number=item.clause).first()
            or PolicyClause.objects.filter(active=True).first()
        )
        if clause is None:  # an editor deleted the whole Comment Policy: leave it published
            return
        comment = desk.comment_reject(
            comment=posted[item.key], moderator=moderator, clause=clause, note=item.note
        )
        answered = [approved_at[reply.key] for reply in demo.comments if reply.reply_to == item.key]
        removed_at = min(max([approved_at[item.key], *answered]) + timedelta(minutes=35), self.now)
        Decision.objects.filter(comment=comment, action=Decision.Action.REMOVE).update(created_at=removed_at)

    @staticmethod
    def _backdate(comment: Comment, written: datetime, approved: datetime) -> None:
        Comment.objects.filter(pk=comment.pk).update(created_at=written, published_at=approved)
        Decision.objects.filter(comment=comment, action__in=["approve", "restore"]).update(
            created_at=approved
        )

    def _clock(self, demo: DemoConversation, article: Article) -> Clock:
        """Times after the article's publication, squeezed if it was published more recently."""
        latest = max(comment.hours_after for comment in demo.comments) + 1  # +1: moderation
        available = (self.now - article.published_at).total_seconds() / 3600 - 0.25
        return Clock(article.published_at, min(1.0, max(available, 0.0) / latest))

    def add_votes(self, demo: DemoConversation, article: Article, made) -> None:
        if not demo.votes or ArticleVote.objects.filter(article=article).exists():
            return
        span = self.now - article.published_at
        for number, liked in enumerate(demo.votes, start=1):
            key = hashlib.sha256(f"steppe-ledger-demo-reader-{number}".encode()).hexdigest()[:32]
            votes.article_vote(article=article, liked=liked, voter_key=key, ip_address=f"198.51.100.{number}")
            ArticleVote.objects.filter(article=article, voter_key=key).update(
                created_at=article.published_at + span * number / (len(demo.votes) + 1)
            )
            made["article vote"] += 1


class Clock:
    """Hours after publication to a moment, scaled so the whole conversation is in the past."""

    def __init__(self, start: datetime, scale: float) -> None:
        self.start = start
        self.scale = scale

    def __call__(self, hours_after: float) -> datetime:
        return self.start + timedelta(hours=hours_after * self.scale)


def typing_time(text: str) -> float:
    """Seconds a reader plausibly spends on the form: reading, then about four characters a second."""
    return 40.0 + len(text) / 4
