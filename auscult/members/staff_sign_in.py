"""Staff sign-in to Wagtail's admin, counted by the same failed sign-in limits as members'.

Wagtail's login view authenticates with Django's `authenticate()`, which no limiter sees; this form
(WAGTAILADMIN_USER_LOGIN_FORM) authenticates through allauth's adapter instead, which spends an allowance
before checking the password, refuses once one is spent, and gives it back when the password is right.
"""

from allauth.account.adapter import get_adapter
from wagtail.admin.forms.auth import LoginForm


class StaffLoginForm(LoginForm):
    """Wagtail's login form, its password check rate-limited per account and per client address."""

    def clean(self):
        username = self.cleaned_data.get("username")
        password = self.cleaned_data.get("password")
        if username is not None and password:
            self.user_cache = get_adapter(self.request).authenticate(self.request, username=username, password=password)
            # allauth hands back an inactive account whose password matched (to show its own page); Django's
            # form says only that the details did not match, and so does this one.
            if self.user_cache is None or not self.user_cache.is_active:
                raise self.get_invalid_login_error()
            self.confirm_login_allowed(self.user_cache)
        return self.cleaned_data
