"""The reader conversation: threads under articles, comments and replies, article votes."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from serai.comments.text import fingerprint


class Mode(models.TextChoices):
    """How a thread takes new comments; INHERIT only as a stored setting, never as a thread's mode."""

    INHERIT = "inherit", _("As the section (or site) decides")
    PRE = "pre", _("Pre-moderated: comments wait for a moderator")
    POST = "post", _("Post-moderated: comments appear at once, moderators review after")
    CLOSED = "closed", _("Closed: no new comments")


class SectionConversation(models.Model):
    """Per-section defaults for the conversation; articles inherit them unless they override."""

    section = models.OneToOneField(
        "newsroom.Section", on_delete=models.CASCADE, related_name="conversation", verbose_name=_("section")
    )
    mode = models.CharField(_("moderation"), max_length=8, choices=Mode.choices, default=Mode.INHERIT)
    close_after_days = models.PositiveIntegerField(
        _("close after days"), null=True, blank=True, help_text=_("Empty: as the site decides.")
    )

    class Meta:
        verbose_name = _("section conversation settings")
        verbose_name_plural = _("section conversation settings")

    def __str__(self) -> str:
        return str(self.section)


class Thread(models.Model):
    """One story's conversation: its settings and its vote totals ("82% liked this").

    A story is an original article and its translations (`Article.translation_of`); they share
    one thread, the original's: its settings are set once for every edition, its totals count
    every edition's votes (`story_id`).

    The number of published comments ("17 Comments") is counted when the thread's block is made
    (`serai.comments.selectors.published_count`), which happens once per change per process: a
    counter kept here cost every comment an UPDATE of this row inside the write transaction.
    """

    article = models.OneToOneField(
        "newsroom.Article",
        on_delete=models.CASCADE,
        related_name="thread",
        verbose_name=_("article"),
        limit_choices_to={"translation_of__isnull": True},
        help_text=_("The story's original edition: its translations share this conversation."),
    )
    mode = models.CharField(_("moderation"), max_length=8, choices=Mode.choices, default=Mode.INHERIT)
    close_after_days = models.PositiveIntegerField(
        _("close after days"), null=True, blank=True, help_text=_("Empty: as the section decides.")
    )
    votes_yes = models.PositiveIntegerField(default=0, editable=False)
    votes_no = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        verbose_name = _("conversation")
        verbose_name_plural = _("conversations")

    def __str__(self) -> str:
        return str(self.article)

    @property
    def votes_total(self) -> int:
        return self.votes_yes + self.votes_no

    @property
    def liked_percent(self) -> int | None:
        return round(100 * self.votes_yes / self.votes_total) if self.votes_total else None


class Status(models.TextChoices):
    PENDING = "pending", _("Awaiting moderation")
    PUBLISHED = "published", _("Published")
    REJECTED = "rejected", _("Rejected")
    REMOVED = "removed", _("Removed")
    SPAM = "spam", _("Spam")


# States in which a comment shows readers only a tombstone ("This comment was removed…"), and
# only while it still holds replies up.
TOMBSTONE_STATES = frozenset({Status.REJECTED, Status.REMOVED, Status.SPAM})
# The moderation rule a comment carries once its author withdrew it: its words and email are gone.
WITHDRAWN = "withdrawn"


def story_id(article) -> int:
    """The story an article belongs to, as the conversation names it: its original edition's id."""
    return article.translation_of_id or article.pk


def to_own_edition(collector, field, sub_objs, using) -> None:
    """`on_delete` of a comment's story: when a story's original edition is deleted, its
    translations become stories of their own (`Article.translation_of` is set empty), and each
    comment follows the edition it was written on; those written on the original go with it."""
    collector.add_field_update(field, models.F("article"), sub_objs)


to_own_edition.lazy_sub_objs = True  # the comments are updated in one statement, never loaded


def shown_in_thread(status: str, reply_count: int) -> bool:
    """Shown in the thread: published, or a tombstone that still holds replies up."""
    return status == Status.PUBLISHED or (status in TOMBSTONE_STATES and reply_count > 0)


def shown_in_thread_q() -> models.Q:
    """`shown_in_thread` as a query condition."""
    return models.Q(status=Status.PUBLISHED) | models.Q(
        status__in=sorted(TOMBSTONE_STATES), reply_count__gt=0
    )


class CommentQuerySet(models.QuerySet):
    def visible(self):
        """Comments readers see: published ones."""
        return self.filter(status=Status.PUBLISHED)

    def in_thread_display(self):
        """Comments a thread page shows: published ones, and tombstones that keep replies attached."""
        return self.filter(shown_in_thread_q())

    def tombstones(self):
        return self.filter(status__in=sorted(TOMBSTONE_STATES))

    def pending(self):
        return self.filter(status=Comment.Status.PENDING)


class Comment(models.Model):
    Status = Status

    # The edition the comment was written on. No index of its own: each index is written on every
    # new comment (two fewer: 13% less CPU and WAL per insert on SQLite), and pages read by story.
    article = models.ForeignKey(
        "newsroom.Article",
        on_delete=models.CASCADE,
        related_name="comments",
        verbose_name=_("article"),
        db_index=False,
    )
    # The story's conversation the comment belongs to: its original edition (`story_id`), whichever
    # edition it was written on; every edition shows it. Set when it is posted and kept: linking
    # or unlinking editions later moves no comment. comment_thread_page begins with it.
    story = models.ForeignKey(
        "newsroom.Article",
        on_delete=to_own_edition,
        related_name="story_comments",
        verbose_name=_("story"),
        db_index=False,
        editable=False,
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="replies",
        verbose_name=_("in reply to"),
    )
    # The top-level comment a reply belongs to, so a page of top-level comments fetches all their
    # replies in one query. Empty for a new top-level comment (older ones name themselves).
    root = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        db_index=False,
    )
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    author_name = models.CharField(_("name"), max_length=80)
    # Never shown anywhere: used only for notifications the commenter asked for.
    email = models.EmailField(_("email"), max_length=254)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="comments"
    )
    is_staff_comment = models.BooleanField(default=False, editable=False)
    text = models.TextField(_("comment"))
    # The text as HTML (escaped, linked, line breaks kept), made once when the text is saved.
    text_html = models.TextField(editable=False, blank=True)
    # A hash of the text as the duplicate rule compares it (serai.comments.text.fingerprint), kept
    # in step with the text by save(): the rule finds the same words again by index.
    text_hash = models.CharField(max_length=32, blank=True, editable=False)
    # The language the comment is written in, detected from its text when it is posted (the
    # edition's language when the detector is unsure); word lists and translation go by it.
    language = models.CharField(_("language"), max_length=8, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    created_at = models.DateTimeField(_("posted"), default=timezone.now, db_index=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    edited_at = models.DateTimeField(_("edited"), null=True, blank=True)
    # A salted, rotating HMAC of the poster's address: enough to rate-limit, never the address.
    # Indexed with the time (comment_address_time), which serves a search by the hash alone too.
    ip_hash = models.CharField(max_length=64, blank=True, editable=False)
    # The moderation pipeline's verdict, kept so moderators see why a comment was held.
    moderation_rule = models.CharField(_("rule"), max_length=40, blank=True)
    moderation_reason = models.CharField(_("reason"), max_length=300, blank=True)
    policy_clause = models.ForeignKey(
        "moderation.PolicyClause",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("policy clause"),
    )
    notify_replies = models.BooleanField(_("email me replies"), default=False)
    # A hash of the form token the comment was sent with and the sender's address hash: a token
    # serves one comment per address (the timing rule holds per submission, not per form).
    form_use = models.CharField(max_length=32, null=True, blank=True, editable=False)
    reply_count = models.PositiveIntegerField(default=0, editable=False)
    report_count = models.PositiveIntegerField(default=0, editable=False)

    objects = CommentQuerySet.as_manager()

    EDIT_WINDOW = timedelta(minutes=15)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        indexes = [
            models.Index(fields=["story", "status", "depth", "created_at", "id"], name="comment_thread_page"),
            models.Index(fields=["root", "created_at"], name="comment_replies"),
            models.Index(fields=["text_hash", "created_at"], name="comment_same_text"),
            # The rate limit counts an address's comments of the last minute.
            models.Index(fields=["ip_hash", "created_at"], name="comment_address_time"),
            models.Index(
                fields=["form_use"], name="comment_form_use", condition=models.Q(form_use__isnull=False)
            ),
        ]

    def __str__(self) -> str:
        return f"{self.author_name}: {self.text[:60]}"

    def save(self, *args, update_fields=None, **kwargs):
        # The hash follows the text on every save; a save of chosen fields that include the text
        # writes the hash too. (Bulk writes of the text set text_hash themselves.)
        self.text_hash = fingerprint(self.text)
        if self.story_id is None and self.article_id is not None:
            # Posting names the story itself (the article is at hand); a comment made elsewhere
            # (the admin, a fixture) takes its article's.
            self.story_id = story_id(self.article)
        if update_fields is not None and "text" in update_fields and "text_hash" not in update_fields:
            update_fields = [*update_fields, "text_hash"]
        super().save(*args, update_fields=update_fields, **kwargs)

    @property
    def is_tombstone(self) -> bool:
        return self.status in TOMBSTONE_STATES

    @property
    def is_withdrawn(self) -> bool:
        return self.moderation_rule == WITHDRAWN

    @property
    def is_shown_in_thread(self) -> bool:
        return shown_in_thread(self.status, self.reply_count)

    def editable_until(self):
        return self.created_at + self.EDIT_WINDOW

    def can_be_edited_now(self) -> bool:
        return (
            self.status in (self.Status.PENDING, self.Status.PUBLISHED)
            and timezone.now() < self.editable_until()
        )


class TranslationOrigin(models.TextChoices):
    HUMAN = "human", _("By a translator")
    MACHINE = "machine", _("Machine draft")


class CommentTranslation(models.Model):
    """A comment carried into another edition's language, so one story keeps one conversation.

    Made by a person (a translator; bracketed insertions such as "[without acting]" are the house
    convention for words the translator adds) or drafted by a machine backend. A machine draft is
    shown to readers only once a translator reviewed it, or, labelled "Machine translation", where
    the site allows unreviewed drafts (SERAI_SHOW_MACHINE_TRANSLATIONS).
    """

    Origin = TranslationOrigin

    comment = models.ForeignKey(
        Comment, on_delete=models.CASCADE, related_name="translations", verbose_name=_("comment")
    )
    language = models.CharField(_("language"), max_length=8)
    text = models.TextField(_("translation"))
    # The text as HTML, made as the comment's own is (escaped, linked, line breaks kept).
    text_html = models.TextField(editable=False, blank=True)
    origin = models.CharField(_("made"), max_length=8, choices=TranslationOrigin.choices)
    translated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("translated by"),
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("comment translation")
        verbose_name_plural = _("comment translations")
        constraints = [
            models.UniqueConstraint(fields=["comment", "language"], name="one_translation_per_language"),
        ]

    def __str__(self) -> str:
        return f"{self.language}: {self.text[:60]}"

    @property
    def is_reviewed(self) -> bool:
        """A person stands behind it: a translator wrote it, or reviewed the machine's draft."""
        return self.origin == TranslationOrigin.HUMAN or self.reviewed_at is not None


class ConfirmedEmail(models.Model):
    """An address whose owner clicked our confirmation link; kept only as a keyed hash."""

    email_hash = models.CharField(max_length=64, unique=True)
    confirmed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("confirmed address")
        verbose_name_plural = _("confirmed addresses")

    def __str__(self) -> str:
        return f"confirmed {self.confirmed_at:%Y-%m-%d}"


class ArticleVote(models.Model):
    """One reader's answer to "Do you like this article?", once per story: `article` is the story's
    original edition, whichever edition the reader answered on."""

    article = models.ForeignKey("newsroom.Article", on_delete=models.CASCADE, related_name="votes")
    liked = models.BooleanField()
    # Identifies the reader without identifying them: a random id from a signed cookie, and
    # the salted hash of the address; either one already seen for this article blocks a second vote.
    voter_key = models.CharField(max_length=64)
    ip_hash = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("article vote")
        verbose_name_plural = _("article votes")
        constraints = [
            models.UniqueConstraint(fields=["article", "voter_key"], name="one_vote_per_reader"),
        ]
        indexes = [models.Index(fields=["article", "ip_hash"], name="vote_ip_lookup")]

    def __str__(self) -> str:
        return f"{'yes' if self.liked else 'no'} on article {self.article_id}"
