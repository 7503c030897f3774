"""Bad input, generated from the forms: every field of every form members and moderators post, and
every query parameter the views read, is sent every hostile value in bad_input.HOSTILE. Whatever
comes in, the answer is 2xx, 3xx or 4xx, never 5xx, and nothing a member typed reaches a page or an
e-mail unescaped. Runs on SQLite and PostgreSQL (DATABASE_URL=postgres://…), which refuses a NUL.

Each request runs in a savepoint rolled back after it, so every value meets the same world: the
valid submission it replaces one field of would have succeeded. Declared charsets other than UTF-8
are refused before Django (core/tests/test_request_charset.py)."""

import pytest
from django.core import mail
from django.core.cache import cache
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils.html import escape

from auscult.members.tests.factories import MemberFactory
from auscult.moderation.models import CommentMode
from auscult.moderation.services import comment_mode_set
from auscult.publishing.tests.factories import ArticlePageFactory

from .bad_input import (
    BIDI,
    ENDPOINTS,
    FORM_CONTENT_TYPE,
    FORMS_LEFT_OUT,
    HOSTILE,
    IMG,
    INVISIBLE,
    JAVASCRIPT,
    LISTINGS,
    ROUTES_LEFT_OUT,
    SCRIPT,
    ZERO_WIDTH,
    build_world,
    client_for,
    covered_names,
    encode,
    form_classes_in_code,
    html_parts,
    is_covered,
    problems,
    request_reads,
)

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    """Built once for the module inside a transaction rolled back at its end (as TestCase.setUpTestData
    does); each test's own changes are rolled back by pytest-django's savepoint."""
    from django.conf import settings
    from django.test import override_settings

    var = tmp_path_factory.mktemp("bad-input")
    files = {"CHROME_SNAPSHOT": var / "chrome.json", "MAINTENANCE_FILE": var / "maintenance"}
    with (
        override_settings(MEDIA_ROOT=var / "media", AUSCULT={**settings.AUSCULT, **files}),
        django_db_blocker.unblock(),
    ):
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield build_world()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def _send(world, endpoint, data):
    """POST `data` as the endpoint's user would, in a savepoint rolled back afterwards."""
    cache.clear()  # rate limits: every attempt is a first one
    sent = len(mail.outbox)
    with transaction.atomic():
        client = client_for(world, endpoint.who)
        url = endpoint.url(world, client) if endpoint.follows else endpoint.url(world)
        response = client.post(url, encode(data), content_type=FORM_CONTENT_TYPE, **(HTMX if endpoint.htmx else {}))
        transaction.set_rollback(True)
    return response, mail.outbox[sent:]


def _get(world, listing, params):
    cache.clear()  # the page cache: every page is built for this query
    with transaction.atomic():
        client = client_for(world, listing.who)
        query = encode(params)
        response = client.get(listing.url(world) + (f"?{query}" if query else ""), **(HTMX if listing.htmx else {}))
        transaction.set_rollback(True)
    return response


# The tables are complete ---------------------------------------------------------------------------


def test_every_form_class_in_the_code_is_in_the_table():
    found, nested = form_classes_in_code()
    assert not nested, f"forms defined inside a function, which no table can take: move them to forms.py: {nested}"
    tabled = [endpoint.form_class() for endpoint in ENDPOINTS if endpoint.form]
    left_out = [found[path] for path in FORMS_LEFT_OUT]
    # A mixin or a base is covered through the forms built on it.
    missing = [
        path
        for path, form_class in found.items()
        if not any(issubclass(other, form_class) for other in tabled + left_out)
    ]
    assert not missing, f"forms that no endpoint in bad_input.ENDPOINTS takes: {missing}"


def test_every_form_of_allauth_that_members_reach_is_the_configured_one():
    from django.conf import settings

    signup = next(e for e in ENDPOINTS if e.route == "account_signup").form_class()
    assert f"{signup.__module__}.{signup.__name__}" == settings.ACCOUNT_FORMS["signup"]


def test_every_parameter_a_view_reads_is_sent_by_a_table(world):
    names = covered_names(world.ids) | {name for e in ENDPOINTS for name in e.fields(world)}
    missing = sorted((path, pattern) for path, pattern in request_reads() if not is_covered(pattern, names))
    assert not missing, f"read from the request but in no table of bad_input.py: {missing}"


def _routes(resolver, namespace=""):
    """The names of every route whose view is ours or allauth's account app."""
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            yield from _routes(pattern, f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace)
        elif isinstance(pattern, URLPattern) and pattern.name:
            if getattr(pattern.callback, "__module__", "").startswith(("auscult.", "allauth.account.")):
                yield f"{namespace}{pattern.name}"


def test_every_route_of_ours_is_in_a_table_or_left_out_with_a_reason():
    tabled = {e.route for e in ENDPOINTS} | {listing.route for listing in LISTINGS} | set(ROUTES_LEFT_OUT)
    missing = sorted(set(_routes(get_resolver())) - tabled)
    assert not missing, f"routes in no table of bad_input.py: {missing}"


# Every field, every value -------------------------------------------------------------------------


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=lambda e: e.name)
def test_every_field_answers_every_hostile_value_without_a_server_error(world, endpoint):
    valid = endpoint.valid(world)
    response, mails = _send(world, endpoint, valid)
    assert response.status_code == (200 if endpoint.htmx else 302), (
        "the valid submission is refused, so the hostile ones test nothing",
        response.status_code,
        response.content[:2000],
    )
    assert not problems(response, mails)
    failures = []
    for name, max_length in endpoint.fields(world).items():
        for hostile in HOSTILE:
            response, mails = _send(world, endpoint, {**valid, name: hostile.for_field(max_length)})
            failures += [f"{name}={hostile.name}: {problem}" for problem in problems(response, mails)]
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("listing", LISTINGS, ids=lambda listing: listing.name)
def test_every_query_parameter_answers_every_hostile_value_without_a_server_error(world, listing):
    baseline = listing.baseline(world) if listing.baseline else {}
    assert _get(world, listing, baseline).status_code in (200, 302)
    failures = []
    for name in listing.names():
        for hostile in HOSTILE:
            response = _get(world, listing, {**baseline, name: hostile.for_field()})
            failures += [f"{name}={hostile.name}: {problem}" for problem in problems(response)]
            public = listing.who == "visitor" and not listing.url(world).startswith("/admin/")
            if public and any(ch in response.content.decode("utf-8", "replace") for ch in INVISIBLE):
                failures.append(f"{name}={hostile.name}: an invisible character in a public page")
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize(
    "path",
    [
        "/accounts/confirm-email/{key}/",
        "/accounts/password/reset/key/{key}-{key}/",
        "/accounts/password/reset/key/{key}-set-password/",
    ],
)
@pytest.mark.parametrize("key", ["٣", "²", "9" * 30, "z" * 40, "a:b:c", "-", "１"])
def test_crafted_keys_in_account_links(client, path, key):
    client.raise_request_exception = False
    for method in (client.get, client.post):
        assert method(path.format(key=key)).status_code < 500


# What members type is escaped wherever it is shown ----------------------------------------------------
