"""Every page type, signed out and signed in, desktop and phone: axe-core finds no serious or critical
violations, the page does not scroll sideways, the band and the footer frame it with nothing above or
below, and a screenshot of each is saved (docs/screenshots/ for the README with UPDATE_SCREENSHOTS=1)."""

import pytest

from .conftest import (
    assert_accessible,
    assert_framed_by_band_and_footer,
    assert_no_sideways_scroll,
    browser_db,
    pass_notice,
    shoot,
    sign_in,
    sign_in_to_admin,
)

pytestmark = [pytest.mark.browser, browser_db]


PUBLIC_PAGES = ["home", "section", "article", "author", "authors", "archive", "issue", "search"]


def check_layout(page, label):
    assert_no_sideways_scroll(page, label)
    assert_framed_by_band_and_footer(page, label)


def test_pages_signed_out(new_page, device, magazine):
    page = new_page()
    page.goto("/")
    assert "/notice/" in page.url
    shoot(page, "notice", device)
    assert_accessible(page, "the notice")
    check_layout(page, "the notice")
    pass_notice(page)
    page.wait_for_url("**/")

    for name in PUBLIC_PAGES:
        page.goto(magazine[name])
        assert page.locator("h1").count() == 1, f"{name} should have one h1"
        shoot(page, name, device)
        assert_accessible(page, name)
        check_layout(page, name)

    for name, url in [("sign-in", "/accounts/login/"), ("register", "/accounts/signup/")]:
        page.goto(url)
        shoot(page, name, device)
        assert_accessible(page, name)
        check_layout(page, name)


def test_pages_signed_in(new_page, device, magazine):
    page = new_page()
    sign_in(page, "member1@auscult.example", "auscult-member1")
    assert page.get_by_role("link", name="My account").is_visible()

    for name in [*PUBLIC_PAGES, "account"]:
        page.goto(magazine.get(name, "/account/"))
        assert page.locator("h1").count() == 1, f"{name} should have one h1"
        if name in ("article", "account"):
            shoot(page, f"{name}-signed-in", device)
        assert_accessible(page, f"{name} (signed in)")
        check_layout(page, f"{name} (signed in)")


def test_moderation_queue(new_page, device, magazine):
    """The queue (Wagtail's admin around our template): checked by axe within our own markup."""
    from auscult.comments.models import Comment, CommentStatus

    held = Comment.objects.filter(status=CommentStatus.PUBLISHED).first()
    held.status = CommentStatus.PENDING
    held.held_reason = "premoderation"
    held.save()

    page = new_page()
    sign_in_to_admin(page, "moderator", "auscult-moderator")
    page.goto("/admin/moderation/")
    page.locator(".mod-item").first.wait_for()
    shoot(page, "moderation-queue", device)
    assert_accessible(page, "the moderation queue", include=["#main"])
    assert_no_sideways_scroll(page, "the moderation queue")
