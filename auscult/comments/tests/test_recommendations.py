"""A verified member recommends a good comment (once, never their own, and can take it back); the count is on
the comment, the thread reads best first on request, and the recommendations are the member's data."""

import pytest
from django.test import Client
from lxml import html

from auscult.comments.models import Comment, CommentStatus, Recommendation
from auscult.comments.people import erase_comments, export_comments
from auscult.comments.tests.factories import make_comments
from auscult.members.models import Approval
from auscult.members.tests.factories import MemberFactory
from auscult.moderation import counters
from auscult.publishing.tests.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def article():
    return ArticlePageFactory(title="Sessional rates")


@pytest.fixture
def thread(article):
    return make_comments(article, 12, author=MemberFactory(display_name="Dr Writer"))


@pytest.fixture
def member(client):
    member = MemberFactory(display_name="Dr Reader")
    client.force_login(member)
    return member


def recommend(client, comment, htmx=False, **data):
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    return client.post(f"/comments/{comment.pk}/recommend/", data, **headers)


def item(client, url, comment):
    return html.fromstring(client.get(url).content).get_element_by_id(f"comment-{comment.pk}")


def test_a_member_recommends_once_and_can_take_it_back(client, article, thread, member):
    comment = thread[3]

    response = recommend(client, comment)

    assert response.status_code == 302 and response["Location"] == f"/comments/{comment.pk}/"
    comment.refresh_from_db()
    assert comment.recommend_count == 1
    shown = item(client, article.url, comment)
    assert shown.cssselect(".comment__recommendations")[0].text_content() == "1 recommendation"
    assert shown.cssselect(".comment__recommend-button")[0].get("aria-pressed") == "true"

    recommend(client, comment)  # a second time changes nothing
    comment.refresh_from_db()
    assert comment.recommend_count == 1 and Recommendation.objects.count() == 1

    recommend(client, comment, undo="1")
    comment.refresh_from_db()
    assert comment.recommend_count == 0 and not Recommendation.objects.exists()
    shown = item(client, article.url, comment)
    assert shown.cssselect(".comment__recommend-button")[0].get("aria-pressed") == "false"
    assert list(counters.counter_drift()) == []


def test_htmx_answers_with_the_button_and_the_count(client, thread, member):
    response = recommend(client, thread[0], htmx=True)

    doc = html.fragment_fromstring(response.content.decode(), create_parent="div")
    assert doc.cssselect("form.comment__recommend button")[0].get("aria-pressed") == "true"
    assert doc.cssselect("form.comment__recommend input[name=undo]")[0].get("value") == "1"
    count = doc.get_element_by_id(f"recommendations-{thread[0].pk}")
    assert count.get("hx-swap-oob") == "true" and count.text_content() == "1 recommendation"


def test_not_their_own_nor_one_not_published(client, article, member):
    (own,) = make_comments(article, 1, author=member)
    (held,) = make_comments(article, 1, author=MemberFactory(), status=CommentStatus.PENDING)

    response = recommend(client, own, htmx=True)
    assert "You cannot recommend your own comment." in response.content.decode()
    assert recommend(client, held).status_code == 404
    assert not Recommendation.objects.exists()
    # Their own comment has no Recommend button at all.
    assert not item(client, article.url, own).cssselect(".comment__recommend")


def test_a_member_who_may_not_take_part_is_told_why(client, thread):
    client.force_login(MemberFactory(email_verified_at=None, approval=Approval.PENDING))

    response = recommend(client, thread[0], htmx=True)

    assert 'role="alert"' in response.content.decode()
    assert not Recommendation.objects.exists()


def test_a_visitor_is_asked_to_sign_in(thread):
    visitor = Client()
    visitor.cookies["auscult_hp"] = "1"

    response = visitor.post(f"/comments/{thread[0].pk}/recommend/", HTTP_HX_REQUEST="true")
    assert "Sign in" in response.content.decode() and "recommend a comment" in response.content.decode()
    response = visitor.post(f"/comments/{thread[0].pk}/recommend/")
    assert response["Location"] == f"/accounts/login/?next=/comments/{thread[0].pk}/"
    assert not Recommendation.objects.exists()


def test_the_shared_thread_carries_no_token_and_the_members_page_carries_theirs(article, thread):
    visitor = Client(enforce_csrf_checks=True)
    visitor.cookies["auscult_hp"] = "1"
    shared = visitor.get(article.url).content.decode()
    assert "csrfmiddlewaretoken" not in shared.split('id="have-your-say"')[0]

    reader = Client(enforce_csrf_checks=True)
    reader.force_login(MemberFactory())
    doc = html.fromstring(reader.get(article.url).content)
    form = doc.get_element_by_id(f"comment-{thread[0].pk}").cssselect("form.comment__recommend")[0]
    token = form.cssselect("input[name=csrfmiddlewaretoken]")[0].get("value")

    assert reader.post(form.get("action")).status_code == 403  # a member's POST needs their token
    assert reader.post(form.get("action"), {"csrfmiddlewaretoken": token}).status_code == 302
    assert Comment.objects.get(pk=thread[0].pk).recommend_count == 1


def test_most_recommended_first_with_ties_by_age_and_permalinks_that_follow(client, article, thread):
    for comment in [thread[5], thread[5], thread[5], thread[9], thread[9], thread[2]]:
        fan = MemberFactory()
        client.force_login(fan)
        recommend(client, comment)
    client.logout()
    client.cookies["auscult_hp"] = "1"

    doc = html.fromstring(client.get(f"{article.url}?order=recommended&page_size=10").content)

    shown = [int(li.get("id").removeprefix("comment-")) for li in doc.cssselect("ol.comment-list > li.comment")]
    rest = [c.pk for c in thread if c not in (thread[5], thread[9], thread[2])]
    assert shown == [thread[5].pk, thread[9].pk, thread[2].pk, *rest[:7]]
    assert doc.cssselect("#comments-order option[selected]")[0].get("value") == "recommended"
    # The last one is on page 2 in this order; its link keeps the order and lands there.
    last = rest[-1]
    link = client.get(f"/comments/{last}/?order=recommended")
    assert link["Location"] == f"{article.url}?page=2&order=recommended#comment-{last}"


def test_recommendations_are_in_the_export_and_go_with_the_account(client, thread, member):
    recommend(client, thread[0])
    recommend(client, thread[1])

    exported = export_comments(member)["recommendations_made"]
    assert [r["comment"] for r in exported] == [thread[0].pk, thread[1].pk]

    erase_comments(member)

    assert not Recommendation.objects.filter(member=member).exists()
    assert Comment.objects.get(pk=thread[0].pk).recommend_count == 0
    assert list(counters.counter_drift()) == []


def test_the_shared_check_finds_a_count_that_drifted(thread):
    Comment.objects.filter(pk=thread[0].pk).update(recommend_count=3)

    assert f"comment {thread[0].pk}: recommend_count 3, recount 0" in list(counters.counter_drift())
    counters.recount()
    assert list(counters.counter_drift()) == []
