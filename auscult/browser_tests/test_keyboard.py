"""The rating control, comment form, pagination and report dialog work from the keyboard alone,
with a visible focus ring (issue 6's accessibility list; the moderation queue is in test_journeys)."""

import pytest
from playwright.sync_api import expect

from .conftest import browser_db, sign_in

pytestmark = [pytest.mark.browser, browser_db]

FOCUS_RING = """el => {
  const target = (el.type === 'radio' && el.labels.length) ? el.labels[0] : el;
  const style = getComputedStyle(target);
  return style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
}"""


@pytest.fixture
def thread(transactional_db):
    from auscult.comments.tests.factories import make_comments
    from auscult.members.tests.factories import PASSWORD, MemberFactory
    from auscult.publishing.tests.factories import ArticlePageFactory

    article = ArticlePageFactory(title="Keyboard only")
    make_comments(article, 12, author=MemberFactory(display_name="Dr Other Writer"))
    reader = MemberFactory(email="keys@example.com")
    return article, reader, PASSWORD


def focused(page):
    return page.evaluate_handle("document.activeElement")


def test_everything_by_keyboard_with_a_visible_focus(new_page, thread):
    article, reader, password = thread
    page = new_page()
    sign_in(page, reader.email, password, next_url=article.url)

    # Rating: focus the stars, move with the arrow keys, Tab to "Rate", Enter.
    page.locator("#rating-star-1").focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    assert page.evaluate(FOCUS_RING, focused(page)), "the focused star shows no focus ring"
    expect(page.locator("#rating-star-4")).to_be_checked()
    page.keyboard.press("Tab")
    expect(page.locator("#rating-submit")).to_be_focused()
    assert page.evaluate(FOCUS_RING, focused(page))
    page.keyboard.press("Enter")
    expect(page.locator("#rating")).to_contain_text("4 stars")
    # htmx moves focus to the rating's status message once the new block has settled: wait for it,
    # so the next steps do not race it.
    expect(page.locator("#rating .rating-message")).to_be_focused()

    # Pagination: a focused "Next" link opens page 2.
    next_link = page.locator(".pagination--comments a[rel=next]")
    next_link.focus()
    assert page.evaluate(FOCUS_RING, focused(page))
    page.keyboard.press("Enter")
    expect(page.locator(".pagination--comments [aria-current=page]")).to_have_text("2")

    # Report dialog: Enter on the link opens the form in place; Space picks a reason; Enter sends.
    report = page.locator(".comment__report").first
    report.focus()
    assert page.evaluate(FOCUS_RING, focused(page))
    page.keyboard.press("Enter")
    first_reason = page.locator(".report-form input[name=reason]").first
    expect(first_reason).to_be_visible()
    first_reason.focus()
    page.keyboard.press("Space")
    expect(first_reason).to_be_checked()
    page.locator(".report-form button[type=submit]").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_text("Thank you for your report")).to_be_visible()

    # Comment form: type in the box, Tab to the button, Enter posts it.
    box = page.locator("#comment-body-new")
    box.focus()
    assert page.evaluate(FOCUS_RING, focused(page))
    page.keyboard.type("Typed without a mouse.")
    page.keyboard.press("Tab")
    expect(page.locator(".comment-form button[type=submit]")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("#comments")).to_contain_text("Typed without a mouse.")
