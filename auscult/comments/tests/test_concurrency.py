"""Concurrent posting on PostgreSQL loses nothing and keeps the counters exact."""

import contextlib
import threading
import uuid

import pytest
from django.db import connection

from auscult.comments.models import ArticleCommentStats, Comment, CommentSettings, CommentStatus
from auscult.comments.services import comment_post, comment_set_status
from auscult.core.errors import Refused
from auscult.members.tests.factories import MemberFactory
from auscult.publishing.tests.factories import ArticlePageFactory

pytestmark = [
    # serialized_rollback restores what migrations created (the home page, groups) after the flush.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL's row locks and real concurrency"),
]

THREADS = 12


def run_together(work, count):
    barrier = threading.Barrier(count)
    failures = []

    def runner(n):
        try:
            barrier.wait()
            work(n)
        except Exception as exc:  # noqa: BLE001 - reported below
            failures.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=runner, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not failures, failures


def test_concurrent_comments_and_replies_keep_counts_exact():
    CommentSettings.objects.update_or_create(defaults={"min_interval_seconds": 0})
    article = ArticlePageFactory()
    members = [MemberFactory() for _ in range(THREADS)]
    parent = comment_post(article=article, author=MemberFactory(), body="Start of the thread")

    def post_two(n):
        comment_post(article=article, author=members[n], body=f"Comment {n}")
        comment_post(article=article, author=members[n], body=f"Reply {n}", parent=parent)

    run_together(post_two, THREADS)

    stats = ArticleCommentStats.objects.get(article_id=article.pk)
    assert Comment.objects.filter(article_id=article.pk).count() == 1 + 2 * THREADS
    assert stats.published_count == 1 + 2 * THREADS
    parent.refresh_from_db()
    assert parent.published_reply_count == THREADS


def test_double_submission_from_two_connections_makes_one_comment():
    article = ArticlePageFactory()
    member = MemberFactory()
    key = uuid.uuid4()

    run_together(lambda n: comment_post(article=article, author=member, body="Clicked twice", submission_key=key), 4)

    assert Comment.objects.filter(author=member).count() == 1
    assert ArticleCommentStats.objects.get(article_id=article.pk).published_count == 1


def test_concurrent_status_changes_keep_counts_exact():
    from auscult.moderation.models import ModerationRules

    CommentSettings.objects.update_or_create(defaults={"min_interval_seconds": 0})
    ModerationRules.objects.update_or_create(defaults={"burst_count": 0})  # one author posts all twelve
    article = ArticlePageFactory()
    author = MemberFactory()
    comments = [comment_post(article=article, author=author, body=f"Body {n}") for n in range(THREADS)]

    def remove_twice(n):
        for _ in range(2):
            # The second move of the same comment is refused: removed cannot become removed again.
            with contextlib.suppress(Refused):
                comment_set_status(comment=comments[n % (THREADS // 2)], status=CommentStatus.REMOVED)

    run_together(remove_twice, THREADS)

    published = Comment.objects.filter(article_id=article.pk, status=CommentStatus.PUBLISHED).count()
    assert published == THREADS - THREADS // 2
    assert ArticleCommentStats.objects.get(article_id=article.pk).published_count == published


def test_one_member_posting_from_several_tabs_at_once_is_never_told_to_wait():
    """With no minimum interval every post is taken; each one reads the time after the member's lock,
    so none sees the one it waited for as newer than itself ("Please wait 0 seconds")."""
    from auscult.moderation.models import ModerationRules

    CommentSettings.objects.update_or_create(defaults={"min_interval_seconds": 0})
    ModerationRules.objects.update_or_create(defaults={"burst_count": 0})
    article = ArticlePageFactory()
    member = MemberFactory()

    run_together(lambda n: comment_post(article=article, author=member, body=f"Tab {n}"), THREADS)

    assert Comment.objects.filter(author=member).count() == THREADS


def test_one_member_recommending_in_parallel_makes_one_recommendation():
    from auscult.comments.models import Recommendation
    from auscult.comments.services import comment_recommend

    article = ArticlePageFactory()
    comment = comment_post(article=article, author=MemberFactory(), body="Worth recommending")
    fan = MemberFactory()

    run_together(lambda n: comment_recommend(comment=comment, member=fan), THREADS)

    comment.refresh_from_db()
    assert Recommendation.objects.filter(comment=comment).count() == 1
    assert comment.recommend_count == 1


def test_many_members_recommending_at_once_keep_the_count_exact():
    from auscult.comments.models import Recommendation
    from auscult.comments.services import comment_recommend, comment_unrecommend

    article = ArticlePageFactory()
    comment = comment_post(article=article, author=MemberFactory(), body="Worth recommending")
    fans = [MemberFactory() for _ in range(THREADS)]

    def recommend_and_some_take_back(n):
        comment_recommend(comment=comment, member=fans[n])
        if n % 3 == 0:
            comment_unrecommend(comment=comment, member=fans[n])

    run_together(recommend_and_some_take_back, THREADS)

    comment.refresh_from_db()
    kept = THREADS - len(range(0, THREADS, 3))
    assert Recommendation.objects.filter(comment=comment).count() == kept
    assert comment.recommend_count == kept
