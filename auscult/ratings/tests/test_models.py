import pytest
from django.db import IntegrityError, transaction

from auscult.publishing.tests.factories import ArticlePageFactory
from auscult.ratings.models import ArticleRatingStats, Rating

from .helpers import new_member

pytestmark = pytest.mark.django_db


def test_one_rating_per_member_per_article_is_a_database_constraint():
    article, member = ArticlePageFactory(), new_member()
    Rating.objects.create(article=article, member=member, stars=4)

    with pytest.raises(IntegrityError), transaction.atomic():
        Rating.objects.create(article=article, member=member, stars=2)

    assert Rating.objects.count() == 1


@pytest.mark.parametrize("stars", [0, 6])
def test_stars_outside_one_to_five_are_refused_by_the_database(stars):
    with pytest.raises(IntegrityError), transaction.atomic():
        Rating.objects.create(article=ArticlePageFactory(), member=new_member(), stars=stars)


def test_stats_total_must_fit_the_count():
    with pytest.raises(IntegrityError), transaction.atomic():
        ArticleRatingStats.objects.create(article=ArticlePageFactory(), count=1, total=6)


def test_average_is_exact_or_none():
    article = ArticlePageFactory()
    assert ArticleRatingStats(article=article).average is None
    assert str(ArticleRatingStats(article=article, count=2, total=9).average) == "4.5"
