"""A comment published for the first time is told to those it concerns: queued when the transaction commits, and
its status checked again when the task runs (`tasks.notify_published`)."""

from django.db import transaction

from auscult.comments.services import comment_published


def on_comment_published(sender, comment, **kwargs):
    from .services import concerns_anyone
    from .tasks import notify_published

    # Nothing is queued for a comment nobody is to be told of: a post's time stays what it was.
    if concerns_anyone(comment):
        transaction.on_commit(lambda: notify_published.enqueue(comment.pk))


def connect():
    comment_published.connect(on_comment_published, dispatch_uid="notifications-comment-published")
