"""The moderator's desk over HTTP: decisions answered in place, undo, context beside each card,
filters, counts, the staff bar, hostile ids, and report pages that show only what is public."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from serai.comments.models import Comment
from serai.desk import services
from serai.moderation.models import Ban, Decision, Report, WordListEntry
from serai.newsroom.models import Article
from tests.factories import ArticleFactory, SectionFactory
from tests.moderation.factories import (
    ModeratorFactory,
    StaffFactory,
    WordFactory,
    article_with_thread,
    clause,
    post,
)

pytestmark = pytest.mark.django_db
QUEUE = "/en/moderation/"
ACT = "/en/moderation/act/"
UNDO = "/en/moderation/undo/"
JSON = {"HTTP_ACCEPT": "application/json"}
Status = Comment.Status


def status(comment) -> str:
    return Comment.objects.get(pk=comment.pk).status


# Decisions, with and without JavaScript


def test_a_decision_asked_for_as_json_says_what_was_done_to_how_many(moderator_client, premoderated):
    comments = [post(premoderated, f"Held {n}.") for n in range(3)]
    response = moderator_client.post(ACT, {"bulk": "approve", "ids": [c.pk for c in comments[:2]]}, **JSON)
    answer = response.json()
    assert response.status_code == 200 and answer["ok"] and answer["undo"]
    assert answer["message"] == "Approved 2 comments."
    assert answer["decided"] == [comments[0].pk, comments[1].pk]
    assert answer["counts"] == {"pending": 1, "reported": 0, "rejected": 0}


def test_a_refused_decision_as_json_is_a_400_with_the_reason(moderator_client, premoderated):
    comment = post(premoderated)
    response = moderator_client.post(ACT, {"act": f"reject:{comment.pk}"}, **JSON)
    assert response.status_code == 400
    assert "Choose the clause" in response.json()["message"]
    assert status(comment) == Status.PENDING


@pytest.mark.parametrize(
    ("action", "says"),
    [
        ("reject", "Rejected 1 comment."),
        ("ban", "Rejected 1 comment and banned its author."),
    ],
)
def test_each_confirmation_names_the_decision(moderator_client, premoderated, action, says):
    comment = post(premoderated)
    answer = moderator_client.post(
        ACT, {"act": f"{action}:{comment.pk}", f"clause-{comment.pk}": clause(1).pk}, **JSON
    ).json()
    assert answer["message"] == says


def test_without_javascript_the_page_returns_to_the_card_after_the_one_decided(
    moderator_client, premoderated
):
    one, two, three = (post(premoderated, f"Held {n}.") for n in range(3))
    order = f"{one.pk} {two.pk} {three.pk}"
    response = moderator_client.post(
        ACT, {"act": f"approve:{two.pk}", "order": order, "next": QUEUE + "?tab=pending"}
    )
    assert response["Location"] == f"{QUEUE}?tab=pending#card-{three.pk}"
    response = moderator_client.post(ACT, {"act": f"approve:{three.pk}", "order": f"{one.pk} {three.pk}"})
    assert response["Location"] == f"{QUEUE}#card-{one.pk}"  # the last one: back to the one before
    page = moderator_client.get(QUEUE).content.decode()
    assert "Approved 1 comment." in page and f'id="card-{one.pk}"' in page


def test_all_on_this_page_decides_every_card_listed_and_no_other(moderator_client, premoderated):
    listed = [post(premoderated, f"Listed {n}.") for n in range(3)]
    other = post(premoderated, "Arrived after the page was made.")
    moderator_client.post(ACT, {"bulk": "approve", "all": "1", "order": " ".join(str(c.pk) for c in listed)})
    assert [status(c) for c in listed] == [Status.PUBLISHED] * 3
    assert status(other) == Status.PENDING


def test_hostile_ids_in_queue_actions_never_answer_500(moderator_client, premoderated):
    """Unicode digits, huge, negative and text ids read as absent: a message, nothing decided."""
    comment = post(premoderated)
    hostile = ["²", "9" * 30, str(2**63), "-1", "0", "abc", "1e3", "(a+)+b", ""]
    for value in hostile:
        for data in (
            {"act": f"approve:{value}"},
            {"bulk": "approve", "ids": value},
            {"bulk": "reject", "ids": comment.pk, "bulk_clause": value},
            {"act": f"reject:{comment.pk}", f"clause-{comment.pk}": value},
            {"bulk": "approve", "ids": comment.pk, "order": value, "all": "1"},
        ):
            response = moderator_client.post(ACT, data)
            assert response.status_code == 303, (data, response.status_code)
            assert moderator_client.post(ACT, data, **JSON).status_code in (200, 400)
            if data.get("bulk") == "approve":
                Comment.objects.filter(pk=comment.pk).update(status=Status.PENDING)
    assert status(comment) == Status.PENDING


def test_hostile_moderator_ids_in_the_audit_log_never_answer_500(moderator_client):
    for value in ["²", "9" * 30, str(2**63), "-5", "site", "x"]:
        assert moderator_client.get("/en/moderation/log/", {"moderator": value}).status_code == 200


def test_hostile_filter_values_in_the_queue_never_answer_500(moderator_client, premoderated):
    post(premoderated)
    for value in ["²", "9" * 30, "-1", "(a+)+b", "x" * 500, "pre\x00moderation", "RU"]:
        for name in ("article", "section", "rule", "language", "page", "tab"):
            assert moderator_client.get(QUEUE, {name: value}).status_code == 200


# Undo


def test_undo_puts_the_last_decision_back_and_logs_it(moderator_client, moderator, premoderated):
    WordFactory(term="suspicious", kind=WordListEntry.Kind.SUSPECT)
    held = post(premoderated, "A suspicious remark.")
    before = Comment.objects.get(pk=held.pk)
    moderator_client.post(ACT, {"act": f"reject:{held.pk}", f"clause-{held.pk}": clause(2).pk})
    assert status(held) == Status.REJECTED
    response = moderator_client.post(UNDO, {"next": QUEUE}, **JSON)
    assert response.json()["message"] == "Undone: 1 comment is back where it was."
    after = Comment.objects.get(pk=held.pk)
    assert (after.status, after.moderation_rule, after.moderation_reason, after.policy_clause_id) == (
        before.status,
        before.moderation_rule,
        before.moderation_reason,
        before.policy_clause_id,
    )
    undo = Decision.objects.get(action=Decision.Action.UNDO)
    assert (undo.moderator, undo.previous_status, undo.new_status) == (moderator, "rejected", "pending")
    # Undone once: there is nothing left to undo.
    assert moderator_client.post(UNDO, **JSON).status_code == 400


def test_undo_reopens_reports_and_lifts_the_ban_it_made(moderator_client, article):
    comment = post(article, "Reported and banned.", email="troll@example.org")
    Report.objects.create(comment=comment, clause=clause(1), reporter_key="k1")
    Comment.objects.filter(pk=comment.pk).update(report_count=1)
    moderator_client.post(
        ACT, {"act": f"ban:{comment.pk}", f"clause-{comment.pk}": clause(1).pk, "ban_days": "7"}
    )
    assert Ban.objects.active().count() == 1
    response = moderator_client.post(UNDO, {"next": QUEUE + "?tab=reported"})
    assert response["Location"] == f"{QUEUE}?tab=reported#card-{comment.pk}"
    comment.refresh_from_db()
    assert (comment.status, comment.report_count) == (Status.PUBLISHED, 1)
    assert Report.objects.filter(comment=comment, decision__isnull=True).count() == 1
    assert Ban.objects.active().count() == 0


def test_undo_is_refused_after_its_window(moderator, premoderated):
    comment = post(premoderated)
    record = services.queue_decide(comments=[comment], action="approve", moderator=moderator)
    later = timezone.now() + timedelta(seconds=services.UNDO_SECONDS + 1)
    with pytest.raises(services.ValidationError):
        services.queue_undo(record=record, moderator=moderator, now=later)
    assert status(comment) == Status.PUBLISHED


def test_undo_leaves_a_comment_decided_again_since(moderator, premoderated):
    comment = post(premoderated)
    record = services.queue_decide(comments=[comment], action="approve", moderator=moderator)
    services.comment_remove(comment=comment, moderator=ModeratorFactory(), clause=clause(1))
    assert services.queue_undo(record=record, moderator=moderator) == 0
    assert status(comment) == Status.REMOVED


def test_only_the_moderator_who_decided_can_undo(client, moderator, premoderated):
    comment = post(premoderated)
    client.force_login(moderator)
    client.post(ACT, {"act": f"approve:{comment.pk}"})
    client.force_login(ModeratorFactory())
    assert client.post(UNDO, **JSON).status_code == 400
    assert status(comment) == Status.PUBLISHED


# Beside each card


def test_matched_words_and_links_are_marked_in_escaped_text(moderator_client, premoderated):
    WordFactory(term="idiot", kind=WordListEntry.Kind.SUSPECT)
    post(premoderated, "You 1d10t <b>bold</b>, see https://spam.example/x now")
    html = moderator_client.get(QUEUE).content.decode()
    text = re.search(r'<div class="comment-text card-text"[^>]*>(.*?)</div>', html, re.S).group(1)
    assert '<mark class="match-suspect" title="idiot (suspect)">1d10t</mark>' in text
    assert '<mark class="match-link" title="link">https://spam.example/x</mark>' in text
    assert "&lt;b&gt;bold&lt;/b&gt;" in text and "<b>" not in text
    assert "2 matches marked in the text." in html


def test_the_card_shows_the_commenters_history_by_hashes(moderator_client, article, premoderated):
    earlier = post(article, "An earlier comment.", email="Regular@Example.org")
    post(article, "Another.", email="regular@example.org")
    third = post(article, "Third.", email="regular@example.org")
    post(premoderated, "Now held.", email="regular@example.org", author_name="Regular")
    services.comment_reject(comment=earlier, moderator=ModeratorFactory(), clause=clause(1))
    services.commenter_ban(comment=third, moderator=ModeratorFactory(), clause=clause(1), days=1)
    post(premoderated, "A newcomer.", email="new@example.org", author_name="Newcomer")
    html = moderator_client.get(QUEUE).content.decode()
    regular, newcomer = re.findall(r'<dd class="history">(.*?)</dd>', html, re.S)
    assert re.sub(r"\s+", " ", regular).strip().startswith("1 published, 2 turned down, 0 others held;")
    assert "banned once" in regular and "in force" in regular
    assert "First comment here." in newcomer
    assert "regular@example.org" not in html.lower()


def test_filters_narrow_the_queue_by_article_section_rule_and_language(moderator_client):
    sport = SectionFactory(name="Sport", slug="sport")
    one = article_with_thread("pre", section=sport)
    two = article_with_thread("pre", language="ru")
    a = post(one, "In sport.")
    b = post(two, "По-русски.", author_name="Ivan")
    Comment.objects.filter(pk=b.pk).update(moderation_rule="suspect-word")

    def ids(**query):
        html = moderator_client.get(QUEUE, query).content.decode()
        return [int(i) for i in re.findall(r'data-card data-id="(\d+)"', html)]

    assert ids() == [a.pk, b.pk]
    assert ids(section=sport.pk) == [a.pk]
    assert ids(article=two.pk) == [b.pk]
    assert ids(rule="suspect-word") == [b.pk]
    assert ids(language="ru") == [b.pk]
    assert "suspect-word" in moderator_client.get(QUEUE).content.decode()  # offered as a filter


def test_the_counts_endpoint_answers_the_tabs_counts(moderator_client, premoderated, client):
    post(premoderated)
    assert moderator_client.get("/en/moderation/counts/").json() == {
        "pending": 1,
        "reported": 0,
        "rejected": 0,
    }


def test_the_staff_bar_links_the_back_office_and_signs_out_by_post(moderator_client):
    html = moderator_client.get(QUEUE).content.decode()
    assert 'href="/admin/"' in html
    assert re.search(r'<form method="post" action="/admin/logout/">.*?Sign out', html, re.S)


def test_approve_comes_first_on_every_card(moderator_client, premoderated):
    post(premoderated)
    html = moderator_client.get(QUEUE).content.decode()
    actions = re.findall(r'data-action="(\w+)"', html)
    assert actions[0] == "approve" and actions.index("approve") < actions.index("reject")


def test_an_editor_without_the_role_gets_a_page_that_names_it(client):
    client.force_login(StaffFactory(username="editor1"))
    response = client.get(QUEUE)
    html = response.content.decode()
    assert response.status_code == 403
    assert "This page is for moderators" in html and "Moderators group" in html
    assert "signed in as editor1" in html and 'href="/admin/"' in html
    assert client.get("/en/moderation/counts/").status_code == 403


# Report pages show only what the public thread shows


def test_the_report_page_of_an_unpublished_article_is_a_404(client, article):
    comment = post(article)
    assert client.get(f"/en/moderation/report/{comment.pk}/").status_code == 200
    Article.objects.filter(pk=article.pk).update(status=Article.Status.DRAFT)
    assert client.get(f"/en/moderation/report/{comment.pk}/").status_code == 404
    assert client.get(f"/en/moderation/report/{comment.pk}/thanks/").status_code == 404


def test_the_report_page_of_a_comment_not_published_is_a_404(client, premoderated):
    comment = post(premoderated)
    assert client.get(f"/en/moderation/report/{comment.pk}/").status_code == 404


def test_an_archived_articles_comments_stay_reportable(client):
    article = article_with_thread("post")
    comment = post(article)
    Article.objects.filter(pk=article.pk).update(status=Article.Status.ARCHIVED)
    assert client.get(f"/en/moderation/report/{comment.pk}/").status_code == 200


def test_a_scheduled_article_not_yet_due_hides_its_report_pages(client):
    article = article_with_thread("post")
    comment = post(article)
    ArticleFactory._meta.model.objects.filter(pk=article.pk).update(
        status=Article.Status.SCHEDULED, published_at=timezone.now() + timedelta(days=1)
    )
    assert client.get(f"/en/moderation/report/{comment.pk}/").status_code == 404


def test_a_matched_terms_clause_is_chosen_in_advance_so_one_key_rejects(moderator_client, premoderated):
    """A suspect term whose entry names a clause preselects it on the card: "r" alone rejects."""
    WordFactory(term="scam", kind=WordListEntry.Kind.SUSPECT, clause=clause(3))
    held = post(premoderated, "This is a scam.")
    html = moderator_client.get(QUEUE).content.decode()
    select = re.search(rf'<select name="clause-{held.pk}".*?</select>', html, re.S).group(0)
    assert re.search(rf'<option value="{clause(3).pk}" data-number="3" selected>', select)


def test_phrases_are_marked_whole_and_neighbours_left_alone(moderator_client, premoderated):
    WordFactory(term="miracle cure", kind=WordListEntry.Kind.SUSPECT, clause=clause(3))
    WordFactory(term="scam", kind=WordListEntry.Kind.SUSPECT)
    post(premoderated, "Buy scam now.\nA new miracle  cure, friends.")
    html = moderator_client.get(QUEUE).content.decode()
    text = re.search(r'<div class="comment-text card-text"[^>]*>(.*?)</div>', html, re.S).group(1)
    assert text == (
        '<p>Buy <mark class="match-suspect" title="scam (suspect)">scam</mark> now.<br>\n'
        'A new <mark class="match-suspect" title="miracle cure (suspect)">miracle  cure,</mark> friends.</p>'
    )


def test_confirmations_are_translated_with_russian_plurals(moderator_client, premoderated):
    comments = [post(premoderated, f"Held {n}.") for n in range(5)]
    answer = moderator_client.post(
        "/ru/moderation/act/", {"bulk": "approve", "ids": [c.pk for c in comments]}, **JSON
    ).json()
    assert answer["message"] == "Одобрено 5 комментариев."


def test_hostile_values_on_the_other_moderation_pages_never_answer_500(moderator_client):
    for value in ["²", "9" * 30, str(2**63), "-1", "(a+)+b", "\x00"]:
        for url in ("/en/moderation/words/", "/en/moderation/bans/", "/en/moderation/log/", QUEUE):
            assert moderator_client.get(url, {"page": value, "action": value}).status_code == 200
        form = {"term": "fine", "kind": value, "language": value, "clause": value, "note": value}
        assert moderator_client.post("/en/moderation/words/", form).status_code == 400
        assert moderator_client.post(UNDO, {"next": value}).status_code == 303


def test_a_refused_bulk_decision_keeps_the_selection_and_the_place(moderator_client, premoderated):
    """Without JavaScript, a bulk reject with no clause comes back with the same boxes ticked."""
    one, two, three = (post(premoderated, f"Held {n}.") for n in range(3))
    response = moderator_client.post(ACT, {"bulk": "reject", "ids": [two.pk, three.pk]})
    assert response["Location"] == f"{QUEUE}#card-{two.pk}"
    html = moderator_client.get(QUEUE).content.decode()
    assert f'id="select-{two.pk}" data-select checked>' in html
    assert f'id="select-{three.pk}" data-select checked>' in html
    assert f'id="select-{one.pk}" data-select>' in html
    assert "Choose the clause" in html
    # Kept for one page only.
    assert "data-select checked" not in moderator_client.get(QUEUE).content.decode()
