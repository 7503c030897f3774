"""Read replicas (auscult/core/db_router.py): search reads published content from the replica; every page a cache
keeps, and everything about a person, reads the primary."""

import pytest
from django.db import connections
from django.test.utils import CaptureQueriesContext

from auscult.comments.tests.factories import make_comments
from auscult.members.tests.factories import MemberFactory
from auscult.publishing.tests.factories import ArticlePageFactory, SectionPageFactory

# Committed (a transaction per test would hide its rows from the replica connection), and the tree the migrations
# made put back after each test.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True, databases=["default", "replica"])


@pytest.fixture(autouse=True)
def replica_reads(settings):
    settings.AUSCULT = {**settings.AUSCULT, "REPLICA_READS": True}


def reads(client, url):
    with (
        CaptureQueriesContext(connections["default"]) as primary,
        CaptureQueriesContext(connections["replica"]) as replica,
    ):
        response = client.get(url)
    assert response.status_code == 200
    return response, [q["sql"] for q in primary.captured_queries], [q["sql"] for q in replica.captured_queries]


def test_search_reads_content_from_the_replica_and_the_member_from_the_primary(client):
    ArticlePageFactory(parent=SectionPageFactory(), title="Indemnity for locum sessions")
    client.force_login(MemberFactory(display_name="Dr Amy Hale"))

    response, primary, replica = reads(client, "/search/?q=indemnity")

    assert "Indemnity for locum sessions" in response.content.decode()
    assert replica and all("members_user" not in sql and "django_session" not in sql for sql in replica)
    assert any("django_session" in sql for sql in primary)


def test_an_article_page_and_its_comments_are_rendered_from_the_primary(client):
    article = ArticlePageFactory(parent=SectionPageFactory(), title="Winter access funding")
    make_comments(article, 3, author=MemberFactory())

    response, primary, replica = reads(client, article.url)

    assert "Comment number 3" in response.content.decode()
    assert primary and not replica
