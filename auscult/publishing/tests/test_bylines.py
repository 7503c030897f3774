"""The byline rule (`publishing.models.authors.byline`): one line naming an article's authors in byline order,
the same in a teaser, in search results and in the feeds."""

import pytest
from lxml import etree, html

from auscult.publishing.models.authors import byline

from .factories import ArticlePageFactory, AuthorFactory, SectionPageFactory

pytestmark = pytest.mark.django_db

DC_CREATOR = "{http://purl.org/dc/elements/1.1/}creator"


@pytest.mark.parametrize(
    "names, expected",
    [
        ([], ""),
        (["Dr A"], "Dr A"),
        (["Dr A", "Dr B"], "Dr A and Dr B"),
        (["Dr A", "Dr B", "Dr C"], "Dr A, Dr B and Dr C"),
    ],
)
def test_names_are_joined_with_commas_and_a_final_and(names, expected):
    assert byline([AuthorFactory.build(name=name) for name in names]) == expected


def test_teasers_search_results_and_feeds_name_the_authors_the_same_way(client):
    section = SectionPageFactory(title="News", slug="news")
    authors = [AuthorFactory(name="Dr Zoe Quill"), AuthorFactory(name="Dr Amir Bell"), AuthorFactory(name="Sam Roe")]
    article = ArticlePageFactory(parent=section, title="Dermatology waits", authors=authors)
    expected = "Dr Zoe Quill, Dr Amir Bell and Sam Roe"

    assert article.byline == expected
    for url in [section.url, "/search/?q=dermatology"]:
        (teaser,) = html.fromstring(client.get(url).content).cssselect(".teaser__by")
        assert teaser.text_content() == expected
    for url in ["/feed/", "/feed/news/"]:
        (item,) = etree.fromstring(client.get(url).content).iter("item")
        assert item.findtext(DC_CREATOR) == expected
