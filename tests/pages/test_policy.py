"""The Comment Policy a fresh install publishes, its versions, and decisions that cite them."""

import io

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command

from serai.comments.models import Comment
from serai.moderation.models import Decision, PolicyClause, PolicyVersion
from serai.pages.models import COMMENT_POLICY_SLUG, Page
from tests.moderation.factories import article_with_thread, post
from tests.newsroom.markup import find_all, page_dangers

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-passphrase-9"
OTHER_EDITIONS = ("ru", "kk", "ky", "tg", "tk", "uz")


def staff_client(client, command: str, username: str):
    call_command(command, username, f"{username}@example.org", password=PASSWORD, stdout=io.StringIO())
    client.force_login(User.objects.get(username=username))
    return client


def clause_items(html: str) -> dict[str, str]:
    return {li.get("id"): li.text for li in find_all(html, "li") if li.get("id", "").startswith("clause-")}


def edit_clause(client, clause: PolicyClause, **changes):
    """Save the clause's change form as an editor would, with every field as shown."""
    data = {"number": clause.number, "title": clause.title, "text": clause.text, "active": "on"}
    for code in OTHER_EDITIONS:
        data[f"title_{code}"] = clause.translated_titles.get(code, "")
        data[f"text_{code}"] = clause.translated_texts.get(code, "")
    data.update(changes)
    data = {key: value for key, value in data.items() if value is not None}
    response = client.post(f"/admin/moderation/policyclause/{clause.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:2000]


@pytest.mark.parametrize(
    ("edition", "policy_title", "about_title", "clause_2"),
    [
        ("en", "Comment Policy", "About us", "No personal attacks or hate speech."),
        ("ru", "Правила комментирования", "О нас", "Никаких оскорблений и языка вражды."),
    ],
)
def test_a_fresh_install_publishes_its_policy_and_about_pages(
    client, edition, policy_title, about_title, clause_2
):
    """`migrate` made both pages in English and Russian: the policy lists the seven clauses, each
    under its own anchor, with the version in force and its date."""
    html = client.get(f"/{edition}/pages/{COMMENT_POLICY_SLUG}/").content.decode()
    assert [h.text for h in find_all(html, "h1")] == [policy_title]
    assert find_all(html, "p", "notice") == []
    clauses = clause_items(html)
    assert sorted(clauses) == [f"clause-{n}" for n in range(1, 8)]
    assert clauses["clause-2"].startswith(clause_2)
    (version,) = find_all(html, "p", "policy-version")
    assert "1" in version.text and find_all(str(html), "time")
    about = client.get(f"/{edition}/pages/about/")
    assert about.status_code == 200
    assert [h.text for h in find_all(about.content.decode(), "h1")] == [about_title]


def test_changing_a_clause_publishes_a_new_version_and_keeps_the_old_one(client):
    """An editor rewords clause 4 in the back office: the page shows version 2 with the new words;
    version 1 stays readable with the old ones; saving without a change publishes nothing."""
    staff_client(client, "create_editor", "dana")
    clause = PolicyClause.objects.get(number=4)
    edit_clause(client, clause)
    assert PolicyVersion.objects.count() == 1
    edit_clause(
        client, clause, text="No advertising, no links posted only to draw traffic.", text_ru="Без рекламы."
    )
    assert list(PolicyVersion.objects.values_list("number", flat=True)) == [2, 1]
    client.logout()
    html = client.get("/en/pages/comment-policy/").content.decode()
    assert "Version 2" in find_all(html, "p", "policy-version")[0].text
    assert "No advertising, no links" in clause_items(html)["clause-4"]
    assert (
        "Без рекламы." in clause_items(client.get("/ru/pages/comment-policy/").content.decode())["clause-4"]
    )
    old = client.get("/en/pages/comment-policy/versions/1/").content.decode()
    assert "No promotions, no repeated posts" in clause_items(old)["clause-4"]
    assert client.get("/en/pages/comment-policy/versions/3/").status_code == 404


def test_taking_a_clause_out_of_force_is_a_new_version(client):
    """Unticking "in force" in the list publishes a version without the clause."""
    staff_client(client, "create_editor", "dana")
    clause = PolicyClause.objects.get(number=7)
    edit_clause(client, clause, active=None)
    assert PolicyVersion.objects.latest().number == 2
    assert "clause-7" not in clause_items(client.get("/en/pages/comment-policy/").content.decode())


def test_a_decision_cites_the_version_in_force_and_links_its_clause(client):
    """A moderator's rejection records the version in force; after the policy changes, the old
    decision still links to the clause as worded then, and a new one cites the new version."""
    article = article_with_thread("pre")
    first, second = post(article), post(article, text="Another comment about the tariffs.")
    moderator = staff_client(client, "create_moderator", "sam")
    clause4 = PolicyClause.objects.get(number=4)
    moderator.post("/en/moderation/act/", {"act": f"reject:{first.pk}", f"clause-{first.pk}": clause4.pk})
    assert Comment.objects.get(pk=first.pk).status == Comment.Status.REJECTED
    decision = Decision.objects.get(comment=first)
    assert decision.policy_version.number == 1
    staff_client(client, "create_editor", "dana")
    edit_clause(client, clause4, title="No spam")
    staff_client(client, "create_moderator", "sam")
    moderator.post("/en/moderation/act/", {"act": f"reject:{second.pk}", f"clause-{second.pk}": clause4.pk})
    assert Decision.objects.get(comment=second).policy_version.number == 2
    assert decision.citation_url() == "/en/pages/comment-policy/versions/1/#clause-4"
    log = moderator.get("/en/moderation/log/").content.decode()
    links = [a.get("href") for a in find_all(log, "a")]
    assert "/en/pages/comment-policy/versions/1/#clause-4" in links
    assert "/en/pages/comment-policy/versions/2/#clause-4" in links
    old = client.get("/en/pages/comment-policy/versions/1/").content.decode()
    assert clause_items(old)["clause-4"].startswith("No spam or advertising.")


def test_the_policy_page_answers_even_when_its_page_was_deleted(client):
    """Every comment form links the policy: without its page, the clauses alone are shown."""
    Page.objects.filter(slug=COMMENT_POLICY_SLUG).delete()
    response = client.get("/ru/pages/comment-policy/")
    assert response.status_code == 200
    assert len(clause_items(response.content.decode())) == 7


def test_clause_text_from_the_back_office_is_escaped(client):
    """A clause's words are text: markup typed into them is shown, never run."""
    staff_client(client, "create_editor", "dana")
    edit_clause(client, PolicyClause.objects.get(number=1), text="<script>alert('XSS')</script>")
    html = client.get("/en/pages/comment-policy/").content.decode()
    assert page_dangers(html, "XSS") == []
    assert "<script>alert('XSS')</script>" in clause_items(html)["clause-1"]
