"""An open article offers the comments published since it loaded: it asks a small URL, shared by every cache for a
few seconds, how many comments are published; nothing held, rejected or removed counts."""

import pytest
from django.test import Client
from lxml import html
from wagtail.models import PageViewRestriction

from auscult.comments.models import CommentStatus
from auscult.comments.tests.factories import make_comments
from auscult.members.tests.factories import MemberFactory
from auscult.publishing.tests.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def article():
    article = ArticlePageFactory()
    author = MemberFactory()
    make_comments(article, 3, author=author)
    for status in (CommentStatus.PENDING, CommentStatus.REMOVED, CommentStatus.HIDDEN):
        make_comments(article, 1, author=author, status=status)
    return article


@pytest.fixture
def visitor():
    client = Client()
    client.cookies["auscult_hp"] = "1"
    return client


def test_the_count_is_of_published_comments_and_shared_briefly(visitor, article):
    response = visitor.get(f"/articles/{article.pk}/comments/count/")

    assert response.json() == {"published": 3}
    control = response["Cache-Control"]
    assert "public" in control and "s-maxage=15" in control and "max-age=0" in control
    assert response["ETag"]


def test_a_member_is_answered_privately(client, article):
    client.force_login(MemberFactory())

    response = client.get(f"/articles/{article.pk}/comments/count/")

    assert response.json() == {"published": 3} and "private" in response["Cache-Control"]


def test_a_restricted_article_has_no_count_for_those_who_may_not_read_it(visitor, article):
    PageViewRestriction.objects.create(page=article, restriction_type=PageViewRestriction.LOGIN)

    assert visitor.get(f"/articles/{article.pk}/comments/count/").status_code == 404


def test_the_thread_says_where_to_ask_and_what_it_shows(visitor, article):
    block = html.fromstring(visitor.get(f"{article.url}?page_size=20").content).get_element_by_id("comments")

    assert block.get("data-count") == "3"
    assert block.get("data-count-url") == f"/articles/{article.pk}/comments/count/"
    assert block.get("data-newest-url") == f"/articles/{article.pk}/comments/?page=1000000&page_size=20&order=oldest"
    region = block.cssselect("#comments-new")[0]
    assert region.get("role") == "status" and region.text_content() == ""
