"""Notifications as a member meets them in a browser (issue 14): "Notifications (1)" in the masthead after a reply,
the list, the reply it leads to, and the e-mail choices, by keyboard too."""

import pytest
from playwright.sync_api import expect

from .conftest import assert_accessible, assert_no_sideways_scroll, browser_db, sign_in

pytestmark = [pytest.mark.browser, browser_db]

JS = pytest.mark.parametrize("js", [True, False], ids=["js", "no-js"])


@pytest.fixture
def answered(transactional_db):
    from auscult.comments.models import CommentSettings
    from auscult.comments.services import comment_post
    from auscult.members.tests.factories import PASSWORD, MemberFactory
    from auscult.publishing.tests.factories import ArticlePageFactory

    CommentSettings.objects.update_or_create(defaults={"min_interval_seconds": 0})
    article = ArticlePageFactory(title="Winter pressures on general practice")
    ana = MemberFactory(display_name="Dr Ana R")
    comment = comment_post(article=article, author=ana, body="Our rota has three gaps this week.")
    # Outside a test transaction, the reply's on-commit task runs as it would on the site.
    reply = comment_post(
        article=article, author=MemberFactory(display_name="Nurse Kit L"), body="Same here.", parent=comment
    )
    return article, ana, PASSWORD, reply


@JS
def test_a_reply_is_in_the_masthead_and_leads_to_itself(new_page, answered, js, device):
    article, ana, password, reply = answered
    page = new_page(js=js)
    sign_in(page, ana.email, password, next_url=article.url)

    item = page.locator(".account-nav__notifications")
    expect(item).to_have_text("Notifications (1) unread")
    item.click()
    expect(page.locator("h1")).to_contain_text("Notifications")
    entry = page.locator("li.notification--unread")
    expect(entry).to_contain_text("Nurse Kit L replied to your comment on “Winter pressures on general practice”")
    if js:
        assert_accessible(page, "the notifications page")
    assert_no_sideways_scroll(page, "the notifications page")

    entry.get_by_role("link").click()
    expect(page.locator(f"#comment-{reply.pk}")).to_be_in_viewport()
    expect(page.locator(".account-nav__notifications")).to_have_text("Notifications")


def test_email_choices_by_keyboard_alone(new_page, answered):
    from auscult.notifications.models import Preferences

    article, ana, password, reply = answered
    page = new_page()
    sign_in(page, ana.email, password, next_url="/account/notifications/preferences/")
    assert_accessible(page, "the e-mail choices")

    page.get_by_label("E-mail me when someone replies to my comments").focus()
    page.keyboard.press("Space")  # off
    page.get_by_label("Once a week").focus()
    page.keyboard.press("Space")
    page.get_by_role("button", name="Save choices").focus()
    page.keyboard.press("Enter")

    expect(page.locator(".messages[role=status]")).to_contain_text("Your e-mail choices are saved.")
    expect(page.get_by_label("Once a week")).to_be_checked()
    choices = Preferences.objects.get(member=ana)
    assert (choices.email_replies, choices.digest) == (False, "weekly")
