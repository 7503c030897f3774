from django import forms

from .models import STARS_CHOICES


class RatingForm(forms.Form):
    """The star control; a missing or bad value is left for the service to refuse, after permissions."""

    stars = forms.TypedChoiceField(choices=STARS_CHOICES, coerce=int, required=False, empty_value=None)
