from django.apps import AppConfig
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _


class CommentsConfig(AppConfig):
    name = "serai.comments"
    verbose_name = _("Reader conversation")

    def ready(self) -> None:
        from serai.comments import invalidation, notifications
        from serai.comments.conversation import comment_count, render_conversation
        from serai.comments.signals import comment_held, comment_published
        from serai.newsroom.extensions import register_below_article, register_comment_count

        check_site_mode(settings.SERAI_COMMENTS_MODE)
        invalidation.connect()
        register_below_article(render_conversation)
        register_comment_count(comment_count)
        # Emails to commenters about their own comments: confirmation links, reply notices.
        comment_held.connect(notifications.on_comment_held, dispatch_uid="comments-notify-held")
        comment_published.connect(
            notifications.on_comment_published, dispatch_uid="comments-notify-published"
        )


def check_site_mode(value: str) -> None:
    """A mistyped SERAI_COMMENTS_MODE stops the site at start instead of meaning pre-moderation."""
    from serai.comments.models import Mode  # models are importable only once apps are ready

    allowed = [mode.value for mode in Mode if mode != Mode.INHERIT]
    if value not in allowed:
        raise ImproperlyConfigured(
            f"SERAI_COMMENTS_MODE is {value!r}; set it to one of {', '.join(allowed)} "
            "(pre: comments wait for a moderator; post: they appear at once; closed: none are taken)."
        )
