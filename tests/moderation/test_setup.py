"""What migrations and the back office set up: policy clauses, the Moderators group, the admin."""

import pytest
from django.contrib.auth.models import Group

from serai.moderation.models import Decision, PolicyClause
from serai.moderation.roles import MODERATORS, moderators_group
from tests.moderation.factories import StaffFactory, clause, post

pytestmark = pytest.mark.django_db


def test_the_comment_policy_clauses_exist_in_english_and_russian():
    clauses = {c.number: c for c in PolicyClause.objects.all()}
    assert sorted(clauses) == [1, 2, 3, 4, 5, 6, 7]
    assert clauses[2].title == "No personal attacks or hate speech"
    assert clauses[7].title == "Write in a language of our editions"
    assert all(c.translated_titles.get("ru") for c in clauses.values())
    assert clauses[2].display_title("ru") == "Никаких оскорблений и языка вражды"


def test_the_moderators_group_is_created_with_its_permissions():
    group = Group.objects.get(name=MODERATORS)
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert {"moderate_comments", "add_wordlistentry", "view_decision", "view_comment"} <= codenames
    assert "change_decision" not in codenames and "delete_decision" not in codenames


def test_moderators_group_is_idempotent_and_keeps_extra_permissions():
    from django.contrib.auth.models import Permission

    group = moderators_group()
    extra = Permission.objects.get(codename="view_section")
    group.permissions.add(extra)
    assert moderators_group().permissions.filter(pk=extra.pk).exists()
    assert Group.objects.filter(name=MODERATORS).count() == 1


@pytest.fixture
def admin_client(client):
    client.force_login(StaffFactory(is_superuser=True))
    return client


def test_the_audit_log_is_read_only_even_for_superusers(admin_client, article, moderator):
    from serai.desk import services

    services.comment_remove(comment=post(article), moderator=moderator, clause=clause(2))
    decision = Decision.objects.get()
    base = "/admin/moderation/decision/"
    assert admin_client.get(base).status_code == 200
    assert admin_client.get(base + "add/").status_code == 403
    page = admin_client.get(f"{base}{decision.pk}/change/")
    assert page.status_code == 200 and 'name="_save"' not in page.content.decode()
    assert admin_client.post(f"{base}{decision.pk}/delete/", {"post": "yes"}).status_code == 403
    assert Decision.objects.filter(pk=decision.pk).exists()


def test_editors_change_clauses_and_word_lists_in_the_admin(admin_client):
    assert admin_client.get("/admin/moderation/policyclause/").status_code == 200
    assert admin_client.get("/admin/moderation/wordlistentry/add/").status_code == 200
    assert admin_client.get("/admin/moderation/report/").status_code == 200
    assert admin_client.get("/admin/moderation/ban/").status_code == 200
