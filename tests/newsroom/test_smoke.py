from tests.factories import ArticleFactory, add_photo


def test_article_page_shows_the_reference_elements(client, db):
    """Section, headline, byline linking the author, dateline, subheading and a credited photo."""
    article = ArticleFactory(headline="Water board raises tariffs")
    add_photo(article, caption="The pumping station.", credit="Dana Example/Serai Wire")
    html = client.get(article.get_absolute_url()).content.decode()
    assert "Water board raises tariffs" in html
    assert article.section.name in html
    author = article.byline_authors[0]
    assert f'href="{author.get_absolute_url()}"' in html
    assert '<span class="dateline">KORSAI</span>' in html
    assert "<h2>A subheading</h2>" in html
    assert html.count("[Dana Example/Serai Wire]") == 1
