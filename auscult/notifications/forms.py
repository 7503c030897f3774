from django import forms

from .models import Preferences


class PreferencesForm(forms.ModelForm):
    class Meta:
        model = Preferences
        fields = [
            "email_replies",
            "email_approved",
            "email_featured",
            "email_recommended",
            "digest",
            "follow_when_commenting",
        ]
        widgets = {"digest": forms.RadioSelect}
