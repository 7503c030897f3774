"""Concurrent votes lose nothing: the stored count and total always equal the real aggregates.

Only PostgreSQL shows this meaningfully: SQLite serialises every writer on its database lock."""

import threading

import pytest
from django.db import connection
from django.db.models import Count, Sum

from auscult.publishing.tests.factories import ArticlePageFactory
from auscult.ratings.models import ArticleRatingStats, Rating
from auscult.ratings.services import rating_set, rating_withdraw

from .helpers import new_member

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="concurrency needs PostgreSQL row locks: run with DATABASE_URL=postgres://…",
    ),
]

MEMBERS = 20
# Members who also send a second, simultaneous request (a double click on another device).
DOUBLE_SENDERS = 4


def run_together(jobs):
    """Run every job in its own thread (its own database connection), all released at once."""
    barrier = threading.Barrier(len(jobs))
    errors = []

    def run(job):
        try:
            barrier.wait(timeout=30)
            job()
        except Exception as error:  # collected and re-raised in the test's thread
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads), "a voter never finished"
    assert not errors, errors


def assert_stats_exact(article):
    stats = ArticleRatingStats.objects.get(article=article)
    real = Rating.objects.filter(article=article).aggregate(count=Count("pk"), total=Sum("stars"))
    assert (stats.count, stats.total) == (real["count"], real["total"] or 0)
    return stats


def test_concurrent_first_votes_changes_and_withdrawals_keep_the_stats_exact():
    article = ArticlePageFactory()  # no stats row yet: the first voters also race to create it
    members = [new_member() for _ in range(MEMBERS)]
    withdrawing = {i for i in range(DOUBLE_SENDERS, MEMBERS) if i % 7 == 0}

    def voter(i, member):
        def vote():
            rating_set(article=article, member=member, stars=i % 5 + 1)
            if i % 3 == 0:
                rating_set(article=article, member=member, stars=5 - i % 5)
            if i in withdrawing:
                rating_withdraw(article=article, member=member)

        return vote

    jobs = [voter(i, m) for i, m in enumerate(members)]
    jobs += [voter(i + 1, m) for i, m in enumerate(members[:DOUBLE_SENDERS])]
    run_together(jobs)

    stats = assert_stats_exact(article)
    assert stats.count == MEMBERS - len(withdrawing)
    for i, member in enumerate(members[DOUBLE_SENDERS:], start=DOUBLE_SENDERS):
        if i not in withdrawing:
            expected = 5 - i % 5 if i % 3 == 0 else i % 5 + 1
            assert Rating.objects.get(article=article, member=member).stars == expected
    assert Rating.objects.filter(article=article).values("member").distinct().count() == stats.count


def test_concurrent_changes_on_an_already_rated_article_keep_the_stats_exact():
    article = ArticlePageFactory()
    members = [new_member() for _ in range(MEMBERS)]
    for member in members:
        rating_set(article=article, member=member, stars=3)

    def change(i, member):
        return lambda: rating_set(article=article, member=member, stars=i % 5 + 1)

    run_together([change(i, m) for i, m in enumerate(members)])

    stats = assert_stats_exact(article)
    assert (stats.count, stats.total) == (MEMBERS, sum(i % 5 + 1 for i in range(MEMBERS)))
