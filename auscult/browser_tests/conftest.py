"""Fixtures for the browser suite: Playwright's sync API driving Debian's Chromium against `live_server`.

Run with `bin/test-browser` (or `.venv/bin/python -m pytest -m browser`); the unit suites leave these
tests out (`-m "not browser"` in pyproject's addopts). Playwright runs in the test's own thread while
the live server answers from another, so the database must be shared: every test here uses
`django_db(transaction=True, serialized_rollback=True)`, which also brings back the home page and the
groups that migrations create after each test's flush.
"""

import json
import os
import shutil
from pathlib import Path

import pytest

# Playwright's sync API keeps an asyncio loop in this thread; the ORM calls the tests make between
# browser steps are ordinary synchronous calls, so Django's async guard must not refuse them.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
# Every run writes its screenshots under var/ (ignored by git), so running the tests leaves the working
# tree clean; UPDATE_SCREENSHOTS=1 writes the README's copies in docs/screenshots/ instead.
SCREENSHOTS = REPO / ("docs" if os.environ.get("UPDATE_SCREENSHOTS") == "1" else "var") / "screenshots"
AXE = HERE / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

DEVICES = {
    "desktop": {"viewport": {"width": 1280, "height": 900}},
    "phone": {
        "viewport": {"width": 390, "height": 844},
        "is_mobile": True,
        "has_touch": True,
        "device_scale_factor": 2,
    },
}

browser_db = pytest.mark.django_db(transaction=True, serialized_rollback=True)


_running = {}


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    """Start Playwright and Chromium before the first browser test sets up its database.

    Playwright's sync API leaves an asyncio loop running in the main thread, and from then on asgiref's
    Local (behind `django.db.connections`) hands out connection objects for that loop's context. If
    the test database were created before the loop started, the tests would get a new connection
    object without the `_test_serialized_contents` Django keeps for serialized rollback, and the
    home page and groups that migrations create would not come back after each test's flush."""
    if "browser" not in _running and item.get_closest_marker("browser"):
        from playwright.sync_api import expect, sync_playwright

        if not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists():
            pytest.fail(f"Chromium not found at {CHROMIUM}: run bin/test-browser, which installs it with apt")
        expect.set_options(timeout=10_000)  # a busy two-core CI machine is slower than a laptop
        _running["playwright"] = sync_playwright().start()
        _running["browser"] = _running["playwright"].chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )


def pytest_sessionfinish(session):
    if "browser" in _running:
        _running.pop("browser").close()
        _running.pop("playwright").stop()


@pytest.fixture(scope="session")
def browser():
    return _running["browser"]


@pytest.fixture(params=list(DEVICES))
def device(request):
    return request.param


@pytest.fixture
def new_page(browser, device, live_server):
    """new_page(js=True) -> a page in a fresh context (its own cookies) at this test's device size."""
    contexts = []

    def make(js=True):
        context = browser.new_context(
            base_url=live_server.url,
            java_script_enabled=js,
            # axe is injected as an inline script, which our Content-Security-Policy rightly refuses.
            bypass_csp=True,
            locale="en-GB",
            timezone_id="Europe/London",
            reduced_motion="reduce",
            **DEVICES[device],
        )
        context.set_default_timeout(15_000)
        contexts.append(context)
        # Uploaded images: DEBUG is off in tests, so the live server does not serve MEDIA_ROOT; the
        # browser is given the files directly, so pages and screenshots show real covers and photos.
        context.route("**/media/**", _serve_media)
        page = context.new_page()
        page.on("pageerror", lambda error: errors.append(str(error)))
        return page

    errors = []
    yield make
    for context in contexts:
        context.close()
    assert not errors, f"JavaScript errors on the page: {errors}"


def _serve_media(route):
    from urllib.parse import unquote, urlsplit

    from django.conf import settings

    relative = unquote(urlsplit(route.request.url).path).removeprefix(settings.MEDIA_URL)
    path = (Path(settings.MEDIA_ROOT) / relative).resolve()
    if path.is_file() and Path(settings.MEDIA_ROOT).resolve() in path.parents:
        route.fulfill(path=str(path))
    else:
        route.fulfill(status=404, body="not found")


@pytest.fixture(autouse=True)
def _quiet_site(transactional_db):
    """Site settings that let one member post, reply and rate in a few seconds."""
    from auscult.comments.models import CommentSettings

    settings = CommentSettings.load()
    settings.min_interval_seconds = 0
    settings.save()


@pytest.fixture
def magazine(transactional_db):
    """A small generated demo magazine (same seed, same magazine) with its demo accounts."""
    from auscult.demo.seed import SeedOptions, seed
    from auscult.publishing.models import ArticlePage, Author, PrintIssueIndexPage, PrintIssuePage, SectionPage

    seed(SeedOptions(articles=16, authors=4, issues=3, members=2, readers=12))
    article = ArticlePage.objects.live().filter(comments__isnull=False).order_by("-publication_date").first()
    return {
        "home": "/",
        "section": SectionPage.objects.live().order_by("path").first().url,
        "article": article.url,
        "article_id": article.pk,
        "author": Author.objects.order_by("pk").first().get_absolute_url(),
        "authors": "/authors/",
        "archive": PrintIssueIndexPage.objects.get().url,
        "issue": PrintIssuePage.objects.live().order_by("-issue_date").first().url,
        "search": "/search/?q=practice",
    }


def pass_notice(page):
    """Confirm the professionals-only notice on whatever page asked for it."""
    page.get_by_role("button", name="I am a health professional").click()


def sign_in(page, email, password, next_url="/"):
    """Sign a member in with the real form (the sign-in page is exempt from the notice)."""
    page.goto(f"/accounts/login/?next={next_url}")
    page.locator("input[name=login]").fill(email)
    page.locator("input[name=password]").fill(password)
    page.locator("main form").get_by_role("button", name="Sign in").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def shoot(page, name, device):
    """Save a screenshot as <name>-<device>.png under var/screenshots/ (docs/screenshots/, which the
    README shows, with UPDATE_SCREENSHOTS=1)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}-{device}.png"), animations="disabled", caret="hide")


def axe_violations(page, *, include=(), exclude=()):
    """axe-core's serious and critical violations on the page as it stands, as readable lines."""
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `npm ci` in {HERE} (bin/test-browser does)")
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=AXE.read_text())
    context = {}
    if include:
        context["include"] = [[selector] for selector in include]
    if exclude:
        context["exclude"] = [[selector] for selector in exclude]
    result = page.evaluate(
        "async (context) => await axe.run(Object.keys(context).length ? context : document,"
        " {resultTypes: ['violations']})",
        context,
    )
    lines = []
    for violation in result["violations"]:
        if violation["impact"] not in ("serious", "critical"):
            continue
        for node in violation["nodes"]:
            lines.append(
                f"{violation['impact']}: {violation['id']} ({violation['help']}) at {json.dumps(node['target'])}:"
                f" {node.get('failureSummary', '').splitlines()[-1] if node.get('failureSummary') else ''}"
                f"\n    {node['html'][:200]}"
            )
    return lines


def assert_accessible(page, label, **kwargs):
    lines = axe_violations(page, **kwargs)
    assert not lines, f"axe found serious or critical violations on {label} ({page.url}):\n" + "\n".join(lines)


def sign_in_to_admin(page, username, password):
    page.goto("/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(lambda url: "/admin/login/" not in url)


def assert_no_sideways_scroll(page, label):
    """The page is no wider than the viewport; on failure, name what sticks out (outside any scroller)."""
    width = page.evaluate(
        """() => {
          const root = document.documentElement;
          const inScroller = (element) => {
            for (let e = element.parentElement; e && e !== document.body; e = e.parentElement) {
              if (getComputedStyle(e).overflowX !== "visible") return true;
            }
            return false;
          };
          const wide = [...document.body.querySelectorAll("*")]
            .filter((e) => e.getBoundingClientRect().right > root.clientWidth + 0.5 && !inScroller(e))
            .slice(0, 5)
            .map((e) => `${e.tagName.toLowerCase()}.${[...e.classList].join(".")}`
              + ` (${Math.round(e.getBoundingClientRect().right)}px)`);
          return {scroll: root.scrollWidth, client: root.clientWidth, wide};
        }"""
    )
    assert width["scroll"] <= width["client"], (
        f"{label} scrolls sideways ({width['scroll']}px wide in a {width['client']}px viewport): {width['wide']}"
    )


def assert_framed_by_band_and_footer(page, label):
    """The professionals-only band is the first thing on the page and the footer the last: the body has
    nothing with height above the band or below the footer (issue 9's stray strips)."""
    edges = page.evaluate(
        """() => {
          const top = (e) => e.getBoundingClientRect().top + window.scrollY;
          const bottom = (e) => e.getBoundingClientRect().bottom + window.scrollY;
          const root = document.documentElement;
          return {
            band: top(document.querySelector(".band")), bodyTop: top(document.body),
            footer: bottom(document.querySelector(".site-footer")), bodyBottom: bottom(document.body),
            page: Math.max(root.scrollHeight, bottom(document.body)),
          };
        }"""
    )
    assert edges["band"] == edges["bodyTop"] == 0, f"something above the band on {label}: {edges}"
    assert abs(edges["footer"] - edges["bodyBottom"]) < 1, f"something below the footer on {label}: {edges}"
    assert edges["page"] - edges["footer"] < 1 or edges["page"] <= page.viewport_size["height"], (
        f"the page goes on below the footer on {label}: {edges}"
    )
