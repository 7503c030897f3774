"""Rating endpoints: thin POST views over the services, answering a plain form with a redirect
back to the article and an htmx request with the re-rendered rating block. When the database does
not answer, the member's choice comes back in the form, with a 503."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import HttpResponseClientRedirect

from auscult.core import ratelimits
from auscult.core.drafts import post_only
from auscult.core.error_pages import keeps_form_on_outage
from auscult.core.errors import Refused
from auscult.publishing.access import article_or_404

from .errors import TOO_MANY_CHANGES
from .forms import RatingForm
from .models import MAX_STARS, STARS_CHOICES, Rating
from .rendering import MESSAGE_TAG, rating_block_context, stars_text
from .services import rating_set, rating_withdraw

TEMPLATE = "ratings/rating_block.html"
OUTAGE_MESSAGE = (
    "Our database is not answering just now, so your rating has not been saved. "
    "Your choice is still here: please send it again in a minute."
)


def _kept_rating_form(request, article_id):
    """The rating form with the stars the member chose, from the POST alone."""
    form = RatingForm(request.POST)
    context = {
        "error": OUTAGE_MESSAGE,
        "checked": form.cleaned_data["stars"] if form.is_valid() else None,
        "choices": STARS_CHOICES,
        "max_stars": MAX_STARS,
        "set_url": reverse("ratings:set", args=[article_id]),
        "csrf_token": get_token(request),
    }
    return render_to_string("ratings/kept_form.html", context)


@vary_on_headers("HX-Request")  # htmx gets a fragment, a plain request the page or a redirect
@post_only
@keeps_form_on_outage(_kept_rating_form)
def rating_set_view(request, article_id):
    article = article_or_404(article_id, request)
    if not request.user.is_authenticated:
        return _sign_in_first(request, article)
    form = RatingForm(request.POST)
    stars = form.cleaned_data["stars"] if form.is_valid() else None
    if not ratelimits.consume(request, ratelimits.RATING_CHANGE):
        return _respond(request, article, error=TOO_MANY_CHANGES, status=429)
    try:
        rating_set(article=article, member=request.user, stars=stars)
    except Refused as refusal:
        return _respond(request, article, error=refusal.message)
    return _respond(request, article, notice=f"Thank you: your rating of {stars_text(stars)} is saved.")


@vary_on_headers("HX-Request")
@post_only
def rating_withdraw_view(request, article_id):
    article = article_or_404(article_id, request)
    if not request.user.is_authenticated:
        return _sign_in_first(request, article)
    if not ratelimits.consume(request, ratelimits.RATING_CHANGE):
        return _respond(request, article, error=TOO_MANY_CHANGES, status=429)
    try:
        rating_withdraw(article=article, member=request.user)
    except Refused as refusal:
        return _respond(request, article, error=refusal.message)
    return _respond(request, article, notice="Your rating has been withdrawn.")


def _sign_in_first(request, article):
    # Back to the article, not here: this URL only answers POST.
    response = redirect_to_login(f"{article.get_url(request)}#rating", login_url=reverse("account_login"))
    return HttpResponseClientRedirect(response.url) if request.htmx else response


def _respond(request, article, *, notice="", error="", status=200):
    """htmx: the rating block, with `status`. A plain form: back to the article, the message waiting there
    (a redirect, whatever the status, since the article is the page that shows it)."""
    if request.htmx:
        context = rating_block_context(request, article, notice=notice, error=error)
        return render(request, TEMPLATE, context, status=status)
    if error:
        messages.error(request, error, extra_tags=MESSAGE_TAG)
    else:
        messages.success(request, notice, extra_tags=MESSAGE_TAG)
    # `url`, not `get_url(request)`: the same path on the one site there is, without looking the site up (a query).
    return redirect(f"{article.url}#rating")


@login_required
@never_cache
def mine(request):
    """The member's ratings, the latest first."""
    ratings = Rating.objects.filter(member=request.user).select_related("article").order_by("-updated_at")
    return render(request, "ratings/mine.html", {"ratings": ratings[:500]})
