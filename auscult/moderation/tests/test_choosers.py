"""The member chooser of the queues' filters: it searches on the server and shows one page of members, never
all of them; it is for moderators; and it is not the widget of every foreign key to a user in the admin."""

import pytest
from django.contrib.auth import get_user_model
from lxml import html
from wagtail.admin.forms.models import formfield_for_dbfield

from auscult.comments.models import FeaturedComment
from auscult.members.tests.factories import MemberFactory
from auscult.moderation.choosers import MEMBERS_PER_PAGE, MemberChooser

pytestmark = pytest.mark.django_db

CHOOSER = "/admin/moderation/choose-member/"
MANY = 120


@pytest.fixture
def many_members(db):
    """A crowd of members, and one to find among them."""
    get_user_model().objects.bulk_create(
        get_user_model()(username=f"crowd{n}", display_name=f"Dr Crowd {n:03}", email=f"crowd{n}@example.com")
        for n in range(MANY)
    )
    return MemberFactory(display_name="Dr Ngozi Okonkwo", username="nokonkwo", email="ngozi@practice.example")


def choices(response):
    """The members offered: (name, the URL that chooses them)."""
    assert response.status_code == 200
    listing = html.fromstring(results_html(response))
    return [
        (link.text_content().strip(), link.get("href")) for link in listing.xpath("//a[@data-chooser-modal-choice]")
    ]


def results_html(response):
    """The modal (JSON around its markup) or, searching, the results alone."""
    return response.json()["html"] if response["Content-Type"] == "application/json" else response.content.decode()


def test_the_chooser_shows_one_page_of_members_not_all_of_them(client, moderator, many_members):
    offered = choices(client.get(CHOOSER))

    assert len(offered) == MEMBERS_PER_PAGE < get_user_model().objects.count()


@pytest.mark.parametrize("words", ["Okonkwo", "ngozi okonkwo", "NOKONKWO", "ngozi@practice"])
def test_a_search_finds_the_member_by_name_username_or_address(client, moderator, many_members, words):
    found = choices(client.get(f"{CHOOSER}results/", {"q": words}))

    assert found == [("Dr Ngozi Okonkwo", f"{CHOOSER}chosen/{many_members.pk}/")]


def test_a_search_that_matches_many_still_shows_one_page(client, moderator, many_members):
    response = client.get(f"{CHOOSER}results/", {"q": "crowd"})

    assert len(choices(response)) == MEMBERS_PER_PAGE
    assert f"There are {MANY} matches" in results_html(response)


def test_choosing_a_member_gives_their_name_and_their_page(client, moderator, many_members):
    response = client.get(f"{CHOOSER}chosen/{many_members.pk}/")

    assert response.json() == {
        "step": "chosen",
        "result": {
            "id": str(many_members.pk),
            "title": "Dr Ngozi Okonkwo",
            "edit_url": f"/admin/moderation/members/{many_members.pk}/",
        },
    }


def test_editors_cannot_search_the_members(client, many_members):
    client.force_login(MemberFactory(groups=["Editors"]))

    response = client.get(f"{CHOOSER}results/", {"q": "Okonkwo"}, headers={"x-requested-with": "XMLHttpRequest"})

    assert response.status_code == 403
    assert "Okonkwo" not in response.content.decode()


def test_the_chooser_is_not_the_admin_widget_for_foreign_keys_to_members():
    """Editors choose who featured a comment in their own forms: the moderators-only chooser is not theirs."""
    field = formfield_for_dbfield(FeaturedComment._meta.get_field("featured_by"))

    assert not isinstance(field.widget, MemberChooser)
