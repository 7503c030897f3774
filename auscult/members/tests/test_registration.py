"""Registering: the form, number formats, display names, e-mail confirmation, sign-in limits."""

import re

import pytest
from django.core import mail

from auscult.members.access import Standing, may_comment, standing_of
from auscult.members.models import User, VerificationEvent

from .factories import PASSWORD, MemberFactory

pytestmark = pytest.mark.django_db


def signup_data(**overrides):
    data = {
        "email": "sam.okafor@example.com",
        "password1": "a-very-long-pass-77",
        "password2": "a-very-long-pass-77",
        "full_name": "Samuel Okafor",
        "display_name": "Dr Sam Okafor",
        "profession": "gp",
        "regulator": "gmc",
        "registration_number": "1234567",
        "job_title": "Salaried GP",
    }
    data.update(overrides)
    return data


def confirmation_link():
    body = mail.outbox[-1].body
    return re.search(r"https?://[^/\s]+(/accounts/confirm-email/[^\s]+/)", body).group(1)


def test_register_confirm_and_become_verified(client):
    response = client.post("/accounts/signup/", signup_data())

    assert response.status_code == 302
    member = User.objects.get(email="sam.okafor@example.com")
    assert (member.full_name, member.display_name, member.job_title) == (
        "Samuel Okafor",
        "Dr Sam Okafor",
        "Salaried GP",
    )
    assert (member.profession, member.regulator, member.registration_number) == ("gp", "gmc", "1234567")
    assert standing_of(member) == Standing.UNCONFIRMED
    assert not may_comment(member).allowed
    assert len(mail.outbox) == 1 and "sam.okafor@example.com" in mail.outbox[0].to

    link = confirmation_link()
    assert client.get(link).status_code == 200
    client.post(link)

    member.refresh_from_db()
    assert member.email_verified_at is not None
    assert standing_of(member) == Standing.VERIFIED
    assert may_comment(member).allowed
    event = member.verification_events.get()
    assert event.kind == VerificationEvent.Kind.EMAIL_CONFIRMED and event.actor is None


@pytest.mark.parametrize(
    ("regulator", "profession", "number", "stored"),
    [
        ("gmc", "gp", "123 4567", "1234567"),
        ("nmc", "nurse", "12a3456b", "12A3456B"),
        ("gphc", "pharmacist", "2012345", "2012345"),
        ("hcpc", "other_clinician", "PA12345", "PA12345"),
        ("hcpc", "other_clinician", "pyl123456", "PYL123456"),
        ("other", "practice_manager", "", ""),
    ],
)
def test_valid_numbers_for_every_regulator(client, regulator, profession, number, stored):
    response = client.post(
        "/accounts/signup/", signup_data(regulator=regulator, profession=profession, registration_number=number)
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    assert User.objects.get(email="sam.okafor@example.com").registration_number == stored


@pytest.mark.parametrize(
    ("regulator", "profession", "number", "expected"),
    [
        ("gmc", "gp", "123456", "7 digits"),
        ("nmc", "nurse", "1234567", "2 digits, a letter, 4 digits and a letter"),
        ("gphc", "pharmacist", "20123A5", "7 digits"),
        ("hcpc", "other_clinician", "P12345", "2 or 3 letters for the profession followed by digits"),
    ],
)
def test_wrong_format_says_what_is_expected_and_keeps_what_was_typed(client, regulator, profession, number, expected):
    data = signup_data(regulator=regulator, profession=profession, registration_number=number)

    response = client.post("/accounts/signup/", data)

    assert response.status_code == 200
    page = response.content.decode()
    assert expected in page
    assert not User.objects.filter(email=data["email"]).exists()
    for field in ("email", "full_name", "display_name", "job_title", "password1"):
        assert f'value="{data[field]}"' in page, field
    assert f'value="{number}"' in page


def test_the_job_title_given_at_registration_loses_invisible_characters(client):
    response = client.post("/accounts/signup/", signup_data(job_title="Practice\u200b manager\u202e\u00ad"))

    assert response.status_code == 302
    assert User.objects.get(email="sam.okafor@example.com").job_title == "Practice manager"


def test_gp_must_register_with_the_gmc(client):
    response = client.post("/accounts/signup/", signup_data(regulator="nmc", registration_number="12A3456B"))

    assert "GPs register with the GMC" in response.content.decode()


def test_a_number_already_used_is_refused_with_a_way_to_contact_staff(client):
    MemberFactory(regulator="gmc", registration_number="1234567")

    response = client.post("/accounts/signup/", signup_data())

    page = response.content.decode()
    assert "already registered to another account" in page
    assert "membership@auscult.example" in page
    assert User.objects.filter(registration_number="1234567").count() == 1


@pytest.mark.parametrize(
    ("attempt", "message"),
    [
        ("dr s khan", "add an initial"),
        ("Dr. S. Khan", "add an initial"),
        ("Dr S Kh4n", "add an initial"),
        ("Dr S Khаn", "can only contain letters"),  # Cyrillic а: refused outright
    ],
)
def test_look_alike_display_names_are_refused(client, attempt, message):
    MemberFactory(display_name="Dr S Khan")

    response = client.post("/accounts/signup/", signup_data(display_name=attempt))

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not User.objects.filter(email="sam.okafor@example.com").exists()


def test_an_initial_tells_two_members_apart(client):
    MemberFactory(display_name="Dr S Khan")

    assert client.post("/accounts/signup/", signup_data(display_name="Dr S J Khan")).status_code == 302


@pytest.mark.parametrize("name", ["Editor", "The Moderator", "ADMIN", "Auscult", "Ed1tor"])
def test_reserved_display_names_are_refused(client, name):
    response = client.post("/accounts/signup/", signup_data(display_name=name))

    assert response.status_code == 200
    assert "reserved" in response.content.decode()


def test_staff_names_are_reserved(client):
    MemberFactory(display_name="Helen Ward", full_name="Helen Margaret Ward", is_staff=True)

    for name in ("Helen Ward", "helen margaret ward"):
        response = client.post("/accounts/signup/", signup_data(display_name=name))
        assert "reserved" in response.content.decode(), name


def test_display_name_rules_are_stated_in_the_form(client):
    page = client.get("/accounts/signup/").content.decode()

    assert "3–30 characters" in page
    assert "7 digits, e.g. 1234567" in page


def test_sign_in_by_email_and_failed_attempts_are_rate_limited(client):
    member = MemberFactory(email="lim@example.com")
    for _ in range(5):
        response = client.post("/accounts/login/", {"login": "lim@example.com", "password": "wrong-password"})
        assert response.status_code == 200

    blocked = client.post("/accounts/login/", {"login": "lim@example.com", "password": PASSWORD})

    assert "Too many failed login attempts" in blocked.content.decode()
    assert "_auth_user_id" not in client.session
    other = MemberFactory(email="ok@example.com")
    assert client.post("/accounts/login/", {"login": other.email, "password": PASSWORD}).status_code == 302
    assert int(client.session["_auth_user_id"]) == other.pk
    assert member.pk != other.pk


def test_password_reset_sends_a_link(client):
    MemberFactory(email="forgot@example.com")

    client.post("/accounts/password/reset/", {"email": "forgot@example.com"})

    assert "/accounts/password/reset/key/" in mail.outbox[-1].body
