"""The API's public reads are shared between callers (`api.caching`), under the versions the pages key on: a hit
costs the article's lookup and one read of the versions, and every change that the page would show is in the
next answer at once (a comment published, removed or edited, a name changed, an article published)."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import timezone

from auscult.comments.models import CommentStatus
from auscult.comments.services import comment_edit
from auscult.comments.tests.factories import established_member, make_comments
from auscult.members.services import member_update_profile
from auscult.members.tests.factories import MemberFactory
from auscult.moderation.decisions import comment_decide
from auscult.publishing.tests.factories import ArticlePageFactory

from .helpers import BASE

pytestmark = pytest.mark.django_db

# A hit: the article with its restriction flag, and the versions (one query); nothing of the thread.
HIT_QUERIES = 2


@pytest.fixture
def moderator():
    user = MemberFactory(display_name="Mod Ines", is_staff=True)
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


def _items(article):
    return Client().get(f"{BASE}/articles/{article.pk}/comments?page_size=50").json()["items"]


def _ids(article):
    return [item["id"] for item in _items(article)]


def test_a_second_read_of_a_thread_is_a_hit(django_assert_max_num_queries):
    article = ArticlePageFactory()
    make_comments(article, 12, author=established_member())
    first = Client().get(f"{BASE}/articles/{article.pk}/comments?page_size=50")
    with django_assert_max_num_queries(HIT_QUERIES):
        second = Client().get(f"{BASE}/articles/{article.pk}/comments?page_size=50")
    assert second.json() == first.json() and len(second.json()["items"]) == 12
    # Another page, size or order is its own entry.
    assert Client().get(f"{BASE}/articles/{article.pk}/comments?page_size=10").json()["page_size"] == 10


def test_every_change_the_thread_shows_is_in_the_next_read(moderator, django_capture_on_commit_callbacks):
    article = ArticlePageFactory()
    author = established_member(display_name="Dr Before")
    [first] = make_comments(article, 1, author=author)
    [held] = make_comments(article, 1, author=author, status=CommentStatus.PENDING)
    assert _ids(article) == [first.pk]

    with django_capture_on_commit_callbacks(execute=True):
        comment_decide(comment=held, moderator=moderator, decision="approve", seen_status="pending")
    assert _ids(article) == [first.pk, held.pk]

    with django_capture_on_commit_callbacks(execute=True):
        comment_decide(
            comment=first, moderator=moderator, decision="remove", reason="Personal attack.", seen_status="published"
        )
    assert _ids(article) == [held.pk]

    [recent] = make_comments(article, 1, author=author, start=timezone.now())
    assert _ids(article) == [held.pk, recent.pk]
    with django_capture_on_commit_callbacks(execute=True):
        comment_edit(comment=recent, author=author, body="Corrected: the figure was 12 per cent.")
    assert [item["body"] for item in _items(article)][-1] == "Corrected: the figure was 12 per cent."

    with django_capture_on_commit_callbacks(execute=True):
        member_update_profile(
            member=author, full_name=author.full_name, display_name="Dr After", job_title="GP", anonymous=False
        )
    names = [
        item["speaker"]["name"]
        for item in Client().get(f"{BASE}/articles/{article.pk}/comments").json()["items"]
        if item.get("speaker")
    ]
    assert "Dr After" in names


def test_a_published_article_is_listed_at_once_and_an_unpublished_one_goes():
    ArticlePageFactory(title="Old news")
    assert [item["title"] for item in Client().get(f"{BASE}/articles").json()["items"]] == ["Old news"]
    fresh = ArticlePageFactory(title="Fresh news")
    titles = [item["title"] for item in Client().get(f"{BASE}/articles").json()["items"]]
    assert set(titles) == {"Old news", "Fresh news"}
    fresh.unpublish()
    assert [item["title"] for item in Client().get(f"{BASE}/articles").json()["items"]] == ["Old news"]
    assert Client().get(f"{BASE}/articles/{fresh.pk}").status_code == 404
