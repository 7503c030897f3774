"""The reader's side of the discussion, as a GP meets it in a browser (issue 13): a post confirms itself (landing
on it, in view, with focus and a status a screen reader announces), and a session that ends while they type loses
nothing."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import assert_accessible, assert_no_sideways_scroll, browser_db, pass_notice, sign_in

pytestmark = [pytest.mark.browser, browser_db]

JS = pytest.mark.parametrize("js", [True, False], ids=["js", "no-js"])
PATIENT_DATA = "My patient, NHS number 943 476 5919, was sent home twice."


@pytest.fixture
def thread(transactional_db):
    from auscult.comments.models import CommentSettings
    from auscult.comments.tests.factories import make_comments
    from auscult.members.tests.factories import PASSWORD, MemberFactory
    from auscult.publishing.tests.factories import ArticlePageFactory

    CommentSettings.objects.update_or_create(defaults={"min_interval_seconds": 0})
    article = ArticlePageFactory(title="Winter pressures on general practice")
    make_comments(article, 25, author=MemberFactory(display_name="Dr Earlier"))
    return article, MemberFactory(display_name="Dr Lina P"), PASSWORD


def in_viewport(page, locator):
    box = locator.bounding_box()
    height = page.viewport_size["height"]
    return box is not None and box["y"] < height and box["y"] + box["height"] > 0


def status_of(page, js):
    """Where the page says what the member's post did: the article's status region (filled by htmx), or the
    messages of the page the redirect lands on."""
    return page.locator("#comment-status") if js else page.locator(".messages[role=status]")


@JS
def test_posting_confirms_itself(new_page, thread, js, device):
    article, member, password = thread
    page = new_page(js=js)
    sign_in(page, member.email, password, next_url=article.url)
    if js:  # the region is there, empty, before anything is posted: so it is announced when filled
        expect(page.locator("#comment-status[role=status]")).to_have_text("")

    # Reading at 20 a page: the new comment is the 26th, on page 2.
    page.locator("#comments-page-size").select_option("20")
    if not js:
        page.locator(".thread-controls__form").get_by_role("button", name="Show").click()
    expect(page.locator("ol.comment-list > li.comment")).to_have_count(20)

    page.locator("#comment-body-new").fill("Our practice saw the same in November.")
    page.get_by_role("button", name="Post comment").click()

    mine = page.locator("ol.comment-list > li.comment", has_text="saw the same in November")
    expect(mine).to_be_focused()
    expect(status_of(page, js)).to_contain_text("Your comment has been published.")
    assert in_viewport(page, mine)
    expect(page.locator("#comments-page-size")).to_have_value("20")
    expect(page.locator("ol.comment-list > li.comment")).to_have_count(6)  # page 2 of 26 at 20 a page

    # Held by the patient-data guard: told why, and brought to it where only its author sees it.
    page.locator("#comment-body-new").fill(PATIENT_DATA)
    page.get_by_role("button", name="Post comment").click()
    held = page.locator("#your-comments li.comment", has_text="sent home twice")
    expect(held).to_be_focused()
    expect(status_of(page, js)).to_contain_text("may identify a patient")
    assert in_viewport(page, held)


@JS
def test_a_session_that_ends_while_typing_loses_nothing(new_page, thread, js):
    from django.contrib.sessions.models import Session

    from auscult.comments.models import Comment

    article, member, password = thread
    page = new_page(js=js)
    sign_in(page, member.email, password, next_url=article.url)
    text = "A long answer, typed between patients.\n\nIt would be a shame to lose it."
    page.locator("#comment-body-new").fill(text)

    Session.objects.all().delete()  # the session ends on the server while the member types
    page.get_by_role("button", name="Post comment").click()

    # The whole sign-in page, never one swapped into the thread.
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next="))
    expect(page.locator("#comments")).to_have_count(0)
    expect(page.locator(".messages")).to_contain_text("What you wrote has been kept")
    page.locator("input[name=login]").fill(member.email)
    page.locator("input[name=password]").fill(password)
    page.locator("main form").get_by_role("button", name="Sign in").click()

    expect(page).to_have_url(re.compile(re.escape(article.url) + "#have-your-say$"))
    expect(page.locator("#comment-body-new")).to_have_value(text)
    expect(page.locator(".comment-form .form-note[role=status]")).to_contain_text("You were signed out")
    assert not Comment.objects.filter(author=member).exists()

    page.get_by_role("button", name="Post comment").click()  # one click
    mine = page.locator("ol.comment-list > li.comment", has_text="typed between patients")
    expect(mine).to_be_focused()
    assert Comment.objects.get(author=member).body.startswith("A long answer")


@JS
def test_recommending_by_keyboard_alone(new_page, thread, js):
    from auscult.comments.models import Comment

    article, member, password = thread
    page = new_page(js=js)
    sign_in(page, member.email, password, next_url=article.url)
    first = Comment.objects.filter(article_id=article.pk).order_by("pk").first()
    button = page.locator(f"#comment-{first.pk} .comment__recommend-button")
    expect(button).to_have_attribute("aria-pressed", "false")

    # From the comment's time link, Tab reaches Recommend; Enter presses it.
    page.locator(f"#comment-{first.pk} a.comment__time").focus()
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('comment__recommend-button')"):
            break
    expect(button).to_be_focused()
    page.keyboard.press("Enter")

    button = page.locator(f"#comment-{first.pk} .comment__recommend-button")
    expect(button).to_have_attribute("aria-pressed", "true")
    expect(page.locator(f"#recommendations-{first.pk}")).to_have_text("1 recommendation")
    if js:  # the button swapped in keeps the focus, so the keyboard user is where they were
        expect(button).to_be_focused()
    assert Comment.objects.get(pk=first.pk).recommend_count == 1

    # Taken back the same way (without JavaScript, once the page the first press led to has loaded: a key pressed
    # while it still loads may be lost).
    page.wait_for_load_state("load")
    button.focus()
    page.keyboard.press("Space")
    expect(page.locator(f"#comment-{first.pk} .comment__recommend-button")).to_have_attribute("aria-pressed", "false")
    expect(page.locator(f"#recommendations-{first.pk}")).to_have_text("")
    assert Comment.objects.get(pk=first.pk).recommend_count == 0


def test_comments_published_while_reading_are_offered(new_page, thread, settings):
    from auscult.comments.services import comment_post
    from auscult.members.tests.factories import MemberFactory

    settings.AUSCULT = {**settings.AUSCULT, "NEW_COMMENTS_POLL_SECONDS": 1}
    article, member, password = thread
    page = new_page()
    sign_in(page, member.email, password, next_url=article.url)
    expect(page.locator("#comments-new")).to_have_text("")

    for n in range(2):
        comment_post(article=article, author=MemberFactory(), body=f"Published while you read, number {n + 1}.")

    offer = page.locator("#comments-new button")
    expect(offer).to_have_text("2 new comments \u2014 show")
    expect(page.locator("#comments-heading")).to_contain_text("(27)")
    offer.focus()
    page.keyboard.press("Enter")  # by keyboard: it is a button

    expect(page.locator("ol.comment-list > li.comment", has_text="Published while you read")).to_have_count(2)
    expect(page.locator("#comments-heading")).to_be_focused()
    expect(page.locator("#comments-new")).to_have_text("")


@JS
def test_a_name_leads_to_the_members_profile_and_back_to_the_comment(new_page, thread, js, device):
    from django.utils import timezone

    from auscult.comments.models import Comment
    from auscult.comments.tests.factories import make_comments

    article, member, password = thread
    earlier = Comment.objects.filter(article_id=article.pk).order_by("pk").first().author
    shown = make_comments(article, 1, author=member, start=timezone.now())[0]
    page = new_page(js=js)

    # Turned on by the member in Edit profile, with the warning in front of them.
    sign_in(page, member.email, password, next_url="/account/profile/")
    expect(page.get_by_text("can make you recognisable")).to_be_visible()
    page.get_by_label("Show a public profile page").check()
    page.get_by_role("button", name="Save profile").click()
    page.get_by_role("link", name="My public profile").click()
    expect(page.locator("h1")).to_have_text("Dr Lina P")
    page.context.clear_cookies()

    # A visitor reading the thread: the name is a link; names without a profile are not.
    page.goto(article.url)
    pass_notice(page)
    page.goto(f"{article.url}?page=3")  # the newest, 26th comment
    expect(page.locator(".comment__name a", has_text=earlier.display_name)).to_have_count(0)
    page.locator(f"#comment-{shown.pk} .comment__name a").click()
    expect(page.locator("h1")).to_have_text("Dr Lina P")
    listed = page.locator(".member-profile__comments li.comment")
    expect(listed).to_have_count(1)
    if js:  # axe runs as a script
        assert_accessible(page, "a member's profile")
    assert_no_sideways_scroll(page, "a member's profile")

    listed.get_by_role("link", name=re.compile("Read it in the discussion")).click()
    assert page.url.endswith(f"?page=3#comment-{shown.pk}")
    expect(page.locator(f"#comment-{shown.pk}")).to_be_in_viewport()
