"""Site-wide invariants: every counter the site stores equals a recount of the rows it stands for.

Counters are denormalised on purpose (an article page must not count its comments or average its
ratings per request), so the services keep them exact in the same transaction as the change. This
recounts all of them from scratch. It lives in moderation's tests because it reads both comments and
ratings, and moderation is the lowest layer above the two (`api`, `insights` and later layers may use it).

What is stored, and what it must equal:
- ArticleCommentStats.published_count: the article's published comments (no row: zero);
- ArticleCommentStats.last_comment_at: the newest comment's time, where posting has set it;
- Comment.published_reply_count: the comment's published replies;
- Comment.listed: published, or a removed/deleted placeholder that has published replies;
- Comment.report_count: the reports made about the comment;
- ArticleRatingStats.count and total: the article's ratings and their stars (no row: zero).
"""

from django.db.models import Count, Max, Sum

from auscult.comments.models import PLACEHOLDER_STATUSES, ArticleCommentStats, Comment, CommentStatus, Report
from auscult.ratings.models import ArticleRatingStats, Rating


def counter_drift():
    """Every stored counter that differs from its recount, one readable line each; empty when all agree."""
    return [*_comment_stats_drift(), *_comment_row_drift(), *_rating_stats_drift()]


def assert_counters_exact():
    drift = counter_drift()
    assert not drift, "stored counters differ from their recount:\n" + "\n".join(drift[:20])


def _by_key(queryset, key, **aggregates):
    return {row.pop(key): row for row in queryset.values(key).order_by().annotate(**aggregates)}


def _comment_stats_drift():
    published = _by_key(Comment.objects.filter(status=CommentStatus.PUBLISHED), "article_id", n=Count("pk"))
    newest = _by_key(Comment.objects.all(), "article_id", at=Max("created_at"))
    stored = {s.article_id: s for s in ArticleCommentStats.objects.all()}
    for article_id in sorted(published.keys() | stored.keys()):
        stats = stored.get(article_id)
        count = stats.published_count if stats else 0
        real = published.get(article_id, {"n": 0})["n"]
        if count != real:
            yield f"article {article_id}: published_count {count}, recount {real}"
        # Only posting sets it (comments made directly, as some fixtures do, leave it empty).
        if stats and stats.last_comment_at is not None and stats.last_comment_at != newest[article_id]["at"]:
            yield f"article {article_id}: last_comment_at {stats.last_comment_at}, newest {newest[article_id]['at']}"


def _comment_row_drift():
    replies = _by_key(
        Comment.objects.filter(status=CommentStatus.PUBLISHED, parent__isnull=False), "parent_id", n=Count("pk")
    )
    reports = _by_key(Report.objects.all(), "comment_id", n=Count("pk"))
    rows = Comment.objects.values_list("pk", "status", "published_reply_count", "listed", "report_count")
    for pk, status, reply_count, listed, report_count in rows.iterator():
        real_replies = replies.get(pk, {"n": 0})["n"]
        if reply_count != real_replies:
            yield f"comment {pk}: published_reply_count {reply_count}, recount {real_replies}"
        should_list = status == CommentStatus.PUBLISHED or (status in PLACEHOLDER_STATUSES and real_replies > 0)
        if listed != should_list:
            yield f"comment {pk} ({status}, {real_replies} published replies): listed is {listed}"
        real_reports = reports.get(pk, {"n": 0})["n"]
        if report_count != real_reports:
            yield f"comment {pk}: report_count {report_count}, recount {real_reports}"


def _rating_stats_drift():
    real = _by_key(Rating.objects.all(), "article_id", count=Count("pk"), total=Sum("stars"))
    stored = {s.article_id: s for s in ArticleRatingStats.objects.all()}
    for article_id in sorted(real.keys() | stored.keys()):
        stats = stored.get(article_id)
        have = (stats.count, stats.total) if stats else (0, 0)
        want = (real[article_id]["count"], real[article_id]["total"]) if article_id in real else (0, 0)
        if have != want:
            yield f"article {article_id}: ratings (count, total) stored {have}, recount {want}"
