from django import forms

from .models import ReportReason


class CommentForm(forms.Form):
    body = forms.CharField(widget=forms.Textarea, required=False, strip=False)
    submission_key = forms.UUIDField(required=False)


class ReportForm(forms.Form):
    reason = forms.ChoiceField(choices=ReportReason.choices, widget=forms.RadioSelect, label="What is wrong with it?")
    note = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=1000,
        label="Anything moderators should know",
        help_text="Needed if you choose Other.",
    )


class EditForm(forms.Form):
    # Not optional, though the form lets an empty one through: the service refuses it with the one wording every
    # path gives, and the label must not say "(optional)".
    body = forms.CharField(widget=forms.Textarea(attrs={"rows": 8}), required=False, strip=False, label="Your comment")
    body.not_optional = True
