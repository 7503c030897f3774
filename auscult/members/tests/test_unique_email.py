"""One live account per e-mail address: the database's constraint, the migration that settled existing
duplicates before it, and the clean refusals for whoever loses a race to the constraint (on any database:
here the race is simulated by an account made between the form's checks and its save)."""

import importlib
import re
from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.apps import apps
from django.core import mail
from django.db import IntegrityError, connection, transaction
from django.db.models import Count
from django.db.models.functions import Lower
from django.utils import timezone

from auscult.members import forms, services
from auscult.members.models import User, VerificationEvent
from auscult.members.services import member_delete_account

from .factories import MemberFactory
from .test_registration import signup_data

pytestmark = pytest.mark.django_db

release = importlib.import_module("auscult.members.migrations.0004_release_duplicate_emails")
EMAIL_TAKEN = "An account with this e-mail address already exists"


def test_the_database_refuses_a_second_account_with_the_same_address_in_any_case():
    MemberFactory(email="sam@example.com")

    with pytest.raises(IntegrityError), transaction.atomic():
        MemberFactory(email="SAM@Example.com")


def test_anonymised_members_and_addresses_kept_under_a_legal_hold_do_not_count():
    for _ in range(2):
        member_delete_account(member=MemberFactory())  # both left with an empty address
    held = MemberFactory(email="kept@example.com")
    # Deleted while a legal hold keeps the address: the account row keeps it, its allauth addresses go.
    User.objects.filter(pk=held.pk).update(deleted_at=timezone.now())
    EmailAddress.objects.filter(user=held).delete()

    MemberFactory(email="kept@example.com")

    assert User.objects.filter(email="").count() == 2
    assert User.objects.filter(email="kept@example.com").count() == 2


# The migration


@pytest.fixture
def without_the_constraint():
    """The schema as it was before 0005, for this test's transaction only (rolled back with it)."""
    constraint = next(c for c in User._meta.constraints if c.name == "unique_member_email")
    with connection.cursor() as cursor:
        cursor.execute(f"DROP INDEX {connection.ops.quote_name(constraint.name)}")
    yield
    # Adding the constraint back succeeds only if no duplicates are left (PostgreSQL first runs the foreign
    # key checks it deferred, as it will not build an index on a table with some pending).
    connection.check_constraints()
    with connection.cursor() as cursor:
        cursor.execute(str(constraint.create_sql(User, connection.schema_editor())))


def test_the_migration_keeps_each_address_on_one_account_and_records_the_others(without_the_constraint):
    now = timezone.now()
    earliest = MemberFactory(email="dup@example.com", email_verified_at=None, date_joined=now - timedelta(days=30))
    proved = MemberFactory(email="Dup@Example.com", date_joined=now - timedelta(days=3))  # confirmed the address
    later = MemberFactory(email="DUP@example.com", email_verified_at=None, date_joined=now - timedelta(days=1))
    first = MemberFactory(email="pair@example.com", email_verified_at=None, date_joined=now - timedelta(days=9))
    second = MemberFactory(email="pair@example.com", email_verified_at=None, date_joined=now - timedelta(days=2))
    alone = MemberFactory(email="alone@example.com")
    deleted = MemberFactory(email="pair@example.com")
    User.objects.filter(pk=deleted.pk).update(deleted_at=now)  # a legal hold keeps its address

    release.release_duplicate_emails(apps, None)

    def email(member):
        member.refresh_from_db()
        return member.email

    assert email(proved) == "Dup@Example.com"  # the one who proved the address, though not the first to join
    assert (email(earliest), email(later)) == ("", "")
    assert (email(first), email(second)) == ("pair@example.com", "")  # nobody proved it: the earliest keeps it
    assert (email(alone), email(deleted)) == ("alone@example.com", "pair@example.com")
    released = VerificationEvent.objects.filter(kind=VerificationEvent.Kind.EMAIL_RELEASED)
    assert {(e.member_id, e.note.split(":")[0]) for e in released} == {
        (earliest.pk, "dup@example.com"),
        (later.pk, "DUP@example.com"),
        (second.pk, "pair@example.com"),
    }
    # Nothing else is lost: the released accounts keep their allauth addresses (unconfirmed) to sign in with.
    assert EmailAddress.objects.filter(user=second, email="pair@example.com").exists()
    live = User.objects.filter(deleted_at__isnull=True).exclude(email="")
    assert not live.values(address=Lower("email")).annotate(n=Count("pk")).filter(n__gt=1).exists()


# Losing the race, simulated


def beaten_to_it(monkeypatch, owner, name, make_winner):
    """Let another request's account appear after the form's checks and before `owner.name` saves."""
    original = getattr(owner, name)

    def late(*args, **kwargs):
        make_winner()
        return original(*args, **kwargs)

    monkeypatch.setattr(owner, name, late)


def test_an_address_taken_between_the_checks_and_the_save_is_a_form_error(client, monkeypatch):
    beaten_to_it(monkeypatch, forms.SignupForm, "try_save", lambda: MemberFactory(email="sam.okafor@example.com"))

    response = client.post("/accounts/signup/", signup_data())

    assert response.status_code == 200
    page = response.content.decode()
    assert EMAIL_TAKEN in page
    assert 'value="Dr Sam Okafor"' in page  # nothing typed is lost
    assert User.objects.filter(email="sam.okafor@example.com").count() == 1


def test_a_display_name_taken_between_the_checks_and_the_save_is_a_form_error(client, monkeypatch):
    beaten_to_it(monkeypatch, forms.SignupForm, "try_save", lambda: MemberFactory(display_name="Dr Sam 0kafor"))

    response = client.post("/accounts/signup/", signup_data())

    assert response.status_code == 200
    assert "Another member already uses that name" in response.content.decode()
    assert not User.objects.filter(email="sam.okafor@example.com").exists()


def test_a_username_taken_between_the_checks_and_the_save_is_chosen_again(client, monkeypatch):
    # Usernames are made from the address (sam.okafor@… and sam.okafor@… elsewhere make the same one) and
    # members never see them, so the sign-up simply takes the next free one.
    from auscult.members.adapter import AccountAdapter

    MemberFactory(username="sam.okafor", email="sam.okafor@elsewhere.example")
    chosen = []
    original = AccountAdapter.generate_unique_username

    def stale(self, txts, regex=None):  # the first choice was made before the other account was saved
        chosen.append(original(self, txts, regex) if chosen else "sam.okafor")
        return chosen[-1]

    monkeypatch.setattr(AccountAdapter, "generate_unique_username", stale)

    response = client.post("/accounts/signup/", signup_data())

    assert response.status_code == 302
    assert len(chosen) == 2 and User.objects.get(email="sam.okafor@example.com").username == chosen[-1]


def test_a_display_name_taken_while_the_profile_is_saved_is_a_form_error(client, monkeypatch):
    member = MemberFactory(display_name="Dr Ayo B")
    client.force_login(member)
    beaten_to_it(monkeypatch, services, "member_update_profile", lambda: MemberFactory(display_name="Dr New Name"))

    response = client.post(
        "/account/profile/", {"full_name": "Ayodele Bankole", "display_name": "Dr New Name", "job_title": "GP"}
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert "Another member already uses that name" in page and 'value="Ayodele Bankole"' in page
    member.refresh_from_db()
    assert member.display_name == "Dr Ayo B"


def test_a_registration_number_taken_while_it_is_saved_is_a_form_error(client, monkeypatch):
    member = MemberFactory(registration_number="7654321")
    client.force_login(member)
    beaten_to_it(
        monkeypatch, services, "member_change_registration", lambda: MemberFactory(registration_number="1234567")
    )

    response = client.post(
        "/account/registration/", {"profession": "gp", "regulator": "gmc", "registration_number": "1234567"}
    )

    assert response.status_code == 200
    assert "already registered to another account" in response.content.decode()
    member.refresh_from_db()
    assert member.registration_number == "7654321"


# Changing the address in My account


def test_confirming_an_address_another_account_uses_is_refused_cleanly(client):
    MemberFactory(email="taken@example.com", email_verified_at=None)  # registered, never confirmed
    member = MemberFactory(email="mine@example.com")
    client.force_login(member)

    # allauth accepts the address without saying whether it is in use (it would reveal who has an account) …
    assert client.post("/accounts/email/", {"email": "taken@example.com", "action_add": ""}).status_code == 302
    link = re.search(r"https?://[^/\s]+(/accounts/confirm-email/[^\s]+/)", mail.outbox[-1].body).group(1)
    # … and the link says it cannot be confirmed, before and after pressing Confirm.
    assert "cannot be confirmed for this account" in client.get(link).content.decode()
    response = client.post(link)

    assert response.status_code == 200
    assert "cannot be confirmed for this account" in response.content.decode()
    member.refresh_from_db()
    assert member.email == "mine@example.com"
    assert User.objects.filter(email="taken@example.com").count() == 1
