"""Rating an article behind page privacy (Wagtail's view restrictions), over HTTP: a reader who has passed
the restriction rates and withdraws as on any article; one who has not gets 404 and writes nothing."""

import pytest
from django.urls import reverse
from wagtail.models import PageViewRestriction

from auscult.publishing.tests.privacy import PASSWORD, pass_password, restrict
from auscult.ratings.models import ArticleRatingStats, Rating
from auscult.ratings.services import rating_set

from .helpers import block_text, new_member

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


def rate(client, article, stars, **extra):
    return client.post(reverse("ratings:set", args=[article.pk]), {"stars": str(stars)}, **extra)


def withdraw(client, article, **extra):
    return client.post(reverse("ratings:withdraw", args=[article.pk]), **extra)


def stats_of(article):
    stats = ArticleRatingStats.objects.filter(article=article).first()
    return (stats.count, stats.total) if stats else (0, 0)


def test_a_reader_who_has_not_given_the_password_can_neither_rate_nor_withdraw(client, member, article):
    rating_set(article=article, member=member, stars=4)
    restriction = restrict(article, PageViewRestriction.PASSWORD, password=PASSWORD)
    pass_password(client, restriction, article, password="guess")

    assert rate(client, article, 2).status_code == 404
    assert rate(client, article, 2, headers=HTMX).status_code == 404
    assert withdraw(client, article).status_code == 404
    assert withdraw(client, article, headers=HTMX).status_code == 404
    assert Rating.objects.get(member=member).stars == 4
    assert stats_of(article) == (1, 4)


def test_a_reader_who_has_given_the_password_rates_and_withdraws(client, member, article):
    restriction = restrict(article, PageViewRestriction.PASSWORD, password=PASSWORD)
    assert pass_password(client, restriction, article).status_code == 302

    assert rate(client, article, 5).status_code == 302
    assert Rating.objects.get(member=member).stars == 5
    assert "Your rating: 5 stars" in block_text(client.get(article.url))
    response = rate(client, article, 3, headers=HTMX)
    assert response.status_code == 200 and "Your rating: 3 stars" in block_text(response)
    assert stats_of(article) == (1, 3)

    assert withdraw(client, article, headers=HTMX).status_code == 200
    assert not Rating.objects.exists()
    assert stats_of(article) == (0, 0)


def test_the_password_of_a_section_above_the_article_counts_too(client, member, article):
    section = article.get_parent()
    restriction = restrict(section, PageViewRestriction.PASSWORD, password=PASSWORD)
    assert rate(client, article, 5).status_code == 404

    pass_password(client, restriction, section)

    assert rate(client, article, 5).status_code == 302
    assert Rating.objects.get(member=member).stars == 5


def test_a_sign_in_restriction_refuses_the_signed_out_and_admits_members(client, article):
    restrict(article, PageViewRestriction.LOGIN)

    assert rate(client, article, 5).status_code == 404
    assert withdraw(client, article).status_code == 404
    assert not Rating.objects.exists()

    member = new_member()
    client.force_login(member)

    assert rate(client, article, 5).status_code == 302
    assert Rating.objects.get(member=member).stars == 5
    assert withdraw(client, article).status_code == 302
    assert not Rating.objects.exists()


def test_a_group_restriction_admits_only_the_group(client, member, article):
    from django.contrib.auth.models import Group

    partners = Group.objects.create(name="Partners")
    restrict(article, PageViewRestriction.GROUPS).groups.add(partners)

    assert rate(client, article, 5).status_code == 404
    assert not Rating.objects.exists()

    member.groups.add(partners)

    assert rate(client, article, 5).status_code == 302
    assert Rating.objects.get(member=member).stars == 5
