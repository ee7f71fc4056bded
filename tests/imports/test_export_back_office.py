"""The back office's site export: an editor-in-chief asks for one, a background task writes it,
and the files download from the back office only, for staff allowed to see exports."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User

from serai.imports.models import SiteExport
from serai.staff.roles import editors_in_chief_group
from tests.comments.helpers import CommentFactory
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db
ADD = "/admin/imports/siteexport/add/"
LIST = "/admin/imports/siteexport/"


@pytest.fixture(autouse=True)
def at_once(settings, tmp_path):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.SERAI_EXPORT_DIR = str(tmp_path / "exports")


@pytest.fixture
def chief(client):
    user = User.objects.create_user("chief", "chief@example.org", "a-long-chief-pass", is_staff=True)
    user.groups.add(editors_in_chief_group())
    client.force_login(user)
    return user


def test_an_editor_in_chief_exports_the_site_and_downloads_it(
    client, chief, django_capture_on_commit_callbacks
):
    article = ArticleFactory(headline="Grain prices rise")
    CommentFactory(article=article, text="Who decides?", email="dana@example.net")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(ADD, {})
    assert response.status_code == 302
    export = SiteExport.objects.get()
    assert (export.status, export.requested_by, export.counts["articles"]) == ("done", chief, 1)
    listing = client.get(LIST).content.decode()
    wxr_link = f"/admin/imports/siteexport/{export.pk}/download/wxr/"
    assert wxr_link in listing
    download = client.get(wxr_link)
    assert download.status_code == 200 and "attachment" in download["Content-Disposition"]
    assert b"Grain prices rise" in b"".join(download.streaming_content)
    comments = b"".join(client.get(wxr_link.replace("/wxr/", "/comments/")).streaming_content)
    assert b"Who decides?" in comments


def test_staff_without_the_permission_and_strangers_get_nothing(
    client, chief, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(ADD, {})
    export = SiteExport.objects.get()
    link = f"/admin/imports/siteexport/{export.pk}/download/wxr/"
    editor = User.objects.create_user("ed", "ed@example.org", "a-long-editor-pass", is_staff=True)
    client.force_login(editor)
    assert client.get(link).status_code == 403
    assert client.post(ADD, {}).status_code == 403
    client.logout()
    assert client.get(link).status_code == 302  # to the sign-in page
    client.force_login(chief)
    assert client.get(f"/admin/imports/siteexport/{export.pk}/download/passwords/").status_code == 404
