"""Every counter the site stores, recounted from the rows it stands for: what drifted, and a repair.

Counters are denormalised on purpose (an article page must not count its comments or average its ratings
per request), so the services keep them exact in the same transaction as the change. This is the one
recount: the invariant the tests check after every kind of write, the seeder's way of setting the counters
of what it bulk-inserted, and `manage.py counters` for a site whose rows were changed behind the services'
back. It lives in moderation because it reads both comments and ratings, and moderation is the lowest
layer above the two.

What is stored, and what it must equal:
- ArticleCommentStats.published_count: the article's published comments (no row: zero);
- ArticleCommentStats.held_count: the article's comments waiting for a moderator (pending; no row: zero);
- ArticleCommentStats.last_comment_at: the newest comment's time (posting sets it, whatever the status);
- Comment.published_reply_count: the comment's published replies;
- Comment.listed: published, or a removed/deleted placeholder that has published replies (checked only:
  the database derives it from the status and the reply count, so `recount` never writes it);
- Comment.report_count: the reports made about the comment;
- Comment.recommend_count: the members' recommendations of the comment;
- ArticleRatingStats.count and total: the article's ratings and their stars (no row: zero).
"""

from django.db import transaction
from django.db.models import Count, Max, Sum

from auscult.comments.models import (
    PLACEHOLDER_STATUSES,
    ArticleCommentStats,
    Comment,
    CommentStatus,
    Recommendation,
    Report,
)
from auscult.ratings.models import ArticleRatingStats, Rating

# Rows rewritten per UPDATE statement when many comments are recounted at once.
BATCH_SIZE = 1000


def counter_drift():
    """Every stored counter that differs from its recount, one readable line each; empty when all agree."""
    return [*_comment_stats_drift(), *_comment_row_drift(), *_rating_stats_drift()]


@transaction.atomic
def recount(articles=None):
    """Rewrite every stored counter of `articles` (pages or ids; all of them if None) from the rows.

    Each article named gets its comment stats row even with no comments, as posting would create it. The
    comment stats rows are locked first, the order every comment writer uses, then the rating stats rows
    (no writer holds both), so a recount on a live site waits for posts in flight instead of racing them.
    Returns how many rows it changed.
    """
    ids = None if articles is None else sorted({getattr(a, "pk", a) for a in articles})
    return _recount_comment_stats(ids) + _recount_comment_rows(ids) + _recount_rating_stats(ids)


def _scoped(queryset, ids, field="article_id"):
    return queryset if ids is None else queryset.filter(**{f"{field}__in": ids})


def _by_key(queryset, key, **aggregates):
    return {row.pop(key): row for row in queryset.values(key).order_by().annotate(**aggregates)}


def _comment_stats_drift():
    published = _by_key(Comment.objects.filter(status=CommentStatus.PUBLISHED), "article_id", n=Count("pk"))
    held = _by_key(Comment.objects.filter(status=CommentStatus.PENDING), "article_id", n=Count("pk"))
    newest = _by_key(Comment.objects.all(), "article_id", at=Max("created_at"))
    stored = {s.article_id: s for s in ArticleCommentStats.objects.all()}
    for article_id in sorted(published.keys() | held.keys() | stored.keys()):
        stats = stored.get(article_id)
        for field, found in (("published_count", published), ("held_count", held)):
            count = getattr(stats, field) if stats else 0
            real = found.get(article_id, {"n": 0})["n"]
            if count != real:
                yield f"article {article_id}: {field} {count}, recount {real}"
        # Only posting sets it (comments made directly, as some fixtures do, leave it empty).
        latest = newest.get(article_id, {"at": None})["at"]
        if stats and stats.last_comment_at is not None and stats.last_comment_at != latest:
            yield f"article {article_id}: last_comment_at {stats.last_comment_at}, newest {latest}"


def _comment_row_drift():
    replies = _by_key(
        Comment.objects.filter(status=CommentStatus.PUBLISHED, parent__isnull=False), "parent_id", n=Count("pk")
    )
    reports = _by_key(Report.objects.all(), "comment_id", n=Count("pk"))
    recommended = _by_key(Recommendation.objects.all(), "comment_id", n=Count("pk"))
    rows = Comment.objects.values_list(
        "pk", "status", "published_reply_count", "listed", "report_count", "recommend_count"
    )
    for pk, status, reply_count, listed, report_count, recommend_count in rows.iterator():
        real_replies = replies.get(pk, {"n": 0})["n"]
        if reply_count != real_replies:
            yield f"comment {pk}: published_reply_count {reply_count}, recount {real_replies}"
        # `listed` is the database's (a generated column): it can differ only if its expression is wrong.
        should_list = status == CommentStatus.PUBLISHED or (status in PLACEHOLDER_STATUSES and reply_count > 0)
        if listed != should_list:
            yield f"comment {pk} ({status}, {reply_count} published replies stored): listed is {listed}"
        real_reports = reports.get(pk, {"n": 0})["n"]
        if report_count != real_reports:
            yield f"comment {pk}: report_count {report_count}, recount {real_reports}"
        real_recommendations = recommended.get(pk, {"n": 0})["n"]
        if recommend_count != real_recommendations:
            yield f"comment {pk}: recommend_count {recommend_count}, recount {real_recommendations}"


def _rating_stats_drift():
    real = _by_key(Rating.objects.all(), "article_id", count=Count("pk"), total=Sum("stars"))
    stored = {s.article_id: s for s in ArticleRatingStats.objects.all()}
    for article_id in sorted(real.keys() | stored.keys()):
        stats = stored.get(article_id)
        have = (stats.count, stats.total) if stats else (0, 0)
        want = (real[article_id]["count"], real[article_id]["total"]) if article_id in real else (0, 0)
        if have != want:
            yield f"article {article_id}: ratings (count, total) stored {have}, recount {want}"


def _recount_comment_stats(ids):
    stored = {
        s.article_id: s for s in _scoped(ArticleCommentStats.objects.select_for_update(), ids).order_by("article_id")
    }
    comments = _scoped(Comment.objects.all(), ids)
    published = _by_key(comments.filter(status=CommentStatus.PUBLISHED), "article_id", n=Count("pk"))
    held = _by_key(comments.filter(status=CommentStatus.PENDING), "article_id", n=Count("pk"))
    newest = _by_key(comments, "article_id", at=Max("created_at"))
    fields = ["published_count", "held_count", "last_comment_at"]
    wanted = [
        ArticleCommentStats(
            article_id=article_id,
            published_count=published.get(article_id, {"n": 0})["n"],
            held_count=held.get(article_id, {"n": 0})["n"],
            last_comment_at=newest.get(article_id, {"at": None})["at"],
        )
        for article_id in sorted(set(ids or ()) | published.keys() | newest.keys() | stored.keys())
    ]

    def values(stats):
        return tuple(getattr(stats, field) for field in fields)

    changed = [s for s in wanted if s.article_id not in stored or values(stored[s.article_id]) != values(s)]
    ArticleCommentStats.objects.bulk_create(
        changed, batch_size=BATCH_SIZE, update_conflicts=True, unique_fields=["article"], update_fields=fields
    )
    return len(changed)


def _recount_comment_rows(ids):
    comments = _scoped(Comment.objects.all(), ids)
    replies = _by_key(comments.filter(status=CommentStatus.PUBLISHED, parent__isnull=False), "parent_id", n=Count("pk"))
    reports = _by_key(_scoped(Report.objects.all(), ids, "comment__article_id"), "comment_id", n=Count("pk"))
    recommended = _by_key(
        _scoped(Recommendation.objects.all(), ids, "comment__article_id"), "comment_id", n=Count("pk")
    )
    changed = []
    stored = comments.values_list("pk", "published_reply_count", "report_count", "recommend_count")
    for pk, reply_count, report_count, recommend_count in stored:
        real = tuple(found.get(pk, {"n": 0})["n"] for found in (replies, reports, recommended))
        if (reply_count, report_count, recommend_count) != real:
            changed.append(Comment(pk=pk, published_reply_count=real[0], report_count=real[1], recommend_count=real[2]))
    Comment.objects.bulk_update(
        changed, ["published_reply_count", "report_count", "recommend_count"], batch_size=BATCH_SIZE
    )
    return len(changed)


def _recount_rating_stats(ids):
    stored = {
        s.article_id: s for s in _scoped(ArticleRatingStats.objects.select_for_update(), ids).order_by("article_id")
    }
    real = _by_key(_scoped(Rating.objects.all(), ids), "article_id", count=Count("pk"), total=Sum("stars"))
    changed = []
    for article_id in sorted(real.keys() | stored.keys()):
        want = (real[article_id]["count"], real[article_id]["total"]) if article_id in real else (0, 0)
        stats = stored.get(article_id)
        if stats is None or (stats.count, stats.total) != want:
            changed.append(ArticleRatingStats(article_id=article_id, count=want[0], total=want[1]))
    ArticleRatingStats.objects.bulk_create(
        changed,
        batch_size=BATCH_SIZE,
        update_conflicts=True,
        unique_fields=["article"],
        update_fields=["count", "total"],
    )
    return len(changed)
