import pytest

from auscult.core.actors import COMMAND
from auscult.core.errors import Refused
from auscult.members.access import REASONS, Standing
from auscult.publishing.tests.factories import ArticlePageFactory
from auscult.ratings import errors, services
from auscult.ratings.models import ArticleRatingStats, Rating
from auscult.ratings.services import rating_erase_member, rating_set, rating_withdraw

from .helpers import new_member

pytestmark = pytest.mark.django_db


def stats_of(article):
    stats = ArticleRatingStats.objects.get(article=article)
    return stats.count, stats.total


def test_set_change_and_withdraw_keep_the_stats_exact():
    article = ArticlePageFactory()
    first, second = new_member(), new_member()

    rating_set(article=article, member=first, stars=4)
    rating_set(article=article, member=second, stars=5)
    assert stats_of(article) == (2, 9)

    rating_set(article=article, member=first, stars=2)
    assert stats_of(article) == (2, 7)
    assert Rating.objects.get(member=first).stars == 2

    rating_withdraw(article=article, member=second)
    assert stats_of(article) == (1, 2)
    rating_withdraw(article=article, member=second)  # a second click changes nothing
    assert stats_of(article) == (1, 2)


def test_withdrawing_on_a_never_rated_article_creates_nothing():
    article = ArticlePageFactory()
    rating_withdraw(article=article, member=new_member())
    assert not ArticleRatingStats.objects.filter(article=article).exists()


@pytest.mark.parametrize("stars", [0, 6, None, "4", 4.0, True])
def test_stars_must_be_a_whole_number_from_one_to_five(stars):
    article = ArticlePageFactory()
    with pytest.raises(Refused) as refused:
        rating_set(article=article, member=new_member(), stars=stars)
    assert (refused.value.code, refused.value.message) == (errors.BAD_STARS, errors.BAD_STARS_MESSAGE)
    assert not Rating.objects.exists()


def test_an_unconfirmed_member_is_refused_with_the_reason():
    member = new_member(email_verified_at=None)
    with pytest.raises(Refused) as refused:
        rating_set(article=ArticlePageFactory(), member=member, stars=3)
    assert (refused.value.code, refused.value.message) == (errors.NOT_ALLOWED, REASONS[Standing.UNCONFIRMED])


def test_a_member_who_may_no_longer_rate_can_still_withdraw_their_rating():
    from auscult.moderation.sanctions import member_sanction
    from auscult.ratings.models import ArticleRatingStats, Rating

    article = ArticlePageFactory()
    member = new_member()
    rating_set(article=article, member=member, stars=2)
    member_sanction(member=member, kind="suspension", reason="Cooling off", by=COMMAND, days=2)

    rating_withdraw(article=article, member=member)

    assert not Rating.objects.filter(member=member).exists()
    assert ArticleRatingStats.objects.get(article=article).count == 0


def test_an_article_that_is_not_live_cannot_be_rated():
    article = ArticlePageFactory(live=False)
    with pytest.raises(Refused) as refused:
        rating_set(article=article, member=new_member(), stars=3)
    assert (refused.value.code, refused.value.message) == (errors.NOT_LIVE, errors.NOT_LIVE_MESSAGE)


def test_a_concurrent_insert_by_the_same_member_becomes_a_change(monkeypatch):
    """If the member's other request inserts between our look-up and our insert, the unique
    constraint fires; the service retries as a change inside a savepoint, and the stats stay right."""
    article, member = ArticlePageFactory(), new_member()
    rating_set(article=article, member=member, stars=2)
    real_own_rating = services._own_rating
    calls = []

    def miss_once(article_id, who):
        calls.append(article_id)
        return None if len(calls) == 1 else real_own_rating(article_id, who)

    monkeypatch.setattr(services, "_own_rating", miss_once)
    rating = rating_set(article=article, member=member, stars=5)

    assert len(calls) == 2
    assert rating.stars == 5
    assert Rating.objects.get().stars == 5
    assert stats_of(article) == (1, 5)


def test_erasing_a_member_withdraws_every_rating_they_gave():
    articles = [ArticlePageFactory() for _ in range(3)]
    member, other = new_member(), new_member()
    for article in articles:
        rating_set(article=article, member=member, stars=5)
        rating_set(article=article, member=other, stars=1)

    assert rating_erase_member(member=member) == 3

    assert not Rating.objects.filter(member=member).exists()
    for article in articles:
        assert stats_of(article) == (1, 1)
