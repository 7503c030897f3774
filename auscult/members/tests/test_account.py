"""My account: profile, registration number, data export, deletion."""

import json

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from auscult.members.models import DELETED_NAME, Approval, MembershipSettings, VerificationEvent

from .factories import PASSWORD, MemberFactory

pytestmark = pytest.mark.django_db
User = get_user_model()


@pytest.fixture
def member(client):
    member = MemberFactory(
        email="ayo@example.com",
        full_name="Ayodele Bankole",
        display_name="Dr Ayo B",
        job_title="GP partner",
        registration_number="7654321",
    )
    client.force_login(member)
    return member


def test_account_page_shows_status_and_private_details_to_the_member(client, member):
    page = client.get("/account/").content.decode()

    assert "Verified member" in page
    assert "Ayodele Bankole" in page and "7654321" in page


def test_edit_profile(client, member):
    response = client.post(
        "/account/profile/",
        {
            "full_name": "Ayodele  Bankole",
            "display_name": "Dr Ayo Bankole",
            "job_title": "Salaried GP",
            "anonymous": "on",
        },
    )

    assert response.status_code == 302
    member.refresh_from_db()
    assert (member.display_name, member.job_title, member.anonymous) == ("Dr Ayo Bankole", "Salaried GP", True)
    assert member.full_name == "Ayodele Bankole"
    assert member.comment_name == "Anonymous"


def test_profile_refusal_keeps_what_was_typed(client, member):
    MemberFactory(display_name="Dr Kemi O")

    response = client.post(
        "/account/profile/", {"full_name": "Ayodele Bankole", "display_name": "dr kemi o", "job_title": "Locum GP"}
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "add an initial" in page and 'value="Locum GP"' in page and 'value="dr kemi o"' in page


def test_profile_form_cannot_change_the_number(client, member):
    client.post(
        "/account/profile/",
        {"full_name": "A B", "display_name": "Dr Ayo B", "job_title": "", "registration_number": "1111111"},
    )

    member.refresh_from_db()
    assert member.registration_number == "7654321"


def test_changing_the_number_needs_approval_again(client, member):
    settings = MembershipSettings.load()
    settings.require_staff_approval = True
    settings.save()
    User.objects.filter(pk=member.pk).update(approval=Approval.APPROVED)

    response = client.post(
        "/account/registration/", {"profession": "gp", "regulator": "gmc", "registration_number": "1111111"}
    )

    assert response.status_code == 302
    member.refresh_from_db()
    assert member.registration_number == "1111111" and member.approval == Approval.PENDING
    assert member.verification_events.filter(kind=VerificationEvent.Kind.NUMBER_CHANGED).exists()
    assert "Not yet verified" in client.get("/account/").content.decode()


def test_data_export_contains_what_we_hold_and_nothing_of_others(client, member):
    other = MemberFactory(email="other@example.com", full_name="Someone Else", registration_number="5555555")

    response = client.get("/account/data/?download=1")

    assert response["Content-Disposition"].startswith("attachment;")
    document = json.loads(response.content)
    account = document["account"]
    assert account["email"] == "ayo@example.com"
    assert account["full_name"] == "Ayodele Bankole"
    assert account["registration_number"] == "7654321"
    assert account["job_title"] == "GP partner"
    assert account["email_addresses"] == [{"email": "ayo@example.com", "verified": True, "primary": True}]
    text = response.content.decode()
    for secret in (other.email, other.full_name, other.registration_number, other.display_name):
        assert secret not in text


def test_deleting_the_account_anonymises_it_and_ends_sessions(client, member):
    from django.test import Client

    other_device = Client()
    other_device.force_login(member)
    assert other_device.get("/account/").status_code == 200

    refused = client.post("/account/delete/", {"password": "wrong", "confirm": "on"})
    assert refused.status_code == 200 and "not your current password" in refused.content.decode()

    response = client.post("/account/delete/", {"password": PASSWORD, "confirm": "on"})

    assert response.status_code == 302
    member.refresh_from_db()
    assert member.is_deleted and not member.is_active
    assert member.public_name == DELETED_NAME
    for value in (member.email, member.full_name, member.display_name, member.registration_number, member.job_title):
        assert value == ""
    assert "Ayodele" not in member.username and "ayo" not in member.username
    from allauth.account.models import EmailAddress

    assert not EmailAddress.objects.filter(user=member).exists()
    assert User.objects.filter(pk=member.pk).exists()
    assert client.get("/account/").status_code == 302
    assert other_device.get("/account/").status_code == 302
    assert not client.login(username="ayo@example.com", password=PASSWORD)


def test_a_deleted_members_name_and_number_are_free_again(client, member):
    client.post("/account/delete/", {"password": PASSWORD, "confirm": "on"})
    client.logout()

    response = client.post(
        "/accounts/signup/",
        {
            "email": "ayo@example.com",
            "password1": "another-long-pass-1",
            "password2": "another-long-pass-1",
            "full_name": "Ayodele Bankole",
            "display_name": "Dr Ayo B",
            "profession": "gp",
            "regulator": "gmc",
            "registration_number": "7654321",
        },
    )

    assert response.status_code == 302


def test_registration_number_is_never_shown_publicly(client, member):
    from auscult.publishing.tests.factories import ArticlePageFactory

    article = ArticlePageFactory()
    for url in ("/", article.url, "/feed/", "/sitemap.xml", "/search/?q=Bankole", "/authors/"):
        assert "7654321" not in client.get(url).content.decode(), url


def test_account_pages_need_sign_in(visitor):
    for name in ("account", "profile", "registration", "data", "delete"):
        response = visitor.get(reverse(f"members:{name}"))
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_changing_email_needs_the_new_address_confirmed(client, member):
    import re

    from django.core import mail

    response = client.post("/accounts/email/", {"email": "ayo.new@example.com", "action_add": ""})
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.email == "ayo@example.com"

    link = re.search(r"https?://[^/\s]+(/accounts/confirm-email/[^\s]+/)", mail.outbox[-1].body).group(1)
    assert mail.outbox[-1].to == ["ayo.new@example.com"]
    client.post(link)

    member.refresh_from_db()
    assert member.email == "ayo.new@example.com"
    from allauth.account.models import EmailAddress

    assert list(EmailAddress.objects.filter(user=member).values_list("email", flat=True)) == ["ayo.new@example.com"]
    assert member.verification_events.filter(note="ayo.new@example.com").exists()


def test_change_password(client, member):
    response = client.post(
        "/accounts/password/change/",
        {"oldpassword": PASSWORD, "password1": "a-brand-new-pass-42", "password2": "a-brand-new-pass-42"},
    )

    assert response.status_code == 302
    member.refresh_from_db()
    assert member.check_password("a-brand-new-pass-42")


def test_have_your_say_explains_why_a_reader_cannot_comment(client):
    from auscult.publishing.tests.factories import ArticlePageFactory

    article = ArticlePageFactory()
    assert "Sign in or register to take part." in client.get(article.url).content.decode()

    client.force_login(MemberFactory(email_verified_at=None))
    assert "Confirm your e-mail address" in client.get(article.url).content.decode()


def test_my_comments_and_ratings_show_states(client, member):
    from auscult.comments.models import Comment, CommentStatus
    from auscult.publishing.tests.factories import ArticlePageFactory
    from auscult.ratings.services import rating_set

    article = ArticlePageFactory(title="Winter pressures")
    Comment.objects.create(article_id=article.pk, author=member, body="Held words", status=CommentStatus.PENDING)
    Comment.objects.create(article_id=article.pk, author=member, body="Turned down", status=CommentStatus.REJECTED)
    rating_set(article=article, member=member, stars=4)

    account = client.get("/account/").content.decode()
    comments = client.get("/account/comments/").content.decode()
    ratings = client.get("/account/ratings/").content.decode()

    assert '<a href="/account/comments/">My comments</a>' in account
    assert '<a href="/account/ratings/">My ratings</a>' in account

    assert "Awaiting moderation" in comments and "Held words" in comments
    assert "Rejected" in comments and "Winter pressures" in comments
    assert "Winter pressures" in ratings and "4 stars" in ratings


def test_invisible_characters_are_taken_out_of_the_profile_and_never_shown(client, member):
    from auscult.comments.models import Comment, CommentStatus
    from auscult.publishing.tests.factories import ArticlePageFactory

    response = client.post(
        "/account/profile/",
        {
            "full_name": "Ayodele\u200b Bankole\u202e",
            "display_name": "Dr Ayo B",
            # A right-to-left override would show "Salaried GP" as "PG deiralaS"; zero-width characters hide.
            "job_title": "\u202eSalaried\u200b GP\u2066\ufeff\u200d",
        },
    )

    assert response.status_code == 302
    member.refresh_from_db()
    assert (member.full_name, member.job_title) == ("Ayodele Bankole", "Salaried GP")
    article = ArticlePageFactory()
    Comment.objects.create(article_id=article.pk, author=member, body="Agreed.", status=CommentStatus.PUBLISHED)
    page = client.get(article.url).content.decode()
    assert ", Salaried GP</span>" in page and "\u202e" not in page


def test_a_full_name_of_only_invisible_characters_is_missing(client, member):
    response = client.post(
        "/account/profile/", {"full_name": "\u200b\u202e", "display_name": "Dr Ayo B", "job_title": "GP"}
    )

    assert response.status_code == 200
    assert "This field is required" in response.content.decode()
