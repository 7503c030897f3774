"""An article page's cost must not grow with its bylines or related articles."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from .factories import ArticlePageFactory, AuthorFactory, ImageFactory, SectionPageFactory

pytestmark = pytest.mark.django_db


def queries_for(client, url):
    client.get(url)  # warm the page chrome and image renditions, as a running site would be
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def article_with(section, n_authors, n_related):
    authors = [AuthorFactory(photo=ImageFactory()) for _ in range(n_authors)]
    related = [ArticlePageFactory(parent=section, image=ImageFactory()) for _ in range(n_related)]
    article = ArticlePageFactory(parent=section, authors=authors, image=ImageFactory())
    from auscult.publishing.models import RelatedArticle

    article.related_links = [RelatedArticle(related=r, sort_order=i) for i, r in enumerate(related)]
    article.save_revision().publish()
    return article


def test_article_page_query_count_is_constant(client):
    section = SectionPageFactory()
    small = article_with(section, n_authors=1, n_related=1)
    large = article_with(section, n_authors=5, n_related=6)

    small_count = queries_for(client, small.url)
    large_count = queries_for(client, large.url)

    assert large_count == small_count
    assert small_count <= 12  # the budget (test_shared_cache.VISITOR_QUERIES)


def test_section_page_query_count_does_not_grow_with_articles(client):
    section = SectionPageFactory(slug="news")
    for _ in range(2):
        ArticlePageFactory(parent=section, image=ImageFactory(), authors=[AuthorFactory(), AuthorFactory()])
    few = queries_for(client, section.url)
    for _ in range(8):
        ArticlePageFactory(parent=section, image=ImageFactory(), authors=[AuthorFactory(), AuthorFactory()])

    assert queries_for(client, section.url) == few
