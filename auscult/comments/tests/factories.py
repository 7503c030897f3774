from datetime import timedelta

from django.db.models import F
from django.utils import timezone

from auscult.comments.models import Comment, CommentStatus
from auscult.comments.services import _move, _update_stats


def make_comments(article, count, *, author, status=CommentStatus.PUBLISHED, start=None, parent=None):
    """Comments created directly (bypassing posting limits), oldest first, with exact counters."""
    from django.db import transaction

    start = start or timezone.now() - timedelta(days=2)
    made = []
    with transaction.atomic():
        for n in range(count):
            comment = Comment.objects.create(
                article_id=article.pk,
                author=author,
                parent=parent,
                body=f"Comment number {n + 1}",
                created_at=start + timedelta(seconds=n),
            )
            _update_stats(article.pk, held_count=F("held_count") + 1)  # made pending, as a held post is
            if status != CommentStatus.PENDING:
                _move(comment, CommentStatus.PUBLISHED)
                if status != CommentStatus.PUBLISHED:
                    _move(comment, status)
            made.append(comment)
    return made


def established_member(**kwargs):
    """A member whose reports count towards hiding a comment (CommentSettings' defaults): joined a month ago,
    with a comment published."""
    from auscult.members.tests.factories import MemberFactory
    from auscult.publishing.tests.factories import ArticlePageFactory

    member = MemberFactory(date_joined=timezone.now() - timedelta(days=30), **kwargs)
    make_comments(ArticlePageFactory(), 1, author=member)
    return member
