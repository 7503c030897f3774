from django import forms
from django.db.models import OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from auscult.members.activity import ACCOUNT_ACTIVITY_HOOK, ActivityLink
from auscult.publishing.engagement import (
    ARTICLE_CACHE_READS_HOOK,
    ARTICLE_COUNTS_HOOK,
    ARTICLE_ENGAGEMENT_HOOK,
    ARTICLE_SHOWN_AT_HOOK,
)

from .admin_views import FeatureCommentView
from .models import ArticleCommentStats, FeaturedComment
from .profiles import profile_path, profile_urls_listing
from .rendering import cache_reads, render_comments_section


class FeaturedCommentViewSet(SnippetViewSet):
    """Editors feature a reader's comment from one article on another."""

    model = FeaturedComment
    icon = "openquote"
    menu_label = "Featured comments"
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["article", "comment_summary", "created_at"]
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


@hooks.register("register_admin_urls")
def featured_comment_urls():
    urls = [path("<id:pk>/", FeatureCommentView.as_view(), name="feature")]
    return [path("feature-comment/", include((urls, "comments_admin")))]


@hooks.register(ACCOUNT_ACTIVITY_HOOK, order=10)
def my_comments_link(request):
    return ActivityLink(reverse("comments:mine"), "My comments", "published, awaiting moderation or not published")


@hooks.register(ACCOUNT_ACTIVITY_HOOK, order=11)
def my_profile_link(request):
    member = request.user
    if member.has_public_profile:
        return ActivityLink(profile_path(member), "My public profile", "your published comments, as others see them")
    note = "hidden while your comments show “Anonymous”" if member.profile_public else "off: turn it on in Edit profile"
    return ActivityLink(profile_path(member), "My profile page", f"only you can see it ({note})")


@hooks.register(ACCOUNT_ACTIVITY_HOOK, order=12)
def blocked_link(request):
    return ActivityLink(reverse("comments:blocked"), "Members you have blocked")


@hooks.register(ARTICLE_SHOWN_AT_HOOK)
def profiles_listing_article(article_id):
    return profile_urls_listing(article_id)


@hooks.register(ARTICLE_ENGAGEMENT_HOOK, order=20)
def comments_block(request, article):
    return render_comments_section(request, article)


@hooks.register(ARTICLE_CACHE_READS_HOOK)
def comments_cache_reads(request, article):
    return cache_reads(request, article)


@hooks.register(ARTICLE_COUNTS_HOOK)
def comment_counts():
    """Published comments, from the article's stats row: in a listing's own query."""
    stored = ArticleCommentStats.objects.filter(article_id=OuterRef("pk")).values("published_count")[:1]
    return {"comment_count": Coalesce(Subquery(stored), 0)}
