"""The rating block costs a constant number of queries, whatever the number of ratings: its summary comes from
the cache, keyed on the article's version, so only a member's own rating is read."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from auscult.publishing.tests.factories import ArticlePageFactory
from auscult.ratings.services import rating_set

from .helpers import new_member

pytestmark = pytest.mark.django_db


def rating_queries(client, url):
    client.get(url)  # warm the page chrome, as a running site would be
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return [q["sql"] for q in ctx.captured_queries if '"ratings_' in q["sql"]]


@pytest.mark.parametrize("n_ratings", [1, 40])
def test_the_block_costs_no_query_for_visitors_and_one_for_members(client, n_ratings):
    article = ArticlePageFactory()
    members = [new_member() for _ in range(n_ratings)]
    for i, member in enumerate(members):
        rating_set(article=article, member=member, stars=i % 5 + 1)

    assert len(rating_queries(client, article.url)) == 0

    client.force_login(members[0])
    assert len(rating_queries(client, article.url)) == 1


def test_a_member_on_an_unrated_article_costs_no_query(client):
    article = ArticlePageFactory()
    client.force_login(new_member())
    assert len(rating_queries(client, article.url)) == 0


def test_a_new_rating_shows_at_once_although_the_summary_is_cached(client):
    article = ArticlePageFactory()
    client.get(article.url)
    rating_set(article=article, member=new_member(), stars=4)

    assert "Average rating <strong>4</strong> out of 5 from 1 rating" in client.get(article.url).content.decode()


# Of a first rating on a rated article by an approved member: the article (with whether a view restriction is on it),
# the session,
# the member; the sanction; the stats lock, the member's rating (none), the insert, the stats, the article's version.
# Counted without the transaction's own statements, which SQLite and PostgreSQL issue differently.
RATING_QUERIES = 9


def test_a_rating_costs_one_read_and_one_write_of_each_row(client):
    import re

    from auscult.members.models import Approval

    article = ArticlePageFactory()
    rating_set(article=article, member=new_member(), stars=2)  # the stats row and the article's version exist
    client.force_login(new_member(approval=Approval.APPROVED))

    with CaptureQueriesContext(connection) as ctx:
        response = client.post(f"/articles/{article.pk}/rating/", {"stars": "4"})
    transaction = re.compile(r"^\s*(BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE)\b", re.IGNORECASE)
    sql = [q["sql"] for q in ctx.captured_queries if not transaction.match(q["sql"])]

    assert response.status_code == 302 and response["Location"] == f"{article.url}#rating"
    assert len(sql) == RATING_QUERIES, "\n".join(sql)
    # The redirect names the article's path without looking the site up.
    assert not [q for q in sql if 'FROM "wagtailcore_site"' in q]
    assert not [q for q in sql if 'FROM "members_membershipsettings"' in q]
