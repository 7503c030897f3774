"""The audit log in the admin: filterable, exportable as CSV or XLSX (Wagtail's report view)."""

import django_filters
from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import ValidationError
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.views.reports import ReportView

from auscult.core.params import positive_id

from .models import AuditAction, AuditEntry
from .permissions import VIEW_AUDIT


class IdField(forms.CharField):
    """An id typed into a filter, read as `positive_id` reads it; anything else is a form error."""

    widget = forms.NumberInput

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        number = positive_id(value)
        if number is None:
            raise ValidationError("Enter an id: a whole number such as 1234.", code="invalid")
        return number


class IdFilter(django_filters.Filter):
    field_class = IdField


class AuditFilterSet(WagtailFilterSet):
    action = django_filters.ChoiceFilter(choices=AuditAction.choices)
    actor = django_filters.ModelChoiceFilter(
        label="By", queryset=lambda request: get_user_model().objects.filter(is_staff=True).order_by("display_name")
    )
    created_at = django_filters.DateFromToRangeFilter(label="Date", widget=DateRangePickerWidget)
    member = IdFilter(field_name="member_id", label="Member id")
    article = IdFilter(field_name="article_id", label="Article id")

    class Meta:
        model = AuditEntry
        fields = ["action", "actor", "created_at", "member", "article"]


class AuditLogView(PermissionRequiredMixin, ReportView):
    # Django's check: Wagtail's `any_permission_required` asks a permission policy, which a report without a
    # model does not have, and so let every admin user in.
    permission_required = VIEW_AUDIT
    raise_exception = True
    page_title = "Moderation audit log"
    header_icon = "history"
    results_template_name = "moderation/audit_results.html"
    filterset_class = AuditFilterSet
    index_url_name = "moderation_admin:audit"
    index_results_url_name = "moderation_admin:audit_results"
    export_headings = {
        "created_at": "When",
        "actor_name": "Who",
        "action_label": "What",
        "comment_id": "Comment",
        "member_name": "Member",
        "article_id": "Article",
        "reason": "Why",
    }
    list_export = ["created_at", "actor_name", "action_label", "comment_id", "member_name", "article_id", "reason"]

    def get_queryset(self):
        return AuditEntry.objects.select_related("actor", "member").order_by("-created_at", "-id")

    def get_filename(self):
        return "moderation-audit-log"

    def decorate_paginated_queryset(self, object_list):
        for entry in object_list:
            entry.actor_name = entry.actor.public_name if entry.actor else "system"
            entry.member_name = entry.member.public_name if entry.member else ""
            entry.action_label = entry.get_action_display()
        return object_list

    def to_row_dict(self, item):
        self.decorate_paginated_queryset([item])
        return super().to_row_dict(item)
