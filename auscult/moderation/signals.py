"""Side effects of model saves in moderation: every change of the moderation rules is logged with who made it."""

from django.db.models.signals import post_save, pre_save

from . import rules
from .audit import record
from .models import AuditAction, ModerationRules


def _remember_previous_rules(sender, instance, raw=False, **kwargs):
    if raw:
        return
    previous = sender.objects.filter(pk=instance.pk).first() if instance.pk else None
    instance._rules_before = rules.settings_of(previous) if previous else rules.default_settings()


def _record_rules_change(sender, instance, raw=False, **kwargs):
    if raw:
        return
    changed = rules.changes(getattr(instance, "_rules_before", rules.default_settings()), rules.settings_of(instance))
    if changed:
        from wagtail.log_actions import get_active_log_context

        actor = get_active_log_context().user  # Wagtail sets it around every admin view
        record(AuditAction.RULES_CHANGE, actor=actor, reason="", **changed)


def connect():
    """Log every change of the rules (called from ModerationConfig.ready(); safe to call twice)."""
    pre_save.connect(_remember_previous_rules, sender=ModerationRules, dispatch_uid="moderation_rules_previous")
    post_save.connect(_record_rules_change, sender=ModerationRules, dispatch_uid="moderation_rules_audit")
