"""A comment published for the first time is told to those it concerns, and its author is told when it is first
recommended or featured: queued when the transaction commits, the comment's status checked again when the task
runs (`tasks`)."""

from django.db import transaction
from django.db.models.signals import post_save

from auscult.comments.models import FeaturedComment
from auscult.comments.services import comment_first_recommended, comment_published


def on_comment_published(sender, comment, **kwargs):
    from .tasks import notify_published

    # Who is told (the replied-to, the followers) is worked out in the task, never in the post's request.
    transaction.on_commit(lambda: notify_published.enqueue(comment.pk))


def on_first_recommended(sender, comment, **kwargs):
    from .models import Kind
    from .tasks import notify_author

    transaction.on_commit(lambda: notify_author.enqueue(comment.pk, Kind.RECOMMENDED))


def on_featured(sender, instance, created, **kwargs):
    from .models import Kind
    from .tasks import notify_author

    if created:
        transaction.on_commit(lambda: notify_author.enqueue(instance.comment_id, Kind.FEATURED))


def connect():
    comment_published.connect(on_comment_published, dispatch_uid="notifications-comment-published")
    comment_first_recommended.connect(on_first_recommended, dispatch_uid="notifications-first-recommended")
    post_save.connect(on_featured, sender=FeaturedComment, dispatch_uid="notifications-featured")
