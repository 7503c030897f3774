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


def test_the_lists_comment_modes_follow_each_article_at_once():
    from auscult.core.actors import COMMAND
    from auscult.moderation.models import CommentMode
    from auscult.moderation.services import comment_mode_set

    article = ArticlePageFactory()
    assert [item["comment_mode"] for item in Client().get(f"{BASE}/articles").json()["items"]] == ["open"]
    comment_mode_set(article=article, mode=CommentMode.CLOSED, by=COMMAND)
    assert [item["comment_mode"] for item in Client().get(f"{BASE}/articles").json()["items"]] == ["closed"]


def test_only_answers_a_bounded_number_of_requests_can_ask_for_are_kept():
    """The cache also holds the rate limits' counts: a flood of distinct keys must not push them out."""
    from django.core.cache import cache

    article = ArticlePageFactory()
    make_comments(article, 3, author=established_member())

    def kept():
        return _count_api_entries(cache)

    before = kept()
    for n in range(2, 7):  # pages past the last (answered as the last), times of the caller's choosing, bad slugs
        assert Client().get(f"{BASE}/articles/{article.pk}/comments?page={n}").json()["page"] == 1
        Client().get(f"{BASE}/articles?published_after=2026-01-0{n}")
        Client().get(f"{BASE}/articles?section=no-such-section-{n}")
    assert kept() == before
    Client().get(f"{BASE}/articles/{article.pk}/comments?page=1")
    assert kept() == before + 1


def _count_api_entries(cache):
    """The API's entries in a cache that cannot list its keys (the test settings' local memory cache)."""
    return sum(1 for key in getattr(cache, "_cache", {}) if ":api:v1:" in key)


def test_an_author_whose_pieces_are_all_unpublished_is_nowhere():
    from auscult.publishing.tests.factories import AuthorFactory

    hidden = AuthorFactory(name="Dr Not Yet Announced", slug="not-yet")
    ArticlePageFactory(live=False, authors=[hidden])
    assert Client().get(f"{BASE}/authors/not-yet").status_code == 404
    assert Client().get("/authors/not-yet/", HTTP_COOKIE="auscult_hp=1").status_code == 404
    assert "Dr Not Yet Announced" not in Client().get(f"{BASE}/authors").content.decode()
