"""The site-wide recount (moderation/counters.py) agrees with counters the services kept, and catches each kind
of drift: the concurrency suite's last word is only worth something if it can say no."""

import uuid
from datetime import timedelta

import pytest
from django.db.models import F

from auscult.comments.models import ArticleCommentStats, Comment, ReportReason
from auscult.comments.services import comment_post, comment_report
from auscult.members.tests.factories import MemberFactory
from auscult.moderation.counters import counter_drift
from auscult.publishing.tests.factories import ArticlePageFactory
from auscult.ratings.models import ArticleRatingStats
from auscult.ratings.services import rating_set

from .invariants import assert_counters_exact

pytestmark = pytest.mark.django_db


def member():
    return MemberFactory(display_name=f"Member {uuid.uuid4().hex[:12]}")


@pytest.fixture
def engagement():
    """An article with a comment, a reply to it, a report and a rating, all made through the services."""
    article = ArticlePageFactory()
    parent = comment_post(article=article, author=member(), body="A first comment")
    reply = comment_post(article=article, author=member(), body="A reply", parent=parent)
    comment_report(comment=reply, reporter=member(), reason=ReportReason.SPAM)
    rating_set(article=article, member=member(), stars=4)
    return article, parent, reply


CORRUPTIONS = {
    "published_count": lambda a, p, r: ArticleCommentStats.objects.filter(article_id=a.pk).update(
        published_count=F("published_count") + 1
    ),
    "no comment stats row": lambda a, p, r: ArticleCommentStats.objects.filter(article_id=a.pk).delete(),
    "last_comment_at": lambda a, p, r: ArticleCommentStats.objects.filter(article_id=a.pk).update(
        last_comment_at=F("last_comment_at") - timedelta(seconds=1)
    ),
    "held_count": lambda a, p, r: ArticleCommentStats.objects.filter(article_id=a.pk).update(held_count=3),
    "published_reply_count": lambda a, p, r: Comment.objects.filter(pk=p.pk).update(published_reply_count=0),
    "report_count": lambda a, p, r: Comment.objects.filter(pk=r.pk).update(report_count=2),
    "ratings total": lambda a, p, r: ArticleRatingStats.objects.filter(article_id=a.pk).update(total=5),
    "no rating stats row": lambda a, p, r: ArticleRatingStats.objects.filter(article_id=a.pk).delete(),
}
EXPECTED = {
    "no comment stats row": "published_count 0, recount 2",
    "ratings total": "ratings (count, total) stored (1, 5), recount (1, 4)",
    "no rating stats row": "ratings (count, total) stored (0, 0), recount (1, 4)",
}


def test_counters_kept_by_the_services_equal_their_recount(engagement):
    assert counter_drift() == []
    assert_counters_exact()


@pytest.mark.parametrize("corruption", CORRUPTIONS)
def test_each_kind_of_drift_is_reported(engagement, corruption):
    CORRUPTIONS[corruption](*engagement)

    drift = counter_drift()

    assert len(drift) == 1, drift
    assert EXPECTED.get(corruption, corruption) in drift[0]
    with pytest.raises(AssertionError, match="stored counters differ from their recount"):
        assert_counters_exact()
