"""The places an editor gives articles on their edition's front page.

An article's `front_position` says where it goes: 1 is the lead story, 2 to 6 the top stories in
that order; empty (most articles) leaves it to its section's block, newest first. The newest
article in a place holds it (an older one there is displaced, back in its section); without a
chosen lead, the newest article leads. Editors set it on the article's form or in the articles'
list."""

from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

LEAD = 1
TOP_STORIES = range(2, 7)


def _top_story(number: int) -> str:
    return gettext("Top story %(number)d") % {"number": number}


FRONT_POSITIONS = [(LEAD, _("Lead story"))] + [(n, lazy(_top_story, str)(n - 1)) for n in TOP_STORIES]
