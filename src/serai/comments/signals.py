"""Side effects of the conversation changing (cache purges, notifications) hang off these."""

from django.dispatch import Signal

# Sent after commit when what readers see of a thread changed: a comment appeared, disappeared,
# was edited, or the vote totals moved. Arguments: article_id; story (the story's original
# edition's id) and article (with its section), when the sender knows them, so receivers need not
# load the article (serai.comments.invalidation.changed_story).
thread_changed = Signal()
# Sent after commit when a comment becomes visible to readers. Argument: comment.
comment_published = Signal()
# Sent after commit when a comment is held for moderators. Argument: comment.
comment_held = Signal()
