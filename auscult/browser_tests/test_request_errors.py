"""When an htmx request fails (a 5xx, or no connection) the member is told beside the form, in a
message screen readers announce, and what they typed is still there to send again
(auscult/static/js/request-errors.js)."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import browser_db, sign_in

pytestmark = [pytest.mark.browser, browser_db]

TEXT = "The new access standard assumes capacity that most practices do not have."


@pytest.fixture
def member_and_article(transactional_db):
    from auscult.members.tests.factories import PASSWORD, MemberFactory
    from auscult.publishing.tests.factories import ArticlePageFactory

    return MemberFactory(display_name="Dr Ruth K"), PASSWORD, ArticlePageFactory(title="Access standard")


def test_a_failed_post_says_so_and_keeps_the_text(new_page, member_and_article):
    from auscult.comments.models import Comment

    member, password, article = member_and_article
    page = new_page()
    sign_in(page, member.email, password, next_url=article.url)
    form = page.locator("form.comment-form")
    form.locator("textarea[name=body]").fill(TEXT)

    page.route("**/comments/post/", lambda route: route.fulfill(status=500, body="Server Error"))
    form.get_by_role("button", name="Post comment").click()
    alert = form.get_by_role("alert")
    expect(alert).to_have_text(re.compile("Something went wrong on our side; your text is still here"))
    expect(form.locator("textarea[name=body]")).to_have_value(TEXT)

    page.unroute("**/comments/post/")
    page.route("**/comments/post/", lambda route: route.abort("internetdisconnected"))
    form.get_by_role("button", name="Post comment").click()
    expect(form.get_by_role("alert")).to_have_text(re.compile("We could not reach the magazine"))
    expect(form.locator(".request-error")).to_have_count(1)
    expect(form.locator("textarea[name=body]")).to_have_value(TEXT)
    assert not Comment.objects.filter(author=member).exists()

    page.unroute("**/comments/post/")
    page.locator("form.comment-form").get_by_role("button", name="Post comment").click()
    expect(page.locator("ol.comment-list > li.comment", has_text="assumes capacity")).to_have_count(1)
    expect(page.locator(".request-error")).to_have_count(0)


def test_a_failed_rating_says_so_without_speaking_of_text(new_page, member_and_article):
    member, password, article = member_and_article
    page = new_page()
    sign_in(page, member.email, password, next_url=article.url)

    page.route("**/rating/", lambda route: route.fulfill(status=503, body="Unavailable"))
    page.locator("label[for=rating-star-4]").click()
    page.locator("#rating-submit").click()

    alert = page.locator("form.rating-form").get_by_role("alert")
    expect(alert).to_have_text("Something went wrong on our side; please try again.")
