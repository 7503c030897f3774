"""A rating the database does not answer: a 503 with the form back, the member's stars still chosen,
rendered without the database; sent again once the database answers, it is saved once."""

from unittest import mock

import pytest
from django.db import OperationalError
from django.urls import reverse
from lxml import html

from auscult.ratings.models import Rating
from auscult.ratings.views import OUTAGE_MESSAGE

pytestmark = pytest.mark.django_db


def kept_choice(response):
    (form,) = html.fromstring(response.content).cssselect("form.rating-form")
    assert form.get("action") == response.wsgi_request.path
    assert form.cssselect("input[name=csrfmiddlewaretoken]")
    return [i.get("value") for i in form.cssselect("input[name=stars][checked]")]


@pytest.mark.parametrize("htmx", [False, True], ids=["plain", "htmx"])
def test_the_chosen_stars_come_back_when_the_database_does_not_answer(client, member, article, htmx):
    url = reverse("ratings:set", args=[article.pk])
    headers = {"HX-Request": "true"} if htmx else {}

    with mock.patch("django.db.backends.utils.CursorWrapper.execute", side_effect=OperationalError("gone")):
        response = client.post(url, {"stars": "4"}, headers=headers)

    assert response.status_code == 503 and response["Retry-After"]
    assert kept_choice(response) == ["4"]
    assert OUTAGE_MESSAGE in response.content.decode()
    assert ("<html" in response.content.decode()) is not htmx
    assert not Rating.objects.exists()

    assert client.post(url, {"stars": "4"}, headers=headers).status_code == (200 if htmx else 302)
    assert list(Rating.objects.values_list("stars", flat=True)) == [4]
