"""What a member is told, and how: their notifications (in the site and by e-mail) and their choices."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class Kind(models.TextChoices):
    """What a notification is about; each kind's e-mail can be switched off on its own."""

    REPLY = "reply", "Replies to my comments"
    APPROVED = "approved", "My held comments when they are published"
    FEATURED = "featured", "My comments featured by the editors"
    RECOMMENDED = "recommended", "My comments' first recommendation"
    FOLLOWED = "followed", "New comments in discussions I follow"


class Digest(models.TextChoices):
    """How often a member is sent the new comments in the discussions they follow."""

    OFF = "off", "Never"
    IMMEDIATELY = "immediately", "As they come (every few minutes at most)"
    DAILY = "daily", "Once a day"
    WEEKLY = "weekly", "Once a week"


# The switch of each kind of e-mail sent one at a time (the followed discussions' is the digest's frequency).
EMAIL_FIELDS = {
    Kind.REPLY: "email_replies",
    Kind.APPROVED: "email_approved",
    Kind.FEATURED: "email_featured",
    Kind.RECOMMENDED: "email_recommended",
}


class Preferences(models.Model):
    """A member's choices of e-mail, made in *My account* (no row: the defaults)."""

    member = models.OneToOneField(
        settings.AUTH_USER_MODEL, primary_key=True, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    email_replies = models.BooleanField(
        "E-mail me when someone replies to my comments", default=True, help_text="With the reply and a link to it."
    )
    email_approved = models.BooleanField("E-mail me when a held comment of mine is published", default=True)
    email_featured = models.BooleanField("E-mail me when the editors feature a comment of mine", default=True)
    email_recommended = models.BooleanField(
        "E-mail me when a comment of mine is first recommended", default=True, help_text="Only the first time."
    )
    digest = models.CharField(
        "E-mail me new comments in the discussions I follow",
        max_length=12,
        choices=Digest.choices,
        default=Digest.DAILY,
        help_text="One e-mail per period, listing the new comments in each discussion.",
    )
    follow_when_commenting = models.BooleanField(
        "Follow a discussion when I comment in it", default=True, help_text="You can stop following any one of them."
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
        if Kind(kind) == Kind.FOLLOWED:
            return self.digest != Digest.OFF
        return getattr(self, EMAIL_FIELDS[Kind(kind)])

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


class Follow(models.Model):
    """A member follows an article's discussion: its new published comments come to them in their digest."""

    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follows")
    article = models.ForeignKey("publishing.ArticlePage", on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["article", "member"], name="one_follow_per_article")]

    def __str__(self):
        return f"Member {self.member_id} follows article {self.article_id}"


class DigestEntry(models.Model):
    """A new comment in a discussion the member follows, waiting for their next digest (not listed in the site:
    a busy thread would bury the replies there)."""

    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    comment = models.ForeignKey("comments.Comment", on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["member", "comment"], name="one_digest_entry_per_comment")]
        verbose_name_plural = "digest entries"

    def __str__(self):
        return f"Comment {self.comment_id} for member {self.member_id}'s digest"


class DigestSend(models.Model):
    """A digest claimed for one member, kind and period before it is sent: two timers on two machines send it once."""

    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    period = models.CharField(max_length=20)  # e.g. "2026-12-04" (daily), "2026-W49" (weekly), "i:5935632" (5 min)
    # Set by the run that claims it, to the microsecond: how that run tells the rows it made from another's.
    claimed_at = models.DateTimeField(default=timezone.now)
    entries = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["member", "kind", "period"], name="one_digest_per_period")]

    def __str__(self):
        return f"{self.kind} digest {self.period} for member {self.member_id}"
