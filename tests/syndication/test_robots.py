def test_robots_txt_keeps_crawlers_out_of_the_back_office_and_moderation(client, settings):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    body = response.content.decode()
    assert f"Disallow: /{settings.SERAI_ADMIN_PATH}" in body
    assert "Disallow: /en/moderation/" in body
    assert "Disallow: /en/\n" not in body
