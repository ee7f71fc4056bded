"""The moderation pages and the readers' report form, over HTTP."""

import re
import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from serai.comments.forms import issue_form_token
from serai.comments.models import Comment
from serai.core import fragments
from serai.moderation.models import Decision, Report, WordListEntry
from tests.comments.helpers import report_data, report_url
from tests.moderation.factories import (
    ModeratorFactory,
    StaffFactory,
    WordFactory,
    clause,
    permission,
    post,
)

pytestmark = pytest.mark.django_db
QUEUE = "/en/moderation/"
SAME_ORIGIN = {"Origin": "http://testserver"}
Status = Comment.Status


def csrf_client(client):
    client.handler.enforce_csrf_checks = True
    return client


def csrf_token(client, url=QUEUE) -> str:
    html = client.get(url).content.decode()
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


# Who may open the queue


def test_signed_out_visitors_are_sent_to_the_staff_login(client):
    response = client.get(QUEUE + "?tab=reported")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/?next=")
    assert "tab%3Dreported" in response["Location"]


def test_staff_without_the_moderation_permission_get_403(client):
    client.force_login(StaffFactory())
    assert client.get(QUEUE).status_code == 403
    assert client.post("/en/moderation/act/", {"bulk": "approve"}).status_code == 403


def test_moderators_and_superusers_get_the_queue(client, moderator):
    client.force_login(moderator)
    assert client.get(QUEUE).status_code == 200
    client.force_login(StaffFactory(is_superuser=True))
    assert client.get(QUEUE).status_code == 200


def test_staff_with_the_permission_directly_may_moderate(client):
    user = StaffFactory()
    user.user_permissions.add(permission("moderate_comments"))
    client.force_login(user)
    assert client.get(QUEUE).status_code == 200


def test_a_moderator_who_is_not_staff_any_more_is_refused(client):
    client.force_login(ModeratorFactory(is_staff=False))
    assert client.get(QUEUE).status_code == 403


# What the queue shows


def test_a_card_shows_the_comment_article_parent_and_rule(moderator_client, article, settings):
    parent = post(article, "The original point about tariffs.")
    settings.SERAI_MAX_LINKS = 0
    reply = post(article, "Disagree <b>strongly</b>: https://example.org", parent=parent, author_name="Bolat")
    assert reply.status == Status.PENDING
    html = moderator_client.get(QUEUE).content.decode()
    assert "Bolat" in html
    assert article.headline in html and article.get_absolute_url() in html
    assert "The original point about tariffs." in html
    assert "links" in html and "The comment has 1 links." in html
    assert "&lt;b&gt;strongly&lt;/b&gt;" in html and "<b>strongly</b>" not in html


def test_the_queue_never_shows_email_addresses_or_address_hashes(moderator_client, premoderated):
    comment = post(premoderated, email="secret.person@example.org", ip_address="192.0.2.1")
    html = moderator_client.get(QUEUE).content.decode()
    assert f'id="card-{comment.pk}"' in html
    assert "secret.person" not in html and "@example.org" not in html
    assert comment.ip_hash not in html and comment.ip_hash[:12] not in html
    assert "192.0.2.1" not in html


def test_tabs_show_their_counts(moderator_client, premoderated, article, settings):
    settings.SERAI_REPORTS_TO_HIDE = 10
    post(premoderated)
    post(premoderated, "Second pending.")
    reported = post(article, "A reported comment.")
    Report.objects.create(comment=reported, clause=clause(2), reporter_key="k")
    rejected = post(article, "Spam spam.", honeypot="x")
    html = moderator_client.get(QUEUE).content.decode()
    counts = re.findall(r'<span class="count" data-count="\w+">(\d+)</span>', html)
    assert counts == ["2", "1", "1"]
    reported_tab = moderator_client.get(QUEUE + "?tab=reported").content.decode()
    assert "A reported comment." in reported_tab and "No personal attacks" in reported_tab
    assert f'id="card-{rejected.pk}"' in moderator_client.get(QUEUE + "?tab=rejected").content.decode()


def test_the_queue_pages_by_fifty(moderator_client, premoderated):
    for n in range(51):
        post(premoderated, f"Pending comment {n}.")
    first = moderator_client.get(QUEUE).content.decode()
    assert first.count("data-card ") == 50
    second = moderator_client.get(QUEUE + "?page=2").content.decode()
    assert second.count("data-card ") == 1


def test_the_queue_has_a_shortcut_legend_and_no_inline_script(moderator_client, premoderated):
    post(premoderated)
    html = moderator_client.get(QUEUE).content.decode()
    assert "Keyboard shortcuts" in html and "<kbd>j</kbd>" in html and "<details" not in html
    assert '<script src="/static/desk/queue.js" defer></script>' in html
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), "inline scripts break a strict CSP"
    assert re.search(r"\son[a-z]+=", html) is None, "no inline event handlers"


# Deciding


def test_bulk_approve(client, moderator, premoderated):
    comments = [post(premoderated, f"Pending {n}.") for n in range(3)]
    client = csrf_client(client)
    client.force_login(moderator)
    data = {
        "csrfmiddlewaretoken": csrf_token(client),
        "bulk": "approve",
        "ids": [c.pk for c in comments[:2]],
        "next": QUEUE,
    }
    response = client.post("/en/moderation/act/", data)
    assert response.status_code == 303
    statuses = list(Comment.objects.order_by("pk").values_list("status", flat=True))
    assert statuses == [Status.PUBLISHED, Status.PUBLISHED, Status.PENDING]
    assert Decision.objects.filter(action="approve", moderator=moderator).count() == 2
    assert "Approved 2 comments." in client.get(QUEUE).content.decode()


def test_staff_forms_need_the_csrf_token(client, moderator, premoderated):
    comment = post(premoderated)
    client = csrf_client(client)
    client.force_login(moderator)
    response = client.post("/en/moderation/act/", {"act": f"approve:{comment.pk}"})
    assert response.status_code == 403
    comment.refresh_from_db()
    assert comment.status == Status.PENDING


def test_reject_one_comment_with_its_clause_and_note(moderator_client, moderator, premoderated):
    comment = post(premoderated)
    response = moderator_client.post(
        "/en/moderation/act/",
        {
            "act": f"reject:{comment.pk}",
            f"clause-{comment.pk}": clause(4).pk,
            f"note-{comment.pk}": "Advertising a shop.",
            "next": QUEUE + "?tab=pending",
        },
    )
    assert response.status_code == 303 and response["Location"] == QUEUE + "?tab=pending#queue"
    comment.refresh_from_db()
    assert (comment.status, comment.policy_clause) == (Status.REJECTED, clause(4))
    decision = Decision.objects.get()
    assert (decision.moderator, decision.clause, decision.note) == (
        moderator,
        clause(4),
        "Advertising a shop.",
    )


def test_reject_without_a_clause_is_refused_with_a_message(moderator_client, premoderated):
    comment = post(premoderated)
    response = moderator_client.post("/en/moderation/act/", {"act": f"reject:{comment.pk}"}, follow=True)
    assert "Choose the clause" in response.content.decode()
    comment.refresh_from_db()
    assert comment.status == Status.PENDING


def test_bulk_reject_and_ban_from_the_queue(moderator_client, premoderated):
    one, two = post(premoderated, "One."), post(premoderated, "Two.", email="troll@example.org")
    moderator_client.post(
        "/en/moderation/act/", {"bulk": "reject", "ids": [one.pk], "bulk_clause": clause(1).pk}
    )
    moderator_client.post(
        "/en/moderation/act/", {"act": f"ban:{two.pk}", f"clause-{two.pk}": clause(3).pk, "ban_days": "7"}
    )
    assert Comment.objects.get(pk=one.pk).status == Status.REJECTED
    assert Comment.objects.get(pk=two.pk).status == Status.REJECTED
    assert Decision.objects.filter(action="ban").exists()
    assert "Nobody is banned." not in moderator_client.get("/en/moderation/bans/").content.decode()


def test_the_next_address_cannot_leave_the_site(moderator_client, premoderated):
    comment = post(premoderated)
    response = moderator_client.post(
        "/en/moderation/act/", {"act": f"approve:{comment.pk}", "next": "https://evil.example/"}
    )
    assert response["Location"] == QUEUE + "#queue"


# Word lists and the audit log


def test_moderators_add_and_remove_word_list_entries(moderator_client, moderator):
    response = moderator_client.post(
        "/en/moderation/words/",
        {
            "term": "идиот*",
            "kind": "banned",
            "language": "ru",
            "clause": clause(2).pk,
            "note": "",
        },
    )
    assert response.status_code == 303
    entry = WordListEntry.objects.get()
    assert (entry.term, entry.language, entry.created_by) == ("идиот*", "ru", moderator)
    assert "идиот*" in moderator_client.get("/en/moderation/words/").content.decode()
    moderator_client.post(f"/en/moderation/words/{entry.pk}/remove/")
    assert not WordListEntry.objects.exists()
    assert set(Decision.objects.values_list("action", flat=True)) == {"word_added", "word_removed"}


def test_a_duplicate_term_is_refused_on_the_form(moderator_client):
    WordFactory(term="idiot", language="")
    response = moderator_client.post(
        "/en/moderation/words/", {"term": "IDIOT", "kind": "suspect", "language": ""}
    )
    assert response.status_code == 400
    assert WordListEntry.objects.count() == 1


def test_the_audit_log_filters_by_moderator_and_action(client, premoderated):
    alice, bob = ModeratorFactory(username="alice"), ModeratorFactory(username="bob")
    first, second = post(premoderated, "First."), post(premoderated, "Second.")
    from serai.desk import services

    services.comment_approve(comment=first, moderator=alice)
    services.comment_reject(comment=second, moderator=bob, clause=clause(6))
    client.force_login(alice)
    everything = client.get("/en/moderation/log/").content.decode()
    assert "First." in everything and "Second." in everything
    by_bob = client.get(f"/en/moderation/log/?moderator={bob.pk}").content.decode()
    assert "Second." in by_bob and "First." not in by_bob
    approvals = client.get("/en/moderation/log/?action=approve").content.decode()
    assert "First." in approvals and "Second." not in approvals


# Readers' reports


def page_token(client, comment) -> str:
    """The form token the report page gives the reader, as their browser sends it back."""
    html = client.get(report_url(comment)).content.decode()
    return re.search(r'<input type="hidden" name="token" value="([^"]+)"', html).group(1)


def test_published_comments_carry_a_report_link(client, article):
    comment = post(article)
    html = client.get(article.get_absolute_url()).content.decode()
    assert f'href="{report_url(comment)}"' in html


def test_the_report_form_lists_the_policy_clauses(client, article):
    html = client.get(report_url(post(article))).content.decode()
    assert "No personal attacks or hate speech" in html
    assert "Something else" in html
    assert "checked" not in html, "the reader chooses; nothing is chosen for them"
    assert 'name="csrfmiddlewaretoken"' not in html  # same-origin check instead, like comments


def test_a_reader_reports_a_comment_and_is_thanked(client, article):
    comment = post(article)
    data = {"clause": clause(5).pk, "note": "My address.", "token": page_token(client, comment)}
    response = client.post(report_url(comment), data, headers=SAME_ORIGIN)
    assert response.status_code == 303
    assert response["Location"] == f"/en/moderation/report/{comment.pk}/thanks/"
    assert "Thank you for your report" in client.get(response["Location"]).content.decode()
    report = Report.objects.get()
    assert (report.clause, report.note) == (clause(5), "My address.")
    assert "127.0.0.1" not in report.reporter_key + report.ip_hash
    assert "serai_reporter" in response.cookies


def test_a_second_report_from_the_same_reader_is_not_counted(client, article):
    comment = post(article)
    for _ in range(2):
        response = client.post(
            report_url(comment), report_data(comment, clause=clause(2).pk), headers=SAME_ORIGIN
        )
        assert response.status_code == 303
    assert Report.objects.count() == 1


def test_a_cross_site_report_is_refused(client, article):
    comment = post(article)
    response = client.post(
        report_url(comment),
        report_data(comment, clause=clause(2).pk),
        headers={"Origin": "https://evil.example"},
    )
    assert response.status_code == 403
    assert not Report.objects.exists()


def test_a_report_without_a_reason_shows_the_form_again(client, article):
    comment = post(article)
    response = client.post(report_url(comment), report_data(comment, note="  "), headers=SAME_ORIGIN)
    assert response.status_code == 400
    assert "Choose what is wrong." in response.content.decode()
    response = client.post(report_url(comment), report_data(comment, clause="other"), headers=SAME_ORIGIN)
    assert response.status_code == 400
    assert "Tell us what is wrong" in response.content.decode()
    assert not Report.objects.exists()


def test_something_else_needs_words_and_no_clause(client, article):
    comment = post(article)
    client.post(
        report_url(comment),
        report_data(comment, clause="other", note="It is my phone number."),
        headers=SAME_ORIGIN,
    )
    report = Report.objects.get()
    assert (report.clause, report.note) == (None, "It is my phone number.")


def test_held_comments_cannot_be_reported(client, premoderated):
    assert client.get(report_url(post(premoderated))).status_code == 404


def test_three_reports_hide_a_comment_from_the_article_page(client, article, settings):
    settings.SERAI_REPORTS_TO_HIDE = 3
    comment = post(article, "A contested remark.")
    for n in range(3):
        client.cookies.clear()
        client.post(
            report_url(comment),
            report_data(comment, clause=clause(2).pk),
            headers=SAME_ORIGIN,
            REMOTE_ADDR=f"192.0.2.{n + 1}",
        )
    comment.refresh_from_db()
    assert comment.status == Status.PENDING
    assert "A contested remark." not in client.get(article.get_absolute_url()).content.decode()


# Tombstones


def test_a_removed_comment_with_replies_leaves_a_tombstone_naming_the_clause(client, article, moderator):
    from serai.desk import services

    parent = post(article, "Something hateful.")
    post(article, "A reply that stays.", parent=parent)
    services.comment_remove(comment=parent, moderator=moderator, clause=clause(2))
    html = client.get(article.get_absolute_url()).content.decode()
    assert "Something hateful." not in html
    assert "A reply that stays." in html
    assert "breaking clause 2 of the Comment Policy (No personal attacks or hate speech)" in html
    ru = client.get(article.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="ru")
    assert ru.status_code == 200


# Posting over HTTP, through the pipeline


def test_posting_through_the_endpoint_runs_the_pipeline(client, article):
    WordFactory(term="idiot")
    data = {
        "author_name": "Reader",
        "email": "reader@example.org",
        "text": "What an 1d10t",
        "token": issue_form_token(article.pk, now=time.time() - 10),
        "website": "",
    }
    response = client.post(f"/en/comments/{article.pk}/post/", data, headers=SAME_ORIGIN)
    assert response.status_code == 303
    comment = Comment.objects.get()
    assert (comment.status, comment.moderation_rule) == (Status.REJECTED, "banned-word")


def test_a_form_sent_too_fast_is_held(client, article):
    data = {
        "author_name": "Bot",
        "email": "bot@example.org",
        "text": "Fast fingers",
        "token": issue_form_token(article.pk, now=time.time()),
        "website": "",
    }
    client.post(f"/en/comments/{article.pk}/post/", data, headers=SAME_ORIGIN)
    assert Comment.objects.get().moderation_rule == "too-fast"


def test_the_queue_costs_the_same_queries_for_few_or_many_cards(moderator_client, article):
    """Cards fetch their article, parent, clause and reports up front, not one by one."""

    def queries_for_queue() -> int:
        fragments.reset()  # the sections list every page shows is kept per process: count it
        with CaptureQueriesContext(connection) as captured:
            assert moderator_client.get(QUEUE + "?tab=reported").status_code == 200
        return len(captured)

    parent = post(article, "A parent.")

    def reported_reply(n):
        reply = post(article, f"Reply {n}.", parent=parent)
        Report.objects.create(comment=reply, clause=clause(2), reporter_key=f"k{n}")

    reported_reply(0)
    few = queries_for_queue()
    for n in range(1, 20):
        reported_reply(n)
    assert queries_for_queue() == few
