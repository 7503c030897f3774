from allauth.account.adapter import DefaultAccountAdapter

from .services import member_apply_profile


class AccountAdapter(DefaultAccountAdapter):
    """Stores the professional profile captured by the signup form with the new account."""

    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=commit)
        if commit:
            member_apply_profile(member=user, data=form.cleaned_data)
        return user
