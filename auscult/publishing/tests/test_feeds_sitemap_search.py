"""Feeds, sitemap and search: only published articles, in the right order."""

from datetime import timedelta

import pytest
from django.utils import timezone
from lxml import etree

from .factories import ArticlePageFactory, SectionPageFactory, paragraph

pytestmark = pytest.mark.django_db

SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


@pytest.fixture
def sections():
    return SectionPageFactory(title="News", slug="news"), SectionPageFactory(title="Opinion", slug="opinion")


def parse_xml(response):
    assert response.status_code == 200
    return etree.fromstring(response.content)


def test_site_feed_is_valid_rss_with_newest_first(client, sections):
    news, opinion = sections
    now = timezone.now()
    ArticlePageFactory(parent=news, title="Older news", publication_date=now - timedelta(days=2))
    ArticlePageFactory(parent=opinion, title="Newest opinion", publication_date=now - timedelta(hours=1))
    ArticlePageFactory(parent=news, title="Draft news", live=False)

    response = client.get("/feed/")
    rss = parse_xml(response)

    assert response["Content-Type"].startswith("application/rss+xml")
    assert rss.tag == "rss" and rss.get("version") == "2.0"
    titles = [item.findtext("title") for item in rss.iter("item")]
    assert titles == ["Newest opinion", "Older news"]
    item = next(rss.iter("item"))
    assert item.findtext("link") == "http://testserver/opinion/newest-opinion/"
    assert item.findtext("description").startswith("GPs warn")
    assert item.findtext("pubDate")


def test_section_feed_has_only_its_section(client, sections):
    news, opinion = sections
    ArticlePageFactory(parent=news, title="A news story")
    ArticlePageFactory(parent=opinion, title="An opinion piece")

    rss = parse_xml(client.get("/feed/opinion/"))

    assert [item.findtext("title") for item in rss.iter("item")] == ["An opinion piece"]
    assert client.get("/feed/no-such-section/").status_code == 404


def test_sitemap_lists_published_pages_only(client, sections):
    news, _ = sections
    live = ArticlePageFactory(parent=news, title="Live story")
    ArticlePageFactory(parent=news, title="Draft story", slug="draft-story", live=False)
    ArticlePageFactory(
        parent=news, title="Scheduled story", slug="scheduled-story", go_live_at=timezone.now() + timedelta(days=2)
    )

    sitemap = parse_xml(client.get("/sitemap.xml"))
    locations = [loc.text for loc in sitemap.iterfind(".//s:loc", SITEMAP_NS)]

    assert "http://localhost/news/live-story/" in locations
    assert not [loc for loc in locations if "draft-story" in loc or "scheduled-story" in loc]
    assert "http://localhost/news/" in locations
    author = live.authors[0]
    assert any(loc.endswith(author.get_absolute_url()) for loc in locations)


def test_search_finds_an_article_by_a_word_in_its_body(client, sections):
    news, _ = sections
    ArticlePageFactory(
        parent=news,
        title="Practices brace for winter",
        body=[paragraph("Partners described the new dermatoscope pathway as unworkable.")],
    )
    ArticlePageFactory(parent=news, title="Unrelated story")
    ArticlePageFactory(
        parent=news,
        title="Hidden draft",
        body=[paragraph("The dermatoscope shortage is not yet public.")],
        live=False,
    )

    response = client.get("/search/", {"q": "dermatoscope"})

    assert response.status_code == 200
    content = response.content.decode()
    assert "Practices brace for winter" in content
    assert "Unrelated story" not in content
    assert "Hidden draft" not in content


def test_search_with_no_results_says_so(client):
    response = client.get("/search/", {"q": "xylophone"})

    assert "No articles match" in response.content.decode()
