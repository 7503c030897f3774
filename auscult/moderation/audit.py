"""Writing the audit log: one call per accountable action, inside the action's transaction."""

from .models import AuditAction, AuditEntry


def record(action, *, actor=None, comment=None, member=None, article=None, reason="", **detail):
    if comment is not None:
        member = member or comment.author
        article_id = comment.article_id
        detail.setdefault("comment_id", comment.pk)
    else:
        article_id = article.pk if article is not None else None
    return AuditEntry.objects.create(
        action=action,
        actor=actor if actor is not None and actor.pk else None,
        comment=comment,
        member=member,
        article_id=article_id,
        reason=reason,
        detail=detail,
    )


def record_hidden_by_reports(comment, reason):
    return record(AuditAction.HIDE, comment=comment, reason=reason)
