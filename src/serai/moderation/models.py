"""Moderation: the Comment Policy's clauses, word lists, bans, reports and the audit log."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PolicyClause(models.Model):
    """A numbered clause of the Comment Policy, cited when a comment is rejected or removed.

    The policy page lists the clauses in force, each under an anchor (#clause-N). Saving a
    change through `serai.moderation.policy` publishes a new `PolicyVersion` when what readers
    read changed, so every decision can name the wording it applied.
    """

    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    title = models.CharField(_("title"), max_length=120)
    text = models.TextField(
        _("explanation"),
        blank=True,
        help_text=_("What the clause means, shown under its title on the Comment Policy page."),
    )
    translated_titles = models.JSONField(_("titles in other editions"), default=dict, blank=True)
    translated_texts = models.JSONField(_("explanations in other editions"), default=dict, blank=True)
    active = models.BooleanField(_("in force"), default=True)

    class Meta:
        ordering = ["number"]
        verbose_name = _("policy clause")
        verbose_name_plural = _("policy clauses")

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"

    def get_absolute_url(self) -> str:
        """The clause on the Comment Policy page of the edition being read."""
        return f"{reverse('pages:page', kwargs={'slug': 'comment-policy'})}#{self.anchor}"

    def display_title(self, language: str | None = None) -> str:
        from django.utils.translation import get_language

        return self.translated_titles.get(language or get_language() or "", "") or self.title

    def display_text(self, language: str | None = None) -> str:
        from django.utils.translation import get_language

        return self.translated_texts.get(language or get_language() or "", "") or self.text

    @property
    def anchor(self) -> str:
        return f"clause-{self.number}"


class PolicyVersion(models.Model):
    """The Comment Policy's clauses as published at one time; rows are only ever added.

    `clauses` keeps the wording readers saw (number, titles, explanations), so a decision that
    cites version 3 can be read as it was even after the policy changed.
    """

    number = models.PositiveIntegerField(_("version"), unique=True)
    effective_at = models.DateTimeField(_("in force since"), default=timezone.now)
    clauses = models.JSONField(_("clauses"), default=list)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("changed by"),
    )

    class Meta:
        ordering = ["-number"]
        get_latest_by = "number"
        verbose_name = _("Comment Policy version")
        verbose_name_plural = _("Comment Policy versions")

    def __str__(self) -> str:
        return str(_("Version %(number)s") % {"number": self.number})

    def get_absolute_url(self) -> str:
        return reverse("pages:policy-version", kwargs={"number": self.number})


class WordListEntry(models.Model):
    """A banned or suspect term, matched however it is spelt (scripts, look-alikes, leetspeak)."""

    class Kind(models.TextChoices):
        BANNED = "banned", _("Banned: reject the comment")
        SUSPECT = "suspect", _("Suspect: hold it for a moderator")

    language = models.CharField(
        _("edition"),
        max_length=8,
        blank=True,
        choices=settings.LANGUAGES,
        help_text=_("Empty: every edition."),
    )
    term = models.CharField(
        _("term"),
        max_length=100,
        help_text=_("A word or phrase. End it with * to match longer words too (идиот* matches идиоты)."),
    )
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices, default=Kind.SUSPECT)
    clause = models.ForeignKey(
        PolicyClause,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("policy clause"),
        help_text=_("Cited on rejection; empty: clause 2."),
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(_("added"), default=timezone.now, editable=False)

    class Meta:
        ordering = ["language", "term"]
        verbose_name = _("word list entry")
        verbose_name_plural = _("word lists")
        constraints = [
            models.UniqueConstraint(
                fields=["language", "term"],
                name="one_entry_per_term_and_edition",
                violation_error_message=_("This term is already on the list for this edition."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.term} ({self.get_kind_display()}, {self.language or _('all editions')})"


class BanQuerySet(models.QuerySet):
    def active(self, now=None):
        now = now or timezone.now()
        return self.filter(Q(expires_at__isnull=True) | Q(expires_at__gt=now))


class Ban(models.Model):
    """A commenter kept out, known only by the keyed hashes of their address and email."""

    # Address hashes rotate (see privacy.py), so an address ban lasts one rotation period at most;
    # the email hash is stable and carries longer bans.
    ip_hash = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    email_hash = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    author_name = models.CharField(_("name shown"), max_length=80, blank=True)
    comment = models.ForeignKey(
        "comments.Comment",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("comment that led to it"),
    )
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    clause = models.ForeignKey(
        PolicyClause,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("policy clause"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("banned"), default=timezone.now)
    expires_at = models.DateTimeField(_("until"), null=True, blank=True, help_text=_("Empty: for good."))

    objects = BanQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("ban")
        verbose_name_plural = _("bans")
        constraints = [
            models.CheckConstraint(
                condition=~Q(ip_hash="") | ~Q(email_hash=""),
                name="ban_has_a_subject",
            ),
        ]

    def __str__(self) -> str:
        return self.author_name or str(_("Commenter"))

    @property
    def is_active(self) -> bool:
        return self.expires_at is None or self.expires_at > timezone.now()


class Decision(models.Model):
    """The audit log: who decided what, when and why. Rows are only ever added."""

    class Action(models.TextChoices):
        APPROVE = "approve", _("Approved")
        RESTORE = "restore", _("Restored")
        REJECT = "reject", _("Rejected")
        REMOVE = "remove", _("Removed")
        HIDE = "hide", _("Hidden after reports")
        BAN = "ban", _("Banned the commenter")
        UNBAN = "unban", _("Lifted a ban")
        DISMISS_REPORTS = "dismiss_reports", _("Dismissed reports")
        WORD_ADDED = "word_added", _("Added a word list entry")
        WORD_REMOVED = "word_removed", _("Removed a word list entry")
        UNDO = "undo", _("Undid a decision")
        # The translators' work on comments (serai.translation.services): the subject names the language.
        TRANSLATED = "translated", _("Translated a comment")
        TRANSLATION_REVIEWED = "mt_reviewed", _("Reviewed a machine translation")
        TRANSLATION_DELETED = "translation_del", _("Deleted a translation")

    comment = models.ForeignKey(
        "comments.Comment",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="decisions",
    )
    # None for decisions the site took by itself (a comment hidden after readers' reports).
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # Kept as written at the time: the log reads right after an account is renamed or deleted.
    moderator_name = models.CharField(max_length=150, blank=True)
    action = models.CharField(_("action"), max_length=16, choices=Action.choices, db_index=True)
    clause = models.ForeignKey(
        PolicyClause,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("policy clause"),
    )
    # The Comment Policy in force when the decision was taken (None: logged before versions).
    policy_version = models.ForeignKey(
        PolicyVersion,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("policy version"),
    )
    note = models.CharField(_("note"), max_length=500, blank=True)
    subject = models.CharField(_("subject"), max_length=200, blank=True)
    previous_status = models.CharField(max_length=10, blank=True)
    new_status = models.CharField(max_length=10, blank=True)
    created_at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("moderation decision")
        verbose_name_plural = _("audit log")
        permissions = [("moderate_comments", _("Can moderate readers' comments"))]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.moderator_name or 'site'}: {self.action}"

    def citation_url(self) -> str:
        """The cited clause, as worded in the policy version in force when this was decided."""
        if self.clause is None:
            return ""
        if self.policy_version is None:
            return self.clause.get_absolute_url()
        numbers = {c.get("id"): c.get("number") for c in self.policy_version.clauses}
        number = numbers.get(self.clause_id) or self.clause.number
        return f"{self.policy_version.get_absolute_url()}#clause-{number}"


class Report(models.Model):
    """A reader's report that a comment breaks the Comment Policy."""

    comment = models.ForeignKey("comments.Comment", on_delete=models.CASCADE, related_name="reports")
    clause = models.ForeignKey(
        PolicyClause,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reason"),
        help_text=_("Empty: something else, explained in the note."),
    )
    note = models.CharField(_("details"), max_length=500, blank=True)
    # A keyed hash of the reader's random cookie id (or of their address without one): enough to
    # count one report per reader, never who they are.
    reporter_key = models.CharField(max_length=64, editable=False)
    ip_hash = models.CharField(max_length=64, blank=True, editable=False)
    created_at = models.DateTimeField(_("reported"), default=timezone.now)
    # The moderator's decision that dealt with it; open reports have none.
    decision = models.ForeignKey(
        Decision,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reports",
    )

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        constraints = [
            models.UniqueConstraint(fields=["comment", "reporter_key"], name="one_report_per_reader"),
        ]
        indexes = [models.Index(fields=["comment", "decision"], name="report_open_lookup")]

    def __str__(self) -> str:
        return f"{self.comment_id}: {self.clause or self.note[:40]}"
