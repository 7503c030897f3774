"""The filters of the moderation queues, as Wagtail's filter sets (django-filter) build them.

Articles and members are picked with choosers that search on the server (`choosers.py`), never a list of
every option; sections are few, so they stay a list. A value that is not an id, or names nothing, is an
error of that filter alone, which is then left out: the other filters still apply."""

import django_filters
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from wagtail.admin.filters import WagtailFilterSet

from auscult.comments.models import Comment
from auscult.core.params import positive_id
from auscult.publishing.models import ArticlePage, SectionPage

from .choosers import ArticleChooser, MemberChooser
from .models import AuditEntry
from .rules import HOLDING


class IdChoiceField(django_filters.fields.ModelChoiceField):
    """One object chosen by its id, read as `positive_id` reads it (Django's own reading takes "٣" for 3)."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        number = positive_id(value)
        if number is None:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(number)


class IdChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = IdChoiceField


def article_filter(field_name):
    return IdChoiceFilter(
        field_name=field_name, label="Article", queryset=ArticlePage.objects.all(), widget=ArticleChooser
    )


def member_filter(field_name):
    return IdChoiceFilter(
        field_name=field_name, label="Member", queryset=get_user_model().objects.all(), widget=MemberChooser
    )


def live_sections(request):
    return SectionPage.objects.live().order_by("path")


class CommentQueueFilterSet(WagtailFilterSet):
    """The reported queue's filters: where the comment is and who wrote it."""

    section = IdChoiceFilter(label="Section", queryset=live_sections, empty_label="All", method="in_section")
    article = article_filter("article")
    member = member_filter("author")

    class Meta:
        model = Comment
        fields = ["section", "article", "member"]

    def in_section(self, queryset, name, section):
        return queryset.filter(article__path__startswith=section.path)


class HeldQueueFilterSet(CommentQueueFilterSet):
    """The held queue's filters, and the rule that held the comment, by its label."""

    rule = django_filters.ChoiceFilter(field_name="held_reason", label="Rule", choices=HOLDING, empty_label="All")

    class Meta(CommentQueueFilterSet.Meta):
        fields = [*CommentQueueFilterSet.Meta.fields, "rule"]


class DecidedFilterSet(WagtailFilterSet):
    """The recent decisions' filters: the article and the member the decision was about."""

    article = article_filter("article")
    member = member_filter("member")

    class Meta:
        model = AuditEntry
        fields = ["article", "member"]
