"""Wagtail's user admin, fitted to members: staff grant and revoke roles (Editors, Moderators)
there. Members have a full name and a display name rather than first and last names, so those
are optional here and the private full name is shown to staff instead."""

from django import forms
from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views.users import UserViewSet


class _OptionalNames(forms.Form):
    first_name = forms.CharField(required=False, label="First name")
    last_name = forms.CharField(required=False, label="Last name")


class MemberCreationForm(_OptionalNames, UserCreationForm):
    pass


class MemberEditForm(_OptionalNames, UserEditForm):
    pass


class MemberUserViewSet(UserViewSet):
    def get_form_class(self, for_update=False):
        return MemberEditForm if for_update else MemberCreationForm
