"""Moderation: the Comment Policy's clauses, word lists, bans, reports and the audit log."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PolicyClause(models.Model):
    """A numbered clause of the Comment Policy, cited when a comment is rejected or removed."""

    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    title = models.CharField(_("title"), max_length=120)
    translated_titles = models.JSONField(
        _("titles in other editions"),
        default=dict,
        blank=True,
        help_text=_('Edition code to title, e.g. {"ru": "Без оскорблений"}.'),
    )
    active = models.BooleanField(_("in force"), default=True)

    class Meta:
        ordering = ["number"]
        verbose_name = _("policy clause")
        verbose_name_plural = _("policy clauses")

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"

    def display_title(self, language: str | None = None) -> str:
        from django.utils.translation import get_language

        return self.translated_titles.get(language or get_language() or "", "") or self.title


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
        help_text=_(
            "A word or phrase. End it with * to match longer words too (идиот* matches идиоты)."
        ),
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
    expires_at = models.DateTimeField(
        _("until"), null=True, blank=True, help_text=_("Empty: for good.")
    )

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


class Report(models.Model):
    """A reader's report that a comment breaks the Comment Policy."""

    comment = models.ForeignKey(
        "comments.Comment", on_delete=models.CASCADE, related_name="reports"
    )
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
            models.UniqueConstraint(
                fields=["comment", "reporter_key"], name="one_report_per_reader"
            ),
        ]
        indexes = [models.Index(fields=["comment", "decision"], name="report_open_lookup")]

    def __str__(self) -> str:
        return f"{self.comment_id}: {self.clause or self.note[:40]}"
