"""Standing pages (Comment Policy, About): rendering, editions and the English fallback."""

import pytest
from django.db import IntegrityError, transaction

from serai.pages.models import COMMENT_POLICY_SLUG, Page
from tests.factories import PageFactory, UserFactory
from tests.newsroom.markup import dangers, find_all, page_dangers, text_of

pytestmark = pytest.mark.django_db


def test_page_body_is_rendered_and_sanitised_when_saved():
    """Saving renders the Markdown once; raw HTML and script never survive."""
    page = PageFactory(body="# Rules\n\n<script>alert('XSS')</script>\n\n[x](javascript:alert(1))")
    assert find_all(page.body_html, "h2")[0].text == "Rules"
    assert find_all(page.body_html, "h1") == []
    assert dangers(page.body_html) == []
    assert "<script>alert('XSS')</script>" in text_of(page.body_html)


def test_page_body_is_rendered_again_when_changed():
    """Editing the body updates the stored HTML."""
    page = PageFactory(body="Old rules.")
    page.body = "New rules."
    page.save()
    assert "New rules." in Page.objects.get(pk=page.pk).body_html


def test_page_url_carries_its_edition():
    """/<edition>/pages/<slug>/."""
    assert PageFactory(language="ru", slug="about").get_absolute_url() == "/ru/pages/about/"


def test_slug_is_unique_per_edition():
    """The same page exists once per edition."""
    PageFactory(language="en", slug="contact")
    PageFactory(language="ru", slug="contact")
    with pytest.raises(IntegrityError), transaction.atomic():
        Page.objects.create(language="en", slug="contact", title="Again", body="x")


@pytest.fixture
def policy():
    return PageFactory(
        language="en",
        slug=COMMENT_POLICY_SLUG,
        title="Comment Policy",
        body="Be civil.\n\n- No insults\n- No spam",
    )


def test_comment_policy_in_english(client, policy):
    """The policy page shows its title and rendered body, without a fallback notice."""
    response = client.get("/en/pages/comment-policy/")
    assert response.status_code == 200
    html = response.content.decode()
    assert [h.text for h in find_all(html, "h1")] == ["Comment Policy"]
    (article,) = find_all(html, "article", "standing-page")
    body_items = [li for li in find_all(html, "li") if not li.get("id", "").startswith("clause-")]
    assert [li.text for li in body_items if li.text.startswith("No ")] == [
        "No insults",
        "No spam",
    ]
    assert "Be civil." in article.text
    assert find_all(html, "p", "notice") == []


def test_comment_policy_falls_back_to_english_in_russian(client, policy):
    """Without a Russian page, /ru/ shows the English one, marked as English, with a notice."""
    Page.objects.filter(language="ru", slug=COMMENT_POLICY_SLUG).delete()
    response = client.get("/ru/pages/comment-policy/")
    assert response.status_code == 200
    html = response.content.decode()
    assert find_all(html, "html")[0].get("lang") == "ru"
    (article,) = find_all(html, "article", "standing-page")
    assert article.get("lang") == "en"
    assert "Be civil." in article.text
    assert len(find_all(html, "p", "notice")) == 1


def test_russian_page_wins_when_it_exists(client, policy):
    """Once a Russian page exists, /ru/ shows it and no fallback notice."""
    PageFactory(language="ru", slug=COMMENT_POLICY_SLUG, title="Правила", body="Будьте вежливы.")
    html = client.get("/ru/pages/comment-policy/").content.decode()
    (article,) = find_all(html, "article", "standing-page")
    assert article.get("lang") == "ru"
    assert [h.text for h in find_all(html, "h1")] == ["Правила"]
    assert "Be civil." not in html
    assert find_all(html, "p", "notice") == []


def test_only_the_english_fallback_is_used(client):
    """A page that exists only in Russian is not shown to the Kazakh edition."""
    PageFactory(language="ru", slug="contact")
    assert client.get("/kk/pages/contact/").status_code == 404
    assert client.get("/en/pages/contact/").status_code == 404
    assert client.get("/ru/pages/contact/").status_code == 200


def test_missing_page_is_a_friendly_404(client):
    """No such page in any edition: 404 with a way back to the front page."""
    response = client.get("/en/pages/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "/en/" in [a.get("href") for a in find_all(html, "a") if "front page" in a.text]


def test_footer_links_the_comment_policy_in_the_readers_edition(client, policy):
    """Every page's footer links the policy in the edition being read."""
    html = client.get("/ru/").content.decode()
    (footer,) = find_all(html, "footer", "site-footer")
    footer_links = [a.get("href") for a in footer.descendants("a")]
    assert "/ru/pages/comment-policy/" in footer_links


def test_hostile_page_title_is_escaped(client):
    """The title is text in <title> and <h1>."""
    PageFactory(slug="about", title="<script>alert('XSS')</script>")
    html = client.get("/en/pages/about/").content.decode()
    assert page_dangers(html, "XSS") == []


def test_page_admin_lists_and_edits_pages(client, policy):
    """Editors manage pages in the back office; saving renders the body."""
    client.force_login(UserFactory(superuser=True))
    assert client.get("/admin/pages/page/?q=Comment").status_code == 200
    response = client.post(
        f"/admin/pages/page/{policy.pk}/change/",
        {
            "language": "en",
            "slug": COMMENT_POLICY_SLUG,
            "title": "Comment Policy",
            "body": "## Updated rules",
            "_save": "Save",
        },
    )
    assert response.status_code == 302
    assert find_all(Page.objects.get(pk=policy.pk).body_html, "h2")[0].text == "Updated rules"


def test_page_admin_refuses_a_duplicate_slug(client, policy):
    """A second English comment policy is a form error, not a crash."""
    client.force_login(UserFactory(superuser=True))
    response = client.post(
        "/admin/pages/page/add/",
        {"language": "en", "slug": COMMENT_POLICY_SLUG, "title": "Again", "body": "x"},
    )
    assert response.status_code == 200
    assert "already has a page with this slug" in response.content.decode()
    assert Page.objects.filter(slug=COMMENT_POLICY_SLUG, language="en").count() == 1
