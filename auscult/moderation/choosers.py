"""Choosers for the workspace's filters, so that picking one of 20,000 articles or 50,000 members never lists
them all: Wagtail's page chooser for articles, and a chooser view set over the user model for members,
searched on the server by display name, username or e-mail, ten to a page.

The member chooser is for moderators only (it tells who is a member, and by which address), and it is not
Wagtail's widget for every foreign key to a user (`register_widget = False`): editors keep their own
forms. An id from the query string is read as `positive_id` reads it, so a crafted one is simply no
choice (or a 404), never a server error."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.db.models import Model
from django.urls import reverse
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import chooser as chooser_views
from wagtail.admin.viewsets.chooser import ChooserViewSet
from wagtail.admin.widgets import AdminPageChooser, BaseChooser

from auscult.core.params import positive_id
from auscult.publishing.models import ArticlePage

from .forms import MemberSearchForm
from .permissions import MODERATE

# Members in one page of the chooser's results.
MEMBERS_PER_PAGE = 10


class ChosenById:
    """A chooser widget that shows the chosen object from an id typed into a URL as well as a real one."""

    def get_instance(self, value):
        if value is not None and not isinstance(value, Model):
            value = positive_id(value)
            if value is None:
                return None
        return super().get_instance(value)


class ArticleChooser(ChosenById, AdminPageChooser):
    """Wagtail's page chooser, for articles; moderators do not edit pages, so it offers no edit link."""

    def __init__(self, **kwargs):
        super().__init__(target_models=[ArticlePage], show_edit_link=False, **kwargs)
        self.choose_one_text, self.choose_another_text = "Choose an article", "Choose another article"


class MemberChooserBase(ChosenById, BaseChooser):
    """The member chooser's widget: the chosen member by the name others see, linked to their page here."""

    def get_value_data_from_instance(self, instance):
        return {
            "id": instance.pk,
            "title": instance.public_name,
            "edit_url": reverse("moderation_admin:member", args=[instance.pk]),
        }


class ModeratorsOnly(PermissionRequiredMixin):
    permission_required = MODERATE
    raise_exception = True  # Wagtail's admin answers it: back to the dashboard, "Sorry, you do not have permission"


class MemberListing:
    """What the chooser lists and how: every member, by name, searched by `MemberSearchForm`."""

    filter_form_class = MemberSearchForm
    ordering = ("display_name", "username", "pk")
    per_page = MEMBERS_PER_PAGE

    def get_object_list(self):
        return get_user_model().objects.all()

    @property
    def columns(self):
        return [
            self.title_column,
            Column("username", label="Username"),
            Column("profession", label="Profession", accessor="get_profession_display"),
            Column("date_joined", label="Member since", accessor=lambda m: m.date_joined.strftime("%b %Y")),
        ]


class MemberChosenMixin:
    response_data_title_key = "title"

    def get_display_title(self, instance):
        return instance.public_name

    def get_edit_item_url(self, instance):
        return reverse("moderation_admin:member", args=[instance.pk])


class ChooseMemberView(ModeratorsOnly, MemberListing, chooser_views.ChooseView):
    pass


class ChooseMemberResultsView(ModeratorsOnly, MemberListing, chooser_views.ChooseResultsView):
    pass


class MemberChosenView(ModeratorsOnly, MemberChosenMixin, chooser_views.ChosenView):
    def get_object(self, pk):
        return get_user_model().objects.get(pk=positive_id(pk) or 0)


class MembersChosenView(ModeratorsOnly, MemberChosenMixin, chooser_views.ChosenMultipleView):
    def get_objects(self, pks):
        return get_user_model().objects.filter(pk__in=[pk for pk in map(positive_id, pks) if pk])


class MemberChooserViewSet(ChooserViewSet):
    model = settings.AUTH_USER_MODEL
    icon = "user"
    choose_one_text = "Choose a member"
    choose_another_text = "Choose another member"
    edit_item_text = "Open their page"
    page_title = "Choose a member"
    base_widget_class = MemberChooserBase
    register_widget = False
    choose_view_class = ChooseMemberView
    choose_results_view_class = ChooseMemberResultsView
    chosen_view_class = MemberChosenView
    chosen_multiple_view_class = MembersChosenView

    def get_urlpatterns(self):
        # Members are not created from a filter: Wagtail's "create" tab and its URL are left out.
        return [pattern for pattern in super().get_urlpatterns() if pattern.name != "create"]


member_chooser_viewset = MemberChooserViewSet("moderation_member_chooser", url_prefix="moderation/choose-member")
MemberChooser = member_chooser_viewset.widget_class
