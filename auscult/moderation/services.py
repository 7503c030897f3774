from django.db import transaction

from .models import CommentMode, CommentPolicy


@transaction.atomic
def comment_mode_set(*, article, mode, by=None):
    """Set an article's comment mode; returns the policy row."""
    mode = CommentMode(mode)
    policy, _ = CommentPolicy.objects.update_or_create(
        article_id=article.pk, defaults={"mode": mode, "changed_by": by if by and by.pk else None}
    )
    return policy
