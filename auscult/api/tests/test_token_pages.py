"""The member's API tokens page in *My account*: making a token (its key shown once), revoking one, the moderate
scope (moderators only, after a recent sign-in), refusals as form errors, CSRF, and the tokens in the data export."""

import json
import re
import time
from datetime import timedelta
from unittest import mock

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import timezone

from auscult.api import tokens
from auscult.api.models import ApiToken, Scope
from auscult.members.tests.factories import PASSWORD, MemberFactory

from .helpers import assert_problem, call

pytestmark = pytest.mark.django_db

PAGE = "/account/api-tokens/"
KEY = re.compile(r"asc_[0-9a-f]{8}_[A-Za-z0-9_-]{20,}")


def revoke_url(token_id):
    return f"{PAGE}{token_id}/revoke/"


def moderator_user():
    user = MemberFactory(display_name="Mod Ruth", is_staff=True)
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


def sign_in(client, user):
    """Through the sign-in form, as a person does (allauth records when)."""
    response = client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302, response.content[:500]


@pytest.fixture
def member(client):
    user = MemberFactory()
    client.force_login(user)
    return user


def make(client, **data):
    return client.post(PAGE, {"name": "My newsletter tool", "scopes": ["read"], "days": "30", **data})


# --- The page -----------------------------------------------------------------------------------------------------


def test_a_visitor_is_sent_to_sign_in(client):
    response = client.get(PAGE)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert client.post(PAGE, {"name": "x", "scopes": ["read"], "days": "30"}).status_code == 302
    assert not ApiToken.objects.exists()


def test_the_page_lists_my_tokens_and_is_never_cached(client, member):
    mine = tokens.token_create(member=member, name="Tool A", scopes=[Scope.READ], days=7).token
    gone = tokens.token_create(member=member, name="Tool B", scopes=[Scope.WRITE], days=7).token
    tokens.token_revoke(token=gone, member=member)
    old = tokens.token_create(member=member, name="Tool C", scopes=[Scope.READ], days=7).token
    ApiToken.objects.filter(pk=old.pk).update(expires_at=timezone.now() - timedelta(days=1))
    tokens.token_create(member=MemberFactory(), name="Not mine", scopes=[Scope.READ], days=7)

    response = client.get(PAGE)

    assert response.status_code == 200
    assert "no-cache" in response["Cache-Control"] and "private" in response["Cache-Control"]
    page = response.content.decode()
    assert f"asc_{mine.prefix}_…" in page and "Tool A" in page and "Tool B" in page and "Tool C" in page
    assert "Not mine" not in page
    assert "Revoked" in page and "Expired" in page
    # A revoke button for the usable one only.
    assert revoke_url(mine.pk) in page
    assert revoke_url(gone.pk) not in page and revoke_url(old.pk) not in page
    assert not KEY.search(page)


def test_the_account_page_links_to_it(client, member):
    assert f'href="{PAGE}"' in client.get("/account/").content.decode()


# --- Making a token -----------------------------------------------------------------------------------------------


def test_a_new_key_is_shown_once_and_works(client, member):
    response = make(client, scopes=["read", "write"])

    assert response.status_code == 200
    page = response.content.decode()
    keys = KEY.findall(page)
    assert len(set(keys)) == 1
    key = keys[0]
    assert "Copy it now: it will not be shown again." in page
    token = ApiToken.objects.get(member=member)
    assert (token.name, token.scopes) == ("My newsletter tool", ["read", "write"])
    assert token.digest == tokens.digest_of(key) and key not in token.digest
    # Nowhere else: not in the session (nor its messages), not on the page once reloaded.
    session = client.session
    assert key not in json.dumps({k: str(v) for k, v in session.items()})
    reloaded = client.get(PAGE).content.decode()
    assert key not in reloaded and f"asc_{token.prefix}_…" in reloaded
    # It is a working key for the API.
    api = call(Client(), "get", "/me", HTTP_AUTHORIZATION=f"Bearer {key}")
    assert api.status_code == 200 and api.data["id"] == member.pk


def test_the_expiry_chosen_is_kept(client, member):
    make(client, days="7")
    token = ApiToken.objects.get(member=member)
    assert timedelta(days=6, hours=23) < token.expires_at - timezone.now() <= timedelta(days=7)


def test_a_revoked_key_is_refused_by_the_api(client, member):
    key = KEY.search(make(client).content.decode()).group()
    token = ApiToken.objects.get(member=member)

    response = client.post(revoke_url(token.pk))

    assert response.status_code == 302 and response["Location"] == PAGE
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert "is revoked" in client.get(PAGE).content.decode()
    assert_problem(call(Client(), "get", "/me", HTTP_AUTHORIZATION=f"Bearer {key}"), 401)


def test_someone_elses_token_cannot_be_revoked(client, member):
    theirs = tokens.token_create(member=MemberFactory(), name="Theirs", scopes=[Scope.READ], days=7).token
    assert client.post(revoke_url(theirs.pk)).status_code == 404
    theirs.refresh_from_db()
    assert theirs.revoked_at is None


@pytest.mark.parametrize("token_id", ["9" * 20, "0", "٣"])
def test_a_token_id_that_names_nothing_is_not_found(client, member, token_id):
    assert client.post(revoke_url(token_id)).status_code == 404


def test_revoking_takes_a_post_only(client, member):
    token = tokens.token_create(member=member, name="Tool", scopes=[Scope.READ], days=7).token
    assert client.get(revoke_url(token.pk)).status_code == 405
    token.refresh_from_db()
    assert token.revoked_at is None


# --- What is refused ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"name": ""}, "name", "Give the token a name"),
        ({"name": "   "}, "name", "Give the token a name"),
        ({"name": "n" * 61}, "name", "Give the token a name"),
        ({"scopes": []}, "scopes", "Choose what the token may do"),
        ({"scopes": ["everything"]}, "scopes", "Select a valid choice"),
        ({"days": "13"}, "days", "Select a valid choice"),
        ({"days": ""}, "days", "This field is required"),
    ],
)
def test_a_refusal_is_a_form_error_and_nothing_typed_is_lost(client, member, data, field, message):
    sent = {"name": "My newsletter tool", "scopes": ["write"], "days": "90", **data}

    response = client.post(PAGE, sent)

    assert response.status_code == 200
    form = response.context["form"]
    assert any(message in error for error in form.errors[field]), form.errors
    assert not ApiToken.objects.exists()
    page = response.content.decode()
    assert not KEY.search(page)
    assert f'value="{sent["name"]}"' in page if sent["name"].strip() else True
    if "scopes" not in data:
        assert re.search(r'<input[^>]*value="write"[^>]*checked', page)


def test_too_many_tokens_is_refused_for_the_whole_form(client, member):
    for n in range(tokens.MAX_TOKENS):
        tokens.token_create(member=member, name=f"Tool {n}", scopes=[Scope.READ], days=7)

    response = make(client)

    assert "Revoke one you no longer need first" in response.content.decode()
    assert ApiToken.objects.filter(member=member).count() == tokens.MAX_TOKENS


def test_moderate_is_neither_offered_to_a_member_nor_granted_when_forged(client, member):
    assert 'value="moderate"' not in client.get(PAGE).content.decode()

    response = make(client, scopes=["read", "moderate"])

    assert response.status_code == 200
    assert "Only moderators can make a token that moderates." in response.context["form"].errors["scopes"]
    assert not ApiToken.objects.exists()


def test_a_moderator_signed_in_just_now_makes_a_moderate_token(client):
    moderator = moderator_user()
    sign_in(client, moderator)
    assert 'value="moderate"' in client.get(PAGE).content.decode()

    response = make(client, scopes=["moderate"])

    assert response.status_code == 200, response.get("Location")
    assert KEY.search(response.content.decode())
    assert ApiToken.objects.get(member=moderator).scopes == ["moderate"]


def test_a_moderate_token_lives_a_month_at_most(client):
    moderator = moderator_user()
    sign_in(client, moderator)
    response = make(client, scopes=["moderate"], days="90")
    assert "A token that moderates expires within 30 days." in response.context["form"].errors["days"]
    assert not ApiToken.objects.exists()


def test_a_moderator_who_signed_in_a_while_ago_confirms_their_password_first(client):
    moderator = moderator_user()
    sign_in(client, moderator)
    later = time.time() + 301

    with mock.patch("time.time", return_value=later):
        response = make(client, name="Queue tool", scopes=["read", "moderate"])

        assert response.status_code == 302
        assert response["Location"] == "/accounts/reauthenticate/?next=%2Faccount%2Fapi-tokens%2F"
        assert not ApiToken.objects.exists()

        # The password confirmed, the same request goes through, and the key is on the answer.
        confirmed = client.post(response["Location"], {"password": PASSWORD})

    assert confirmed.status_code == 200
    assert KEY.search(confirmed.content.decode())
    token = ApiToken.objects.get(member=moderator)
    assert (token.name, token.scopes) == ("Queue tool", ["moderate", "read"])


def test_a_moderator_without_any_record_of_signing_in_is_asked_for_their_password(client, moderator):
    """The `moderator` fixture is signed in without the form (force_login): nothing says when."""
    response = make(client, scopes=["moderate"])
    assert response.status_code == 302 and response["Location"].startswith("/accounts/reauthenticate/")
    assert not ApiToken.objects.exists()


def test_a_moderator_needs_no_fresh_sign_in_for_a_token_that_does_not_moderate(client, moderator):
    response = make(client, scopes=["read", "write"])
    assert response.status_code == 200 and KEY.search(response.content.decode())


# --- CSRF, the data export ----------------------------------------------------------------------------------------


def test_both_posts_need_the_csrf_token():
    member = MemberFactory()
    token = tokens.token_create(member=member, name="Tool", scopes=[Scope.READ], days=7).token
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(member)

    assert browser.post(PAGE, {"name": "x", "scopes": ["read"], "days": "30"}).status_code == 403
    assert browser.post(revoke_url(token.pk)).status_code == 403
    token.refresh_from_db()
    assert ApiToken.objects.count() == 1 and token.revoked_at is None

    browser.get(PAGE)
    csrf = browser.cookies["csrftoken"].value
    made = browser.post(PAGE, {"name": "x", "scopes": ["read"], "days": "30", "csrfmiddlewaretoken": csrf})
    assert made.status_code == 200 and ApiToken.objects.count() == 2


def test_the_data_export_lists_my_tokens_without_their_digest(client, member):
    key = KEY.search(make(client).content.decode()).group()
    token = ApiToken.objects.get(member=member)

    response = client.get("/account/data/?download=1")

    exported = json.loads(response.content)["api_tokens"]
    assert [(t["name"], t["prefix"], t["scopes"]) for t in exported] == [("My newsletter tool", token.prefix, ["read"])]
    assert token.digest not in response.content.decode() and key not in response.content.decode()


def test_a_new_password_revokes_every_token(client):
    from auscult.api.tests.helpers import bearer

    member = MemberFactory()
    other = MemberFactory()
    headers = bearer(member)
    kept = bearer(other)
    assert client.get("/api/v1/me", **headers).status_code == 200
    client.force_login(member)
    response = client.post(
        "/accounts/password/change/",
        {"oldpassword": PASSWORD, "password1": "A much newer passphrase 42", "password2": "A much newer passphrase 42"},
    )
    assert response.status_code == 302, response.content[:300]
    assert client.get("/api/v1/me", **headers).status_code == 401
    assert not ApiToken.objects.filter(member=member, revoked_at__isnull=True).exists()
    assert client.get("/api/v1/me", **kept).status_code == 200
