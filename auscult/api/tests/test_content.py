"""The content endpoints: articles, sections, authors and print issues, as any caller reads them. Only live,
public pages are named: a draft, an unpublished, a scheduled or a view-restricted page (a password, signing in; on
it or on its section) is in no list and is not found on its own, whoever asks. Counts count only what is
published; the article list is paged by a signed cursor, at a constant number of queries whatever its length."""

import uuid
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core import signing
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import PageViewRestriction

from auscult.api.models import Scope
from auscult.comments.models import CommentStatus
from auscult.comments.screening import CommentMode
from auscult.comments.tests.factories import make_comments
from auscult.core.actors import COMMAND
from auscult.members.tests.factories import MemberFactory
from auscult.moderation.decisions import comment_decide
from auscult.moderation.models import ModerationSettings
from auscult.moderation.services import comment_mode_set
from auscult.publishing.models import PrintIssueContentsItem, PrintIssueIndexPage, PrintIssuePage, RelatedArticle
from auscult.publishing.tests.factories import (
    ArticlePageFactory,
    AuthorFactory,
    ImageFactory,
    SectionPageFactory,
    heading,
    home_page,
    paragraph,
    pull_quote,
)
from auscult.ratings.services import rating_set

from .helpers import BASE, assert_problem, bearer, call

pytestmark = pytest.mark.django_db

NOW = timezone.now().replace(microsecond=0)


def ids(response):
    assert response.status_code == 200, response.content[:500]
    return [item["id"] for item in response.data["items"]]


def client_get(client, params):
    """GET /articles with `params` encoded by the test client."""
    response = client.get(f"{BASE}/articles", params)
    response.data = response.json()
    return response


def restrict(page, kind):
    if kind == "password":
        return PageViewRestriction.objects.create(
            page=page, restriction_type=PageViewRestriction.PASSWORD, password="pw"
        )
    return PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)


@pytest.fixture
def news():
    return SectionPageFactory(title="News", slug="news", description="What changed this week.")


@pytest.fixture
def hidden_world(news):
    """One open article, and every kind that must not be seen: a draft, an unpublished one, a scheduled one, one
    behind a password, one behind signing in, and one in a section behind signing in."""
    author = AuthorFactory(name="Dr Pat Hidden", slug="pat-hidden")
    shown = ArticlePageFactory(parent=news, title="Open letter", authors=[author])
    draft = ArticlePageFactory(parent=news, title="Draft piece", authors=[author], live=False)
    unpublished = ArticlePageFactory(parent=news, title="Withdrawn piece", authors=[author])
    unpublished.unpublish()
    scheduled = ArticlePageFactory(
        parent=news, title="Embargoed piece", authors=[author], go_live_at=NOW + timedelta(days=1), live=False
    )
    password = ArticlePageFactory(parent=news, title="Password piece", authors=[author])
    restrict(password, "password")
    login = ArticlePageFactory(parent=news, title="Members piece", authors=[author])
    restrict(login, "login")
    partners = SectionPageFactory(title="Partners only", slug="partners-only")
    restrict(partners, "login")
    in_section = ArticlePageFactory(parent=partners, title="Partners piece", authors=[author])
    hidden = {
        "draft": draft,
        "unpublished": unpublished,
        "scheduled": scheduled,
        "password": password,
        "login": login,
        "section": in_section,
    }
    return {"author": author, "shown": shown, "hidden": hidden, "partners": partners}


@pytest.fixture(params=["visitor", "member", "token"])
def anyone(request, visitor):
    """Every kind of caller reads content alike: a first-time visitor, a signed-in member's browser, a program
    with a read token."""
    headers = {}
    if request.param == "member":
        visitor.force_login(MemberFactory())
    elif request.param == "token":
        headers = bearer(MemberFactory(), Scope.READ)
    return lambda path: call(visitor, "get", path, **headers)


# --- Articles: what an item shows ---------------------------------------------------------------------------------


def test_an_article_in_the_list_shows_what_a_teaser_shows(client, news):
    author = AuthorFactory(name="Dr Amara Whitlock", slug="amara-whitlock", contact_email="amara@example.com")
    second = AuthorFactory(name="Dr Ben Second", slug="ben-second")
    article = ArticlePageFactory(
        parent=news,
        title="Indemnity gaps",
        kicker="Insurance",
        standfirst="Cover falls short for out-of-hours work.",
        authors=[author, second],
        publication_date=NOW,
        image=ImageFactory(title="A ledger"),
    )

    response = call(client, "get", "/articles")

    assert response.status_code == 200
    [item] = response.data["items"]
    assert item == {
        "id": article.pk,
        "title": "Indemnity gaps",
        "url": article.url,
        "kicker": "Insurance",
        "standfirst": "Cover falls short for out-of-hours work.",
        "section": {"slug": "news", "title": "News"},
        "authors": [
            {"name": "Dr Amara Whitlock", "slug": "amara-whitlock"},
            {"name": "Dr Ben Second", "slug": "ben-second"},
        ],
        "publication_date": NOW.isoformat().replace("+00:00", "Z"),
        "comment_count": 0,
        "rating": {"average": None, "count": 0},
        "comment_mode": "open",
        "image": item["image"],
    }
    assert item["url"].startswith("/news/")
    assert item["image"]["id"] == article.image_id and item["image"]["alt"] == "A ledger"
    assert item["image"]["url"]
    assert response.data["next_cursor"] is None and response.data["next"] is None
    assert "amara@example.com" not in response.content.decode()


def test_without_a_kicker_the_section_names_it(client, news):
    ArticlePageFactory(parent=news, kicker="")

    assert call(client, "get", "/articles").data["items"][0]["kicker"] == "News"


def test_counts_only_published_comments_and_the_ratings(client, news):
    article = ArticlePageFactory(parent=news)
    writer = MemberFactory()
    make_comments(article, 3, author=writer)
    make_comments(article, 1, author=writer, status=CommentStatus.PENDING)
    make_comments(article, 1, author=writer, status=CommentStatus.REMOVED)
    make_comments(article, 1, author=writer, status=CommentStatus.DELETED)
    make_comments(article, 1, author=writer, status=CommentStatus.HIDDEN)
    for stars in (4, 5, 4):
        rating_set(article=article, member=MemberFactory(), stars=stars)

    listed = call(client, "get", "/articles").data["items"][0]
    detail = call(client, "get", f"/articles/{article.pk}").data

    for shown in (listed, detail):
        assert shown["comment_count"] == 3
        assert shown["rating"] == {"average": 4.33, "count": 3}
    # As the ratings endpoint says it.
    assert call(client, "get", f"/articles/{article.pk}/rating").data["average"] == 4.33


def test_the_comment_mode_is_the_articles_own_or_the_sites_default(client, news):
    open_one = ArticlePageFactory(parent=news)
    premoderated = ArticlePageFactory(parent=news)
    closed = ArticlePageFactory(parent=news)
    comment_mode_set(article=premoderated, mode=CommentMode.PREMODERATED, by=COMMAND)
    comment_mode_set(article=closed, mode=CommentMode.CLOSED, by=COMMAND)

    def modes():
        listed = {item["id"]: item["comment_mode"] for item in call(client, "get", "/articles").data["items"]}
        detail = {pk: call(client, "get", f"/articles/{pk}").data["comment_mode"] for pk in listed}
        assert listed == detail  # the list's reading of many at once is the seam's, one at a time
        return listed

    assert modes() == {open_one.pk: "open", premoderated.pk: "premoderated", closed.pk: "closed"}

    settings = ModerationSettings.load()
    settings.default_comment_mode = CommentMode.PREMODERATED
    settings.save()

    assert modes() == {open_one.pk: "premoderated", premoderated.pk: "premoderated", closed.pk: "closed"}


# --- Articles: filters and order ----------------------------------------------------------------------------------


def test_newest_first_with_ties_by_id(client, news):
    older = ArticlePageFactory(parent=news, publication_date=NOW - timedelta(days=2))
    tie_a = ArticlePageFactory(parent=news, publication_date=NOW)
    tie_b = ArticlePageFactory(parent=news, publication_date=NOW)
    newest = ArticlePageFactory(parent=news, publication_date=NOW + timedelta(hours=1))

    assert ids(call(client, "get", "/articles")) == [newest.pk, tie_b.pk, tie_a.pk, older.pk]


def test_filters_by_section_author_and_dates(client, news):
    opinion = SectionPageFactory(title="Opinion", slug="opinion")
    jane, joe = AuthorFactory(slug="jane"), AuthorFactory(slug="joe")
    first = ArticlePageFactory(parent=news, authors=[jane], publication_date=datetime(2026, 3, 1, 9, tzinfo=UTC))
    second = ArticlePageFactory(
        parent=opinion, authors=[jane, joe], publication_date=datetime(2026, 3, 15, 23, 30, tzinfo=UTC)
    )
    third = ArticlePageFactory(parent=news, authors=[joe], publication_date=datetime(2026, 4, 2, 12, tzinfo=UTC))

    assert ids(call(client, "get", "/articles?section=news")) == [third.pk, first.pk]
    assert ids(call(client, "get", "/articles?section=opinion")) == [second.pk]
    assert ids(call(client, "get", "/articles?author=jane")) == [second.pk, first.pk]
    assert ids(call(client, "get", "/articles?author=joe&section=news")) == [third.pk]
    assert ids(call(client, "get", "/articles?published_after=2026-03-15")) == [third.pk, second.pk]
    assert ids(call(client, "get", "/articles?published_before=2026-04-01")) == [second.pk, first.pk]
    assert ids(call(client, "get", "/articles?published_after=2026-03-02&published_before=2026-04-01")) == [second.pk]
    # A time with an offset is that instant; without one it is the UK's (23:30 UTC on 15 March is 23:30 GMT).
    assert ids(call(client, "get", "/articles?published_after=2026-03-15T23:30:00%2B00:00")) == [third.pk, second.pk]
    assert ids(call(client, "get", "/articles?published_after=2026-03-15T23:31:00")) == [third.pk]
    # Nothing matches: an empty page, not an error.
    assert ids(call(client, "get", "/articles?section=no-such-section")) == []
    assert ids(call(client, "get", "/articles?author=nobody")) == []


@pytest.mark.parametrize(
    "query",
    [
        "limit=0",
        "limit=51",
        "limit=x",
        "published_after=yesterday",
        "published_before=2026-13-01",
        f"section={'s' * 256}",
    ],
)
def test_bad_filters_are_problems(client, query):
    assert_problem(call(client, "get", f"/articles?{query}"), 422, "invalid")


@pytest.mark.parametrize(
    "query, found",
    [
        ("published_after=9999-12-31T23:59:59-05:00", None),  # no UTC instant: refused
        ("published_before=0001-01-01T00:00:00%2B14:00", None),
        ("published_after=0001-01-01&published_before=9999-12-31", 1),
    ],
)
def test_times_at_the_ends_of_the_calendar_are_no_500(client, news, query, found):
    ArticlePageFactory(parent=news)

    response = call(client, "get", f"/articles?{query}")

    if found is None:
        body = assert_problem(response, 422, "invalid")
        assert body["errors"][0]["field"] in ("published_after", "published_before")
    else:
        assert len(ids(response)) == found


def test_a_nul_in_the_query_is_refused(client):
    assert_problem(call(client, "get", "/articles?section=new%00s"), 400, "bad_request")


# --- Articles: the cursor -----------------------------------------------------------------------------------------


def test_the_cursor_walks_every_article_once(client, news):
    # Ties on the publication date too, where only the id orders them.
    dates = [NOW - timedelta(hours=n // 2) for n in range(11)]
    made = [ArticlePageFactory(parent=news, publication_date=when) for when in dates]
    expected = ids(call(client, "get", "/articles?limit=50"))
    assert sorted(expected) == sorted(a.pk for a in made)

    seen, path, pages = [], "/articles?limit=3", 0
    while path:
        response = call(client, "get", path)
        seen += ids(response)
        pages += 1
        path = response.data["next"] and response.data["next"].removeprefix(BASE)
        if path:
            assert parse_qs(urlsplit(path).query)["cursor"] == [response.data["next_cursor"]]

    assert seen == expected
    assert pages == 4


def test_the_next_link_keeps_the_filters(client, news):
    jane = AuthorFactory(slug="jane")
    mine = [ArticlePageFactory(parent=news, authors=[jane], publication_date=NOW - timedelta(days=n)) for n in range(3)]
    ArticlePageFactory(parent=news)
    ArticlePageFactory(parent=SectionPageFactory(slug="elsewhere"), authors=[jane])

    first = call(client, "get", "/articles?section=news&author=jane&published_after=2020-01-01&limit=2")
    query = parse_qs(urlsplit(first.data["next"]).query)
    assert query["section"] == ["news"] and query["author"] == ["jane"] and query["limit"] == ["2"]
    assert query["published_after"] == ["2020-01-01T00:00:00"]
    second = call(client, "get", first.data["next"].removeprefix(BASE))

    assert ids(first) + ids(second) == [a.pk for a in mine]
    assert second.data["next"] is None


def test_an_article_published_while_paging_neither_repeats_nor_skips_one(client, news):
    made = [ArticlePageFactory(parent=news, publication_date=NOW - timedelta(days=n)) for n in range(4)]
    first = call(client, "get", "/articles?limit=2")
    ArticlePageFactory(parent=news, publication_date=NOW + timedelta(minutes=5))

    second = call(client, "get", first.data["next"].removeprefix(BASE))

    assert ids(first) + ids(second) == [a.pk for a in made]


def test_a_bad_or_changed_cursor_is_a_problem(client, news):
    ArticlePageFactory(parent=news, publication_date=NOW)
    ArticlePageFactory(parent=news, publication_date=NOW - timedelta(days=1))
    good = call(client, "get", "/articles?limit=1").data["next_cursor"]
    payload, _, signature = good.rpartition(":")
    forged = signing.dumps([NOW.isoformat(), 10**30], salt="somebody else's")
    # Validly signed (by someone with the key) but not a position: still refused, never a 500.
    nonsense = [
        signing.dumps(value, salt="auscult.api.articles.cursor")
        for value in ("x", [1, 2], ["not a date", 1], [None, "1"], [None, True], {"a": 1})
    ]

    for cursor in [
        "garbage",
        good[:-1] + ("A" if good[-1] != "A" else "B"),
        f"{payload}x:{signature}",
        forged,
        *nonsense,
    ]:
        body = assert_problem(client_get(client, {"cursor": cursor}), 422, "bad_cursor")
        assert body["errors"] == [{"field": "cursor", "message": body["detail"]}]
    assert ids(client_get(client, {"cursor": good})) != []


# --- Articles: what is never shown --------------------------------------------------------------------------------


def test_drafts_unpublished_scheduled_and_restricted_articles_are_never_named(anyone, hidden_world):
    shown, hidden = hidden_world["shown"], hidden_world["hidden"]

    for path in ("/articles", "/articles?author=pat-hidden", "/articles?section=news", "/articles?limit=50"):
        assert ids(anyone(path)) == [shown.pk], path
    assert ids(anyone("/articles?section=partners-only")) == []
    for article in hidden.values():
        assert_problem(anyone(f"/articles/{article.pk}"), 404, "not_found")
    assert anyone(f"/articles/{shown.pk}").status_code == 200


def test_a_signed_in_member_who_could_pass_a_sign_in_restriction_still_gets_404(client, news):
    """The API has no view-restriction form to pass: what needs one is not found (the HTML page would show it)."""
    article = ArticlePageFactory(parent=news)
    restrict(article, "login")
    client.force_login(MemberFactory())

    assert client.get(article.url).status_code == 200
    assert_problem(call(client, "get", f"/articles/{article.pk}"), 404, "not_found")
    assert ids(call(client, "get", "/articles")) == []


@pytest.mark.parametrize("article_id", ["0", "-1", "abc", "1.5", "99999999999999999999", "1" * 19])
def test_an_id_that_names_nothing_is_a_404_problem(client, article_id):
    assert_problem(call(client, "get", f"/articles/{article_id}"), 404, "not_found")


def test_an_unknown_article_is_a_404_problem(client, news):
    article = ArticlePageFactory(parent=news)

    assert_problem(call(client, "get", f"/articles/{article.pk + 1000}"), 404, "not_found")
    # A page of another kind is not an article.
    assert_problem(call(client, "get", f"/articles/{news.pk}"), 404, "not_found")


# --- Articles: the detail -----------------------------------------------------------------------------------------


def test_the_detail_has_the_body_as_blocks_and_as_html(client, news):
    figure_image = ImageFactory(title="A stethoscope")
    figure_id = str(uuid.uuid4())
    linked = ArticlePageFactory(parent=news, title="Earlier story")
    article = ArticlePageFactory(
        parent=news,
        title="Why the access rules miss the point",
        standfirst="Counting calls answered tells us nothing.",
        editors_note="<p>Comments on this piece are <b>pre-moderated</b>.</p>",
        image=ImageFactory(title="A busy waiting room"),
        image_caption="The waiting room at 8am",
        seo_title="Access rules miss the point",
        body=[
            paragraph(f'Monday starts with a <a linktype="page" id="{linked.pk}">queue</a>.'),
            heading("What the data leave out"),
            pull_quote("Continuity is the treatment.", "Dr Amara Whitlock"),
            {
                "type": "image",
                "value": {"image": figure_image.pk, "alt_text": "", "caption": "Listening", "credit": "Staff"},
                "id": figure_id,
            },
        ],
    )

    response = call(client, "get", f"/articles/{article.pk}")

    assert response.status_code == 200
    data = response.data
    assert data["id"] == article.pk and data["url"] == article.url and data["section"]["slug"] == "news"
    blocks = data["body"]
    assert [block["type"] for block in blocks] == ["paragraph", "heading", "pull_quote", "image"]
    assert all(block["id"] for block in blocks)
    assert blocks[0]["value"] == f'<p>Monday starts with a <a href="{linked.url}">queue</a>.</p>'
    assert blocks[1]["value"] == "What the data leave out"
    assert blocks[2]["value"] == {"quote": "Continuity is the treatment.", "attribution": "Dr Amara Whitlock"}
    figure = blocks[3]
    assert figure["id"] == figure_id
    assert figure["value"]["caption"] == "Listening" and figure["value"]["credit"] == "Staff"
    assert figure["value"]["image"]["id"] == figure_image.pk
    assert figure["value"]["image"]["alt"] == "A stethoscope"
    assert figure["value"]["image"]["url"]
    # The HTML is the article page's own.
    page = client.get(article.url).content.decode()
    assert "Monday starts with a" in data["body_html"] and "What the data leave out" in data["body_html"]
    assert "<figure" in data["body_html"] and "Continuity is the treatment." in data["body_html"]
    assert data["body_html"].split("<figure")[0].strip() in page
    assert data["editors_note_html"] == "<p>Comments on this piece are <b>pre-moderated</b>.</p>"
    assert data["image_caption"] == "The waiting room at 8am"
    assert data["image"]["id"] == article.image_id and data["image"]["alt"] == "The waiting room at 8am"
    assert data["meta"]["title"] == "Access rules miss the point"
    assert data["meta"]["description"] == "Counting calls answered tells us nothing."
    assert data["meta"]["canonical_url"] == article.full_url
    assert data["related"] == []


def test_related_articles_are_only_the_listable_ones(client, hidden_world):
    shown = hidden_world["shown"]
    other = ArticlePageFactory(parent=shown.get_parent(), title="Follow-up")
    for order, related in enumerate([other, *hidden_world["hidden"].values()]):
        RelatedArticle.objects.create(article=shown, related=related, sort_order=order)
    shown.save_revision().publish()

    data = call(client, "get", f"/articles/{shown.pk}").data

    assert data["related"] == [{"id": other.pk, "title": "Follow-up", "url": other.url}]


# --- The document -------------------------------------------------------------------------------------------------


def _conforms(data, schema, components, where="$"):
    """Every object in `data` has exactly the properties its schema in the OpenAPI document names (so a schema
    of another part of the API with the same name cannot stand in for one of ours)."""
    if "$ref" in schema:
        schema = components[schema["$ref"].rsplit("/", 1)[-1]]
    if "anyOf" in schema or "allOf" in schema:
        options = [option for option in schema.get("anyOf", schema.get("allOf")) if option.get("type") != "null"]
        if data is None:
            return
        schema = options[0]
        return _conforms(data, schema, components, where)
    if isinstance(data, dict) and "properties" in schema:
        assert set(data) == set(schema["properties"]), (where, set(data) ^ set(schema["properties"]))
        for name, value in data.items():
            _conforms(value, schema["properties"][name], components, f"{where}.{name}")
    elif isinstance(data, list) and "items" in schema:
        for n, value in enumerate(data):
            _conforms(value, schema["items"], components, f"{where}[{n}]")


def test_every_answer_is_what_the_document_says(client, archive, news):
    article = ArticlePageFactory(parent=news, image=ImageFactory())
    RelatedArticle.objects.create(article=article, related=ArticlePageFactory(parent=news), sort_order=0)
    article.save_revision().publish()
    issue = _issue(archive, "June 2026", "2026-06-01", cover=ImageFactory())
    PrintIssueContentsItem.objects.create(issue=issue, sort_order=0, article=article, page_number=3)
    document = client.get(f"{BASE}/openapi.json").json()
    components = document["components"]["schemas"]
    paths = {
        "/articles": "/articles",
        "/articles/{article_id}": f"/articles/{article.pk}",
        "/sections": "/sections",
        "/sections/{slug}": "/sections/news",
        "/authors": "/authors",
        "/authors/{slug}": f"/authors/{article.authors[0].slug}",
        "/issues": "/issues",
        "/issues/{issue_id}": f"/issues/{issue.pk}",
    }

    for template, path in paths.items():
        operation = document["paths"][BASE + template]["get"]
        assert operation["tags"] == ["content"]
        response = call(client, "get", path)
        assert response.status_code == 200, path
        schema = operation["responses"]["200"]["content"]["application/json"]["schema"]
        _conforms(response.data, schema, components, path)


# --- Caching ------------------------------------------------------------------------------------------------------


def test_an_unchanged_article_answers_304_and_a_published_comment_changes_its_etag(client, moderator, news):
    article = ArticlePageFactory(parent=news)
    [held] = make_comments(article, 1, author=MemberFactory(), status=CommentStatus.PENDING)
    first = call(client, "get", f"/articles/{article.pk}")
    tag = first["ETag"]
    assert tag and first.data["comment_count"] == 0

    again = client.get(f"{BASE}/articles/{article.pk}", HTTP_IF_NONE_MATCH=tag)
    assert again.status_code == 304 and again["ETag"] == tag

    comment_decide(comment=held, moderator=moderator, decision="approve", seen_status="pending")

    after = client.get(f"{BASE}/articles/{article.pk}", HTTP_IF_NONE_MATCH=tag)
    assert after.status_code == 200
    assert after["ETag"] != tag
    assert after.json()["comment_count"] == 1


# --- Queries ------------------------------------------------------------------------------------------------------


def _article_with_everything(section, n):
    article = ArticlePageFactory(
        parent=section,
        authors=[AuthorFactory(), AuthorFactory()],
        image=ImageFactory() if n % 2 else None,
        publication_date=NOW - timedelta(minutes=n),
    )
    make_comments(article, 2, author=MemberFactory())
    rating_set(article=article, member=MemberFactory(), stars=4)
    if n % 3 == 0:
        comment_mode_set(article=article, mode=CommentMode.CLOSED, by=COMMAND)
    return article


def test_the_list_costs_the_same_queries_whatever_its_length(client, news, django_assert_max_num_queries):
    opinion = SectionPageFactory(slug="opinion")
    for n in range(3):
        _article_with_everything(news if n % 2 else opinion, n)
    with CaptureQueriesContext(connection) as few:
        assert len(ids(call(client, "get", "/articles?limit=50"))) == 3
    for n in range(3, 30):
        _article_with_everything(news if n % 2 else opinion, n)

    with django_assert_max_num_queries(len(few)):
        assert len(ids(call(client, "get", "/articles?limit=50"))) == 30
    with django_assert_max_num_queries(len(few) + 2):  # the section, and its restrictions
        assert ids(call(client, "get", "/articles?section=news&author=nobody")) == []
    assert len(few) <= 12, [q["sql"] for q in few.captured_queries]


# --- Sections -----------------------------------------------------------------------------------------------------


def test_sections_list_and_detail(anyone, news):
    columnist = AuthorFactory(name="Dr Col Umnist", slug="col-umnist")
    column = SectionPageFactory(title="Col's column", slug="column", kind="column", columnist=columnist)
    draft = SectionPageFactory(title="Draft section", slug="draft-section", live=False)
    partners = SectionPageFactory(title="Partners only", slug="partners-only")
    restrict(partners, "password")

    listed = anyone("/sections")

    assert listed.status_code == 200
    assert [s["slug"] for s in listed.data["items"]] == ["news", "column"]
    assert listed.data["items"][0] == {
        "slug": "news",
        "title": "News",
        "kind": "news",
        "description": "What changed this week.",
        "url": news.url,
        "columnist": None,
        "articles": f"{BASE}/articles?section=news",
    }
    detail = anyone("/sections/column")
    assert detail.status_code == 200
    assert detail.data["columnist"] == {"name": "Dr Col Umnist", "slug": "col-umnist"}
    assert detail.data["kind"] == "column" and detail.data["url"] == column.url
    for slug in (draft.slug, partners.slug, "no-such-section", "bad%20slug", "x" * 256):
        assert_problem(anyone(f"/sections/{slug}"), 404, "not_found")


def test_a_section_under_a_restriction_above_it_is_invisible(client, news):
    """A section is invisible when a restriction is on it; sections hang from the home page, so a restriction
    on the home page hides them all."""
    restrict(home_page(), "login")

    assert call(client, "get", "/sections").data["items"] == []
    assert_problem(call(client, "get", "/sections/news"), 404, "not_found")


# --- Authors ------------------------------------------------------------------------------------------------------


def test_authors_are_those_with_a_public_article_and_never_their_contact_or_account(anyone, hidden_world):
    member = MemberFactory(email="linked-member@example.com")
    writer = AuthorFactory(
        name="Dr Amara Whitlock",
        slug="amara-whitlock",
        role="GP partner in Bristol",
        bio="Writes about continuity.",
        social_handle="@amarawgp",
        contact_email="amara-private@example.com",
        member=member,
    )
    ArticlePageFactory(parent=hidden_world["shown"].get_parent(), authors=[writer])
    only_hidden = AuthorFactory(slug="only-hidden")
    ArticlePageFactory(parent=hidden_world["partners"], authors=[only_hidden])
    ArticlePageFactory(
        parent=hidden_world["shown"].get_parent(), authors=[AuthorFactory(slug="only-draft")], live=False
    )

    listed = anyone("/authors")

    assert listed.status_code == 200
    assert [a["slug"] for a in listed.data["items"]] == ["amara-whitlock", "pat-hidden"]
    assert listed.data["count"] == 2 and listed.data["num_pages"] == 1 and listed.data["next"] is None
    detail = anyone("/authors/amara-whitlock")
    assert detail.data == {
        "name": "Dr Amara Whitlock",
        "slug": "amara-whitlock",
        "role": "GP partner in Bristol",
        "bio": "Writes about continuity.",
        "social_handle": "@amarawgp",
        "url": "/authors/amara-whitlock/",
        "articles": f"{BASE}/articles?author=amara-whitlock",
    }
    for response in (listed, detail):
        text = response.content.decode()
        assert "amara-private@example.com" not in text and "linked-member" not in text
    assert not {"contact_email", "member", "member_id", "email"} & set(detail.data)
    assert_problem(anyone("/authors/nobody-at-all"), 404, "not_found")
    assert_problem(anyone("/authors/not%20a%20slug"), 404, "not_found")


def test_authors_are_paged(client, news):
    for n in range(5):
        ArticlePageFactory(parent=news, authors=[AuthorFactory(name=f"Dr {chr(65 + n)}", slug=f"dr-{n}")])

    first = call(client, "get", "/authors?page_size=2")
    last = call(client, "get", "/authors?page=3&page_size=2")
    past = call(client, "get", "/authors?page=9&page_size=2")

    assert [a["slug"] for a in first.data["items"]] == ["dr-0", "dr-1"]
    assert first.data["next"] == f"{BASE}/authors?page=2&page_size=2" and first.data["previous"] is None
    assert [a["slug"] for a in last.data["items"]] == ["dr-4"] and last.data["next"] is None
    assert past.data["page"] == 3 and past.data["items"] == last.data["items"]
    assert_problem(call(client, "get", "/authors?page_size=101"), 422, "invalid")
    assert_problem(call(client, "get", "/authors?page=0"), 422, "invalid")


# --- Print issues -------------------------------------------------------------------------------------------------


def _issue(index, title, day, **kwargs):
    live = kwargs.pop("live", True)
    issue = PrintIssuePage(title=title, slug=title.lower().replace(" ", "-"), issue_date=day, live=False, **kwargs)
    index.add_child(instance=issue)
    revision = issue.save_revision()
    if live:
        revision.publish()
    issue.refresh_from_db()
    return issue


@pytest.fixture
def archive():
    index = PrintIssueIndexPage(title="Print archive", slug="issues")
    home_page().add_child(instance=index)
    index.save_revision().publish()
    return index


def test_issues_list_and_detail(anyone, archive, hidden_world):
    shown = hidden_world["shown"]
    june = _issue(
        archive,
        "June 2026",
        "2026-06-01",
        cover=ImageFactory(title="June cover"),
        summary="Winter pressures.",
        edition_url="https://editions.example.com/june-2026/",
    )
    may = _issue(archive, "May 2026", "2026-05-01")
    draft = _issue(archive, "July 2026", "2026-07-01", live=False)
    secret = _issue(archive, "Partners 2026", "2026-04-01")
    restrict(secret, "password")
    PrintIssueContentsItem.objects.create(issue=june, sort_order=0, heading="News", article=shown, page_number=3)
    PrintIssueContentsItem.objects.create(issue=june, sort_order=1, heading="News", title="Own title", article=shown)
    for order, article in enumerate(hidden_world["hidden"].values(), start=2):
        PrintIssueContentsItem.objects.create(issue=june, sort_order=order, article=article, page_number=order)
    PrintIssueContentsItem.objects.create(
        issue=june, sort_order=20, heading="Clinical", title="Print only", page_number=30
    )

    listed = anyone("/issues")

    assert listed.status_code == 200
    assert [i["id"] for i in listed.data["items"]] == [june.pk, may.pk]
    first = listed.data["items"][0]
    assert first["title"] == "June 2026" and first["issue_date"] == "2026-06-01" and first["url"] == june.url
    assert first["cover"]["alt"] == "Cover of the June 2026 issue" and first["cover"]["id"] == june.cover_id
    assert first["edition_url"] == "https://editions.example.com/june-2026/"
    assert listed.data["items"][1]["cover"] is None and listed.data["items"][1]["edition_url"] is None

    detail = anyone(f"/issues/{june.pk}")
    assert detail.status_code == 200
    link = {"id": shown.pk, "title": shown.title, "url": shown.url}
    contents = detail.data["contents"]
    assert contents[0] == {"heading": "News", "title": shown.title, "page_number": 3, "article": link}
    assert contents[1]["title"] == "Own title" and contents[1]["article"] == link
    # The hidden articles are in the printed contents, but neither linked nor named.
    for item in contents[2:-1]:
        assert item["article"] is None and item["title"] == ""
    assert contents[-1] == {"heading": "Clinical", "title": "Print only", "page_number": 30, "article": None}
    text = detail.content.decode()
    for article in hidden_world["hidden"].values():
        assert article.title not in text

    for issue_id in (draft.pk, secret.pk, shown.pk, 10**19):
        assert_problem(anyone(f"/issues/{issue_id}"), 404, "not_found")


def test_issues_are_paged(client, archive):
    made = [_issue(archive, f"Issue {n}", f"2026-0{n}-01") for n in range(1, 6)]

    first = call(client, "get", "/issues?page_size=2")

    assert [i["id"] for i in first.data["items"]] == [made[4].pk, made[3].pk]
    assert first.data["count"] == 5 and first.data["num_pages"] == 3
    assert first.data["next"] == f"{BASE}/issues?page=2&page_size=2"
