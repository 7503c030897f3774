"""How ratings read on the page: the average's format, star wording and the rating block's context."""

from decimal import ROUND_HALF_UP, Decimal

from django.contrib.messages import get_messages
from django.core.cache import cache
from django.urls import reverse
from django.utils.http import urlencode

from auscult.core.delivery import page_key
from auscult.members.access import permissions_for
from auscult.publishing.delivery import fragment_versions

from .models import MAX_STARS, STARS_CHOICES, ArticleRatingStats, Rating

SUMMARY_KEY = "ratings:summary:{}:{}"
SUMMARY_TIMEOUT = 24 * 60 * 60
# Messages the rating views leave for the page carry this tag, so the block can show them in place.
MESSAGE_TAG = "rating"
TWO_PLACES = Decimal("0.01")


def format_average(value):
    """At most two decimals, half rounded up, trailing zeros dropped: 4.5, 3, 1.33; "" for None."""
    if value is None:
        return ""
    rounded = Decimal(str(value)).quantize(TWO_PLACES, rounding=ROUND_HALF_UP)
    text = f"{rounded:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def stars_text(stars):
    """ "1 star", "4 stars"."""
    return f"{stars} star" if stars == 1 else f"{stars} stars"


def half_stars(value):
    """The average to the nearest half star, times ten (0, 5, … 50): the visual display's CSS class."""
    if value is None:
        return 0
    halves = (Decimal(str(value)) * 2).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return int(min(max(halves, 0), MAX_STARS * 2)) * 5


def summary_key(request, article):
    return SUMMARY_KEY.format(article.pk, fragment_versions(request, page_key(article.pk)))


def summary(request, article):
    """(count, average) of the article's ratings: cached on its version, which every rating changes."""
    if not article.pk:
        return 0, None
    key = summary_key(request, article)
    found = cache.get(key)
    if found is None:
        stats = ArticleRatingStats.objects.filter(article_id=article.pk).first()
        found = (stats.count, stats.average) if stats else (0, None)
        cache.set(key, found, SUMMARY_TIMEOUT)
    return found


def rating_block_context(request, article, *, notice="", error=""):
    """What the rating block shows: the summary (cached), 1 query for a signed-in member's own rating (only
    when the article has ratings), plus what `permissions_for` reads (once a request, shared with the
    comments block)."""
    user = request.user
    count, average = summary(request, article)
    permission = permissions_for(request)["rate"]
    own_stars = None
    if count and user.is_authenticated:
        own = Rating.objects.filter(article_id=article.pk, member_id=user.pk)
        own_stars = own.values_list("stars", flat=True).first()
    article_url = article.get_url(request) if article.pk else ""
    next_query = urlencode({"next": f"{article_url}#rating"})
    return {
        "request": request,
        "article": article,
        "open": bool(article.pk and article.live),
        "count": count,
        "average": format_average(average),
        "half_stars": half_stars(average),
        "permission": permission,
        "own_stars": own_stars,
        "own_stars_text": stars_text(own_stars) if own_stars else "",
        "choices": STARS_CHOICES,
        "max_stars": MAX_STARS,
        "set_url": reverse("ratings:set", args=[article.pk]) if article.pk else "",
        "withdraw_url": reverse("ratings:withdraw", args=[article.pk]) if article.pk else "",
        "login_url": f"{reverse('account_login')}?{next_query}",
        "signup_url": f"{reverse('account_signup')}?{next_query}",
        "notice": notice,
        "error": error,
        "flash": [] if getattr(request, "htmx", False) else _flash(request),
    }


def _flash(request):
    """Messages the rating views left for this page (after a plain form POST)."""
    return [message for message in get_messages(request) if MESSAGE_TAG in message.extra_tags.split()]
