"""A comment published for the first time is told to those it concerns: queued when the transaction commits, and
its status checked again when the task runs (`tasks.notify_published`)."""

from django.db import transaction

from auscult.comments.services import comment_published


def on_comment_published(sender, comment, **kwargs):
    from .tasks import notify_published

    # Who is told (the replied-to, the followers) is worked out in the task, never in the post's request.
    transaction.on_commit(lambda: notify_published.enqueue(comment.pk))


def connect():
    comment_published.connect(on_comment_published, dispatch_uid="notifications-comment-published")
