"""The parts every page shows (section navigation, latest print issue, tagline), cached as one
plain dict so a page pays nothing for them; signals drop the cache when any of them changes.
A copy goes to disk (`auscult.core.chrome_snapshot`) for the error pages shown when the database
and the cache are down."""

from django.conf import settings
from django.core.cache import cache

from auscult.core.chrome_snapshot import chrome_snapshot_save

from .images import picture_data

CHROME_CACHE_KEY = "publishing:chrome:v1"
CHROME_TIMEOUT = 60 * 60 * 24


def build_chrome():
    from .models import HomePage, MagazineSettings, PrintIssueIndexPage, PrintIssuePage, SectionPage

    magazine = MagazineSettings.load()
    home = HomePage.objects.live().first()
    sections = []
    if home:
        sections = [
            {"title": s.title, "url": s.url, "kind": s.kind}
            for s in SectionPage.objects.live().child_of(home).order_by("path")
        ]
    issue = PrintIssuePage.objects.live().select_related("cover", "edition_document").order_by("-issue_date").first()
    latest_issue = None
    if issue:
        latest_issue = {
            "title": issue.title,
            "url": issue.url,
            "read_url": issue.edition_link,
            "cover": None,
        }
        if issue.cover:
            # The renditions that exist (the original till they do: image_signals drops this when they are made).
            latest_issue["cover"] = {
                **picture_data(issue.cover, "masthead"),
                "alt": f"Cover of the {issue.title} issue",
            }
    archive = PrintIssueIndexPage.objects.live().first()
    return {
        "archive_url": archive.url if archive else None,
        "home_url": home.url if home else "/",
        "sections": sections,
        "latest_issue": latest_issue,
        "tagline": magazine.tagline,
        "about": magazine.about,
        "publisher": magazine.publisher,
        "social_handle": magazine.social_handle,
    }


def get_chrome():
    chrome = cache.get(CHROME_CACHE_KEY)
    if chrome is None:
        chrome = build_chrome()
        cache.set(CHROME_CACHE_KEY, chrome, CHROME_TIMEOUT)
    # Also when the chrome came from the cache: a new process or machine has no snapshot yet.
    # It does nothing when this process has already written the same chrome.
    chrome_snapshot_save(
        site_name=settings.WAGTAIL_SITE_NAME,
        tagline=chrome["tagline"],
        home_url=chrome["home_url"],
        sections=chrome["sections"],
    )
    return chrome


def invalidate_chrome():
    cache.delete(CHROME_CACHE_KEY)
