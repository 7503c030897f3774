"""Forms of the moderation workspace (Wagtail's admin): one per action on a member's page, and the member
chooser's search. The comment, sanction or hold acted on is in the URL; the forms carry only words."""

from django import forms
from django.db.models import Q
from wagtail.admin.forms.choosers import BaseFilterForm

from auscult.core.params import query_text
from auscult.core.text import paragraphs

from .models import SanctionKind

# The most of a search that is used: enough for any name or address.
SEARCH_MAX_LENGTH = 100


class SanctionForm(forms.Form):
    """Suspend or ban a member, on their page in the moderation workspace."""

    kind = forms.ChoiceField(choices=SanctionKind.choices, widget=forms.RadioSelect, initial=SanctionKind.SUSPENSION)
    days = forms.IntegerField(min_value=1, max_value=3650, required=False, initial=7, help_text="For a suspension.")
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), help_text="Shown to the member.")

    def clean_reason(self):
        # Cleaned as the service cleans it, so a reason of invisible characters alone is missing here,
        # beside the field, rather than refused by the service.
        reason = paragraphs(self.cleaned_data["reason"])
        if not reason:
            raise forms.ValidationError("Give the reason: it is shown to the member.", code="required")
        return reason

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("kind") == SanctionKind.SUSPENSION and not cleaned.get("days"):
            self.add_error("days", "Say how many days the suspension lasts.")
        return cleaned


class LiftForm(forms.Form):
    """Lift a sanction or a legal hold; the reason is optional and goes to the audit log."""

    reason = forms.CharField(required=False, label="Why lift it")

    def clean_reason(self):
        return paragraphs(self.cleaned_data["reason"])


class LegalHoldForm(forms.Form):
    """Put one of the member's comments under a legal hold."""

    reason = forms.CharField(label="Reason for a legal hold", help_text="e.g. the complaint's reference")

    def clean_reason(self):
        # As the service cleans it: a reason of invisible characters alone is missing, not a refusal.
        reason = paragraphs(self.cleaned_data["reason"])
        if not reason:
            raise forms.ValidationError(
                "Give the reason for the legal hold (e.g. the complaint's reference).", code="required"
            )
        return reason


class MemberSearchForm(BaseFilterForm):
    """The member chooser's search: words in a member's display name, username or e-mail address."""

    q = forms.CharField(
        label="Search term",
        required=False,
        widget=forms.TextInput(attrs={"placeholder": "Name, username or e-mail address"}),
    )

    def clean_q(self):
        return query_text(self.cleaned_data["q"], max_length=SEARCH_MAX_LENGTH)

    def filter(self, objects):
        objects = super().filter(objects)
        words = self.cleaned_data.get("q")
        if words:
            self.is_searching, self.search_query = True, words
            objects = objects.filter(
                Q(display_name__icontains=words) | Q(username__icontains=words) | Q(email__icontains=words)
            )
        return objects
