"""Account e-mails are the magazine's: its name, its address (not the request's host), its sender, text and HTML."""

import runpy
from pathlib import Path

import allauth
import pytest
from allauth.account import app_settings as allauth_settings
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from django.core import mail
from django.template.loader import get_template
from django.utils import timezone

from auscult.core.email import build_email
from auscult.core.tests import magazine as gp
from auscult.members.models import Approval, User
from auscult.members.tasks import send_member_email
from auscult.settings import base

from .factories import PASSWORD, MemberFactory
from .test_registration import signup_data

pytestmark = pytest.mark.django_db

# The account e-mails allauth may send with our settings; ours replace its templates. (It sends
# account_already_exists only once verification is mandatory: until then signing up again with a
# taken address is refused in the form.)
OURS = {
    "account_already_exists",
    "email_changed",
    "email_confirmation",
    "email_confirmation_signup",
    "email_deleted",
    "password_changed",
    "password_reset",
    "password_reset_key",
    "password_set",
    "unknown_account",
}
# allauth's other templates, and why it never sends them here.
NOT_SENT = {
    "email_confirm": lambda: not _allauth_code_mentions('"account/email/email_confirm"'),
    "login_code": lambda: not allauth_settings.LOGIN_BY_CODE_ENABLED,
    "password_reset_code": lambda: not allauth_settings.PASSWORD_RESET_BY_CODE_ENABLED,
}


def _allauth_code_mentions(text):
    return any(text in path.read_text() for path in Path(allauth.__file__).parent.rglob("*.py"))


@pytest.fixture
def magazine(settings, monkeypatch):
    return gp.configure(settings, monkeypatch)


def last_to(address):
    return [m for m in mail.outbox if address in m.to][-1]


def path_of(link):
    return link.removeprefix(gp.URL)


def test_the_sender_is_the_magazine_unless_the_environment_names_one(monkeypatch):
    monkeypatch.setenv("SITE_NAME", "GP Weekly")
    monkeypatch.setenv("SITE_URL", "https://gp.example.com:8443/")
    monkeypatch.delenv("DEFAULT_FROM_EMAIL", raising=False)

    assert runpy.run_path(base.__file__)["DEFAULT_FROM_EMAIL"] == "GP Weekly <no-reply@gp.example.com>"

    monkeypatch.setenv("DEFAULT_FROM_EMAIL", "Letters <letters@gp.example.com>")
    assert runpy.run_path(base.__file__)["DEFAULT_FROM_EMAIL"] == "Letters <letters@gp.example.com>"


def test_registering_sends_the_magazines_confirmation(client, magazine):
    response = client.post("/accounts/signup/", signup_data())

    assert response.status_code == 302
    (message,) = mail.outbox
    assert message.to == ["sam.okafor@example.com"]
    link = gp.link_in(message, "/accounts/confirm-email/")
    gp.assert_magazines(message, subject="Confirm your e-mail address for GP Weekly", link=link)
    assert "Welcome to GP Weekly." in message.body

    assert "Confirm that <strong>sam.okafor@example.com</strong>" in client.get(path_of(link)).content.decode()
    client.post(path_of(link))
    assert EmailAddress.objects.get(email="sam.okafor@example.com").verified


def test_a_confirmation_link_followed_again_says_it_is_already_confirmed(client, magazine):
    client.post("/accounts/signup/", signup_data())
    path = path_of(gp.link_in(mail.outbox[-1], "/accounts/confirm-email/"))
    client.post(path)

    again = client.get(path)
    assert again.status_code == 200
    # Confirming signed them in, so the way on is their account.
    assert 'already confirmed — <a href="/account/">go to your account</a>' in again.content.decode()
    assert "expired" not in again.content.decode()

    client.logout()
    signed_out = client.get(path).content.decode()
    assert 'This e-mail address is already confirmed — <a href="/accounts/login/">sign in</a>.' in signed_out
    assert "already confirmed" in client.post(path).content.decode()  # the form sent twice


@pytest.mark.parametrize("key", ["garbage", "MQ:1tXyZa:forged-signature-forged-signature"])
def test_a_bad_confirmation_key_still_says_expired_or_invalid(client, key):
    page = client.get(f"/accounts/confirm-email/{key}/").content.decode()

    assert "This confirmation link has expired or is not valid." in page and "already confirmed" not in page


def test_a_genuine_key_for_an_address_no_longer_held_is_invalid(client):
    member = MemberFactory(email_verified_at=None)
    address = EmailAddress.objects.get(user=member)
    key = EmailConfirmationHMAC(address).key
    address.delete()

    page = client.get(f"/accounts/confirm-email/{key}/").content.decode()

    assert "expired or is not valid" in page and "already confirmed" not in page


def test_password_reset_is_the_magazines_and_its_link_works(client, magazine):
    MemberFactory(email="forgot@example.com")

    client.post("/accounts/password/reset/", {"email": "forgot@example.com"})

    message = last_to("forgot@example.com")
    link = gp.link_in(message, "/accounts/password/reset/key/")
    gp.assert_magazines(message, subject="Reset your password for GP Weekly", link=link)

    form_url = client.get(path_of(link))["Location"]
    client.post(form_url, {"password1": "a-brand-new-pass-42", "password2": "a-brand-new-pass-42"})
    assert User.objects.get(email="forgot@example.com").check_password("a-brand-new-pass-42")
    notice = last_to("forgot@example.com")
    gp.assert_magazines(notice, subject="Your GP Weekly password was reset", link=f"{gp.URL}/accounts/password/reset/")


def test_password_reset_for_an_unknown_address_points_to_registering_on_the_magazine(client, magazine):
    client.post("/accounts/password/reset/", {"email": "nobody@example.com"})

    message = last_to("nobody@example.com")
    gp.assert_magazines(
        message, subject="No GP Weekly account uses this e-mail address", link=f"{gp.URL}/accounts/signup/"
    )


def test_changing_the_address_confirms_the_new_one_and_tells_the_old_one(client, magazine):
    member = MemberFactory(email="old@example.com")
    client.force_login(member)

    client.post("/accounts/email/", {"email": "new@example.com", "action_add": ""})

    confirmation = last_to("new@example.com")
    link = gp.link_in(confirmation, "/accounts/confirm-email/")
    gp.assert_magazines(confirmation, subject="Confirm your e-mail address for GP Weekly", link=link)
    assert "Until you do, we keep writing to old@example.com." in confirmation.body

    client.post(path_of(link))
    changed = last_to("old@example.com")
    gp.assert_magazines(
        changed, subject="Your GP Weekly e-mail address was changed", link=f"{gp.URL}/accounts/password/reset/"
    )
    assert "from old@example.com to new@example.com" in changed.body
    assert "already confirmed" in client.get(path_of(link)).content.decode()


def test_changing_the_password_is_notified(client, magazine):
    member = MemberFactory(email="pw@example.com")
    client.force_login(member)

    client.post(
        "/accounts/password/change/",
        {"oldpassword": PASSWORD, "password1": "a-brand-new-pass-42", "password2": "a-brand-new-pass-42"},
    )

    message = last_to("pw@example.com")
    gp.assert_magazines(
        message, subject="Your GP Weekly password was changed", link=f"{gp.URL}/accounts/password/reset/"
    )
    assert "127.0.0.1" in message.body


def test_a_declined_registration_is_told_as_the_magazine(magazine):
    member = MemberFactory(email="declined@example.com", approval=Approval.DECLINED, approval_note="Number not found")

    send_member_email.enqueue(member.pk, "declined")

    (message,) = mail.outbox
    link = f"{gp.URL}/account/registration/"
    gp.assert_magazines(message, subject="About your registration with GP Weekly", link=link)
    assert "Reason: Number not found" in message.body and "membership@auscult.example" in message.body


def test_every_account_email_allauth_may_send_is_ours_in_text_and_html(magazine):
    shipped = Path(allauth.__file__).parent / "templates" / "account" / "email"
    prefixes = {p.name.removesuffix("_subject.txt") for p in shipped.glob("*_subject.txt")}
    assert prefixes == OURS | set(NOT_SENT), "allauth has a new e-mail: write ours or say why it is not sent"
    assert all(unused() for unused in NOT_SENT.values())

    context = {
        "email": "reader@example.com",
        "user": MemberFactory(email="reader@example.com"),
        "activate_url": f"{gp.URL}/accounts/confirm-email/k/",
        "password_reset_url": f"{gp.URL}/accounts/password/reset/key/1-k/",
        "signup_url": f"{gp.URL}/accounts/signup/",
        "timestamp": timezone.now(),
        "ip": "192.0.2.1",
        "user_agent": "Firefox",
        "from_email": "a@example.com",
        "to_email": "b@example.com",
        "deleted_email": "c@example.com",
    }
    for prefix in sorted(OURS):
        for part in ("subject.txt", "message.txt", "message.html"):
            origin = get_template(f"account/email/{prefix}_{part}").origin.name
            assert "/auscult/templates/" in origin, (prefix, part, origin)
        message = build_email(f"account/email/{prefix}", ["reader@example.com"], context)
        assert "GP Weekly" in message.subject, prefix
        link = gp.link_in(message, "/accounts/")
        gp.assert_magazines(message, subject=message.subject, link=link)
