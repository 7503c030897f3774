"""Ratings over the API: the summary anyone reads, and the member's own rating to read, give, change and withdraw,
for each kind of caller, with the rating block's limit on changes; never on a draft or view-restricted article."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from wagtail.models import PageViewRestriction

from auscult.api.models import Scope
from auscult.members.tests.factories import MemberFactory
from auscult.moderation.models import Sanction, SanctionKind
from auscult.publishing.tests.factories import ArticlePageFactory
from auscult.publishing.tests.privacy import PASSWORD, restrict
from auscult.ratings.errors import TOO_MANY_CHANGES
from auscult.ratings.models import ArticleRatingStats, Rating
from auscult.ratings.services import rating_set

from .helpers import assert_problem, bearer, call

pytestmark = pytest.mark.django_db


@pytest.fixture
def article():
    return ArticlePageFactory()


@pytest.fixture
def member(client):
    member = MemberFactory()
    client.force_login(member)
    return member


def mine(article):
    return f"/articles/{article.pk}/rating/mine"


def summary(article):
    response = call(Client(), "get", f"/articles/{article.pk}/rating")
    assert response.status_code == 200, response.content
    return response.data


def stats(article):
    found = ArticleRatingStats.objects.filter(article=article).first()
    return (found.count, found.total) if found else (0, 0)


# ----------------------------------------------------------------------------------------------- the summary


def test_anyone_reads_the_summary_with_the_average_as_the_page_shows_it(article):
    assert summary(article) == {"count": 0, "average": None, "max_stars": 5}
    for stars in (5, 4, 4):
        rating_set(article=article, member=MemberFactory(), stars=stars)

    assert summary(article) == {"count": 3, "average": 4.33, "max_stars": 5}


def test_the_summary_of_a_draft_a_restricted_or_no_article_is_404():
    draft = ArticlePageFactory(live=False)
    restricted = ArticlePageFactory()
    rating_set(article=restricted, member=MemberFactory(), stars=5)
    restrict(restricted, PageViewRestriction.PASSWORD, password=PASSWORD)

    for article_id in (draft.pk, restricted.pk, "12345678901234567890", "0"):
        assert_problem(call(Client(), "get", f"/articles/{article_id}/rating"), 404, "not_found")


# ----------------------------------------------------------------------------------------------- my rating


def test_a_member_rates_changes_reads_and_withdraws(client, article, member):
    assert_problem(call(client, "get", mine(article)), 404, "not_found")

    first = call(client, "put", mine(article), {"stars": 4})
    changed = call(client, "put", mine(article), {"stars": 2})

    assert first.status_code == changed.status_code == 200
    assert first.data["stars"] == 4 and changed.data["stars"] == 2
    assert call(client, "get", mine(article)).data["stars"] == 2
    assert stats(article) == (1, 2) and summary(article)["average"] == 2.0
    withdrawn = call(client, "delete", mine(article))
    assert withdrawn.status_code == 204 and withdrawn.content == b""
    assert not Rating.objects.exists() and stats(article) == (0, 0)
    assert_problem(call(client, "get", mine(article)), 404, "not_found")
    # Withdrawing a rating that is not there changes nothing.
    assert call(client, "delete", mine(article)).status_code == 204


def test_a_read_token_reads_but_may_not_rate_or_withdraw(article, member):
    rating_set(article=article, member=member, stars=3)
    reader = bearer(member, Scope.READ)

    assert call(Client(), "get", mine(article), **reader).data["stars"] == 3
    assert_problem(call(Client(), "put", mine(article), {"stars": 5}, **reader), 403, "insufficient_scope")
    assert_problem(call(Client(), "delete", mine(article), **reader), 403, "insufficient_scope")
    assert Rating.objects.get().stars == 3


def test_a_write_token_rates(article, member):
    response = call(Client(), "put", mine(article), {"stars": 5}, **bearer(member, Scope.WRITE))

    assert response.status_code == 200 and Rating.objects.get(member=member).stars == 5


def test_a_visitor_must_sign_in(article):
    for method, body in (("get", None), ("put", {"stars": 3}), ("delete", None)):
        assert_problem(call(Client(), method, mine(article), body), 401, "not_authenticated")
    assert not Rating.objects.exists()


@pytest.mark.parametrize("body", [{"stars": 0}, {"stars": 6}, {"stars": "four"}, {"stars": 4.5}, {}])
def test_stars_outside_1_to_5_are_422(client, article, member, body):
    problem = assert_problem(call(client, "put", mine(article), body), 422, "invalid")

    assert problem["errors"][0]["field"] == "stars"
    assert not Rating.objects.exists()


def test_a_nul_in_the_body_is_400(client, article, member):
    assert_problem(call(client, "put", mine(article), {"stars": 4, "note": "\x00"}), 400, "bad_request")


def test_an_unverified_or_suspended_member_is_403_with_the_reason_and_may_still_withdraw(client, article):
    unverified = MemberFactory(email_verified_at=None)
    client.force_login(unverified)
    problem = assert_problem(call(client, "put", mine(article), {"stars": 4}), 403, "not_allowed")
    assert problem["detail"].startswith("Confirm your e-mail address")

    suspended = MemberFactory()
    rating_set(article=article, member=suspended, stars=2)
    Sanction.objects.create(
        member=suspended,
        kind=SanctionKind.SUSPENSION,
        reason="Personal attacks",
        starts_at=timezone.now() - timedelta(hours=1),
        ends_at=timezone.now() + timedelta(days=7),
    )
    client.force_login(suspended)
    problem = assert_problem(call(client, "put", mine(article), {"stars": 5}), 403, "not_allowed")
    assert problem["detail"].startswith("You are suspended until")
    assert Rating.objects.get().stars == 2

    assert call(client, "delete", mine(article)).status_code == 204
    assert not Rating.objects.exists()


def test_rating_a_draft_or_restricted_article_is_404(client, member):
    draft = ArticlePageFactory(live=False)
    restricted = ArticlePageFactory()
    restrict(restricted, PageViewRestriction.PASSWORD, password=PASSWORD)

    for article in (draft, restricted):
        for method, body in (("get", None), ("put", {"stars": 3}), ("delete", None)):
            assert_problem(call(client, method, mine(article), body), 404, "not_found")
    assert not Rating.objects.exists()


def test_too_many_changes_are_429_with_retry_after_and_the_rating_stands(client, article, member, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "rating_change": "2/10m/user"}
    call(client, "put", mine(article), {"stars": 4})
    call(client, "put", mine(article), {"stars": 3})

    refused = call(client, "put", mine(article), {"stars": 1})
    withdrawal = call(client, "delete", mine(article))

    problem = assert_problem(refused, 429, "rate_limited")
    assert problem["detail"] == TOO_MANY_CHANGES and refused["Retry-After"] == "600"
    assert_problem(withdrawal, 429, "rate_limited")  # withdrawing is a change too, as on the page
    assert Rating.objects.get().stars == 3 and stats(article) == (1, 3)


def test_the_rating_of_someone_else_is_never_read(client, article, member):
    rating_set(article=article, member=MemberFactory(), stars=5)

    assert_problem(call(client, "get", mine(article)), 404, "not_found")
    assert call(client, "delete", mine(article)).status_code == 204
    assert Rating.objects.count() == 1
