"""The comment form, with the server as the authority on the 1500-character limit."""

from __future__ import annotations

import time

from django import forms
from django.conf import settings
from django.core import signing
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from serai.comments import text as comment_text

TOKEN_SALT = "serai.comments.form"


def issue_form_token(article_id: int, now: float | None = None) -> str:
    """A signed, non-personal token: which article the form belongs to and when it was made."""
    return signing.dumps(
        {"a": article_id, "t": int(now if now is not None else time.time())}, salt=TOKEN_SALT
    )


def form_token_age(token: str, article_id: int, now: float | None = None) -> float | None:
    """Seconds since the token was issued, or None when it is missing, forged or for another article."""
    try:
        data = signing.loads(token or "", salt=TOKEN_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or data.get("a") != article_id or not isinstance(data.get("t"), int):
        return None
    return (now if now is not None else time.time()) - data["t"]


class CommentTextField(forms.CharField):
    """Comment text, normalised and measured in user-perceived characters."""

    def __init__(self, **kwargs):
        kwargs.setdefault("strip", False)
        super().__init__(**kwargs)

    def to_python(self, value):
        return comment_text.normalise(super().to_python(value) or "")

    def validate(self, value):
        if not value:
            raise forms.ValidationError(_("Write your comment before sending it."), code="required")
        limit = settings.SERAI_COMMENT_MAX_LENGTH
        length = comment_text.length(value)
        if length > limit:
            over = length - limit
            raise forms.ValidationError(
                ngettext(
                    "Your comment is %(length)d characters long; the limit is %(limit)d. "
                    "Shorten it by %(over)d character and send it again. Your text is kept below.",
                    "Your comment is %(length)d characters long; the limit is %(limit)d. "
                    "Shorten it by %(over)d characters and send it again. Your text is kept below.",
                    over,
                )
                % {"length": length, "limit": limit, "over": over},
                code="too_long",
            )


class CommentForm(forms.Form):
    author_name = forms.CharField(label=_("Name"), max_length=80, required=True)
    email = forms.EmailField(
        label=_("Email"),
        max_length=254,
        required=True,
        help_text=_("Never shown. Used only to send you replies if you ask for them."),
    )
    text = CommentTextField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 6}))
    notify_replies = forms.BooleanField(label=_("Email me when someone replies"), required=False)
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1)
    token = forms.CharField(required=False, widget=forms.HiddenInput)
    # A field people never see and bots fill in.
    website = forms.CharField(required=False, label=_("Leave this field empty"))

    error_messages = {"required": _("This field is required.")}

    def __init__(self, *args, article=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.article = article
        self.fields["author_name"].error_messages["required"] = _(
            "Enter your name; it is shown with your comment."
        )
        self.fields["email"].error_messages["required"] = _("Enter your email address; it is never shown.")
        self.fields["email"].error_messages["invalid"] = _("Enter an email address like name@example.org.")
        self.fields["author_name"].widget.attrs.update({"autocomplete": "name", "maxlength": 80})
        self.fields["email"].widget.attrs.update({"autocomplete": "email"})
        self.fields["text"].widget.attrs.update(
            {"data-limit": settings.SERAI_COMMENT_MAX_LENGTH, "aria-describedby": "comment-counter"}
        )
        self.fields["website"].widget.attrs.update({"autocomplete": "off", "tabindex": "-1"})
        if article is not None and not self.is_bound:
            self.initial["token"] = issue_form_token(article.pk)

    @property
    def token_value(self) -> str:
        """The form token to send back: the one submitted, or a new one for a blank form."""
        return (self.data.get("token") if self.is_bound else None) or self.initial.get("token", "")

    @property
    def limit(self) -> int:
        return settings.SERAI_COMMENT_MAX_LENGTH

    def clean_author_name(self):
        return self._clean_name(self.cleaned_data["author_name"])

    @staticmethod
    def _clean_name(value: str) -> str:
        name = comment_text.normalise(value).replace("\n", " ")
        if not name:
            raise forms.ValidationError(_("Enter your name; it is shown with your comment."))
        return name

    @classmethod
    def quick_clean(cls, data) -> dict | None:
        """What `cleaned_data` would hold for a valid submission, or None for any other.

        Nearly every submission is valid, and building the form for it cost a tenth of a comment's
        time (a form deep-copies its fields, binds each one, collects their errors). This reads
        the same values with the same widgets and cleans them with the same fields, the class's
        own; at the first error it gives up, and the caller builds the form, which says what is
        wrong in the words the reader sees. Tests compare the two on every naughty string.
        """
        cleaned = {}
        try:
            for name, field in cls.base_fields.items():
                cleaned[name] = field.clean(field.widget.value_from_datadict(data, {}, name))
            cleaned["author_name"] = cls._clean_name(cleaned["author_name"])
        except forms.ValidationError:
            return None
        return cleaned

    def form_age(self) -> float | None:
        return form_token_age(self.cleaned_data.get("token") or "", self.article.pk if self.article else 0)


class EditCommentForm(forms.Form):
    text = CommentTextField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 6}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text"].widget.attrs.update(
            {"data-limit": settings.SERAI_COMMENT_MAX_LENGTH, "aria-describedby": "comment-counter"}
        )
