"""Personal API tokens: a member's key to the API from a program (`tokens` makes, checks and revokes them).

Only a digest of the key is stored (SHA-256 of a random 256-bit secret, so no slow hash is needed to make a stolen
table useless); the key itself is shown once, when it is made. Its first characters (`prefix`) are kept to tell a
member's tokens apart on their page and to find the row."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class Scope(models.TextChoices):
    READ = "read", "Read: your account, your comments, your notifications"
    WRITE = "write", "Write: post, edit and delete comments, rate, report, recommend, change your choices"
    MODERATE = "moderate", "Moderate: the moderation queues, decisions, sanctions, legal holds and the audit log"


class ApiTokenQuerySet(models.QuerySet):
    def usable(self, now=None):
        now = now or timezone.now()
        return self.filter(revoked_at__isnull=True, expires_at__gt=now)


class ApiToken(models.Model):
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="personal_api_tokens")
    name = models.CharField(max_length=60, help_text="What the token is for, e.g. 'My newsletter tool'.")
    prefix = models.CharField(max_length=16, unique=True, editable=False)
    digest = models.CharField(max_length=64, unique=True, editable=False)
    scopes = models.JSONField(default=list)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    expires_at = models.DateTimeField()
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["member", "-created_at"], name="api_token_member_idx")]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_usable(self):
        return self.revoked_at is None and self.expires_at > timezone.now()
