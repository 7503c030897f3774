"""Page privacy for tests: a Wagtail view restriction on a page, and a reader passing its password the way a
browser does, through Wagtail's own form."""

from django.urls import reverse
from wagtail.models import PageViewRestriction

PASSWORD = "ward-round"  # noqa: S105 - the test article's shared password


def restrict(page, kind, **fields):
    return PageViewRestriction.objects.create(page=page, restriction_type=kind, **fields)


def pass_password(client, restriction, page, password=PASSWORD):
    """The reader types the shared password into Wagtail's form, as on the article page."""
    url = reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, page.pk])
    return client.post(url, {"password": password, "return_url": page.url})
