"""A member's notifications and e-mail choices in their data export, and gone with their account."""

from .models import DigestEntry, DigestSend, Follow, Notification, Preferences
from .services import UNREAD_KEY, preferences_of


def export_notifications(member):
    preferences = preferences_of(member)
    return {
        "email_choices": {
            "replies_to_my_comments": preferences.email_replies,
            "my_held_comments_published": preferences.email_approved,
            "my_comments_featured": preferences.email_featured,
            "my_comments_first_recommended": preferences.email_recommended,
            "followed_discussions_digest": preferences.get_digest_display(),
            "follow_when_commenting": preferences.follow_when_commenting,
        },
        "following": [
            {"article": f.article.title, "since": f.created_at.isoformat()}
            for f in Follow.objects.filter(member_id=member.pk).select_related("article").order_by("created_at")
        ],
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
    Follow.objects.filter(member_id=member.pk).delete()
    DigestEntry.objects.filter(member_id=member.pk).delete()
    DigestSend.objects.filter(member_id=member.pk).delete()
    Preferences.objects.filter(member_id=member.pk).delete()
    cache.delete(UNREAD_KEY.format(member.pk))
