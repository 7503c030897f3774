"""The member: one custom user model holding the professional profile.

Name and registration number are private; the display name is the public identity.
Rows are anonymised, never deleted (see services.member_delete_account)."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import register_setting

from auscult.core.site_settings import SiteSetting

from .registration_numbers import Profession, Regulator

ANONYMOUS_NAME = "Anonymous"
DELETED_NAME = "Deleted member"


class Approval(models.TextChoices):
    PENDING = "pending", "Awaiting approval"
    APPROVED = "approved", "Approved"
    DECLINED = "declined", "Declined"


class MemberLevel(models.TextChoices):
    """Who may do something: used by the site settings below."""

    CONFIRMED = "confirmed", "Members who have confirmed their e-mail address"
    VERIFIED = "verified", "Verified members only"


class User(AbstractUser):
    email = models.EmailField("e-mail address", blank=True)
    full_name = models.CharField(
        max_length=150, blank=True, help_text="As on the professional register. Never shown publicly."
    )
    display_name = models.CharField(max_length=30, blank=True, help_text="The public name shown beside comments.")
    # Case- and look-alike-insensitive form of display_name; unique so two members cannot pass as one.
    display_name_key = models.CharField(max_length=60, blank=True, editable=False)
    profession = models.CharField(max_length=30, choices=Profession.choices, blank=True)
    regulator = models.CharField(max_length=10, choices=Regulator.choices, blank=True)
    registration_number = models.CharField(
        max_length=20, blank=True, help_text="Checked against the regulator's format. Never shown publicly."
    )
    job_title = models.CharField(max_length=60, blank=True, help_text="e.g. Salaried GP. Shown beside your comments.")
    anonymous = models.BooleanField(
        default=False, help_text="Show “Anonymous” beside my comments instead of my display name."
    )
    # A public history per pseudonym can re-identify a clinician: a member chooses to show one (PRODUCT, "People's
    # data"). Off by default; never shown while their comments say "Anonymous".
    profile_public = models.BooleanField(
        default=False, help_text="Show a public profile page with my display name and my published comments."
    )
    profile_shows_profession = models.BooleanField(default=False, help_text="Show my profession on my public profile.")

    email_verified_at = models.DateTimeField(null=True, blank=True, editable=False)
    approval = models.CharField(max_length=10, choices=Approval.choices, default=Approval.PENDING)
    approval_decided_at = models.DateTimeField(null=True, blank=True, editable=False)
    approval_decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+", editable=False
    )
    approval_note = models.TextField(blank=True, help_text="The reason given when a registration is declined.")
    deleted_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = "member"
        verbose_name_plural = "members"
        permissions = [("approve_member", "Can approve or decline member registrations")]
        constraints = [
            # One live account per address, whatever its case. Anonymised members have none; a legal hold
            # keeps a deleted member's address as evidence, which is not an account anyone can use.
            models.UniqueConstraint(
                Lower("email"),
                condition=~Q(email="") & Q(deleted_at__isnull=True),
                name="unique_member_email",
                violation_error_message="An account with this e-mail address already exists.",
            ),
            models.UniqueConstraint(
                fields=["display_name_key"], condition=~Q(display_name_key=""), name="unique_display_name_key"
            ),
            models.UniqueConstraint(
                fields=["regulator", "registration_number"],
                condition=~Q(registration_number=""),
                name="unique_registration_number",
            ),
        ]
        indexes = [models.Index(fields=["approval", "email_verified_at"], name="member_approval_queue")]

    def __str__(self):
        return self.public_name

    def get_full_name(self):
        """The private full name (staff see it in the admin; it is never shown publicly)."""
        return self.full_name or super().get_full_name()

    def get_short_name(self):
        return self.display_name or self.get_username()

    @property
    def is_deleted(self):
        return self.deleted_at is not None

    @property
    def public_name(self):
        """The name others see: the display name, never the private full name."""
        if self.is_deleted:
            return DELETED_NAME
        return self.display_name or self.get_username()

    @property
    def comment_name(self):
        """What appears beside this member's comments."""
        if self.is_deleted:
            return DELETED_NAME
        return ANONYMOUS_NAME if self.anonymous else self.public_name

    @property
    def has_public_profile(self):
        """Whether the member's profile page is shown to everyone: they chose it, and they comment by name."""
        return self.profile_public and not self.anonymous and not self.is_deleted

    @property
    def email_confirmed(self):
        return self.email_verified_at is not None


def public_name_of(user):
    return user.public_name


@register_setting(icon="group")
class MembershipSettings(SiteSetting):
    require_staff_approval = models.BooleanField(
        default=False,
        help_text="A member is verified only once staff approve their registration, as well as confirming their "
        "e-mail address.",
    )
    may_comment = models.CharField(max_length=20, choices=MemberLevel.choices, default=MemberLevel.VERIFIED)
    may_rate = models.CharField(max_length=20, choices=MemberLevel.choices, default=MemberLevel.VERIFIED)
    contact_email = models.EmailField(
        default="membership@auscult.example", help_text="Where members write about their account or registration."
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("require_staff_approval"), FieldPanel("may_comment"), FieldPanel("may_rate")],
            heading="Verification and what members may do",
            help_text="Everyone may read. Verified means: e-mail confirmed and, if required, approved by staff.",
        ),
        FieldPanel("contact_email"),
    ]

    class Meta:
        verbose_name = "membership"


class VerificationEvent(models.Model):
    """Who verified whom, and when: e-mail confirmations and staff decisions."""

    class Kind(models.TextChoices):
        EMAIL_CONFIRMED = "email_confirmed", "E-mail address confirmed"
        APPROVED = "approved", "Registration approved"
        DECLINED = "declined", "Registration declined"
        NUMBER_CHANGED = "number_changed", "Registration number changed; approval needed again"
        EMAIL_RELEASED = "email_released", "E-mail address released: another account has it"

    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="verification_events")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Staff member who decided; empty when the member did it (e.g. followed the e-mail link).",
    )
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.created_at:%Y-%m-%d})"
