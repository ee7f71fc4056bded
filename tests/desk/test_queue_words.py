"""The queue narrowed to comments holding some words, in their text or their author's name."""

import re

import pytest

from tests.moderation.factories import article_with_thread, post
from tests.security.payloads import blns_lines

pytestmark = pytest.mark.django_db
QUEUE = "/en/moderation/"


def ids(client, **query) -> list[int]:
    response = client.get(QUEUE, query)
    assert response.status_code == 200
    return [int(i) for i in re.findall(r'data-card data-id="(\d+)"', response.content.decode())]


def test_words_find_comments_by_text_or_name_in_any_case(moderator_client):
    article = article_with_thread("pre")
    a = post(article, "The new BRIDGE is late.", author_name="Aigerim")
    b = post(article, "Water at last.", author_name="Bridget")
    c = post(article, "Nothing to see.", author_name="Timur")
    assert ids(moderator_client, q="bridge") == [a.pk, b.pk]
    assert ids(moderator_client, q="  is   late ") == [a.pk]
    assert ids(moderator_client) == [a.pk, b.pk, c.pk]
    page = moderator_client.get(QUEUE, {"q": "bridge"}).content.decode()
    assert 'name="q" value="bridge"' in page


def test_hostile_words_never_fail_the_queue(moderator_client):
    article = article_with_thread("pre")
    post(article, "A comment.")
    for line in [*blns_lines()[:200], "\x00", "%", "_", "\\", "' OR 1=1 --"]:
        assert ids(moderator_client, q=line) is not None
