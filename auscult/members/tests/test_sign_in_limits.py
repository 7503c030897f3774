"""Failed sign-in limits, through HTTP: staff doors (Wagtail's admin, Django's) share the members' limiter;
a lock-out is per account and client address, with a ceiling per account; behind the documented proxy each
client has its own address."""

import importlib
import re

import pytest
from django.test import Client
from django.urls import clear_url_caches

from .factories import PASSWORD, MemberFactory

pytestmark = pytest.mark.django_db

ATTACKER = "203.0.113.66"
MEMBER_HOME = "198.51.100.7"
PROXY = "10.0.0.2"
REFUSED = "Too many failed login attempts"


def member_sign_in(client, login, password, **meta):
    return client.post("/accounts/login/", {"login": login, "password": password}, **meta)


def staff_sign_in(client, username, password, **meta):
    return client.post("/admin/login/", {"username": username, "password": password}, **meta)


def signed_in(client):
    return "_auth_user_id" in client.session


@pytest.fixture
def editor():
    return MemberFactory(username="editor", email="editor@example.com", is_staff=True, is_superuser=True)


def test_wagtail_admin_sign_in_is_refused_after_five_wrong_passwords(editor):
    client = Client(REMOTE_ADDR=ATTACKER)
    for _ in range(5):
        wrong = staff_sign_in(client, "editor", "wrong-password")
        assert wrong.status_code == 200 and not signed_in(client)

    right = staff_sign_in(client, "editor", PASSWORD)

    assert right.status_code == 200 and REFUSED in right.content.decode()
    assert not signed_in(client)


def test_the_editor_still_signs_in_to_the_admin_from_their_own_address(editor):
    for _ in range(8):
        staff_sign_in(Client(REMOTE_ADDR=ATTACKER), "editor", "wrong-password")

    client = Client(REMOTE_ADDR=MEMBER_HOME)
    response = staff_sign_in(client, "editor", PASSWORD)

    assert response.status_code == 302 and int(client.session["_auth_user_id"]) == editor.pk


def test_a_right_password_gives_its_allowance_back(editor):
    client = Client(REMOTE_ADDR=MEMBER_HOME)
    for _ in range(4):
        staff_sign_in(client, "editor", "wrong-password")
    for _ in range(3):
        assert staff_sign_in(Client(REMOTE_ADDR=MEMBER_HOME), "editor", PASSWORD).status_code == 302

    assert staff_sign_in(client, "editor", PASSWORD).status_code == 302


def test_username_at_the_admin_and_e_mail_at_the_members_page_are_one_account(editor):
    client = Client(REMOTE_ADDR=ATTACKER)
    for _ in range(3):
        staff_sign_in(client, "editor", "wrong-password")
    for _ in range(2):
        member_sign_in(client, "EDITOR@example.com", "wrong-password")

    assert REFUSED in staff_sign_in(client, "editor", PASSWORD).content.decode()
    assert REFUSED in member_sign_in(client, "editor@example.com", PASSWORD).content.decode()


def test_an_inactive_staff_account_is_told_only_that_the_details_did_not_match(editor):
    editor.is_active = False
    editor.save()

    response = staff_sign_in(Client(), "editor", PASSWORD)

    assert response.status_code == 200 and "didn&#x27;t match" in response.content.decode()


def test_django_admin_is_not_served_by_default(editor):
    client = Client()

    assert client.get("/django-admin/login/").status_code == 404
    assert client.post("/django-admin/login/", {"username": "editor", "password": PASSWORD}).status_code == 404
    assert not signed_in(client)


@pytest.fixture
def django_admin_served(settings):
    """The URLconf as DJANGO_ADMIN=1 builds it (it is read once, when first imported)."""
    import auscult.urls

    original = settings.AUSCULT
    settings.AUSCULT = {**original, "DJANGO_ADMIN": True}
    importlib.reload(auscult.urls)
    clear_url_caches()
    yield
    settings.AUSCULT = original
    importlib.reload(auscult.urls)
    clear_url_caches()


def test_django_admin_when_served_takes_no_password_and_sends_sign_in_to_the_members_page(editor, django_admin_served):
    client = Client(REMOTE_ADDR=ATTACKER)
    for password in ["wrong-password"] * 15 + [PASSWORD]:
        response = client.post("/django-admin/login/", {"username": "editor", "password": password})
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/?next=")
    assert not signed_in(client)

    # The members' page is the one door, with its limits: the attacker's 5 failures there lock them out.
    for _ in range(5):
        member_sign_in(client, "editor@example.com", "wrong-password")
    assert REFUSED in member_sign_in(client, "editor@example.com", PASSWORD).content.decode()
    staff = Client(REMOTE_ADDR=MEMBER_HOME)
    assert member_sign_in(staff, "editor@example.com", PASSWORD).status_code == 302
    assert staff.get("/django-admin/").status_code == 200


def test_staff_reset_a_forgotten_password_on_the_members_page_and_sign_in_to_the_admin(editor, mailoutbox):
    client = Client(REMOTE_ADDR=MEMBER_HOME)
    login_page = client.get("/admin/login/").content.decode()
    assert 'href="/accounts/password/reset/"' in login_page
    assert "/admin/password_reset/" not in login_page

    client.post("/accounts/password/reset/", {"email": "editor@example.com"})
    (message,) = mailoutbox
    link = re.search(r"https?://[^/\s]+(/accounts/password/reset/key/\S+/)", message.body).group(1)
    form_url = client.get(link)["Location"]
    client.post(form_url, {"password1": "a-brand-new-pass-42", "password2": "a-brand-new-pass-42"})

    assert staff_sign_in(Client(), "editor", "a-brand-new-pass-42").status_code == 302


def test_the_admin_has_no_reset_form_of_its_own_sending_unlimited_messages(editor, mailoutbox):
    client = Client(REMOTE_ADDR=ATTACKER)
    for _ in range(3):
        assert client.post("/admin/password_reset/", {"email": "editor@example.com"}).status_code == 404

    assert mailoutbox == []


def test_password_reset_requests_for_one_address_are_limited(editor, mailoutbox):
    answers = [
        Client(REMOTE_ADDR=f"203.0.113.{n}").post("/accounts/password/reset/", {"email": "editor@example.com"})
        for n in range(1, 9)
    ]

    assert [a.status_code for a in answers] == [302] * 5 + [429] * 3
    assert len(mailoutbox) == 5


def test_wagtails_own_front_end_login_takes_no_password_and_sends_sign_in_to_the_members_page(editor):
    client = Client(REMOTE_ADDR=ATTACKER)
    for password in ["wrong-password"] * 12 + [PASSWORD]:
        response = client.post("/_util/login/?next=/somewhere/", {"username": "editor", "password": password})
        assert response.status_code in (301, 302) and response["Location"] == "/accounts/login/?next=/somewhere/"
    assert not signed_in(client)


def test_a_page_for_signed_in_readers_sends_visitors_to_the_members_sign_in(client):
    from wagtail.models import PageViewRestriction

    from auscult.publishing.tests.factories import ArticlePageFactory

    article = ArticlePageFactory()
    PageViewRestriction.objects.create(page=article, restriction_type=PageViewRestriction.LOGIN)

    response = client.get(article.url)

    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/?next=")


def test_failures_from_another_address_do_not_lock_a_member_out():
    member = MemberFactory(email="target@example.com")
    attacker = Client(REMOTE_ADDR=ATTACKER)
    for _ in range(5):
        member_sign_in(attacker, "target@example.com", "wrong-password")

    refused = member_sign_in(attacker, "target@example.com", PASSWORD)
    at_home = Client(REMOTE_ADDR=MEMBER_HOME)
    accepted = member_sign_in(at_home, "target@example.com", PASSWORD)

    assert REFUSED in refused.content.decode() and not signed_in(attacker)
    assert accepted.status_code == 302 and int(at_home.session["_auth_user_id"]) == member.pk


def test_one_address_is_limited_across_accounts():
    members = [MemberFactory() for _ in range(11)]
    attacker = Client(REMOTE_ADDR=ATTACKER)
    for member in members[:10]:
        member_sign_in(attacker, member.email, "wrong-password")

    assert REFUSED in member_sign_in(attacker, members[10].email, PASSWORD).content.decode()
    assert member_sign_in(Client(REMOTE_ADDR=MEMBER_HOME), members[10].email, PASSWORD).status_code == 302


def test_failures_spread_over_many_addresses_meet_the_per_account_ceiling(settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login_failed_account": "6/d/key"}
    MemberFactory(email="target@example.com")
    for n in range(3):
        for _ in range(2):
            member_sign_in(Client(REMOTE_ADDR=f"203.0.113.{n}"), "target@example.com", "wrong-password")

    assert REFUSED in member_sign_in(Client(REMOTE_ADDR=MEMBER_HOME), "target@example.com", PASSWORD).content.decode()


def test_the_ceiling_takes_more_addresses_than_one_to_reach():
    from allauth.core.internal.ratelimit import parse_rates
    from django.conf import settings

    per_address = parse_rates(settings.ACCOUNT_RATE_LIMITS["login_failed"])
    (ceiling,) = parse_rates(settings.ACCOUNT_RATE_LIMITS["login_failed_account"])
    daily = [r.amount for r in per_address if r.per == "key" and r.duration >= ceiling.duration]

    assert daily and ceiling.amount >= 5 * max(daily)


# Behind the documented reverse proxy: every request comes from the proxy's address (REMOTE_ADDR), and the
# proxy appends the address it was connected from to X-Forwarded-For.


def behind_proxy(client_address, forged=""):
    return {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": f"{forged}{client_address}"}


def test_behind_the_proxy_two_clients_are_limited_separately(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    member = MemberFactory()
    for n in range(10):
        member_sign_in(Client(), f"nobody{n}@example.com", "wrong-password", **behind_proxy(ATTACKER))

    attacker = member_sign_in(Client(), member.email, PASSWORD, **behind_proxy(ATTACKER))
    other = Client()
    accepted = member_sign_in(other, member.email, PASSWORD, **behind_proxy(MEMBER_HOME))

    assert REFUSED in attacker.content.decode()
    assert accepted.status_code == 302 and signed_in(other)


def test_behind_the_proxy_a_forged_forwarded_address_changes_nothing(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    member = MemberFactory()
    for n in range(10):
        forged = f"192.0.2.{n}, "
        member_sign_in(Client(), f"nobody{n}@example.com", "wrong-password", **behind_proxy(ATTACKER, forged))

    forged = member_sign_in(Client(), member.email, PASSWORD, **behind_proxy(ATTACKER, f"{MEMBER_HOME}, "))

    assert REFUSED in forged.content.decode()


def test_behind_the_proxy_more_than_thirty_members_sign_in_in_a_minute(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    members = [MemberFactory() for _ in range(31)]

    for n, member in enumerate(members):
        client = Client()
        assert member_sign_in(client, member.email, PASSWORD, **behind_proxy(f"198.51.100.{n}")).status_code == 302


def test_without_a_trusted_proxy_the_forwarded_header_is_ignored(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    member = MemberFactory()
    for n in range(10):
        meta = {"REMOTE_ADDR": ATTACKER, "HTTP_X_FORWARDED_FOR": f"192.0.2.{n}"}
        member_sign_in(Client(), f"nobody{n}@example.com", "wrong-password", **meta)

    meta = {"REMOTE_ADDR": ATTACKER, "HTTP_X_FORWARDED_FOR": MEMBER_HOME}
    assert REFUSED in member_sign_in(Client(), member.email, PASSWORD, **meta).content.decode()
