"""The audit log in the admin: filterable, exportable as CSV or XLSX (Wagtail's report view)."""

import django_filters
from django.contrib.auth import get_user_model
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.db.models import Q
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.views.reports import ReportView

from auscult.core.params import positive_id, query_text

from .models import AuditAction, AuditEntry
from .permissions import VIEW_AUDIT


class SearchFilter(django_filters.CharFilter):
    """A name or an id typed into a filter, searched on the server: an id (as `positive_id` reads it) finds that
    row, words find the rows whose `fields` contain them, so picking one of 50,000 members or 20,000 articles
    never lists them all. The words are cleaned as every query value is (`query_text`)."""

    def __init__(self, *, id_field, fields, **kwargs):
        super().__init__(**kwargs)
        self.id_field, self.fields = id_field, fields

    def filter(self, queryset, value):
        words = query_text(value, max_length=100)
        if not words:
            return queryset
        number = positive_id(words)
        if number is not None:
            return queryset.filter(**{self.id_field: number})
        match = Q()
        for field in self.fields:
            match |= Q(**{f"{field}__icontains": words})
        return queryset.filter(match)


class AuditFilterSet(WagtailFilterSet):
    action = django_filters.ChoiceFilter(choices=AuditAction.choices)
    actor = django_filters.ModelChoiceFilter(
        label="By", queryset=lambda request: get_user_model().objects.filter(is_staff=True).order_by("display_name")
    )
    created_at = django_filters.DateFromToRangeFilter(label="Date", widget=DateRangePickerWidget)
    member = SearchFilter(
        label="Member",
        help_text="A display name, username or e-mail address, or the member's id.",
        id_field="member_id",
        fields=["member__display_name", "member__username", "member__email"],
    )
    article = SearchFilter(
        label="Article", help_text="Words of its headline, or its id.", id_field="article_id", fields=["article__title"]
    )

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
