"""What a reader sees on each page type."""

import json
from datetime import timedelta
from io import StringIO

import pytest
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.utils import timezone
from lxml import html

from auscult.publishing.models import PrintIssueContentsItem, PrintIssueIndexPage, PrintIssuePage, SectionKind

from .factories import (
    ArticlePageFactory,
    AuthorFactory,
    ImageFactory,
    SectionPageFactory,
    heading,
    home_page,
    paragraph,
    pull_quote,
)

pytestmark = pytest.mark.django_db

BAND = "This site is intended for health professionals only"


@pytest.fixture
def print_issue():
    index = PrintIssueIndexPage(title="Print archive", slug="issues")
    home_page().add_child(instance=index)
    index.save_revision().publish()
    issue = PrintIssuePage(
        title="June 2026",
        slug="2026-06",
        issue_date="2026-06-01",
        cover=ImageFactory(title="June cover"),
        edition_url="https://editions.example.com/june-2026/",
    )
    index.add_child(instance=issue)
    issue.save_revision().publish()
    return issue


@pytest.fixture
def article():
    author = AuthorFactory(
        name="Dr Amara Whitlock",
        role="GP partner in Bristol",
        social_handle="@amarawgp",
        contact_email="amara@example.com",
        photo=ImageFactory(title="Portrait of Dr Amara Whitlock"),
    )
    section = SectionPageFactory(title="Opinion", slug="opinion", kind=SectionKind.OPINION)
    return ArticlePageFactory(
        parent=section,
        title="Why the new access rules miss the point",
        slug="access-rules-miss-the-point",
        standfirst="Counting calls answered tells us nothing about whether patients are seen well.",
        editors_note="<p>Comments on this piece are pre-moderated.</p>",
        image=ImageFactory(title="A busy waiting room"),
        authors=[author],
        body=[
            paragraph("Monday mornings in our practice start with a queue at the door."),
            heading("What the data leave out"),
            pull_quote("Continuity is not a luxury; it is the treatment.", "Dr Amara Whitlock"),
            paragraph("The contract rewards speed over continuity of care."),
        ],
    )


def get_doc(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, response.content[:500]
    return response, html.fromstring(response.content)


def text_of(doc, selector):
    return " ".join(" ".join(el.text_content().split()) for el in doc.cssselect(selector))


def test_article_page_shows_the_full_anatomy(client, article, print_issue):
    response, doc = get_doc(client, article.url)

    assert text_of(doc, ".band") == BAND
    assert text_of(doc, "h1") == "Why the new access rules miss the point"
    assert text_of(doc, ".kicker").startswith("Opinion")
    assert "Counting calls answered" in text_of(doc, ".article__standfirst")
    assert "Dr Amara Whitlock" in text_of(doc, ".byline")
    assert doc.cssselect(".byline__photo")
    assert article.display_date.strftime("%Y") in text_of(doc, ".byline__date")
    assert "Comments on this piece are pre-moderated." in text_of(doc, ".editors-note")
    assert "Continuity is not a luxury; it is the treatment." in text_of(doc, ".pull-quote blockquote")
    assert text_of(doc, ".pull-quote figcaption") == "Dr Amara Whitlock"
    assert text_of(doc, ".body-heading") == "What the data leave out"
    bio = text_of(doc, ".author-bio")
    assert "GP partner in Bristol" in bio and "@amarawgp" in bio and "amara@example.com" in bio
    assert "Read the latest issue online" in text_of(doc, ".issue-promo")
    assert doc.cssselect(".issue-promo a")[-1].get("href") == "https://editions.example.com/june-2026/"
    assert "June 2026" in text_of(doc, ".issue-promo")
    # The rating and comment blocks have their places reserved.
    assert doc.cssselect("#rating") and doc.cssselect("#comments") and doc.cssselect("#have-your-say")
    # Landmarks a screen reader relies on.
    assert doc.cssselect("header[role=banner]") and doc.cssselect("main#main") and doc.cssselect("footer")
    assert all(img.get("alt") is not None for img in doc.cssselect("img"))


def test_article_page_metadata(client, article):
    call_command("make_renditions", stdout=StringIO())  # what the task after publishing makes (never the request)
    _, doc = get_doc(client, article.url)

    assert doc.findtext(".//title").startswith("Why the new access rules miss the point")
    assert doc.cssselect("meta[name=description]")[0].get("content") == article.standfirst
    canonical = doc.cssselect("link[rel=canonical]")[0].get("href")
    assert canonical == "http://localhost/opinion/access-rules-miss-the-point/"
    og = {m.get("property"): m.get("content") for m in doc.cssselect("meta[property^='og:']")}
    assert og["og:title"] == article.title
    assert og["og:type"] == "article"
    assert og["og:url"] == canonical
    assert og["og:image"].startswith("http://localhost/media/images/")
    assert ".fill-1200x630." in og["og:image"]
    data = json.loads(doc.cssselect("script[type='application/ld+json']")[0].text)
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == article.title
    assert data["author"][0]["name"] == "Dr Amara Whitlock"
    assert data["datePublished"].startswith(str(article.display_date.year))
    assert data["image"] == [og["og:image"]]
    assert data["mainEntityOfPage"] == canonical
    publisher = data["publisher"]
    assert (publisher["@type"], publisher["name"], publisher["url"]) == ("Organization", "Auscult", "http://localhost/")
    assert publisher["logo"]["url"] == "http://localhost/static/img/logo.png"
    assert finders.find("img/logo.png")


def test_json_ld_cannot_be_broken_out_of(client):
    article = ArticlePageFactory(title="Why </script><script>alert(1)</script> matters")
    response, doc = get_doc(client, article.url)

    assert b"</script><script>alert(1)" not in response.content
    assert json.loads(doc.cssselect("script[type='application/ld+json']")[0].text)["headline"] == article.title


def test_unpublished_article_is_404_to_visitors(client):
    draft = ArticlePageFactory(live=False)

    response = client.get(f"/{draft.get_parent().slug}/{draft.slug}/")

    assert response.status_code == 404


def test_home_page_lists_latest_articles_by_section(client, print_issue):
    news = SectionPageFactory(title="News", slug="news")
    opinion = SectionPageFactory(title="Opinion", slug="opinion")
    now = timezone.now()
    for n in range(10):
        ArticlePageFactory(parent=news, title=f"News story {n}", publication_date=now - timedelta(hours=n))
    ArticlePageFactory(parent=opinion, title="An older column", publication_date=now - timedelta(days=3))
    ArticlePageFactory(parent=news, title="Still a draft", live=False)

    _, doc = get_doc(client, "/")

    assert text_of(doc, ".front__lead .teaser__headline") == "News story 0"
    strips = {
        text_of(s, ".section-strip__title"): text_of(s, ".teaser__headline") for s in doc.cssselect(".section-strip")
    }
    assert "An older column" in strips["Opinion"]
    assert "Still a draft" not in response_text(doc)
    assert text_of(doc, ".band") == BAND
    assert "Read the latest issue online" in text_of(doc, ".issue-promo")


def response_text(doc):
    return " ".join(doc.text_content().split())


def test_section_page_is_paged(client, settings):
    settings.AUSCULT = {**settings.AUSCULT, "LISTING_PAGE_SIZE": 5}
    section = SectionPageFactory(title="News", slug="news")
    now = timezone.now()
    for n in range(12):
        ArticlePageFactory(parent=section, title=f"Story number {n:02d}", publication_date=now - timedelta(hours=n))

    _, first = get_doc(client, "/news/")
    _, third = get_doc(client, "/news/?page=3")
    _, beyond = get_doc(client, "/news/?page=99")

    assert [h.text_content().strip() for h in first.cssselect(".teaser__headline")][:2] == [
        "Story number 00",
        "Story number 01",
    ]
    assert len(first.cssselect(".teaser")) == 5
    assert "Page 1 of 3" in text_of(first, ".pagination")
    assert [h.text_content().strip() for h in third.cssselect(".teaser__headline")] == [
        "Story number 10",
        "Story number 11",
    ]
    assert text_of(beyond, ".pagination__status") == "Page 3 of 3"


def test_author_page_lists_their_articles(client):
    author = AuthorFactory(name="Nurse Kemi Adeyemi", role="Practice nurse in Kent", bio="Writes on immunisation.")
    other = AuthorFactory(name="Dr Someone Else")
    ArticlePageFactory(title="Flu season lessons", authors=[author])
    ArticlePageFactory(title="Co-written piece", authors=[other, author])
    ArticlePageFactory(title="Not hers", authors=[other])
    ArticlePageFactory(title="Her draft", authors=[author], live=False)

    _, doc = get_doc(client, author.get_absolute_url())

    assert text_of(doc, "h1") == "Nurse Kemi Adeyemi"
    assert "Writes on immunisation." in text_of(doc, ".author-header")
    assert sorted(h.text_content().strip() for h in doc.cssselect(".teaser__headline")) == [
        "Co-written piece",
        "Flu season lessons",
    ]
    _, listing = get_doc(client, "/authors/")
    assert "Nurse Kemi Adeyemi" in text_of(listing, ".author-card__name")


def test_print_archive_and_issue_pages(client, print_issue):
    article = ArticlePageFactory(title="Inside the new contract")
    print_issue.contents = [
        PrintIssueContentsItem(heading="News", article=article, page_number=4, sort_order=0),
        PrintIssueContentsItem(title="Letters", page_number=30, sort_order=1),
    ]
    print_issue.save_revision().publish()

    _, archive = get_doc(client, "/issues/")
    _, issue = get_doc(client, print_issue.url)

    assert text_of(archive, ".issue-card__title") == "June 2026"
    assert text_of(issue, "h1") == "June 2026"
    contents = text_of(issue, ".contents")
    assert "Inside the new contract" in contents and "Letters" in contents and "p30" in contents
    assert issue.cssselect(".contents a")[0].get("href") == article.url
    assert issue.cssselect("a.button")[0].get("href") == "https://editions.example.com/june-2026/"


def test_print_contents_never_tell_a_draft_or_restricted_articles_headline(client, print_issue):
    from wagtail.models import PageViewRestriction

    draft = ArticlePageFactory(title="Unpublished scoop", live=False)
    restricted = ArticlePageFactory(title="Members-only inquiry")
    PageViewRestriction.objects.create(page=restricted, restriction_type=PageViewRestriction.PASSWORD, password="x")
    titled = ArticlePageFactory(title="Draft behind a title", live=False)
    print_issue.contents = [
        PrintIssueContentsItem(article=draft, page_number=4, sort_order=0),
        PrintIssueContentsItem(article=restricted, page_number=6, sort_order=1),
        PrintIssueContentsItem(article=titled, title="Our own heading", page_number=8, sort_order=2),
    ]
    print_issue.save_revision().publish()

    response = client.get(print_issue.url)
    page = response.content.decode()
    _, issue = get_doc(client, print_issue.url)

    assert "Unpublished scoop" not in page and "Members-only inquiry" not in page and "Draft behind a title" not in page
    assert text_of(issue, ".contents") == "p8 Our own heading"
    assert issue.cssselect(".contents a") == []
    api = client.get(f"/api/v1/issues/{print_issue.pk}").json()
    assert [(item["title"], item["article"]) for item in api["contents"]] == [("Our own heading", None)]


def test_a_restricted_print_issue_is_not_in_the_archive(client, print_issue):
    from wagtail.models import PageViewRestriction

    PageViewRestriction.objects.create(page=print_issue, restriction_type=PageViewRestriction.PASSWORD, password="x")
    _, archive = get_doc(client, "/issues/")
    assert archive.cssselect(".issue-card__title") == []


def test_scheduled_article_is_not_shown_until_it_goes_live(client):
    scheduled = ArticlePageFactory(title="Embargoed story", live=False, go_live_at=timezone.now() + timedelta(days=1))

    assert not scheduled.live
    assert client.get(f"/{scheduled.get_parent().slug}/{scheduled.slug}/").status_code == 404
    assert b"Embargoed story" not in client.get("/").content


def test_robots_txt_points_to_the_sitemap(client):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert "Sitemap: http://testserver/sitemap.xml" in response.content.decode()
    assert "Disallow: /admin/" in response.content.decode()
