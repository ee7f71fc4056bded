"""Side effects of the conversation changing (cache purges, notifications) hang off these."""

from django.dispatch import Signal

# Sent after commit when what readers see of a thread changed: a comment appeared, disappeared,
# was edited, or the vote totals moved. Arguments: article_id; and article, when the sender holds
# the article (with its section) already, so receivers need not load it again.
thread_changed = Signal()
# Sent after commit when a comment becomes visible to readers. Argument: comment.
comment_published = Signal()
# Sent after commit when a comment is held for moderators. Argument: comment.
comment_held = Signal()
