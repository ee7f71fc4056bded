"""`serai demo`: the demo newsroom loads once, completely, and renders."""

import re
from io import StringIO

from django.contrib.auth import authenticate, get_user_model
from django.core.management import call_command
from django.utils import timezone
from django.utils.html import escape

from serai.core.roles import EDITORS
from serai.newsroom.models import Article, Author, Photo, Section
from serai.pages.models import Page


def run_demo() -> str:
    out = StringIO()
    call_command("demo", stdout=out)
    return out.getvalue()


def counts() -> dict[str, int]:
    return {
        "sections": Section.objects.count(),
        "authors": Author.objects.count(),
        "articles": Article.objects.count(),
        "photos": Photo.objects.count(),
        "pages": Page.objects.count(),
        "users": get_user_model().objects.count(),
        "bylines": Article.authors.through.objects.count(),
    }


def printed_password(output: str) -> str:
    match = re.search(r"Password:\s+(\S+)", output)
    assert match, output
    return match.group(1)


def test_demo_loads_once_renders_and_keeps_changes(db, client, settings):
    """One test, so the demo (about ten seconds of pictures) is drawn only once."""
    first_output = run_demo()
    first = counts()
    versions = dict(Article.objects.values_list("pk", "version"))
    second_output = run_demo()

    # Idempotent: the second run adds nothing and changes nothing.
    assert counts() == first
    assert dict(Article.objects.values_list("pk", "version")) == versions
    assert "nothing was added" in second_output

    # What the demo promises.
    assert first["sections"] >= 5 and first["authors"] == 4 and first["pages"] == 3
    assert Section.objects.get(slug="security").translated_names == {"ru": "Безопасность"}
    assert all(a.portrait_renditions for a in Author.objects.all())
    now = timezone.now()
    english = Article.objects.published(now).filter(language="en", status="published")
    assert english.count() == 12
    assert english.filter(published_at__lt=now - timezone.timedelta(days=9)).exists()
    russian = Article.objects.filter(language="ru")
    assert russian.count() == 2
    for translation in russian:
        assert translation.is_live
        assert translation.translation_of.language == "en"
        assert translation.translation_of.is_live
        assert translation.photos.count() == translation.translation_of.photos.count()
    assert Article.objects.filter(bylines__position=1).count() == 1  # one two-author byline
    updated = Article.objects.exclude(revised_at=None).get()
    assert updated.was_updated and updated.update_note
    scheduled = Article.objects.get(status="scheduled")
    assert scheduled.published_at > now + timezone.timedelta(days=1)
    assert Article.objects.filter(status="draft").count() == 1

    # Every photo has renditions in WebP and JPEG.
    for photo in Photo.objects.all():
        assert {r["format"] for r in photo.renditions} == {"WEBP", "JPEG"}, photo

    # The editor account, printed with the same password both times.
    password = printed_password(first_output)
    assert printed_password(second_output) == password
    assert "http://127.0.0.1:8000/" in first_output
    assert f"http://127.0.0.1:8000/{settings.SERAI_ADMIN_PATH}" in first_output
    editor = authenticate(username="editor", password=password)
    assert editor is not None and editor.is_staff
    assert editor.groups.filter(name=EDITORS).exists()

    # Pages render, and every photo's credit appears once per photo.
    assert client.get("/en/").status_code == 200
    assert client.get("/ru/").status_code == 200
    for article in Article.objects.public():
        response = client.get(article.get_absolute_url())
        assert response.status_code == 200, article.slug
        html = response.content.decode()
        assert escape(article.headline) in html
        credits = list(article.photos.values_list("credit", flat=True))
        for credit in set(credits):
            assert html.count(f"[{credit}]") == credits.count(credit), (article.slug, credit)
    assert client.get(scheduled.get_absolute_url()).status_code == 404
    for page in Page.objects.all():
        assert client.get(page.get_absolute_url()).status_code == 200
    for author in Author.objects.all():
        assert client.get(author.get_absolute_url()).status_code == 200

    # Links in the demo's text point only at our own pages (which exist) or at example.org.
    bodies = [*Article.objects.values_list("body_html", flat=True)]
    bodies += Page.objects.values_list("body_html", flat=True)
    links = {href for html in bodies for href in re.findall(r'href="([^"]+)"', html)}
    assert links
    for href in links:
        if href.startswith("/"):
            assert client.get(href).status_code == 200, href
        else:
            assert href.startswith("https://example.org/"), href

    # A third run keeps what editors changed, and does not restore what they removed.
    slug = "wind-farm-near-ulanbek-starts-feeding-the-regional-grid"
    article = Article.objects.get(language="en", slug=slug)
    Article.objects.filter(pk=article.pk).update(headline="Edited by an editor")
    Photo.objects.filter(article=article, position=2).delete()
    run_demo()
    article.refresh_from_db()
    assert article.headline == "Edited by an editor"
    assert article.photos.count() == 1
