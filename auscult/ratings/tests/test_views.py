"""Rating through the article page's own form, as a reader would: JS off (plain POST) and with htmx."""

from urllib.parse import parse_qs, quote, urlsplit

import pytest
from django.urls import reverse

from auscult.members.access import REASONS, Standing
from auscult.publishing.tests.factories import ArticlePageFactory
from auscult.ratings.errors import BAD_STARS_MESSAGE
from auscult.ratings.models import ArticleRatingStats, Rating
from auscult.ratings.services import rating_set

from .helpers import block_text, new_member, rating_block, text_of

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


def set_url(article):
    return reverse("ratings:set", args=[article.pk])


def withdraw_url(article):
    return reverse("ratings:withdraw", args=[article.pk])


def stats_of(article):
    stats = ArticleRatingStats.objects.get(article=article)
    return stats.count, stats.total


def test_the_form_works_with_javascript_off(client, member, article):
    block = rating_block(client.get(article.url))

    assert block.get("aria-labelledby") == "rating-heading"
    assert text_of(block.xpath('.//h2[@id="rating-heading"]')[0]) == "Rate this article"
    (form,) = block.xpath('.//form[@class="rating-form"]')
    assert form.get("method") == "post"
    assert form.get("action") == set_url(article)
    assert form.xpath('.//input[@name="csrfmiddlewaretoken"]')
    (fieldset,) = form.xpath(".//fieldset")
    assert text_of(fieldset.xpath("./legend")[0]).startswith("Your rating")
    radios = fieldset.xpath('.//input[@type="radio"][@name="stars"]')
    assert [r.get("value") for r in radios] == ["1", "2", "3", "4", "5"]
    labels = [form.xpath(f'.//label[@for="{r.get("id")}"]')[0] for r in radios]
    # Each label's accessible name is its visually hidden text; the star glyph is hidden from readers.
    names = [text_of(label.xpath('./span[@class="visually-hidden"]')[0]) for label in labels]
    assert names == ["1 star", "2 stars", "3 stars", "4 stars", "5 stars"]
    assert all(text_of(label.xpath('./span[@aria-hidden="true"]')[0]) == "★" for label in labels)
    assert not any(r.get("checked") is not None for r in radios)
    (submit,) = form.xpath('.//button[@type="submit"]')
    assert text_of(submit) == "Rate"
    # htmx enhances the same form in place.
    assert form.get("hx-post") == set_url(article)
    assert form.get("hx-target") == "#rating"
    assert form.get("hx-swap") == "outerHTML"
    assert "No ratings yet" in text_of(block)


def test_rate_change_and_withdraw_with_plain_form_posts(client, member, article):
    response = client.post(set_url(article), {"stars": "4"})
    assert response.status_code == 302
    assert response["Location"] == f"{article.url}#rating"

    page = client.get(article.url)
    text = block_text(page)
    assert "Thank you: your rating of 4 stars is saved." in text
    assert "Average rating 4 out of 5 from 1 rating" in text
    assert "Your rating: 4 stars" in text
    block = rating_block(page)
    assert block.xpath('.//input[@name="stars"][@checked]')[0].get("value") == "4"
    assert text_of(block.xpath('.//form[@class="rating-own__withdraw"]//button')[0]) == "Withdraw your rating"

    client.post(set_url(article), {"stars": "2"})
    text = block_text(client.get(article.url))
    assert "Your rating: 2 stars" in text
    assert "Average rating 2 out of 5 from 1 rating" in text
    assert Rating.objects.get(member=member).stars == 2

    response = client.post(withdraw_url(article))
    assert response.status_code == 302
    assert response["Location"] == f"{article.url}#rating"
    text = block_text(client.get(article.url))
    assert "Your rating has been withdrawn." in text
    assert "No ratings yet" in text
    assert "Your rating:" not in text
    assert not Rating.objects.exists()
    assert stats_of(article) == (0, 0)


def test_rate_change_and_withdraw_with_htmx(client, member, article):
    response = client.post(set_url(article), {"stars": "5"}, headers=HTMX)
    assert response.status_code == 200
    block = rating_block(response)  # the fragment is the block alone
    assert block.tag == "section"
    text = text_of(block)
    assert "Thank you: your rating of 5 stars is saved." in text
    assert "Average rating 5 out of 5 from 1 rating" in text
    assert "Your rating: 5 stars" in text
    assert block.xpath('.//input[@name="stars"][@checked]')[0].get("value") == "5"
    assert block.xpath('.//input[@name="csrfmiddlewaretoken"]')

    response = client.post(set_url(article), {"stars": "3"}, headers=HTMX)
    assert "Your rating: 3 stars" in block_text(response)
    assert stats_of(article) == (1, 3)

    response = client.post(withdraw_url(article), headers=HTMX)
    assert response.status_code == 200
    text = block_text(response)
    assert "Your rating has been withdrawn." in text
    assert "No ratings yet" in text
    assert stats_of(article) == (0, 0)
    # Nothing is left over to pop up on the next page.
    assert "withdrawn" not in block_text(client.get(article.url))


def test_posting_without_choosing_stars_is_refused_and_said_so(client, member, article):
    response = client.post(set_url(article), {}, headers=HTMX)
    assert response.status_code == 200
    (message,) = rating_block(response).xpath('.//*[@role="alert"]')
    assert text_of(message) == BAD_STARS_MESSAGE

    response = client.post(set_url(article), {"stars": "9"}, follow=True)
    assert BAD_STARS_MESSAGE in block_text(response)
    assert not Rating.objects.exists()


@pytest.mark.parametrize(
    ("ratings", "shown"),
    [([4, 5], "Average rating 4.5 out of 5 from 2 ratings"), ([3], "Average rating 3 out of 5 from 1 rating")]
    + [([1, 1, 2], "Average rating 1.33 out of 5 from 3 ratings")],
)
def test_the_average_is_shown_to_at_most_two_decimals(client, article, ratings, shown):
    for stars in ratings:
        rating_set(article=article, member=new_member(), stars=stars)

    block = rating_block(client.get(article.url))

    assert shown in text_of(block)
    assert block.xpath('.//span[contains(@class, "stars-display")][@aria-hidden="true"]')


def test_an_unconfirmed_member_is_told_why_they_cannot_rate(client, article):
    client.force_login(new_member(email_verified_at=None))

    block = rating_block(client.get(article.url))
    assert REASONS[Standing.UNCONFIRMED] in text_of(block)
    assert not block.xpath(".//form")

    response = client.post(set_url(article), {"stars": "5"}, follow=True)
    assert REASONS[Standing.UNCONFIRMED] in block_text(response)
    response = client.post(set_url(article), {"stars": "5"}, headers=HTMX)
    (message,) = rating_block(response).xpath('.//*[@role="alert"]')
    assert text_of(message) == REASONS[Standing.UNCONFIRMED]
    assert not Rating.objects.exists()


def test_an_anonymous_reader_is_offered_sign_in_and_sent_to_it(client, article):
    block = rating_block(client.get(article.url))
    (link,) = [a for a in block.xpath(".//a") if text_of(a) == "Sign in to rate"]
    assert link.get("href") == f"{reverse('account_login')}?next={quote(article.url + '#rating', safe='')}"
    assert not block.xpath(".//form")

    response = client.post(set_url(article), {"stars": "5"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login") + "?next=")
    assert parse_qs(urlsplit(response["Location"]).query)["next"] == [f"{article.url}#rating"]

    response = client.post(set_url(article), {"stars": "5"}, headers=HTMX)
    assert response["HX-Redirect"].startswith(reverse("account_login") + "?next=")
    assert not Rating.objects.exists()


def test_the_endpoints_answer_post_only_and_only_for_live_articles(client, member, article):
    assert client.get(set_url(article)).status_code == 405
    assert client.get(withdraw_url(article)).status_code == 405
    draft = ArticlePageFactory(live=False)
    assert client.post(set_url(draft), {"stars": "5"}).status_code == 404
    assert client.post(reverse("ratings:set", args=[987654]), {"stars": "5"}).status_code == 404
    assert not Rating.objects.exists()


def test_the_csrf_token_is_required(member, article):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(member)
    assert strict.post(set_url(article), {"stars": "5"}).status_code == 403
