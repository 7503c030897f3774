from django import forms
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import FeaturedComment


class FeaturedCommentViewSet(SnippetViewSet):
    """Editors feature a reader's comment from one article on another."""

    model = FeaturedComment
    icon = "openquote"
    menu_label = "Featured comments"
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["article", "comment", "created_at"]
    panels = [
        FieldPanel("article", heading="Show on article"),
        FieldPanel(
            "comment",
            heading="Comment number",
            widget=forms.NumberInput,
            help_text="The number in the comment's permalink, e.g. 123 for /comments/123/.",
        ),
    ]


register_snippet(FeaturedCommentViewSet)
