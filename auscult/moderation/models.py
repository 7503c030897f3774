"""Moderation state kept outside page revisions, so publishing never undoes it."""

from django.conf import settings
from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting


class CommentMode(models.TextChoices):
    OPEN = "open", "Open: comments publish at once"
    PREMODERATED = "premoderated", "Pre-moderated: comments wait for a moderator"
    CLOSED = "closed", "Closed: no new comments"


@register_setting(icon="comment")
class ModerationSettings(BaseGenericSetting):
    default_comment_mode = models.CharField(
        max_length=20,
        choices=CommentMode.choices,
        default=CommentMode.OPEN,
        help_text="The mode of articles whose editors have not chosen one.",
    )

    panels = [FieldPanel("default_comment_mode")]

    class Meta:
        verbose_name = "moderation"


class CommentPolicy(models.Model):
    """An article's comment mode, set by its editors (or, later, by surge protection)."""

    article = models.OneToOneField(
        "publishing.ArticlePage", primary_key=True, on_delete=models.CASCADE, related_name="comment_policy"
    )
    mode = models.CharField(max_length=20, choices=CommentMode.choices)
    changed_at = models.DateTimeField(auto_now=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name_plural = "comment policies"

    def __str__(self):
        return f"{self.article_id}: {self.mode}"
