"""The moderators' own lists, edited through moderation's services: every edit logged."""

import pytest
from django.core.exceptions import ValidationError

from serai.moderation import services
from serai.moderation.models import Decision

pytestmark = pytest.mark.django_db


def test_word_list_edits_are_logged(moderator):
    entry = services.word_add(term="  idiot ", kind="banned", moderator=moderator, language="en")
    assert entry.term == "idiot" and entry.created_by == moderator
    with pytest.raises(ValidationError):
        services.word_add(term="IDIOT", kind="suspect", moderator=moderator, language="en")
    services.word_remove(entry=entry, moderator=moderator)
    assert list(Decision.objects.values_list("action", flat=True)) == ["word_removed", "word_added"]
