"""Show moderators why a comment was held for patient data: the matched spans, highlighted.
The text keeps its line breaks through CSS (white-space: pre-wrap), so a highlighted span may
cross paragraphs without splitting the markup."""

from django.utils.html import escape
from django.utils.safestring import mark_safe

from .patient_data import highlight, scan
from .rules import PATIENT_DATA


def highlighted_body(comment):
    findings = scan(comment.body) if comment.held_reason == PATIENT_DATA else []
    return mark_safe(highlight(comment.body, findings) if findings else escape(comment.body))  # noqa: S308 - both escape
