"""A member's notifications and e-mail choices in their data export, and gone with their account."""

from .models import Notification, Preferences
from .services import UNREAD_KEY, preferences_of


def export_notifications(member):
    preferences = preferences_of(member)
    return {
        "email_choices": {"replies_to_my_comments": preferences.email_replies},
        "refused_address": preferences.refused_address or None,
        "notifications": [
            {
                "kind": n.get_kind_display(),
                "comment": n.comment_id,
                "at": n.created_at.isoformat(),
                "read_at": n.read_at.isoformat() if n.read_at else None,
                "emailed_at": n.emailed_at.isoformat() if n.emailed_at else None,
            }
            for n in Notification.objects.filter(member_id=member.pk).order_by("created_at", "pk")
        ],
    }


def erase_notifications(member):
    from django.core.cache import cache

    Notification.objects.filter(member_id=member.pk).delete()
    Preferences.objects.filter(member_id=member.pk).delete()
    cache.delete(UNREAD_KEY.format(member.pk))
