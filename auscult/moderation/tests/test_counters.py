"""The shared recount (moderation/counters.py) and `manage.py counters`: drift is told, exits 1, and
`--repair` (or `recount()`) rewrites each stored counter from its rows."""

import io
import uuid
from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.db.models import F

from auscult.comments.models import ArticleCommentStats, Comment, ReportReason
from auscult.comments.services import comment_post, comment_report
from auscult.members.tests.factories import MemberFactory
from auscult.moderation.counters import counter_drift, recount
from auscult.publishing.tests.factories import ArticlePageFactory
from auscult.ratings.models import ArticleRatingStats
from auscult.ratings.services import rating_set

pytestmark = pytest.mark.django_db


def member():
    return MemberFactory(display_name=f"Member {uuid.uuid4().hex[:12]}")


def discussed_article():
    """An article with a comment, a reply to it, a report and two ratings, all made through the services."""
    article = ArticlePageFactory()
    parent = comment_post(article=article, author=member(), body="A first comment")
    reply = comment_post(article=article, author=member(), body="A reply", parent=parent)
    comment_report(comment=reply, reporter=member(), reason=ReportReason.SPAM)
    rating_set(article=article, member=member(), stars=4)
    rating_set(article=article, member=member(), stars=2)
    return article, parent, reply


def corrupt(article, parent, reply):
    """One of each kind of counter, wrong in the way a bulk write behind the services' back leaves it."""
    ArticleCommentStats.objects.filter(article_id=article.pk).update(
        published_count=F("published_count") + 3, last_comment_at=F("last_comment_at") - timedelta(hours=1)
    )
    Comment.objects.filter(pk=parent.pk).update(published_reply_count=0)
    Comment.objects.filter(pk=reply.pk).update(report_count=5)
    ArticleRatingStats.objects.filter(article_id=article.pk).update(count=1, total=5)


def run(*args):
    out = io.StringIO()
    call_command("counters", *args, stdout=out)
    return out.getvalue()


def test_counters_kept_by_the_services_need_no_recount():
    discussed_article()

    assert recount() == 0
    assert "Every stored counter equals its recount." in run()


def test_drift_is_reported_with_exit_code_1_and_left_alone():
    article, parent, reply = discussed_article()
    corrupt(article, parent, reply)
    out = io.StringIO()

    with pytest.raises(CommandError, match="5 stored counter") as refused:
        call_command("counters", stdout=out)

    assert refused.value.returncode == 1
    printed = out.getvalue()
    assert f"article {article.pk}: published_count 5, recount 2" in printed
    assert f"comment {parent.pk}: published_reply_count 0, recount 1" in printed
    assert f"comment {reply.pk}: report_count 5, recount 1" in printed
    assert "ratings (count, total) stored (1, 5), recount (2, 6)" in printed
    assert len(counter_drift()) == 5  # reported, not repaired


def test_repair_rewrites_every_counter_from_the_rows():
    article, parent, reply = discussed_article()
    newest = ArticleCommentStats.objects.get(article_id=article.pk).last_comment_at
    corrupt(article, parent, reply)

    printed = run("--repair")

    assert "Recounted: 4 row(s) rewritten." in printed
    assert "Every stored counter now equals its recount." in printed
    assert counter_drift() == []
    stats = ArticleCommentStats.objects.get(article_id=article.pk)
    assert (stats.published_count, stats.last_comment_at) == (2, newest)
    assert Comment.objects.get(pk=parent.pk).published_reply_count == 1
    assert Comment.objects.get(pk=reply.pk).report_count == 1
    ratings = ArticleRatingStats.objects.get(article_id=article.pk)
    assert (ratings.count, ratings.total) == (2, 6)


def test_recount_restores_missing_stats_rows_and_zeroes_stale_ones():
    article, _, _ = discussed_article()
    unrated = ArticlePageFactory()
    ArticleCommentStats.objects.filter(article_id=article.pk).delete()
    ArticleRatingStats.objects.filter(article_id=article.pk).delete()
    ArticleRatingStats.objects.create(article_id=unrated.pk, count=2, total=7)

    recount()

    assert counter_drift() == []
    assert ArticleCommentStats.objects.get(article_id=article.pk).published_count == 2
    assert ArticleRatingStats.objects.get(article_id=unrated.pk).count == 0


def test_recount_of_named_articles_leaves_the_others_alone():
    first, second = discussed_article(), discussed_article()
    corrupt(*first)
    corrupt(*second)
    quiet = ArticlePageFactory()

    recount([first[0], quiet.pk])

    drift = counter_drift()
    assert len(drift) == 5
    assert {line.split(":")[0] for line in drift} == {
        f"article {second[0].pk}",
        f"comment {second[1].pk}",
        f"comment {second[2].pk}",
    }
    # An article named is given its stats row, as posting would create it.
    assert ArticleCommentStats.objects.get(article_id=quiet.pk).published_count == 0
