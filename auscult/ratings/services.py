"""Every write to a rating goes through here: set or change, withdraw, and erasure with an account.

Each write locks the article's stats row first and adjusts its count and total by the actual
change, in the same transaction as the rating row, so concurrent votes never lose an update.
Taking that one lock first also serialises writers per article, which rules out deadlocks."""

from django.db import IntegrityError, transaction

from auscult.core.errors import Refused
from auscult.members.access import may_rate
from auscult.publishing import delivery

from . import errors
from .models import MAX_STARS, MIN_STARS, ArticleRatingStats, Rating


@transaction.atomic
def rating_set(*, article, member, stars):
    """Record the member's rating of the article, or change the one they gave."""
    _refuse_unless_allowed(article, member)
    if not _valid_stars(stars):
        raise Refused(errors.BAD_STARS, errors.BAD_STARS_MESSAGE)
    stats = _locked_stats(article.pk, create=True)
    rating = _own_rating(article.pk, member)
    if rating is None:
        try:
            with transaction.atomic():
                rating = Rating.objects.create(article_id=article.pk, member=member, stars=stars)
        except IntegrityError:
            # The same member's other request got its row in first: this one becomes a change.
            rating = _own_rating(article.pk, member)
        else:
            stats.count += 1
            stats.total += stars
            stats.save(update_fields=["count", "total"])
            delivery.article_changed(article.pk)
            return rating
    if rating.stars != stars:
        stats.total += stars - rating.stars
        rating.stars = stars
        rating.save(update_fields=["stars", "updated_at"])
        stats.save(update_fields=["total"])
        delivery.article_changed(article.pk)
    return rating


@transaction.atomic
def rating_withdraw(*, article, member):
    """Remove the member's rating of the article; nothing to do if they have none. Anyone signed in may
    withdraw their own rating, even while they may not rate (suspended, awaiting approval)."""
    if not member.is_authenticated:
        raise Refused(errors.NOT_ALLOWED, may_rate(member).reason)
    _withdraw(article.pk, member)


@transaction.atomic
def rating_erase_member(*, member):
    """Delete every rating the member gave and take each out of its article's stats (account deletion).

    No permission or live check: a deleted member's ratings go wherever they are."""
    article_ids = sorted(Rating.objects.filter(member_id=member.pk).values_list("article_id", flat=True))
    for article_id in article_ids:  # in key order, as any two erasures must lock in the same order
        _withdraw(article_id, member)
    return len(article_ids)


def _refuse_unless_allowed(article, member):
    permission = may_rate(member)
    if not permission.allowed:
        raise Refused(errors.NOT_ALLOWED, permission.reason)
    if not article.live:
        raise Refused(errors.NOT_LIVE, errors.NOT_LIVE_MESSAGE)


def _valid_stars(stars):
    return isinstance(stars, int) and not isinstance(stars, bool) and MIN_STARS <= stars <= MAX_STARS


def _locked_stats(article_id, *, create):
    """The article's stats row, locked until the transaction ends (created first if `create`)."""
    locked = ArticleRatingStats.objects.select_for_update()
    try:
        return locked.get(article_id=article_id)
    except ArticleRatingStats.DoesNotExist:
        if not create:
            return None
    # get_or_create settles a race between two first votes (one inserts, the other reads it).
    ArticleRatingStats.objects.get_or_create(article_id=article_id)
    return locked.get(article_id=article_id)


def _own_rating(article_id, member):
    return Rating.objects.select_for_update().filter(article_id=article_id, member_id=member.pk).first()


def _withdraw(article_id, member):
    stats = _locked_stats(article_id, create=False)
    if stats is None:  # no stats row, so nobody has ever rated the article
        return
    rating = _own_rating(article_id, member)
    if rating is None:
        return
    Rating.objects.filter(pk=rating.pk).delete()
    stats.count -= 1
    stats.total -= rating.stars
    stats.save(update_fields=["count", "total"])
    delivery.article_changed(article_id)
