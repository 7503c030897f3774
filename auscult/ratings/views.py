"""Rating endpoints: thin POST views over the services, answering a plain form with a redirect
back to the article and an htmx request with the re-rendered rating block."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRedirect

from auscult.publishing.models import ArticlePage

from .display import MESSAGE_TAG, rating_block_context, stars_text
from .errors import RatingRefused
from .forms import RatingForm
from .services import rating_set, rating_withdraw

TEMPLATE = "ratings/rating_block.html"


@require_POST
def rating_set_view(request, article_id):
    article = _article_or_404(request, article_id)
    if not request.user.is_authenticated:
        return _sign_in_first(request, article)
    form = RatingForm(request.POST)
    stars = form.cleaned_data["stars"] if form.is_valid() else None
    try:
        rating_set(article=article, member=request.user, stars=stars)
    except RatingRefused as refusal:
        return _respond(request, article, error=refusal.message)
    return _respond(request, article, notice=f"Thank you: your rating of {stars_text(stars)} is saved.")


@require_POST
def rating_withdraw_view(request, article_id):
    article = _article_or_404(request, article_id)
    if not request.user.is_authenticated:
        return _sign_in_first(request, article)
    try:
        rating_withdraw(article=article, member=request.user)
    except RatingRefused as refusal:
        return _respond(request, article, error=refusal.message)
    return _respond(request, article, notice="Your rating has been withdrawn.")


def _article_or_404(request, article_id):
    """A live article the request may see (page privacy obeyed); anything else is not found."""
    article = ArticlePage.objects.live().defer_streamfields().filter(pk=article_id).first()
    if article is None:
        raise Http404("No such article")
    for restriction in article.get_view_restrictions():
        if not restriction.accept_request(request):
            raise Http404("No such article")
    return article


def _sign_in_first(request, article):
    # Back to the article, not here: this URL only answers POST.
    response = redirect_to_login(f"{article.get_url(request)}#rating", login_url=reverse("account_login"))
    return HttpResponseClientRedirect(response.url) if request.htmx else response


def _respond(request, article, *, notice="", error=""):
    if request.htmx:
        return render(request, TEMPLATE, rating_block_context(request, article, notice=notice, error=error))
    if error:
        messages.error(request, error, extra_tags=MESSAGE_TAG)
    else:
        messages.success(request, notice, extra_tags=MESSAGE_TAG)
    return redirect(f"{article.get_url(request)}#rating")
