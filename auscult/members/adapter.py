"""allauth's hooks: the professional profile saved with a new account, account e-mails that are the magazine's,
and how failed sign-ins are counted.

django.contrib.sites is not installed (one magazine per deployment, named by SITE_NAME at SITE_URL),
so without this allauth would name the site, and build every link, from the host the request came in on.
"""

from allauth.account import app_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.internal import ratelimit
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.urls import reverse
from django.utils.encoding import force_str

from auscult.core.client_ip import client_ip
from auscult.core.drafts import is_post_only
from auscult.core.email import build_email, on_site, site_url

from .models import MembershipSettings
from .services import member_apply_profile

# Failed sign-ins for one account from every address together (its rates are in ACCOUNT_RATE_LIMITS).
LOGIN_FAILED_ACCOUNT = "login_failed_account"


def sign_in_account(credentials):
    """Who a sign-in attempt is for: the accounts its e-mail address or username names, else the name as typed.

    Resolved to accounts so that a staff member's username (Wagtail's admin) and e-mail address (the members'
    page) are one account to the limiter, not two allowances."""
    login = (credentials.get("email") or credentials.get("username") or "").strip().lower()
    if not login:
        return "login:"
    names = Q(username__iexact=login) | Q(email__iexact=login) | Q(emailaddress__email__iexact=login)
    pks = sorted(set(get_user_model().objects.filter(names).values_list("pk", flat=True)))
    return "account:" + ",".join(map(str, pks)) if pks else f"login:{login}"


class AccountAdapter(DefaultAccountAdapter):
    """Stores the professional profile captured by the signup form; sends allauth's e-mails as the magazine's."""

    error_messages = {
        **DefaultAccountAdapter.error_messages,
        # Said by the sign-up form's check and after a race lost to the database's constraint alike.
        "email_taken": "An account with this e-mail address already exists. Sign in, or reset your password if "
        "you have forgotten it.",
    }

    def is_safe_url(self, url):
        """allauth's check of a `next` address, and never a view only a POST reaches: a GET of it after signing in
        would be a blank 405 (a stale link to one falls back to LOGIN_REDIRECT_URL)."""
        return super().is_safe_url(url) and not is_post_only(url)

    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=commit)
        if commit:
            member_apply_profile(member=user, data=form.cleaned_data)
        return user

    def get_client_ip(self, request):
        """Every allauth limit (sign-in, sign-up, password reset) keys on the one client address of the site."""
        ip = client_ip(request)
        if not ip:
            raise PermissionDenied("Unable to determine client IP address")
        return ip

    def _get_login_attempts_cache_key(self, request, **credentials):
        # allauth keys on the request's host and the login alone, so anyone could lock a member out from
        # anywhere (and each allowed host was a fresh allowance): ours is the account from this address.
        return f"{sign_in_account(credentials)}|{ratelimit.get_ip(request)}"

    def pre_authenticate(self, request, **credentials):
        super().pre_authenticate(request, **credentials)
        ceiling = ratelimit.consume(
            request, app="allauth.account", action=LOGIN_FAILED_ACCOUNT, key=sign_in_account(credentials)
        )
        if not ceiling:
            raise self.validation_error("too_many_login_attempts")
        # Given back with the rest when the password turns out right (allauth's authenticate()).
        self._login_failed_rl_usage.usage.extend(ceiling.usage)

    def _delete_login_attempts_cached_email(self, request, **credentials):
        # After a password reset: this address's count, and the account's across addresses (the old
        # password the guesses were aimed at is gone).
        super()._delete_login_attempts_cached_email(request, **credentials)
        ratelimit.clear(request, app="allauth.account", action=LOGIN_FAILED_ACCOUNT, key=sign_in_account(credentials))

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
