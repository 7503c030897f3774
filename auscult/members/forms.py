"""Registration and account forms. Every refusal says what is expected; nothing typed is lost.

E-mail address, display name and registration number are unique in the database as well as checked here.
Two requests can both pass a check before either saves; the one the database then refuses runs the checks
again (`add_conflict_errors`), which now see the winner, and is answered with the same refusal."""

from allauth.account.adapter import get_adapter
from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from auscult.core.text import one_line

from . import access
from .display_names import RULES_HELP, display_name_key, is_reserved, validate_display_name
from .models import MembershipSettings
from .registration_numbers import (
    FORMAT_HELP,
    Profession,
    Regulator,
    check_profession_regulator,
    normalise_registration_number,
)
from .services import email_taken

User = get_user_model()


class OneLineField(forms.CharField):
    """A member's own words on one line (full name, job title), without control or invisible
    characters: a right-to-left override or a zero-width space changes how the text reads, to the
    public or to staff. Cleaned before the required and length checks, so nothing invisible counts."""

    def to_python(self, value):
        return one_line(super().to_python(value))


def reserved_extra_names(member=None):
    """Names nobody else may take: the site's own and every staff member's (a staff member keeps their own)."""
    staff = User.objects.filter(is_staff=True, deleted_at__isnull=True).exclude(pk=getattr(member, "pk", None))
    staff = staff.values_list("display_name", "full_name")
    return [settings.WAGTAIL_SITE_NAME] + [name for pair in staff for name in pair if name]


def clean_display_name_for(value, *, member=None):
    name = validate_display_name(value)
    if is_reserved(name, extra_names=reserved_extra_names(member)):
        raise ValidationError("That name is reserved for the magazine's staff. Please choose another.", code="reserved")
    taken = User.objects.filter(display_name_key=display_name_key(name))
    if member is not None and member.pk:
        taken = taken.exclude(pk=member.pk)
    if taken.exists():
        raise ValidationError(
            "Another member already uses that name, or one that looks just like it. "
            "If it is your own name, add an initial, e.g. Dr S J Khan.",
            code="taken",
        )
    return name


def check_email_free(email, *, member=None):
    if email_taken(email, member=member):
        raise get_adapter().validation_error("email_taken")


def check_number_free(regulator, number, *, member=None):
    others = User.objects.filter(regulator=regulator, registration_number=number)
    if member is not None and member.pk:
        others = others.exclude(pk=member.pk)
    if others.exists():
        contact = MembershipSettings.load().contact_email
        raise ValidationError(
            f"This {Regulator(regulator).label.split(' ')[0]} number is already registered to another "
            f"account. If it is yours, please contact our membership team at {contact}.",
            code="number_taken",
        )


class SaveConflict(Exception):
    """A save the database refused for a uniqueness another request won after this form's checks; the form
    now holds the refusal, to be shown as if the checks had seen it."""


# A save refused by a unique constraint (IntegrityError), or by full_clean() seeing the winner first.
CONFLICTS = (IntegrityError, ValidationError)


class UniqueFieldsMixin:
    """`add_conflict_errors()`: after a save lost a race, the uniqueness checks again, as form errors."""

    member = None

    def uniqueness_checks(self):
        """(field, check) pairs; each check raises ValidationError when the value is taken."""
        data = self.cleaned_data
        checks = []
        if data.get("email"):
            checks.append(("email", lambda: check_email_free(data["email"], member=self.member)))
        if data.get("display_name"):
            checks.append(("display_name", lambda: clean_display_name_for(data["display_name"], member=self.member)))
        if data.get("registration_number") and data.get("regulator"):
            number, regulator = data["registration_number"], data["regulator"]
            checks.append(("registration_number", lambda: check_number_free(regulator, number, member=self.member)))
        return checks

    def add_conflict_errors(self):
        """True if a check now finds its value taken (its refusal added to the form), False if none does."""
        found = False
        for field, check in self.uniqueness_checks():
            try:
                check()
            except ValidationError as error:
                self.add_error(field, error)
                found = True
        return found


class RegistrationFieldsMixin(UniqueFieldsMixin, forms.Form):
    """Profession, regulator and number, checked together."""

    profession = forms.ChoiceField(choices=[("", "Choose your profession")] + Profession.choices)
    regulator = forms.ChoiceField(
        choices=[("", "Choose your regulator")] + Regulator.choices,
        help_text="The body you are registered with.",
    )
    registration_number = forms.CharField(
        max_length=30,
        required=False,
        label="Registration number",
        help_text="; ".join(f"{Regulator(r).label.split(' ')[0]}: {FORMAT_HELP[r]}" for r in Regulator)
        + ". Kept private: it is never shown on the site.",
    )

    member = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Required for every regulator but "other/none": not marked optional in the form.
        self.fields["registration_number"].needed_for_some = True

    def clean(self):
        cleaned = super().clean()
        profession, regulator = cleaned.get("profession"), cleaned.get("regulator")
        if not profession or not regulator:
            return cleaned
        try:
            check_profession_regulator(profession, regulator)
        except ValidationError as error:
            self.add_error("regulator", error)
            return cleaned
        try:
            number = normalise_registration_number(regulator, cleaned.get("registration_number", ""))
        except ValidationError as error:
            self.add_error("registration_number", error)
            return cleaned
        cleaned["registration_number"] = number
        if number and access.is_banned_identity(regulator=regulator, number=number):
            contact = MembershipSettings.load().contact_email
            self.add_error(
                "registration_number",
                ValidationError(
                    f"This number cannot be used to register. Please contact our membership team at {contact}.",
                    code="number_banned",
                ),
            )
            return cleaned
        if number:
            try:
                check_number_free(regulator, number, member=self.member)
            except ValidationError as error:
                self.add_error("registration_number", error)
        return cleaned


# Tries at a new account whose generated username another sign-up took in the meantime.
USERNAME_ATTEMPTS = 3


class SignupForm(RegistrationFieldsMixin, AllauthSignupForm):
    full_name = OneLineField(
        max_length=150,
        label="Full name",
        help_text="As it appears on your professional register. Kept private: it is never shown on the site.",
    )
    display_name = forms.CharField(
        max_length=30, label="Display name", help_text="Shown beside your comments. " + RULES_HELP
    )
    job_title = OneLineField(
        max_length=60, required=False, label="Job title", help_text="e.g. Salaried GP, Practice manager."
    )
    anonymous = forms.BooleanField(
        required=False,
        label="Show “Anonymous” beside my comments instead of my display name",
    )

    field_order = [
        "email",
        "password1",
        "password2",
        "full_name",
        "display_name",
        "profession",
        "regulator",
        "registration_number",
        "job_title",
        "anonymous",
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A refused form must not cost the member what they typed, passwords included.
        for name in ("password1", "password2"):
            if name in self.fields:
                self.fields[name].widget.render_value = True
        self.order_fields(self.field_order)

    def clean_display_name(self):
        return clean_display_name_for(self.cleaned_data["display_name"])

    def try_save(self, request):
        """allauth's save, in one transaction. A unique value another sign-up took since the checks raises
        SaveConflict with the refusal on the form; a clash on the username alone (made from the address, never
        shown) is tried again, when allauth picks the next free one."""
        attempts = USERNAME_ATTEMPTS
        while True:
            attempts -= 1
            try:
                with transaction.atomic():
                    return super().try_save(request)
            except CONFLICTS:
                if self.add_conflict_errors():
                    raise SaveConflict from None
                if not attempts:
                    raise

    def clean_email(self):
        email = super().clean_email()
        if email and access.is_banned_identity(email=email):
            contact = MembershipSettings.load().contact_email
            raise ValidationError(
                f"This e-mail address cannot be used to register. Please contact our membership team at {contact}.",
                code="email_banned",
            )
        return email


class ProfileForm(UniqueFieldsMixin, forms.Form):
    full_name = SignupForm.base_fields["full_name"]
    display_name = SignupForm.base_fields["display_name"]
    job_title = SignupForm.base_fields["job_title"]
    anonymous = SignupForm.base_fields["anonymous"]
    profile_public = forms.BooleanField(
        required=False,
        label="Show a public profile page",
        help_text=(
            "Anyone can then see your display name, job title, when you joined and every comment you have "
            "published under your name, in one place. A history like that can make you recognisable to colleagues "
            "or patients: leave it off if that worries you. It is never shown while your comments say "
            "“Anonymous”, and you can turn it off at any time."
        ),
    )
    profile_shows_profession = forms.BooleanField(required=False, label="Show my profession on my profile page")

    def __init__(self, *args, member, **kwargs):
        super().__init__(*args, **kwargs)
        self.member = member

    def clean_display_name(self):
        return clean_display_name_for(self.cleaned_data["display_name"], member=self.member)


class RegistrationForm(RegistrationFieldsMixin):
    def __init__(self, *args, member, **kwargs):
        super().__init__(*args, **kwargs)
        self.member = member


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}), label="Your password"
    )
    confirm = forms.BooleanField(
        label="I understand my account will be anonymised and I will be signed out everywhere."
    )

    def __init__(self, *args, member, **kwargs):
        super().__init__(*args, **kwargs)
        self.member = member

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.member.check_password(password):
            raise ValidationError("That is not your current password.", code="wrong_password")
        return password


class DeclineForm(forms.Form):
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        help_text="Sent to the member; say what they can do next.",
    )
