"""A member's public profile page: opt-in, at an id-and-slug address that survives renames; their name, job title,
profession if they choose, when they joined, and their published comments on public articles, newest first and
paged. Never anything held, rejected or removed, never an anonymous member, never a private detail; names in the
thread link there only while it is shown; hiding it or deleting the account takes it out of every cache."""

import pytest
from django.test import Client
from lxml import html
from wagtail.models import PageViewRestriction

from auscult.comments.models import CommentStatus
from auscult.comments.profiles import PAGE_SIZE, profile_path
from auscult.comments.services import comment_set_status
from auscult.comments.tests.factories import make_comments
from auscult.members.registration_numbers import Profession
from auscult.members.tests.factories import MemberFactory
from auscult.publishing.tests import test_purges
from auscult.publishing.tests.factories import ArticlePageFactory, SectionPageFactory
from auscult.publishing.tests.privacy import PASSWORD, restrict

pytestmark = pytest.mark.django_db

# The mock proxy node that records each PURGE, as the purge tests use it.
proxy = test_purges.proxy


@pytest.fixture
def visitor():
    client = Client()
    client.cookies["auscult_hp"] = "1"
    return client


def shown_member(**fields):
    return MemberFactory(
        display_name="Dr Jo Fenwick",
        full_name="Joanna Private-Surname",
        job_title="Salaried GP",
        registration_number="7123456",
        profile_public=True,
        **fields,
    )


def profile_doc(client, member, **params):
    response = client.get(profile_path(member), params)
    assert response.status_code == 200
    return response, html.fromstring(response.content)


def details(doc):
    """The profile's details, as "term: value"."""
    terms = doc.cssselect(".member-profile__details dt")
    return {dt.text_content(): dt.getnext().text_content() for dt in terms}


def listed_bodies(doc):
    return [" ".join(el.text_content().split()) for el in doc.cssselect(".member-profile__comments .comment__body")]


def save_profile(client, member, **changes):
    """The member's own Edit profile form, as they would send it."""
    fields = {
        "full_name": member.full_name,
        "display_name": member.display_name,
        "job_title": member.job_title,
        "anonymous": member.anonymous,
        "profile_public": member.profile_public,
        "profile_shows_profession": member.profile_shows_profession,
        **changes,
    }
    client.force_login(member)
    response = client.post("/account/profile/", {k: v for k, v in fields.items() if v is not False})
    assert response.status_code == 302, response.content.decode()[:2000]
    member.refresh_from_db()


def test_a_profile_is_off_until_the_member_shows_it_and_they_alone_see_it_meanwhile(visitor, client):
    member = MemberFactory(display_name="Dr Quiet Person")
    make_comments(ArticlePageFactory(title="Rotas"), 1, author=member)

    assert visitor.get(profile_path(member)).status_code == 404
    other = Client()
    other.force_login(MemberFactory())
    assert other.get(profile_path(member)).status_code == 404

    client.force_login(member)
    own = client.get(profile_path(member))
    assert own.status_code == 200
    assert "Only you can see this page" in own.content.decode()
    assert "private" in own["Cache-Control"]
    account = client.get("/account/").content.decode()
    assert "My profile page" in account and "off: turn it on in Edit profile" in account

    save_profile(client, member, profile_public=True)

    assert visitor.get(profile_path(member)).status_code == 200
    assert "My public profile" in client.get("/account/").content.decode()


def test_the_profile_shows_what_the_member_chose_and_nothing_private(visitor):
    member = shown_member(profession=Profession.GP)
    make_comments(ArticlePageFactory(title="Rotas"), 1, author=member)

    response, doc = profile_doc(visitor, member)
    text = " ".join(doc.text_content().split())

    assert doc.cssselect("h1")[0].text_content() == "Dr Jo Fenwick"
    assert "Salaried GP" in text
    assert set(details(doc)) == {"Member since", "Published comments"}  # not their profession: not chosen
    assert details(doc)["Published comments"] == "1"
    assert details(doc)["Member since"] == member.date_joined.strftime("%B %Y")
    for private in ("Joanna", "Private-Surname", "7123456", member.email, member.username):
        assert private not in response.content.decode()
    assert "public" in response["Cache-Control"] and response.has_header("ETag")
    assert doc.xpath("//meta[@name='robots']/@content") == ["noindex, follow"]

    member.profile_shows_profession = True
    member.save()
    _, doc = profile_doc(visitor, member)
    assert details(doc)["Profession"] == Profession.GP.label


def test_only_published_comments_on_public_articles_are_listed_newest_first_with_permalinks(visitor):
    member = shown_member()
    section = SectionPageFactory(title="News", slug="news")
    public = ArticlePageFactory(parent=section, title="Public piece")
    restricted = ArticlePageFactory(parent=section, title="Members-only piece")
    gone = ArticlePageFactory(parent=section, title="Withdrawn piece")
    older, newer = make_comments(public, 2, author=member)
    for state in (CommentStatus.PENDING, CommentStatus.REMOVED, CommentStatus.DELETED):
        make_comments(public, 1, author=member, status=state)
    rejected = make_comments(public, 1, author=member, status=CommentStatus.PENDING)[0]
    comment_set_status(comment=rejected, status=CommentStatus.REJECTED)
    make_comments(restricted, 1, author=member)
    make_comments(gone, 1, author=member)
    restrict(restricted, PageViewRestriction.PASSWORD, password=PASSWORD)
    gone.unpublish()

    _, doc = profile_doc(visitor, member)

    assert listed_bodies(doc) == ["Comment number 2", "Comment number 1"]
    links = doc.xpath("//ol[contains(@class, 'member-profile__comments')]//a[contains(., 'Read it')]/@href")
    assert links == [newer.get_absolute_url(), older.get_absolute_url()]
    text = doc.text_content()
    assert "Members-only piece" not in text and "Withdrawn piece" not in text
    assert details(doc)["Published comments"] == "2"


def test_the_comments_are_paged(visitor):
    member = shown_member()
    make_comments(ArticlePageFactory(title="Busy thread"), PAGE_SIZE + 3, author=member)

    _, first = profile_doc(visitor, member)
    _, second = profile_doc(visitor, member, page=2)
    _, beyond = profile_doc(visitor, member, page="999")
    _, nonsense = profile_doc(visitor, member, page="x'")

    assert listed_bodies(first)[0] == f"Comment number {PAGE_SIZE + 3}"
    assert len(listed_bodies(first)) == PAGE_SIZE
    assert listed_bodies(second) == ["Comment number 3", "Comment number 2", "Comment number 1"]
    assert listed_bodies(beyond) == listed_bodies(second)
    assert listed_bodies(nonsense) == listed_bodies(first)
    assert first.cssselect(".pagination a[rel=next]")[0].get("href") == "?page=2"


def test_an_anonymous_or_deleted_member_has_no_profile_and_no_link(visitor):
    anonymous = shown_member(anonymous=True)
    article = ArticlePageFactory(title="Rotas")
    make_comments(article, 1, author=anonymous)

    assert visitor.get(profile_path(anonymous)).status_code == 404
    thread = html.fromstring(visitor.get(article.url).content)
    assert thread.cssselect(".comment__name a") == []

    deleted = MemberFactory(profile_public=True)
    path = profile_path(deleted)
    client = Client()
    client.force_login(deleted)
    client.post("/account/delete/", {"password": "correct-horse-battery-9", "confirm": "on"})
    deleted.refresh_from_db()
    assert deleted.is_deleted and not deleted.profile_public
    assert visitor.get(path).status_code == 404


def test_names_in_the_thread_link_to_the_profile_while_it_is_shown(visitor, client):
    member = MemberFactory(display_name="Dr Link Able")
    article = ArticlePageFactory(title="Rotas")
    reply_to = make_comments(article, 1, author=MemberFactory())[0]
    make_comments(article, 1, author=member, parent=reply_to)

    def names():
        doc = html.fromstring(visitor.get(article.url).content)
        return {a.text_content(): a.get("href") for a in doc.cssselect(".comment__name a")}

    assert names() == {}
    save_profile(client, member, profile_public=True)
    assert names() == {"Dr Link Able": profile_path(member)}
    save_profile(client, member, profile_public=False)
    assert names() == {}


def test_the_address_survives_a_change_of_name(visitor, client):
    member = shown_member()
    old = profile_path(member)
    assert old == f"/members/{member.pk}-dr-jo-fenwick/"

    save_profile(client, member, display_name="Dr Jo Fenwick-Hale")

    moved = visitor.get(old, {"page": 2})
    assert moved.status_code == 302 and moved["Location"] == f"/members/{member.pk}-dr-jo-fenwick-hale/?page=2"
    assert visitor.get(f"/members/{member.pk}/")["Location"] == f"/members/{member.pk}-dr-jo-fenwick-hale/"
    assert visitor.get(f"/members/{member.pk + 1000}-dr-jo-fenwick/").status_code == 404


def test_a_removal_leaves_the_profile_at_once_and_a_new_comment_changes_its_etag(
    visitor, proxy, django_capture_on_commit_callbacks
):
    member = shown_member()
    article = ArticlePageFactory(title="Rotas")
    comment, kept = make_comments(article, 2, author=member)
    response, _ = profile_doc(visitor, member)
    etag = response["ETag"]
    assert visitor.get(profile_path(member), HTTP_IF_NONE_MATCH=etag).status_code == 304

    with django_capture_on_commit_callbacks(execute=True):
        comment_set_status(comment=comment, status=CommentStatus.REMOVED)

    assert (profile_path(member), "localhost") in proxy.purges
    assert visitor.get(profile_path(member), HTTP_IF_NONE_MATCH=etag).status_code == 200
    _, doc = profile_doc(visitor, member)
    assert listed_bodies(doc) == [kept.body]


def test_hiding_renaming_or_deleting_purges_the_profile(visitor, client, proxy, django_capture_on_commit_callbacks):
    member = shown_member()
    first = profile_path(member)

    with django_capture_on_commit_callbacks(execute=True):
        save_profile(client, member, display_name="Dr Jo Hale")
    assert {(first, "localhost"), (profile_path(member), "localhost")} <= set(proxy.purges)

    proxy.purges.clear()
    with django_capture_on_commit_callbacks(execute=True):
        save_profile(client, member, profile_public=False)
    assert proxy.purges == [(profile_path(member), "localhost")]
    assert visitor.get(profile_path(member)).status_code == 404

    save_profile(client, member, profile_public=True)
    proxy.purges.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/account/delete/", {"password": "correct-horse-battery-9", "confirm": "on"})
    assert (profile_path(member), "localhost") in proxy.purges


def test_an_article_leaving_the_public_purges_the_profiles_that_list_it(proxy, django_capture_on_commit_callbacks):
    shown, hidden = shown_member(), MemberFactory()
    article = ArticlePageFactory(title="Rotas")
    make_comments(article, 1, author=shown)
    make_comments(article, 1, author=hidden)

    with django_capture_on_commit_callbacks(execute=True):
        restrict(article, PageViewRestriction.PASSWORD, password=PASSWORD)

    paths = {path for path, _ in proxy.purges}
    assert profile_path(shown) in paths
    assert not any(path.startswith(f"/members/{hidden.pk}-") for path in paths)
