"""Simultaneous sign-ups and profile changes on PostgreSQL: one account per e-mail address and per display
name, and every loser of the race gets the form's own refusal, never a 500.

Each thread is a browser (its own test Client) posting the real form. A barrier holds every request
after the form has validated and before anything is saved, so all of them pass the "is it free?" checks
before any of them writes: the window the database's unique constraints have to close."""

import threading

import pytest
from django.db import connection
from django.test import Client

from auscult.members import forms, services
from auscult.members.display_names import display_name_key
from auscult.members.models import User
from auscult.members.notice import COOKIE_NAME

from .factories import MemberFactory
from .test_registration import signup_data

pytestmark = [
    # serialized_rollback restores what migrations created (the home page, groups) after the flush.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL's real concurrency"),
]

EMAIL_TAKEN = "An account with this e-mail address already exists"
NAME_TAKEN = "Another member already uses that name"


def browser():
    client = Client(raise_request_exception=False)
    client.cookies[COOKIE_NAME] = "1"
    return client


def held_at(monkeypatch, owner, name, barrier):
    """Make `owner.name` wait at the barrier, then do what it did."""
    original = getattr(owner, name)

    def waiting(*args, **kwargs):
        barrier.wait(timeout=20)
        return original(*args, **kwargs)

    monkeypatch.setattr(owner, name, waiting)


def run_together(requests):
    """Run each request in its own thread and return the responses (or exceptions), in order."""
    results = [None] * len(requests)

    def runner(n):
        try:
            results[n] = requests[n]()
        except Exception as exc:  # noqa: BLE001 - returned to the test
            results[n] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=runner, args=(n,)) for n in range(len(requests))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def outcome(response):
    if isinstance(response, Exception):
        return repr(response)
    if response.status_code == 302:
        return "created"
    page = response.content.decode()
    if response.status_code == 200 and EMAIL_TAKEN in page:
        return "email taken"
    if response.status_code == 200 and NAME_TAKEN in page:
        return "name taken"
    return f"{response.status_code}: {page[:300]}"


def test_six_simultaneous_signups_with_one_address_make_one_account(monkeypatch):
    count = 6
    held_at(monkeypatch, forms.SignupForm, "try_save", threading.Barrier(count))
    attempts = [
        signup_data(
            email="Sam.Okafor@example.com" if n % 2 else "sam.okafor@example.com",
            display_name=f"Dr Sam Okafor {'ABCDEF'[n]}",
            registration_number=str(1234560 + n),
        )
        for n in range(count)
    ]

    results = run_together([lambda data=data: browser().post("/accounts/signup/", data) for data in attempts])

    outcomes = sorted(map(outcome, results))
    assert outcomes == ["created"] + ["email taken"] * (count - 1), outcomes
    assert User.objects.filter(email__iexact="sam.okafor@example.com").count() == 1
    assert User.objects.count() == 1  # the losers left nothing half made


def test_ten_simultaneous_signups_with_one_display_name_make_one_account(monkeypatch):
    count = 10
    held_at(monkeypatch, forms.SignupForm, "try_save", threading.Barrier(count))
    attempts = [
        # Look-alikes of one another: the same key, so only one may have it.
        signup_data(
            email=f"sam{n}@example.com",
            display_name="Dr Sam Okafor" if n % 2 else "dr sam 0kafor",
            registration_number=str(1234560 + n),
        )
        for n in range(count)
    ]

    results = run_together([lambda data=data: browser().post("/accounts/signup/", data) for data in attempts])

    outcomes = sorted(map(outcome, results))
    assert outcomes == ["created"] + ["name taken"] * (count - 1), outcomes
    assert User.objects.filter(display_name_key=display_name_key("Dr Sam Okafor")).count() == 1
    assert User.objects.count() == 1


def test_ten_members_choosing_one_display_name_at_once_leave_one_holder(monkeypatch):
    count = 10
    members = [MemberFactory() for _ in range(count)]
    held_at(monkeypatch, services, "member_update_profile", threading.Barrier(count))

    def change(member):
        client = browser()
        client.force_login(member)
        return client.post(
            "/account/profile/", {"full_name": member.full_name, "display_name": "Dr Popular Name", "job_title": "GP"}
        )

    results = run_together([lambda member=member: change(member) for member in members])

    outcomes = sorted(map(outcome, results))
    assert outcomes == ["created"] + ["name taken"] * (count - 1), outcomes
    assert User.objects.filter(display_name="Dr Popular Name").count() == 1
    # The others keep the names they had.
    assert User.objects.filter(display_name__startswith="Dr Member ").count() == count - 1


def test_two_members_confirming_one_new_address_at_once(monkeypatch):
    from allauth.account import views as allauth_views
    from allauth.account.models import EmailAddress, EmailConfirmationHMAC
    from django.urls import reverse

    members = [MemberFactory(email=f"old{n}@example.com") for n in range(2)]
    clients, links = [], []
    for member in members:
        client = browser()
        client.force_login(member)
        client.post("/accounts/email/", {"email": "shared@example.com", "action_add": ""})
        # The link the e-mail would hold (allauth sends one address one e-mail per three minutes).
        address = EmailAddress.objects.get(user=member, email="shared@example.com")
        links.append(reverse("account_confirm_email", args=[EmailConfirmationHMAC(address).key]))
        clients.append(client)
    held_at(monkeypatch, allauth_views.ConfirmEmailView, "post", threading.Barrier(2))

    results = run_together([lambda c=c, link=link: c.post(link) for c, link in zip(clients, links, strict=True)])

    assert sorted(getattr(r, "status_code", r) for r in results) == [200, 302], results
    refused = next(r for r in results if r.status_code == 200).content.decode()
    assert "cannot be confirmed for this account" in refused
    assert User.objects.filter(email="shared@example.com").count() == 1
    assert EmailAddress.objects.filter(email="shared@example.com", verified=True).count() == 1
