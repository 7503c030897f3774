"""Moderation state kept outside page revisions, so publishing never undoes it."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from wagtail.admin.panels import FieldPanel, HelpPanel, MultiFieldPanel
from wagtail.contrib.settings.models import register_setting

from auscult.comments.screening import CommentMode  # the comments app's: the mode is what it asks moderation for
from auscult.core.site_settings import SiteSetting


@register_setting(icon="comment")
class ModerationSettings(SiteSetting):
    default_comment_mode = models.CharField(
        max_length=20,
        choices=CommentMode.choices,
        default=CommentMode.OPEN,
        help_text="The mode of articles whose editors have not chosen one.",
    )

    email_author_on_approval = models.BooleanField(
        default=False,
        help_text="Also e-mail authors when a held comment is approved (they are always told of rejections).",
    )

    surge_enabled = models.BooleanField(
        default=True, help_text="Switch an open article to pre-moderation when its discussion surges."
    )
    surge_window_minutes = models.PositiveIntegerField(default=15, help_text="The window the thresholds count over.")
    surge_comments = models.PositiveIntegerField(default=40, help_text="More comments than this in the window.")
    surge_reports = models.PositiveIntegerField(default=8, help_text="More reports than this in the window.")
    surge_held_percent = models.PositiveIntegerField(
        default=50, help_text="More than this share of the window's comments held by rules (with at least 10)."
    )

    panels = [
        FieldPanel("default_comment_mode"),
        FieldPanel("email_author_on_approval"),
        MultiFieldPanel(
            [
                FieldPanel("surge_enabled"),
                FieldPanel("surge_window_minutes"),
                FieldPanel("surge_comments"),
                FieldPanel("surge_reports"),
                FieldPanel("surge_held_percent"),
            ],
            heading="Surge protection",
        ),
    ]

    class Meta:
        verbose_name = "moderation"


class CommentPolicy(models.Model):
    """An article's comment mode, set by its editors (or, later, by surge protection)."""

    article = models.OneToOneField(
        "publishing.ArticlePage", primary_key=True, on_delete=models.CASCADE, related_name="comment_policy"
    )
    mode = models.CharField(max_length=20, choices=CommentMode.choices)
    changed_at = models.DateTimeField(auto_now=True)
    # Set when surge protection switched the article to pre-moderation; cleared when an editor sets the mode.
    surge_triggered_at = models.DateTimeField(null=True, blank=True)
    surge_reason = models.CharField(max_length=200, blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name_plural = "comment policies"

    def __str__(self):
        return f"{self.article_id}: {self.mode}"


class AuditAction(models.TextChoices):
    APPROVE = "approve", "Approved a comment"
    REJECT = "reject", "Rejected a comment"
    REMOVE = "remove", "Removed a comment"
    RESTORE = "restore", "Restored a comment"
    HIDE = "hide", "Hid a comment (report threshold)"
    MODE_CHANGE = "mode_change", "Changed an article's comment mode"
    RULES_CHANGE = "rules_change", "Changed the moderation rules"
    SUSPEND = "suspend", "Suspended a member"
    BAN = "ban", "Banned a member"
    LIFT = "lift", "Lifted a sanction"
    LEGAL_HOLD = "legal_hold", "Put a legal hold on a comment"
    LEGAL_HOLD_LIFT = "legal_hold_lift", "Lifted a legal hold"


class AuditEntry(models.Model):
    """Who did what, when and why: every decision, sanction, rule change and mode change."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Empty when the system acted (e.g. the report threshold or surge protection).",
    )
    action = models.CharField(max_length=20, choices=AuditAction.choices, db_index=True)
    # SET_NULL so deleting an article (and its comments) keeps the log; record() also keeps the id in detail.
    comment = models.ForeignKey(
        "comments.Comment", null=True, blank=True, on_delete=models.SET_NULL, related_name="audit_entries"
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="audit_entries"
    )
    article = models.ForeignKey(
        "publishing.ArticlePage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.TextField(blank=True)
    detail = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name_plural = "audit log"

    def __str__(self):
        return f"{self.get_action_display()} at {self.created_at:%Y-%m-%d %H:%M}"


class ReasonTemplate(models.Model):
    """A reason moderators pick when rejecting or removing; its text is sent to the author."""

    title = models.CharField(max_length=80, unique=True)
    text = models.TextField(help_text="Told to the author, e.g. “Comments must not attack other people.”")
    sort_order = models.PositiveSmallIntegerField(default=0)

    panels = [FieldPanel("title"), FieldPanel("text"), FieldPanel("sort_order")]

    class Meta:
        ordering = ["sort_order", "title"]

    def __str__(self):
        return self.title


@register_setting(icon="warning")
class ModerationRules(SiteSetting):
    """The editable rules that refuse or hold comments; the patient-data guard has no setting: it is always on."""

    banned_words = models.TextField(
        blank=True,
        help_text=(
            "One word or phrase per line. A comment containing one is refused at once and its author is told "
            "which word. Matching ignores case and works on whole words: “idiot” does not match “idiotic”. "
            "End a line with * to match every word starting with it (“idiot*” matches idiots and idiotic). "
            "Phrases match however many spaces or line breaks separate their words."
        ),
    )
    suspect_words = models.TextField(
        blank=True,
        help_text=(
            "One word or phrase per line, matched like banned words. A comment containing one is held for a "
            "moderator; its author is not told why."
        ),
    )
    max_links = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        default=2,
        help_text=(
            "Comments with more than this many links are held. 0 holds every comment with a link; "
            "leave empty to switch this rule off."
        ),
    )
    hold_first_comments = models.PositiveSmallIntegerField(
        default=0,
        help_text=(
            "Hold a member's comments until this many of theirs have been published (approved by a moderator "
            "or published on an open article). 0 switches this rule off. Staff are not held."
        ),
    )
    burst_count = models.PositiveSmallIntegerField(
        default=5,
        help_text=(
            "Hold a member's comment when they have posted more than this many comments, on any article, "
            "within the minutes below. 0 switches this rule off. Staff are not held."
        ),
    )
    burst_minutes = models.PositiveSmallIntegerField(
        default=10, help_text="The window for the burst rule, in minutes. 0 switches the burst rule off."
    )

    panels = [
        HelpPanel(
            content=(
                "<p>The patient-data guard is always on: a comment that may identify a patient (a valid NHS "
                "number, a date of birth near a postcode, a named patient with an age) is held and its author "
                "told why.</p>"
            )
        ),
        MultiFieldPanel([FieldPanel("banned_words"), FieldPanel("suspect_words")], heading="Words"),
        FieldPanel("max_links"),
        FieldPanel("hold_first_comments"),
        MultiFieldPanel([FieldPanel("burst_count"), FieldPanel("burst_minutes")], heading="Bursts of posts"),
    ]

    class Meta:
        verbose_name = "moderation rules"
        verbose_name_plural = "moderation rules"

    def clean(self):
        from .rules import word_list

        errors = {}
        for field in ("banned_words", "suspect_words"):
            if any(not term.rstrip("*").strip() for term in word_list(getattr(self, field))):
                errors[field] = "A line with only * would match every word. Remove it or add letters before it."
        if errors:
            raise ValidationError(errors)


class SanctionKind(models.TextChoices):
    SUSPENSION = "suspension", "Suspension"
    BAN = "ban", "Ban"


class SanctionQuerySet(models.QuerySet):
    def active(self, at=None):
        """Sanctions in force now: not lifted, started, and not yet ended (bans never end)."""
        from django.utils import timezone

        at = at or timezone.now()
        return self.filter(lifted_at__isnull=True, starts_at__lte=at).filter(
            models.Q(ends_at__isnull=True) | models.Q(ends_at__gt=at)
        )


class Sanction(models.Model):
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="sanctions")
    kind = models.CharField(max_length=12, choices=SanctionKind.choices)
    reason = models.TextField(help_text="Shown to the member.")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField(null=True, blank=True, help_text="Empty for a ban.")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    lifted_at = models.DateTimeField(null=True, blank=True)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    lift_reason = models.TextField(blank=True)

    objects = SanctionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["member", "lifted_at"], name="sanction_member_active")]

    def __str__(self):
        return f"{self.get_kind_display()} of member {self.member_id}"


class BannedIdentity(models.Model):
    """A banned member's e-mail address or registration number, kept only as a keyed hash."""

    class Kind(models.TextChoices):
        EMAIL = "email", "E-mail address"
        REGISTRATION = "registration", "Registration number"

    kind = models.CharField(max_length=12, choices=Kind.choices)
    digest = models.CharField(max_length=64)
    sanction = models.ForeignKey(Sanction, on_delete=models.CASCADE, related_name="banned_identities")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "digest"], name="unique_banned_identity")]

    def __str__(self):
        return f"Banned {self.get_kind_display().lower()}"


class LegalHoldQuerySet(models.QuerySet):
    def active(self):
        return self.filter(lifted_at__isnull=True)


class LegalHold(models.Model):
    """Keeps a comment, and its author's contact details, through account deletion until lifted."""

    # An active hold stops its article being deleted (a before_delete_page hook); a lifted one is history.
    comment = models.ForeignKey("comments.Comment", null=True, on_delete=models.SET_NULL, related_name="legal_holds")
    reason = models.TextField(help_text="e.g. a defamation complaint and its reference")
    placed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    placed_at = models.DateTimeField(auto_now_add=True)
    lifted_at = models.DateTimeField(null=True, blank=True)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    lift_reason = models.TextField(blank=True)

    objects = LegalHoldQuerySet.as_manager()

    class Meta:
        ordering = ["-placed_at"]

    def __str__(self):
        return f"Legal hold on comment {self.comment_id}"
