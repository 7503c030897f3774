"""At phone size (390×844): the headline is on the first screen, the sections row shows there is more
and reaches its last section by keyboard with JavaScript on or off, and the moderation queue fits.

Sideways scrolling and the band-and-footer frame are checked on every page type, at both sizes, in
test_pages.py."""

import pytest
from playwright.sync_api import expect

from .conftest import assert_accessible, assert_no_sideways_scroll, browser_db, pass_notice, sign_in, sign_in_to_admin

pytestmark = [pytest.mark.browser, browser_db, pytest.mark.parametrize("device", ["phone"])]

# Longer than any headline the demo generates, so the test holds for the long ones editors write.
LONG_HEADLINE = (
    "GP partners in three regions warn the new access standard cannot be met this winter without"
    " money for more clinical staff"
)


def box_in_viewport(page, locator):
    """The element's box relative to the viewport, and whether all of it is inside the viewport."""
    box = locator.bounding_box()
    viewport = page.viewport_size
    inside = box["x"] >= 0 and box["y"] >= 0 and box["x"] + box["width"] <= viewport["width"]
    return box, inside and box["y"] + box["height"] <= viewport["height"]


def test_an_articles_headline_is_on_the_first_screen(new_page, magazine):
    from auscult.publishing.models import ArticlePage

    article = ArticlePage.objects.get(pk=magazine["article_id"])
    article.title = LONG_HEADLINE
    article.save_revision().publish()

    visitor = new_page()
    visitor.goto(article.url)
    pass_notice(visitor)
    visitor.wait_for_url(f"**{article.url}")
    headline = visitor.get_by_role("heading", level=1)
    expect(headline).to_have_text(LONG_HEADLINE)
    box, inside = box_in_viewport(visitor, headline)
    assert inside, f"the headline is not all on the first screen for a visitor: {box}"
    assert_no_sideways_scroll(visitor, "an article with a long headline")

    # A member who has just signed in also has the "signed in" message above the article.
    member = new_page()
    sign_in(member, "member1@auscult.example", "auscult-member1", next_url=article.url)
    expect(member.locator(".messages")).to_be_visible()
    box, inside = box_in_viewport(member, member.get_by_role("heading", level=1))
    assert inside, f"the headline is not all on the first screen after signing in: {box}"


def sections_row(page):
    """The sections list's geometry and the computed style of its overflow cue (its ::after)."""
    return page.locator(".sections-nav__list").evaluate(
        """(list) => {
          const cue = getComputedStyle(list, "::after");
          const box = list.getBoundingClientRect();
          return {
            overflows: list.scrollWidth > list.clientWidth,
            atEnd: list.scrollLeft + list.clientWidth >= list.scrollWidth - 1,
            right: box.right, cueWidth: parseFloat(cue.width), cueOpacity: parseFloat(cue.opacity),
            cueShown: cue.display !== "none" && cue.visibility !== "hidden" && parseFloat(cue.opacity) > 0,
          };
        }"""
    )


@pytest.mark.parametrize("js", [True, False], ids=["js", "nojs"])
def test_the_sections_row_shows_there_is_more_and_reaches_the_last_section(new_page, magazine, js):
    from auscult.publishing.models import SectionPage

    last_section = SectionPage.objects.live().order_by("path").last()
    page = new_page(js=js)
    page.goto("/")
    pass_notice(page)
    page.wait_for_url("**/")

    nav = page.get_by_role("navigation", name="Sections")
    links = nav.get_by_role("listitem").get_by_role("link")
    last = links.last
    expect(last).to_have_text(last_section.title)
    row = sections_row(page)
    assert row["overflows"], "the sections should be one row that scrolls on a phone"
    assert row["cueShown"] and row["cueWidth"] >= 24, f"no cue that there are more sections: {row}"
    _, inside = box_in_viewport(page, last)
    assert not inside, "the last section should start out of sight"
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    # Swiped to its end, the row has nothing more to show and the cue goes (scroll-state queries follow
    # the scroll on the next frame, hence the few tries).
    page.locator(".sections-nav__list").evaluate("(list) => list.scrollTo({left: list.scrollWidth})")
    for _ in range(20):
        row = sections_row(page)
        if row["cueOpacity"] == 0:
            break
        page.wait_for_timeout(50)
    assert row["atEnd"] and row["cueOpacity"] == 0, f"the cue should go at the end of the row: {row}"
    page.locator(".sections-nav__list").evaluate("(list) => list.scrollTo({left: 0})")

    # By keyboard: Tab along the row; the link with focus is always wholly on screen, under no cue.
    links.first.focus()
    for _ in range(links.count() - 1):
        page.keyboard.press("Tab")
        focused = page.locator(":focus")
        box, inside = box_in_viewport(page, focused)
        assert inside, f"{focused.inner_text()} has focus but is not all on screen: {box}"
        assert not sections_row(page)["cueShown"], "the cue should not cover the link with focus"
    expect(last).to_be_focused()

    if js:
        assert_accessible(page, "the masthead on a phone", include=[".masthead"])
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{last_section.url}")
    expect(page.get_by_role("heading", level=1)).to_have_text(last_section.title)
    expect(nav.get_by_role("link", name=last_section.title)).to_have_attribute("aria-current", "page")


def test_the_moderation_queue_fits_a_phone(new_page, magazine):
    from auscult.comments.models import Comment, CommentStatus

    for comment in Comment.objects.filter(status=CommentStatus.PUBLISHED, parent__isnull=True).order_by("pk")[:2]:
        comment.status = CommentStatus.PENDING
        comment.held_reason = "premoderation"
        comment.save()

    page = new_page()
    sign_in_to_admin(page, "moderator", "auscult-moderator")
    page.goto("/admin/moderation/")
    item = page.locator(".mod-item").first
    item.wait_for()
    assert_no_sideways_scroll(page, "the moderation queue")

    viewport = page.viewport_size["width"]
    cut_off = page.locator("#main").evaluate(
        """(main, width) => [...main.querySelectorAll("*")]
          .filter((e) => {
            const r = e.getBoundingClientRect();
            return r.width && (r.left < -0.5 || r.right > width + 0.5);
          })
          .slice(0, 5).map((e) => e.outerHTML.slice(0, 120))""",
        viewport,
    )
    assert not cut_off, f"parts of the queue are outside the screen: {cut_off}"

    # Readable: the comment takes the row's whole width, the member's details follow it.
    body = item.locator(".mod-item__body").bounding_box()
    member = item.locator(".mod-item__member").bounding_box()
    assert body["width"] >= 0.8 * item.bounding_box()["width"] - 40, f"the comment is squeezed: {body}"
    assert member["y"] >= body["y"] + body["height"], "the member's details should come after the comment"

    # The decisions are in reach: visible, inside the screen, large enough to tap, and they work.
    for name in ("Approve", "Reject"):
        button = item.get_by_role("button", name=name)
        button.scroll_into_view_if_needed()
        box, inside = box_in_viewport(page, button)
        assert inside and box["height"] >= 24, f"{name} is not comfortably in reach: {box}"
    decided = item.get_attribute("data-comment")
    item.get_by_role("button", name="Approve").click()
    expect(page.get_by_text("Approved 1 comment")).to_be_visible()
    expect(page.locator(f"#mod-{decided}")).to_have_count(0)
    assert_no_sideways_scroll(page, "the moderation queue after a decision")
