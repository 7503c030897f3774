"""Article ratings over the API: the summary everyone sees, and the member's own rating to read, give, change or
withdraw.

The same calls as the rating block (`ratings.rendering.summary`, `ratings.services`), with the same limit on
changes (`core.ratelimits.RATING_CHANGE`, for giving and withdrawing alike); only live articles under no view
restriction (`publishing.access`, with no request)."""

from datetime import datetime

from django.http import Http404
from ninja import Router, Schema, Status
from pydantic import ConfigDict, Field

from auscult.core import ratelimits
from auscult.publishing.access import article_or_404
from auscult.ratings import errors, rendering, services
from auscult.ratings.models import MAX_STARS, MIN_STARS, Rating

from . import problems
from .auth import caller, retry_after
from .models import Scope
from .schemas import path_id

router = Router(tags=["ratings"])

ArticleId = path_id("The article's id.", example=42)


class ArticleRating(Schema):
    """How readers rate the article. The stored counters hold the count and the total only, so there is no
    distribution by stars here."""

    count: int = Field(description="Members who have rated it.", examples=[12])
    average: float | None = Field(
        None,
        description="The mean rating, to at most two decimals, as the page shows it; none before any.",
        examples=[4.25],
    )
    max_stars: int = Field(description="The most stars a rating may give.", examples=[MAX_STARS])


class MyRating(Schema):
    stars: int = Field(ge=MIN_STARS, le=MAX_STARS, description="Your rating.", examples=[4])
    created_at: datetime = Field(description="When you first rated it.", examples=["2026-02-02T16:03:00Z"])
    updated_at: datetime = Field(description="When you last changed it.", examples=["2026-02-03T09:12:00Z"])


class RatingIn(Schema):
    model_config = ConfigDict(extra="forbid")

    stars: int = Field(ge=MIN_STARS, le=MAX_STARS, description="1 to 5 stars.", examples=[4])


def _limited(request):
    """One change more for the member, or 429 (as the rating block refuses it)."""
    if not ratelimits.consume(request, ratelimits.RATING_CHANGE):
        raise problems.RateLimited(retry_after(ratelimits.RATING_CHANGE), errors.TOO_MANY_CHANGES)


def _mine(article, member):
    return Rating.objects.for_article(article).filter(member_id=member.pk).first()


def _my_rating(rating):
    return {"stars": rating.stars, "created_at": rating.created_at, "updated_at": rating.updated_at}


@router.get(
    "/articles/{article_id}/rating",
    response={200: ArticleRating},
    summary="An article's rating",
    description="How many members have rated the article and their average rating.",
    openapi_extra={"responses": problems.responses(404)},
)
def rating_summary(request, article_id: ArticleId):
    article = article_or_404(article_id, None)
    count, average = rendering.summary(request, article)
    shown = rendering.format_average(average)
    return {"count": count, "average": float(shown) if shown else None, "max_stars": MAX_STARS}


@router.get(
    "/articles/{article_id}/rating/mine",
    auth=caller(Scope.READ),
    response={200: MyRating},
    summary="Your rating of an article",
    description="The stars you gave the article; 404 if you have not rated it.",
    openapi_extra={"responses": problems.responses(401, 403, 404)},
)
def my_rating_get(request, article_id: ArticleId):
    article = article_or_404(article_id, None)
    rating = _mine(article, request.auth.member)
    if rating is None:
        raise Http404("No rating")
    return _my_rating(rating)


@router.put(
    "/articles/{article_id}/rating/mine",
    auth=caller(Scope.WRITE),
    response={200: MyRating},
    summary="Rate an article",
    description="Gives the article 1 to 5 stars, or changes the rating you gave. Only while you may take part "
    "(403 `not_allowed`: e-mail not confirmed, awaiting approval, suspended). Changes are limited per member "
    "(429 with `Retry-After`); a refused change leaves your rating as it was.",
    openapi_extra={
        "responses": problems.responses(
            400,
            401,
            403,
            404,
            422,
            429,
            examples={
                403: (errors.NOT_ALLOWED, "Confirm your e-mail address to take part: follow the link we sent you."),
                422: (problems.INVALID, "Input should be less than or equal to 5"),
                429: (problems.RATE_LIMITED, errors.TOO_MANY_CHANGES),
            },
        )
    },
)
def my_rating_put(request, article_id: ArticleId, payload: RatingIn):
    article = article_or_404(article_id, None)
    _limited(request)
    rating = services.rating_set(article=article, member=request.auth.member, stars=payload.stars)
    return _my_rating(rating)


@router.delete(
    "/articles/{article_id}/rating/mine",
    auth=caller(Scope.WRITE),
    response={204: None},
    summary="Withdraw your rating",
    description="Takes your rating out of the article's (nothing to do if you gave none). Anyone signed in may, "
    "even while they may not take part; it counts as a change towards the limit (429 with `Retry-After`).",
    openapi_extra={"responses": problems.responses(401, 403, 404, 429)},
)
def my_rating_delete(request, article_id: ArticleId):
    article = article_or_404(article_id, None)
    _limited(request)
    services.rating_withdraw(article=article, member=request.auth.member)
    return Status(204, None)
