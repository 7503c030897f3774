"""Search words a visitor could not have typed still get a results page, never a 500 or 503: PostgreSQL
refuses a NUL in any string, and SQLite's full-text search reads a NUL or a lone double quote as
broken syntax. Runs on both databases (DATABASE_URL=postgres://... for PostgreSQL)."""

import pytest
from lxml import html

from .factories import ArticlePageFactory, paragraph

pytestmark = pytest.mark.django_db


@pytest.fixture
def article():
    return ArticlePageFactory(
        title="Practices brace for winter", body=[paragraph("The dermatoscope pathway was called unworkable.")]
    )


@pytest.mark.parametrize(
    "query",
    [
        "dermatoscope\x00",
        "\x00dermatoscope",
        "winter dermatoscope\x00",
        '"dermatoscope',
        'dermatoscope"',
        '"dermatoscope"',
        "dermatoscope\x1b\x7f",
        "\u202edermatoscope\u200b",
        "dermatoscope\r\n\t",
    ],
)
def test_search_words_with_control_characters_or_quotes_still_search(client, article, query):
    client.raise_request_exception = False

    response = client.get("/search/", {"q": query, "page": "\x00"})

    assert response.status_code == 200
    page = html.fromstring(response.content)
    assert "Practices brace for winter" in page.text_content()
    echoed = page.cssselect("input[name=q]")[0].get("value")
    assert "dermatoscope" in echoed and not any(ch in echoed for ch in '\x00\x1b\x7f\u202e\u200b\r\n"')


def test_a_query_of_nothing_but_control_characters_is_an_empty_search(client, article):
    response = client.get("/search/", {"q": "\x00\x01\u200b"})

    assert response.status_code == 200
    assert "Practices brace for winter" not in response.content.decode()
