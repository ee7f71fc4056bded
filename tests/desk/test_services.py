"""Moderators' decisions about comments: state transitions, counters, reports, bans; every one
logged."""

import pytest
from django.core.exceptions import ValidationError

from serai.comments.models import Comment
from serai.comments.selectors import published_count
from serai.desk import services
from serai.moderation.models import Ban, Decision, Report
from serai.moderation.privacy import email_hash
from serai.moderation.services import ban_lift
from tests.moderation.factories import clause, post

pytestmark = pytest.mark.django_db
Status = Comment.Status


def test_approving_a_held_comment_publishes_it_and_logs_who_and_why(premoderated, moderator):
    comment = post(premoderated)
    services.comment_approve(comment=comment, moderator=moderator, note="Fine.")
    comment.refresh_from_db()
    assert comment.status == Status.PUBLISHED
    assert published_count(article=premoderated) == 1
    decision = Decision.objects.get()
    assert (decision.action, decision.moderator, decision.moderator_name) == (
        "approve",
        moderator,
        moderator.username,
    )
    assert (decision.previous_status, decision.new_status, decision.note) == ("pending", "published", "Fine.")


def test_rejecting_needs_a_clause_and_records_it(premoderated, moderator):
    comment = post(premoderated)
    with pytest.raises(ValidationError):
        services.comment_reject(comment=comment, moderator=moderator, clause=None)
    assert not Decision.objects.exists()
    services.comment_reject(comment=comment, moderator=moderator, clause=clause(4), note="Advert.")
    comment.refresh_from_db()
    assert (comment.status, comment.policy_clause) == (Status.REJECTED, clause(4))
    assert Decision.objects.get().clause == clause(4)


def test_rejecting_a_published_comment_removes_it_and_keeps_the_counters_right(article, moderator):
    comment = post(article)
    assert published_count(article=article) == 1
    services.comment_reject(comment=comment, moderator=moderator, clause=clause(2))
    comment.refresh_from_db()
    assert comment.status == Status.REMOVED
    assert published_count(article=article) == 0
    decision = Decision.objects.get()
    assert (decision.action, decision.previous_status, decision.new_status) == (
        "remove",
        "published",
        "removed",
    )


def test_restoring_a_rejected_comment(article, moderator):
    comment = post(article)
    services.comment_remove(comment=comment, moderator=moderator, clause=clause(1))
    services.comment_approve(comment=comment, moderator=moderator)
    comment.refresh_from_db()
    assert (comment.status, comment.policy_clause) == (Status.PUBLISHED, None)
    assert list(Decision.objects.values_list("action", flat=True)) == ["restore", "remove"]


def test_a_ban_rejects_the_comment_and_keeps_the_author_out(article, moderator):
    comment = post(article, email="troll@example.org")
    ban = services.commenter_ban(comment=comment, moderator=moderator, clause=clause(3), days=7)
    assert ban.email_hash == email_hash("troll@example.org")
    assert ban.ip_hash == comment.ip_hash
    assert ban.expires_at is not None
    comment.refresh_from_db()
    assert comment.status == Status.REMOVED
    assert sorted(Decision.objects.values_list("action", flat=True)) == ["ban", "remove"]
    again = post(article, "Something else entirely.", email="TROLL@example.org")
    assert (again.status, again.moderation_rule) == (Status.REJECTED, "banned")


def test_lifting_a_ban_lets_the_author_back_and_is_logged(article, moderator):
    comment = post(article, email="troll@example.org")
    ban = services.commenter_ban(comment=comment, moderator=moderator, clause=clause(3))
    ban_lift(ban=ban, moderator=moderator)
    assert not Ban.objects.active().exists()
    assert Decision.objects.filter(action="unban").exists()
    assert post(article, "Back, and polite.", email="troll@example.org").status == Status.PUBLISHED


def test_no_raw_address_or_email_in_a_ban(article, moderator):
    comment = post(article, email="troll@example.org", ip_address="192.0.2.44")
    ban = services.commenter_ban(comment=comment, moderator=moderator, clause=clause(3))
    stored = " ".join(str(v) for v in Ban.objects.filter(pk=ban.pk).values().get().values())
    assert "troll@example.org" not in stored and "192.0.2.44" not in stored


def report(comment, n, **fields):
    return services.comment_report(
        comment=comment,
        reporter_key=f"reader-{n}",
        ip_hash=f"{n:064d}",
        clause=fields.pop("clause", clause(2)),
        **fields,
    )


def test_reports_hide_a_published_comment_after_three_readers(article, settings):
    settings.SERAI_REPORTS_TO_HIDE = 3
    comment = post(article)
    report(comment, 1)
    report(comment, 2)
    comment.refresh_from_db()
    assert (comment.status, comment.report_count) == (Status.PUBLISHED, 2)
    report(comment, 3)
    comment.refresh_from_db()
    assert (comment.status, comment.moderation_rule) == (Status.PENDING, "reports")
    assert published_count(article=article) == 0
    hidden = Decision.objects.get(action="hide")
    assert hidden.moderator is None and hidden.new_status == "pending"


def test_one_report_per_reader(article):
    comment = post(article)
    report(comment, 1)
    with pytest.raises(services.AlreadyReported):
        report(comment, 1)
    assert Report.objects.count() == 1


def test_reports_from_one_connection_count_once_towards_hiding(article, settings):
    settings.SERAI_REPORTS_TO_HIDE = 2
    comment = post(article)
    for n in range(4):
        services.comment_report(
            comment=comment, reporter_key=f"cookie-{n}", ip_hash="f" * 64, clause=clause(2)
        )
    comment.refresh_from_db()
    assert comment.status == Status.PUBLISHED


def test_a_report_needs_a_reason_and_a_published_comment(premoderated, article):
    with pytest.raises(ValidationError):
        services.comment_report(comment=post(article), reporter_key="k", clause=None, note=" ")
    note_only = services.comment_report(
        comment=post(article, "Another."), reporter_key="k", note="It is my phone number."
    )
    assert note_only.clause is None
    with pytest.raises(ValidationError):
        report(post(premoderated), 1)


def test_dismissing_reports_restores_a_hidden_comment_and_closes_them(article, moderator, settings):
    settings.SERAI_REPORTS_TO_HIDE = 1
    comment = post(article)
    report(comment, 1)
    services.reports_dismiss(comment=comment, moderator=moderator, note="Robust but fair.")
    comment.refresh_from_db()
    assert comment.status == Status.PUBLISHED
    assert comment.report_count == 0
    assert not Report.objects.filter(decision__isnull=True).exists()
    assert Report.objects.get().decision.action == "dismiss_reports"


def test_any_decision_closes_open_reports(article, moderator):
    comment = post(article)
    report(comment, 1)
    services.comment_remove(comment=comment, moderator=moderator, clause=clause(2))
    assert Report.objects.get().decision.action == "remove"


def test_bulk_decisions_log_one_row_per_comment(premoderated, moderator):
    comments = [post(premoderated, f"Comment {n}") for n in range(3)]
    assert services.comments_approve(comments=comments, moderator=moderator) == 3
    assert Comment.objects.filter(status=Status.PUBLISHED).count() == 3
    assert Decision.objects.filter(action="approve").count() == 3
    assert services.comments_reject(comments=comments, moderator=moderator, clause=clause(1)) == 3
    assert Comment.objects.filter(status=Status.REMOVED).count() == 3


def test_a_bulk_reject_without_a_clause_changes_nothing(premoderated, moderator):
    comments = [post(premoderated, f"Comment {n}") for n in range(2)]
    with pytest.raises(ValidationError):
        services.comments_reject(comments=comments, moderator=moderator, clause=None)
    assert Comment.objects.filter(status=Status.PENDING).count() == 2


def test_the_audit_log_survives_the_comment(article, moderator):
    comment = post(article)
    services.comment_remove(comment=comment, moderator=moderator, clause=clause(2))
    comment.delete()
    decision = Decision.objects.get()
    assert decision.comment is None and decision.moderator_name == moderator.username
