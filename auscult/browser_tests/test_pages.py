"""Every page type, signed out and signed in, desktop and phone: axe-core finds no serious or critical
violations, and a screenshot of each is saved under docs/screenshots/ for the README."""

import pytest

from .conftest import assert_accessible, browser_db, pass_notice, shoot, sign_in

pytestmark = [pytest.mark.browser, browser_db]


@pytest.fixture
def magazine(transactional_db):
    """A small generated demo magazine (same seed, same magazine) with its demo accounts."""
    from auscult.publishing.demo.seed import SeedOptions, seed
    from auscult.publishing.models import ArticlePage, Author, PrintIssueIndexPage, PrintIssuePage, SectionPage

    seed(SeedOptions(articles=16, authors=4, issues=3, members=2, readers=12))
    article = ArticlePage.objects.live().filter(comments__isnull=False).order_by("-publication_date").first()
    return {
        "home": "/",
        "section": SectionPage.objects.live().order_by("path").first().url,
        "article": article.url,
        "author": Author.objects.order_by("pk").first().get_absolute_url(),
        "authors": "/authors/",
        "archive": PrintIssueIndexPage.objects.get().url,
        "issue": PrintIssuePage.objects.live().order_by("-issue_date").first().url,
        "search": "/search/?q=practice",
    }


PUBLIC_PAGES = ["home", "section", "article", "author", "authors", "archive", "issue", "search"]


def test_pages_signed_out(new_page, device, magazine):
    page = new_page()
    page.goto("/")
    assert "/notice/" in page.url
    shoot(page, "notice", device)
    assert_accessible(page, "the notice")
    pass_notice(page)
    page.wait_for_url("**/")

    for name in PUBLIC_PAGES:
        page.goto(magazine[name])
        assert page.locator("h1").count() == 1, f"{name} should have one h1"
        shoot(page, name, device)
        assert_accessible(page, name)

    for name, url in [("sign-in", "/accounts/login/"), ("register", "/accounts/signup/")]:
        page.goto(url)
        shoot(page, name, device)
        assert_accessible(page, name)


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


def test_moderation_queue(new_page, device, magazine):
    """The queue (Wagtail's admin around our template): checked by axe within our own markup."""
    from auscult.comments.models import Comment, CommentStatus

    held = Comment.objects.filter(status=CommentStatus.PUBLISHED).first()
    held.status = CommentStatus.PENDING
    held.held_reason = "premoderation"
    held.save()

    page = new_page()
    page.goto("/admin/login/")
    page.get_by_label("Username").fill("moderator")
    page.get_by_label("Password").fill("auscult-moderator")
    page.get_by_role("button", name="Sign in").click()
    page.goto("/admin/moderation/")
    page.locator(".mod-item").first.wait_for()
    shoot(page, "moderation-queue", device)
    assert_accessible(page, "the moderation queue", include=["#main"])
