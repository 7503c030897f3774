from django.db import transaction

from .audit import record
from .models import AuditAction, CommentMode, CommentPolicy
from .selectors import forget_policy


@transaction.atomic
def comment_mode_set(*, article, mode, by=None, reason=""):
    """Set an article's comment mode (logged when it changes); returns the policy row."""
    mode = CommentMode(mode)
    previous = CommentPolicy.objects.filter(article_id=article.pk).values_list("mode", flat=True).first()
    defaults = {"mode": mode, "changed_by": by if by and by.pk else None}
    if by is not None and by.pk:
        defaults.update(surge_triggered_at=None, surge_reason="")  # an editor has taken over
    policy, _ = CommentPolicy.objects.update_or_create(article_id=article.pk, defaults=defaults)
    forget_policy(article)
    if previous != mode:
        record(
            AuditAction.MODE_CHANGE, actor=by, article=article, reason=reason, previous=previous or "", mode=str(mode)
        )
    return policy
