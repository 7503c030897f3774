from django.db import transaction

from auscult.core.actors import is_system, person
from auscult.core.errors import NotPermitted
from auscult.publishing import delivery

from .audit import record
from .models import AuditAction, CommentMode, CommentPolicy
from .selectors import forget_policy


@transaction.atomic
def comment_mode_set(*, article, mode, by, reason=""):
    """Set an article's comment mode (logged when it changes); returns the policy row.

    `by` is whoever may edit the article in Wagtail's admin, or the system (surge protection)."""
    if not is_system(by) and not (by and by.is_authenticated and article.permissions_for_user(by).can_edit()):
        raise NotPermitted("Only the article's editors can change its comment mode.")
    mode = CommentMode(mode)
    previous = CommentPolicy.objects.filter(article_id=article.pk).values_list("mode", flat=True).first()
    defaults = {"mode": mode, "changed_by": person(by)}
    if not is_system(by):
        defaults.update(surge_triggered_at=None, surge_reason="")  # an editor has taken over
    policy, _ = CommentPolicy.objects.update_or_create(article_id=article.pk, defaults=defaults)
    forget_policy(article)
    if previous != mode:
        delivery.article_changed(article.pk)  # its form, its Reply links, the pre-moderation note
    if previous != mode:
        record(
            AuditAction.MODE_CHANGE,
            actor=person(by),
            article=article,
            reason=reason,
            previous=previous or "",
            mode=str(mode),
        )
    return policy
