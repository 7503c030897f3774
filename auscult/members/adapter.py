"""allauth's hooks: the professional profile saved with a new account, and account e-mails that are the magazine's.

django.contrib.sites is not installed (one magazine per deployment, named by SITE_NAME at SITE_URL),
so without this allauth would name the site, and build every link, from the host the request came in on.
"""

from allauth.account import app_settings
from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.urls import reverse
from django.utils.encoding import force_str

from auscult.core.email import build_email, on_site, site_url

from .models import MembershipSettings
from .services import member_apply_profile


class AccountAdapter(DefaultAccountAdapter):
    """Stores the professional profile captured by the signup form; sends allauth's e-mails as the magazine's."""

    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=commit)
        if commit:
            member_apply_profile(member=user, data=form.cleaned_data)
        return user

    def format_email_subject(self, subject):
        # allauth falls back to "[<request host>] " when no prefix is set; ours is "" (subjects name the magazine).
        prefix = app_settings.EMAIL_SUBJECT_PREFIX
        if prefix is None:
            prefix = f"[{settings.WAGTAIL_SITE_NAME}] "
        return prefix + force_str(subject)

    def get_email_confirmation_url(self, request, emailconfirmation):
        return site_url(reverse("account_confirm_email", args=[emailconfirmation.key]))

    def get_reset_password_from_key_url(self, key):
        return on_site(super().get_reset_password_from_key_url(key))

    def render_mail(self, template_prefix, email, context, headers=None):
        to = [email] if isinstance(email, str) else email
        message = build_email(template_prefix, to, context, headers=headers)
        message.subject = self.format_email_subject(message.subject)
        message.from_email = self.get_from_email()
        return message

    def send_mail(self, template_prefix, email, context):
        """Every account e-mail in the site's layout; links allauth built from the request moved onto SITE_URL."""
        context = {"email": email, "contact_email": MembershipSettings.load().contact_email, **context}
        for name, value in context.items():
            if name.endswith("_url") and isinstance(value, str) and value:
                context[name] = on_site(value)
        self.render_mail(template_prefix, email, context).send()
