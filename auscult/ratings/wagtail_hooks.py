from django.db.models import OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.template.loader import render_to_string
from django.urls import reverse
from wagtail import hooks

from auscult.members.activity import ACCOUNT_ACTIVITY_HOOK, ActivityLink
from auscult.publishing.engagement import ARTICLE_CACHE_READS_HOOK, ARTICLE_COUNTS_HOOK, ARTICLE_ENGAGEMENT_HOOK

from .models import ArticleRatingStats
from .rendering import rating_block_context, summary_key


@hooks.register(ACCOUNT_ACTIVITY_HOOK, order=20)
def my_ratings_link(request):
    return ActivityLink(reverse("ratings:mine"), "My ratings")


@hooks.register(ARTICLE_ENGAGEMENT_HOOK, order=10)
def rating_block(request, article):
    return render_to_string("ratings/rating_block.html", rating_block_context(request, article), request=request)


@hooks.register(ARTICLE_CACHE_READS_HOOK)
def rating_cache_reads(request, article):
    return [summary_key(request, article)] if article.pk else []


@hooks.register(ARTICLE_COUNTS_HOOK)
def rating_counts():
    """How many rated the article and their stars in all, from its stats row: in a listing's own query."""
    stats = ArticleRatingStats.objects.filter(article_id=OuterRef("pk"))
    return {
        "rating_count": Coalesce(Subquery(stats.values("count")[:1]), 0),
        "rating_total": Coalesce(Subquery(stats.values("total")[:1]), 0),
    }
