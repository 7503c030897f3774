"""The Content-Security-Policy and Permissions-Policy headers as Chromium enforces them: nothing on the public
pages or in Wagtail's admin (editor, preview panel, choosers) is refused. The rest of the browser suite
bypasses CSP (axe is injected inline), so this is the test that the policies and the pages agree."""

import pytest
from playwright.sync_api import expect

from .conftest import browser_db, pass_notice, sign_in

pytestmark = [pytest.mark.browser, browser_db]

RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(
  `${e.violatedDirective} refused ${e.blockedURI || 'inline'} in ${e.documentURI}`));
"""


@pytest.fixture
def enforcing(browser, live_server):
    """enforcing() -> a page whose CSP is enforced, and the list its refusals and header errors go to."""
    contexts, problems = [], []

    def make():
        context = browser.new_context(base_url=live_server.url, locale="en-GB", timezone_id="Europe/London")
        context.set_default_timeout(15_000)
        context.add_init_script(RECORD_VIOLATIONS)
        # Images and anything else from another host: none is expected, and the machine may be offline.
        context.route(lambda url: not url.startswith(live_server.url), lambda route: route.abort())
        contexts.append(context)
        page = context.new_page()
        page.on("pageerror", lambda error: problems.append(f"JavaScript error: {error}"))
        page.on(
            "console",
            lambda message: "Policy" in message.text and problems.append(f"{page.url}: {message.text}"),
        )
        return page

    yield make, problems
    for context in contexts:
        context.close()


def refused(page):
    return page.evaluate("window.__violations")


def visit(page, path, problems):
    page.goto(path)
    page.wait_for_load_state("networkidle")
    problems.extend(refused(page))


def test_public_pages_run_under_their_policy(enforcing, magazine):
    from auscult.members.tests.factories import PASSWORD, MemberFactory

    make, problems = enforcing
    visitor = make()
    visitor.goto(magazine["home"])
    pass_notice(visitor)
    for path in ("home", "section", "article", "author", "archive", "issue", "search"):
        visit(visitor, magazine[path], problems)

    member = make()
    MemberFactory(email="csp@example.com")
    sign_in(member, "csp@example.com", PASSWORD, next_url=magazine["article"])
    visit(member, magazine["article"], problems)
    member.locator("label[for=rating-star-4]").click()
    member.locator("#rating-submit").click()  # htmx swaps the rating block in
    expect(member.locator(".rating-own__text")).to_contain_text("4")
    member.locator("ol.comment-list").get_by_role("link", name="Reply").first.click()  # and a reply form
    expect(member.locator("[id^=reply-slot-] textarea").first).to_be_visible()
    problems.extend(refused(member))
    visit(member, "/account/", problems)

    assert problems == []


def test_the_admin_runs_under_its_policy(enforcing, magazine):
    from auscult.members.tests.factories import PASSWORD, MemberFactory
    from auscult.publishing.models import ArticlePage

    make, problems = enforcing
    MemberFactory(username="boss", is_staff=True, is_superuser=True)
    article = ArticlePage.objects.live().first()
    page = make()
    page.goto("/admin/login/")
    page.get_by_label("Username").fill("boss")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(lambda url: "/admin/login/" not in url)
    for path in (
        "/admin/",
        "/admin/pages/",
        "/admin/moderation/",
        "/admin/moderation/audit/",  # date pickers: inline start-up scripts
        "/admin/registrations/",
        "/admin/snippets/publishing/author/add/",
        "/admin/images/multiple/add/",
        "/admin/settings/publishing/magazinesettings/",
        "/admin/users/",
    ):
        visit(page, path, problems)

    visit(page, f"/admin/pages/{article.pk}/edit/", problems)  # rich text, inline panels, choosers
    page.locator("button[data-side-panel-toggle=preview]").first.click()
    expect(page.locator("iframe[data-w-preview-target=iframe], #preview-iframe").first).to_be_attached()
    page.wait_for_timeout(2000)  # the preview loads in its frame
    problems.extend(refused(page))

    visit(page, "/admin/snippets/publishing/author/add/", problems)
    page.locator("button.chooser__choose-button").first.click()  # the image chooser's modal
    expect(page.locator(".modal-content")).to_be_visible()
    problems.extend(refused(page))

    assert problems == []


def test_the_api_docs_run_under_the_sites_policy_from_our_own_files(enforcing, magazine):
    """Swagger UI at /api/v1/docs, from django-ninja's bundled files: it draws every part of the API and can try
    a call, with nothing refused by the CSP and nothing fetched from another host (the context aborts those)."""
    make, problems = enforcing
    page = make()
    outside = []
    page.on(
        "request",
        lambda request: "/static/" not in request.url and "/api/" not in request.url and outside.append(request.url),
    )
    visit(page, "/api/v1/docs", problems)
    for tag in ("content", "comments", "ratings", "me", "moderation"):
        expect(page.locator(f"#operations-tag-{tag}")).to_be_visible()
    page.locator("#operations-content-articles_list .opblock-summary").click()
    page.get_by_role("button", name="Try it out").click()
    page.get_by_role("button", name="Execute").click()
    answered = page.locator("#operations-content-articles_list .live-responses-table .response .response-col_status")
    expect(answered).to_have_text("200")
    problems.extend(refused(page))
    assert problems == []
    assert [url for url in outside if not url.endswith("/api/v1/docs")] == []
