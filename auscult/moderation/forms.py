"""Forms of the moderation workspace (Wagtail's admin)."""

from django import forms

from auscult.core.text import paragraphs

from .models import SanctionKind


class SanctionForm(forms.Form):
    """Suspend or ban a member, on their page in the moderation workspace."""

    kind = forms.ChoiceField(choices=SanctionKind.choices, widget=forms.RadioSelect, initial=SanctionKind.SUSPENSION)
    days = forms.IntegerField(min_value=1, max_value=3650, required=False, initial=7, help_text="For a suspension.")
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), help_text="Shown to the member.")

    def clean_reason(self):
        # Cleaned as the service cleans it, so a reason of invisible characters alone is missing here
        # rather than refused by the service (a 500).
        reason = paragraphs(self.cleaned_data["reason"])
        if not reason:
            raise forms.ValidationError("Give the reason: it is shown to the member.", code="required")
        return reason

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("kind") == SanctionKind.SUSPENSION and not cleaned.get("days"):
            self.add_error("days", "Say how many days the suspension lasts.")
        return cleaned
