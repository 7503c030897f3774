"""A member who changes ratings too often is refused with a message, never a 500, and nothing already
recorded is lost: with htmx a 429 carrying the rating block, without JavaScript a redirect with the message."""

import json
import re

import pytest
from django.urls import reverse
from lxml import html

from auscult.ratings.errors import TOO_MANY_CHANGES
from auscult.ratings.models import ArticleRatingStats, Rating

from .helpers import block_text, new_member

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def rate(client, article, stars, **extra):
    return client.post(reverse("ratings:set", args=[article.pk]), {"stars": stars}, **extra)


def test_twenty_changes_in_ten_minutes_then_a_clear_refusal(client, member, article):
    for n in range(20):
        assert rate(client, article, 1 + n % 5, **HTMX).status_code == 200
    assert Rating.objects.get(member=member).stars == 5  # the 20th change

    refused = rate(client, article, 2, **HTMX)

    assert refused.status_code == 429
    assert TOO_MANY_CHANGES in block_text(refused)
    assert Rating.objects.get(member=member).stars == 5
    stats = ArticleRatingStats.objects.get(article=article)
    assert (stats.count, stats.total) == (1, 5)


def test_without_javascript_the_refusal_is_a_message_on_the_article(client, member, article, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "rating_change": "1/10m/user"}
    rate(client, article, 4)

    refused = rate(client, article, 1)

    assert refused.status_code == 302 and refused["Location"].endswith("#rating")
    assert TOO_MANY_CHANGES in block_text(client.get(refused["Location"]))
    assert Rating.objects.get(member=member).stars == 4


def test_withdrawing_is_a_change_too(client, member, article, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "rating_change": "2/10m/user"}
    rate(client, article, 4)
    client.post(reverse("ratings:withdraw", args=[article.pk]), **HTMX)
    rate(client, article, 3)

    refused = client.post(reverse("ratings:withdraw", args=[article.pk]), **HTMX)

    assert refused.status_code == 429 and TOO_MANY_CHANGES in block_text(refused)
    assert not Rating.objects.filter(member=member).exists()  # the third change (3 stars) was refused too


def test_other_members_are_not_held_back(client, member, article, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "rating_change": "1/10m/user"}
    rate(client, article, 4)
    assert rate(client, article, 5, **HTMX).status_code == 429

    client.force_login(new_member())
    assert rate(client, article, 5, **HTMX).status_code == 200
    assert ArticleRatingStats.objects.get(article=article).count == 2


def test_htmx_swaps_in_a_429_instead_of_reporting_a_failure(client, article):
    """The message comes in the 429's body, so htmx must swap it in (it swaps no 4xx by default)."""
    page = html.fromstring(client.get(article.url).content)
    config = json.loads(page.xpath('//meta[@name="htmx-config"]/@content')[0])
    handling = config["responseHandling"]

    def rule_for(status):  # htmx uses the first rule whose code matches
        return next(rule for rule in handling if re.search(rule["code"], str(status)))

    assert rule_for(429)["swap"] is True and not rule_for(429).get("error")
    assert rule_for(200)["swap"] is True and rule_for(204)["swap"] is False
    assert rule_for(403) == rule_for(500) == {"code": "[45]..", "swap": False, "error": True}
