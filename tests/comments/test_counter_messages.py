"""What the screen-reader counter says comes in every plural form of the edition's language."""

import json

from django.utils.translation import override

from serai.comments.templatetags.conversation import counter_messages


def test_english_says_one_character_and_many_characters():
    with override("en"):
        left, over = json.loads(counter_messages("left")), json.loads(counter_messages("over"))
    assert left["one"] == "{n} character left" and left["other"] == "{n} characters left"
    assert over["one"] == "{n} character over the limit" and over["many"] == "{n} characters over the limit"


def test_russian_has_its_three_forms():
    with override("ru"):
        left = json.loads(counter_messages("left"))
    assert len({left["one"], left["few"], left["many"]}) == 3
    assert all("{n}" in message for message in left.values())
