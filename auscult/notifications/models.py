"""What a member is told, and how: their notifications (in the site and by e-mail) and their choices."""

from django.conf import settings
from django.db import models


class Kind(models.TextChoices):
    """What a notification is about; each kind's e-mail can be switched off on its own."""

    REPLY = "reply", "Replies to my comments"


class Preferences(models.Model):
    """A member's choices of e-mail, made in *My account* (no row: the defaults)."""

    member = models.OneToOneField(
        settings.AUTH_USER_MODEL, primary_key=True, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    email_replies = models.BooleanField(
        "E-mail me when someone replies to my comments", default=True, help_text="With the reply and a link to it."
    )
    # The address the mail server refused outright (a synchronous SMTP refusal), and when: nothing more is sent
    # to it. A new address (confirmed in My account) starts afresh.
    refused_address = models.EmailField(blank=True, editable=False)
    refused_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = "notification preferences"
        verbose_name_plural = "notification preferences"

    def __str__(self):
        return f"Notification preferences of {self.member_id}"

    def emails(self, kind):
        """Whether the member wants e-mail of this kind."""
        return {Kind.REPLY: self.email_replies}[Kind(kind)]

    def refuses(self, address):
        return bool(self.refused_at) and self.refused_address.lower() == (address or "").lower()


class Notification(models.Model):
    """One thing to tell one member, about one comment: listed in their notifications; e-mailed if they wish."""

    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    comment = models.ForeignKey("comments.Comment", on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            # Told once of each thing, however often the task that tells them runs.
            models.UniqueConstraint(fields=["member", "kind", "comment"], name="one_notification_per_thing")
        ]
        indexes = [models.Index(fields=["member", "-created_at", "-id"], name="notifications_newest")]

    def __str__(self):
        return f"{self.get_kind_display()}: comment {self.comment_id} for member {self.member_id}"
