"""The comment form, with the server as the authority on the 1500-character limit."""

from __future__ import annotations

import secrets
import time

from django import forms
from django.conf import settings
from django.core import signing
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from serai.comments import text as comment_text
from serai.comments.models import Comment, story_id
from serai.core.params import parse_id

TOKEN_SALT = "serai.comments.form"


def issue_form_token(article_id: int, now: float | None = None) -> str:
    """A signed, non-personal token: which article the form belongs to, when it was made, and a
    random part, so two forms given out in the same second are told apart (a token is accepted
    once per address: serai.comments.services.form_token_use)."""
    issued = int(now if now is not None else time.time())
    return signing.dumps({"a": article_id, "t": issued, "n": secrets.token_urlsafe(6)}, salt=TOKEN_SALT)


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
    parent = forms.CharField(required=False, widget=forms.HiddenInput)
    token = forms.CharField(required=False, widget=forms.HiddenInput)
    # A field people never see and bots fill in.
    website = forms.CharField(required=False, label=_("Leave this field empty"))

    error_messages = {"required": _("This field is required.")}

    def __init__(self, *args, article=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.article = article
        self.parent_comment: Comment | None = None
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
        name = comment_text.normalise(self.cleaned_data["author_name"]).replace("\n", " ")
        if not name:
            raise forms.ValidationError(_("Enter your name; it is shown with your comment."))
        return name

    def clean(self):
        """The comment being answered, when there is one: one of this article's, still published."""
        cleaned = super().clean()
        raw = cleaned.get("parent")
        number = parse_id(raw)
        if number is not None:
            self.parent_comment = Comment.objects.filter(pk=number, story_id=story_id(self.article)).first()
        if raw and (self.parent_comment is None or self.parent_comment.status != Comment.Status.PUBLISHED):
            self.add_error(None, _("The comment you are replying to is not available any more."))
        cleaned["parent"] = self.parent_comment
        return cleaned

    def form_age(self) -> float | None:
        return form_token_age(self.cleaned_data.get("token") or "", self.article.pk if self.article else 0)

    def post_arguments(self) -> dict:
        """What `services.comment_post` takes from the form, once it is valid."""
        data = self.cleaned_data
        return {
            "parent": data["parent"],
            "author_name": data["author_name"],
            "email": data["email"],
            "text": data["text"],
            "honeypot": data["website"],
            "form_age": self.form_age(),
            "form_token": data["token"],
            "notify_replies": data["notify_replies"],
        }


class EditCommentForm(forms.Form):
    text = CommentTextField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 6}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text"].widget.attrs.update(
            {"data-limit": settings.SERAI_COMMENT_MAX_LENGTH, "aria-describedby": "comment-counter"}
        )


class VoteForm(forms.Form):
    """ "Do you like this article?": the answer and the signed form token the page gave out."""

    liked = forms.ChoiceField(choices=[("yes", _("Yes")), ("no", _("No"))])
    token = forms.CharField(required=False)

    def __init__(self, *args, article, **kwargs):
        super().__init__(*args, **kwargs)
        self.article = article
        self.fields["liked"].error_messages.update(
            {"required": _("Choose Yes or No."), "invalid_choice": _("Choose Yes or No.")}
        )

    def clean_token(self):
        age = form_token_age(self.cleaned_data["token"], self.article.pk)
        if age is None or age > settings.SERAI_MAX_FORM_AGE:
            raise forms.ValidationError(_("This page is too old to answer from. Reload it and answer again."))
        return self.cleaned_data["token"]

    @property
    def first_error(self) -> str:
        return next(iter(message for messages in self.errors.values() for message in messages))
