"""Wagtail's chooser widgets, tolerant of a value that is not an id.

Wagtail's choosers show the chosen object by looking the form's value up; a form sent back with a value that is
not a number (a hand-made POST) makes that lookup fail with a server error (found by the hostile-input table).
These show such a value as nothing chosen; the field still refuses it with its own message."""

from django import forms
from django.core.exceptions import ValidationError
from wagtail.admin.widgets import AdminPageChooser
from wagtail.images.widgets import AdminImageChooser

from .params import positive_id


class TolerantChooserMixin:
    def get_instance(self, value):
        if value is not None and not hasattr(value, "pk") and positive_id(value) is None:
            return None  # not an id the database could hold (letters, or a number too large for its column)
        try:
            return super().get_instance(value)
        except (ValueError, TypeError, ValidationError):
            return None


class ImageChooser(TolerantChooserMixin, AdminImageChooser):
    pass


class PageChooser(TolerantChooserMixin, AdminPageChooser):
    pass


class IdChoiceField(forms.ModelChoiceField):
    """A `ModelChoiceField` for a chooser's id: a value that is not an id a database could hold is refused with the
    field's message before any lookup (Django's would overflow on a number too large for the column)."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if positive_id(value) is None:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)
