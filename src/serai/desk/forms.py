"""Forms for readers' reports and for moderators' decisions, word lists and bans."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from serai.comments.forms import form_token_age, issue_form_token
from serai.core.params import parse_id, parse_ids
from serai.desk.services import QUEUE_ACTIONS
from serai.moderation.models import PolicyClause, WordListEntry

BAN_DAYS = [("7", _("for a week")), ("30", _("for a month")), ("", _("for good"))]


def _clauses():
    return PolicyClause.objects.filter(active=True)


def _clause(value) -> PolicyClause | None:
    """A clause in force chosen by id; anything else (no choice, a bad id) is no clause."""
    clause_id = parse_id(value)
    return _clauses().filter(pk=clause_id).first() if clause_id else None


class ReportForm(forms.Form):
    """What a reader finds wrong: a clause of the Comment Policy, or something else, explained.

    Like the comment and vote forms, it carries a signed, non-personal token made for the
    comment's article: a report made from a page too old, or from no page of ours, is refused.
    """

    OTHER = "other"

    clause = forms.ChoiceField(widget=forms.RadioSelect, label=_("What is wrong?"))
    note = forms.CharField(
        label=_("Details"), max_length=500, required=False,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": 500}),
    )  # fmt: skip
    token = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, article, **kwargs):
        super().__init__(*args, **kwargs)
        self.article = article
        self.clauses = {str(c.pk): c for c in _clauses()}
        choices = [(pk, f"{c.number}. {c.display_title()}") for pk, c in self.clauses.items()]
        self.fields["clause"].choices = [*choices, (self.OTHER, _("Something else"))]
        self.fields["clause"].error_messages["required"] = _("Choose what is wrong.")

    @cached_property
    def fresh_token(self) -> str:
        """The token the page gives out: a new one each time the form is shown, refused or not,
        so the reader can send a refused report again as it stands."""
        return issue_form_token(self.article.pk)

    def clean_token(self):
        age = form_token_age(self.cleaned_data["token"], self.article.pk)
        if age is None or age > settings.SERAI_MAX_FORM_AGE:
            # Shown with the form's own errors: the hidden field has no place of its own.
            self.add_error(
                None,
                _("This form had expired, so your report was not sent. "
                  "Your answers are kept below: send the report again."),
            )  # fmt: skip
        return self.cleaned_data["token"]

    def clean(self):
        data = super().clean()
        if "clause" in data:
            data["clause"] = self.clauses.get(data["clause"])
            if data["clause"] is None and not data.get("note", "").strip():
                self.add_error("note", _("Tell us what is wrong with the comment."))
        return data

    def report_arguments(self) -> dict:
        """What `services.comment_report` takes from the form, once it is valid."""
        return {"clause": self.cleaned_data["clause"], "note": self.cleaned_data["note"]}


class QueueActionForm(forms.Form):
    """The queue's single form: a card's own button ("approve:12"), or a bulk action on ticked ids.

    Each card carries its own clause and note fields (clause-12, note-12), so one plain HTML form
    serves per-card and bulk decisions alike, with or without JavaScript.
    """

    act = forms.CharField(required=False)
    bulk = forms.ChoiceField(choices=[(a, a) for a in QUEUE_ACTIONS], required=False)
    bulk_clause = forms.CharField(required=False)
    bulk_note = forms.CharField(max_length=500, required=False)
    ban_days = forms.TypedChoiceField(choices=BAN_DAYS, coerce=int, empty_value=None, required=False)

    def __init__(self, data, *args, **kwargs):
        super().__init__(data, *args, **kwargs)
        # Ids that are not ids ("²", huge, negative, text) are dropped, never read by int().
        self.order = parse_ids(data.get("order", "").split())
        every = self.order if data.get("all") else []  # "All on this page", with or without script
        self.ids = parse_ids([*data.getlist("ids"), *every])

    def clean(self):
        data = super().clean()
        action, _sep, single = (data.get("act") or "").partition(":")
        if action:
            comment_id = parse_id(single)
            if action not in QUEUE_ACTIONS or comment_id is None:
                raise forms.ValidationError(_("Unknown action."))
            data.update(self._card(comment_id), action=action, comment_ids=[comment_id])
        else:
            if not data.get("bulk"):
                raise forms.ValidationError(_("Choose what to do with the selected comments."))
            if not self.ids:
                raise forms.ValidationError(_("Select at least one comment first."))
            data.update(
                action=data["bulk"],
                comment_ids=self.ids,
                clause=_clause(data.get("bulk_clause")),
                note=data.get("bulk_note") or "",
            )
        return data

    def _card(self, comment_id: int) -> dict:
        return {
            "clause": _clause(self.data.get(f"clause-{comment_id}")),
            "note": (self.data.get(f"note-{comment_id}") or "")[:500],
        }


class WordForm(forms.ModelForm):
    class Meta:
        model = WordListEntry
        fields = ["term", "kind", "language", "clause", "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["clause"].queryset = _clauses()
        self.fields["language"].choices = [
            ("", _("All editions")),
            *self.fields["language"].choices[1:],
        ]


class LanguagesForm(forms.Form):
    """The languages a moderator reads, as checkboxes, and which of them comes first."""

    languages = forms.MultipleChoiceField(
        label=_("Languages I read"), choices=settings.LANGUAGES, required=False,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    first = forms.ChoiceField(
        label=_("My first language"), required=False,
        choices=[("", _("The first one ticked")), *settings.LANGUAGES],
        help_text=_("Machine translations on the queue are made into it."),
    )  # fmt: skip

    def clean(self):
        data = super().clean()
        first = data.get("first")
        if first and first not in data.get("languages", []):
            self.add_error("first", _("Tick your first language among the languages you read."))
        return data
