"""People's data: ratings join the export and leave with the account."""

import pytest
from django.urls import reverse

from auscult.members.services import member_delete_account, member_export
from auscult.publishing.tests.factories import ArticlePageFactory
from auscult.ratings.models import ArticleRatingStats, Rating
from auscult.ratings.services import rating_set

from .helpers import new_member

pytestmark = pytest.mark.django_db


def test_the_export_lists_the_members_ratings(client):
    member = new_member()
    first, second = ArticlePageFactory(title="Access rules"), ArticlePageFactory(title="Pay award")
    rating_set(article=first, member=member, stars=4)
    rating_set(article=second, member=member, stars=1)
    rating_set(article=first, member=new_member(), stars=2)  # not theirs

    exported = member_export(member=member)["ratings"]

    assert [(r["article"], r["stars"]) for r in exported] == [("Access rules", 4), ("Pay award", 1)]
    assert exported[0]["url"] == first.get_full_url()
    assert {"rated_at", "changed_at"} <= exported[0].keys()


def test_the_download_includes_ratings(client):
    member = new_member()
    rating_set(article=ArticlePageFactory(title="Access rules"), member=member, stars=4)
    client.force_login(member)

    response = client.get(reverse("members:data"), {"download": "1"})

    assert response.status_code == 200
    assert response.json()["ratings"][0]["article"] == "Access rules"
    assert response.json()["ratings"][0]["stars"] == 4


def test_deleting_the_account_removes_ratings_and_updates_the_stats():
    member, other = new_member(), new_member()
    articles = [ArticlePageFactory() for _ in range(2)]
    for article in articles:
        rating_set(article=article, member=member, stars=5)
        rating_set(article=article, member=other, stars=2)

    member_delete_account(member=member)

    assert not Rating.objects.filter(member=member).exists()
    assert Rating.objects.filter(member=other).count() == 2
    for article in articles:
        stats = ArticleRatingStats.objects.get(article=article)
        assert (stats.count, stats.total) == (1, 2)
