"""The *API tokens* page's form. It reads what was sent; what a token may be (its name, scopes and expiry, and who
may make one that moderates) is decided by `tokens.token_create`, whose refusals the view puts on these fields."""

from django import forms

from auscult.members.forms import OneLineField

from .models import ApiToken, Scope
from .tokens import EXPIRY_DAYS

# The expiry offered first: long enough for a tool, short enough that a forgotten key does not live for a year.
DEFAULT_DAYS = 30


class TokenForm(forms.Form):
    name = OneLineField(
        required=False,
        label="Name",
        help_text="What the token is for, so you know it again, e.g. “My newsletter tool”.",
        widget=forms.TextInput(attrs={"maxlength": ApiToken._meta.get_field("name").max_length}),
    )
    scopes = forms.MultipleChoiceField(
        required=False,
        label="What it may do",
        choices=Scope.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text="Writing and moderating include reading.",
    )
    days = forms.TypedChoiceField(
        label="Expires",
        coerce=int,
        choices=[(days, f"In {days} days") for days in EXPIRY_DAYS],
        initial=DEFAULT_DAYS,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, offered, **kwargs):
        """`offered`: the scopes shown to this member (moderate only to moderators); any scope may be sent, and the
        service refuses what the member may not have."""
        super().__init__(*args, **kwargs)
        self.fields["name"].not_optional = self.fields["scopes"].not_optional = True
        self.fields["scopes"].widget.choices = [(value, label) for value, label in Scope.choices if value in offered]
