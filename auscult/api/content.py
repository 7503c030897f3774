"""The magazine's content as the site publishes it: articles, sections, authors and print issues. Public: no
credentials, GET only.

Only what a visitor who has passed no view restriction could read is named: live pages under no restriction (a
password, signing in, groups; on the page or above it). A draft, an unpublished or a restricted page is not found
(404, never 403, so its existence does not leak), and no list names it. Articles come from the listings' own
queryset (`ArticlePage.objects.listable().teasers()`, with each app's stored counts from
`publishing.engagement`), one article through `publishing.access.article_or_404` as the engagement views reach it.

The article list is paged by an opaque cursor: the signed position (publication date, id) of the last article
sent, so a page never repeats or skips an article when new ones are published meanwhile."""

from datetime import UTC, datetime
from typing import Annotated
from urllib.parse import urlencode

from django.core import signing
from django.core.paginator import Paginator
from django.db.models import F, Q
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from ninja import Path, Query, Router
from wagtail.images import get_image_model
from wagtail.models import Page
from wagtail.rich_text import expand_db_html

from auscult.comments.screening import comment_mode
from auscult.core.delivery import page_key
from auscult.core.errors import Refused
from auscult.moderation.selectors import comment_modes_for
from auscult.publishing.access import article_or_404
from auscult.publishing.delivery import AUTHORS
from auscult.publishing.images import COVER, picture_data
from auscult.publishing.models import ArticleAuthor, ArticlePage, Author, PrintIssuePage, SectionPage
from auscult.publishing.models.pages import with_rendition_prefetch
from auscult.ratings.models import ArticleRatingStats
from auscult.ratings.rendering import format_average

from . import content_schemas as out
from . import problems
from .caching import shared_payload
from .schemas import path_id

router = Router(tags=["content"])

# A bad cursor: not one this API made, or tampered with.
BAD_CURSOR = "bad_cursor"
CURSOR_SALT = "auscult.api.articles.cursor"
# Articles a page: at most MAX_LIMIT, so a page costs the database what the site's own listings do.
DEFAULT_LIMIT = 20
MAX_LIMIT = 50
# Authors and print issues a page (the print archive shows 24).
AUTHORS_PAGE_SIZE = 50
ISSUES_PAGE_SIZE = 24
MAX_PAGE_SIZE = 100
MAX_PAGE = 10_000
# Page slugs are at most 255 characters (Wagtail's), authors' 120; Unicode slugs are allowed.
SLUG_PATTERN = r"^[-\w]+$"
SLUG_MAX_LENGTH = 255
UNAVAILABLE = "Our database is not answering just now. Please try again in a minute."


def slug_param(description, example):
    """A path parameter that is a slug: anything else names nothing, and is not found."""
    return Annotated[
        str, Path(description=description, max_length=SLUG_MAX_LENGTH, pattern=SLUG_PATTERN, example=example)
    ]


def _path(request, page):
    """The page's absolute path on the site ("" if it is not routable)."""
    parts = page.get_url_parts(request)
    return parts[2] if parts else ""


def _image(image, slot, alt):
    """An image as `slot` shows it (`publishing.images.picture_data`: the renditions that exist, never making one)."""
    if image is None:
        return None
    data = picture_data(image, slot)
    return {"id": image.pk, "alt": alt, "url": data["url"], "width": data["width"], "height": data["height"]}


def _article_alt(article, image):
    # As the article's lead picture reads (pages/article_page.html).
    return article.image_caption or image.title


def _rating(article):
    """The rating summary from a listing's stored counts, its average as the page and `GET …/rating` show it."""
    stats = ArticleRatingStats(count=getattr(article, "rating_count", 0), total=getattr(article, "rating_total", 0))
    shown = format_average(stats.average)
    return {"average": float(shown) if shown else None, "count": stats.count}


def _article_items(request, articles):
    """Listed articles (from `teasers()`) as `ArticleItem`s: their sections in one query and their comment modes
    in two, whatever their number; the byline, image and counts came with them."""
    if not articles:
        return []
    parents = {article.path[: -Page.steplen] for article in articles}
    sections = {section.path: section for section in Page.objects.filter(path__in=parents).only("path", "slug")}
    modes = comment_modes_for([article.pk for article in articles])
    items = []
    for article in articles:
        section = sections.get(article.path[: -Page.steplen])
        items.append(
            {
                "id": article.pk,
                "title": article.title,
                "url": _path(request, article),
                "kicker": article.listing_kicker,
                "standfirst": article.standfirst,
                "section": {"slug": section.slug if section else "", "title": article.section_title or ""},
                "authors": [{"name": author.name, "slug": author.slug} for author in article.authors],
                "publication_date": article.publication_date,
                "comment_count": getattr(article, "comment_count", 0),
                "rating": _rating(article),
                "comment_mode": modes[article.pk],
                "image": _image(article.image, "teaser-grid", _article_alt(article, article.image))
                if article.image_id
                else None,
            }
        )
    return items


# --- Articles -----------------------------------------------------------------------------------------------------


def _cursor(article):
    when = article.publication_date.isoformat() if article.publication_date else None
    return signing.dumps([when, article.pk], salt=CURSOR_SALT)


def _position(cursor):
    """The (publication date, id) a cursor made by `_cursor` names; a refusal for anything else."""
    try:
        when, pk = signing.loads(cursor, salt=CURSOR_SALT)
        if not isinstance(pk, int) or isinstance(pk, bool) or (when is not None and not isinstance(when, str)):
            raise ValueError(pk)
        return (datetime.fromisoformat(when) if when else None), pk
    except (signing.BadSignature, ValueError, TypeError) as error:
        raise Refused(
            BAD_CURSOR, "This cursor is not one this API gave, or has been changed.", field="cursor"
        ) from error


def _after(articles, position):
    """The articles after `position` in the listing's order (newest first; undated last, by id)."""
    when, pk = position
    if when is None:
        return articles.filter(publication_date__isnull=True, pk__lt=pk)
    return articles.filter(
        Q(publication_date__lt=when) | Q(publication_date=when, pk__lt=pk) | Q(publication_date__isnull=True)
    )


def _instant(value, field):
    """A filter's time as an instant: a naive date or time is the site's (Europe/London). One that has no UTC
    instant (the year 9999 west of Greenwich) is refused, not a database error."""
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    try:
        return value.astimezone(UTC)
    except OverflowError as error:
        raise Refused(problems.INVALID, "This time is out of range.", field=field) from error


@router.get(
    "/articles",
    response={200: out.ArticleList},
    url_name="articles_list",
    summary="List articles",
    description="Published, public articles, newest first, optionally of one section, by one author or published "
    "in a period. Paged by cursor: follow `next` (or send `next_cursor` as `cursor` with the same filters) until it "
    "is null. Each article comes with its byline, its count of published comments, its rating and comment mode.",
    openapi_extra={
        "responses": problems.responses(
            400, 422, examples={422: (BAD_CURSOR, "This cursor is not one this API gave, or has been changed.")}
        )
    },
)
def articles_list(
    request,
    section: Annotated[
        str | None,
        Query(
            description="Only the articles of the section with this slug.", max_length=SLUG_MAX_LENGTH, example="news"
        ),
    ] = None,
    author: Annotated[
        str | None,
        Query(
            description="Only the articles bylined to the author with this slug.",
            max_length=SLUG_MAX_LENGTH,
            example="dr-jane-doe",
        ),
    ] = None,
    published_after: Annotated[
        datetime | None,
        Query(
            description="Only articles published at or after this time (a date means its start; times without "
            "an offset are the UK's).",
            example="2026-11-01",
        ),
    ] = None,
    published_before: Annotated[
        datetime | None,
        Query(
            description="Only articles published before this time (a date means its start; times without an "
            "offset are the UK's).",
            example="2026-12-01T00:00:00Z",
        ),
    ] = None,
    cursor: Annotated[
        str | None,
        Query(
            description="Where the page starts: the `next_cursor` of the page before (opaque: only one this API "
            "gave is accepted). Leave out for the first page.",
            max_length=500,
        ),
    ] = None,
    limit: Annotated[
        int, Query(description="How many articles a page.", ge=1, le=MAX_LIMIT, example=20)
    ] = DEFAULT_LIMIT,
):
    def build():
        articles = ArticlePage.objects.listable().teasers()
        if section:
            found = SectionPage.objects.live().public().filter(slug=section).first()
            articles = articles.child_of(found) if found else articles.none()
        if author:
            articles = articles.filter(pk__in=ArticleAuthor.objects.filter(author__slug=author).values("article_id"))
        if published_after:
            articles = articles.filter(publication_date__gte=_instant(published_after, "published_after"))
        if published_before:
            articles = articles.filter(publication_date__lt=_instant(published_before, "published_before"))
        # The listings' order, with undated articles last on every database.
        articles = articles.order_by(F("publication_date").desc(nulls_last=True), "-pk")
        if cursor:
            articles = _after(articles, _position(cursor))
        found = list(articles[: limit + 1])
        shown = found[:limit]
        next_cursor = _cursor(shown[-1]) if len(found) > limit else None
        next_url = None
        if next_cursor:
            query = {"section": section, "author": author, "limit": limit if limit != DEFAULT_LIMIT else None}
            query["published_after"] = published_after.isoformat() if published_after else None
            query["published_before"] = published_before.isoformat() if published_before else None
            query["cursor"] = next_cursor
            next_url = f"{request.path}?{urlencode({k: v for k, v in query.items() if v is not None})}"
        return {"items": _article_items(request, shown), "next_cursor": next_cursor, "next": next_url}

    # Every caller's list is the same: kept under the site's and the authors' versions (a publication, a byline)
    # and the counts' five-minute span, as the listing pages are.
    options = (section, author, published_after, published_before, cursor, limit)
    listed = shared_payload(
        request,
        "articles_list",
        build,
        schema=out.ArticleList,
        keys=[AUTHORS],
        options=options,
        lists_articles=True,
        # A time of the caller's choosing names a list of its own, and so does a slug that names nothing (an empty
        # list): neither is kept, or anyone could fill the cache with them.
        cacheable=published_after is None and published_before is None,
        keep=lambda found: bool(found.items),
    )
    # Each article's mode follows its own version, not the list's: read for the page, in two queries at most.
    modes = comment_modes_for([item.id for item in listed.items])
    for item in listed.items:
        item.comment_mode = type(item.comment_mode)(modes[item.id])  # the schema's enum, as validation made it
    return listed


def _body_blocks(body):
    """The body's blocks as stored, with rich text expanded to HTML (its links made the site's URLs) and each
    figure's image as the site shows it."""
    blocks = []
    for child in body:
        value = child.block.get_prep_value(child.value)
        if child.block_type == "paragraph":
            value = expand_db_html(child.value.source)
        elif child.block_type == "image":
            image = child.value.get("image")
            # As a figure reads (blocks/figure.html).
            alt = child.value.get("alt_text") or (image.title if image else "")
            value = {**value, "image": _image(image, "figure", alt)}
        blocks.append({"type": child.block_type, "value": value, "id": child.id})
    return blocks


@router.get(
    "/articles/{article_id}",
    response={200: out.ArticleDetail},
    summary="Read an article",
    description="A published, public article: what a listing shows, plus the body as structured blocks and as "
    "the page's HTML, the editor's note, the lead image's caption, related articles and what the page tells "
    "search engines. A draft, unpublished or view-restricted article is not found.",
    openapi_extra={"responses": problems.responses(404)},
)
def article_detail(request, article_id: path_id("The article's id.", example=345)):
    article = article_or_404(article_id, None)
    # The same for every caller: kept under the versions of the article (comments, ratings, mode), the site (its
    # publication, related articles) and the authors (bylines); the host, for the canonical URL.
    return shared_payload(
        request,
        "article_detail",
        lambda: _article_detail(request, article),
        schema=out.ArticleDetail,
        keys=[AUTHORS, page_key(article.pk)],
        options=(article.pk, request.get_host()),
    )


def _article_detail(request, article):
    listed = ArticlePage.objects.teasers().filter(pk=article.pk).first()
    if listed is None:  # unpublished since
        raise Http404("No such article")
    item = _article_items(request, [listed])[0]
    item["comment_mode"] = comment_mode(listed)
    # The lead as the article shows it: the teaser's prefetched renditions are the thumbnail's.
    lead = get_image_model().objects.filter(pk=listed.image_id).first() if listed.image_id else None
    item["image"] = _image(lead, "lead", _article_alt(listed, lead)) if lead else None
    return {
        **item,
        "image_caption": listed.image_caption,
        "editors_note_html": expand_db_html(listed.editors_note) if listed.editors_note else "",
        "body": _body_blocks(listed.body),
        "body_html": listed.body.render_as_block(),
        "related": [
            {"id": related.pk, "title": related.title, "url": _path(request, related)}
            for related in listed.related_articles()
        ],
        "meta": {
            "title": listed.seo_title or listed.title,
            "description": listed.search_description or listed.standfirst,
            "canonical_url": listed.get_full_url(request),
            "last_published_at": listed.last_published_at,
        },
    }


# --- Sections -----------------------------------------------------------------------------------------------------


def _sections():
    """Live sections under no view restriction, in the site's order."""
    return SectionPage.objects.live().public().select_related("columnist").order_by("path")


def _section(request, section):
    columnist = section.columnist
    return {
        "slug": section.slug,
        "title": section.title,
        "kind": section.kind,
        "description": section.description,
        "url": _path(request, section),
        "columnist": {"name": columnist.name, "slug": columnist.slug} if columnist else None,
        "articles": f"{reverse('api:articles_list')}?{urlencode({'section': section.slug})}",
    }


@router.get(
    "/sections",
    response={200: out.SectionList},
    summary="List sections",
    description="Every published, public section and named column, in the site's order.",
    openapi_extra={"responses": problems.responses(503, examples={503: (problems.UNAVAILABLE, UNAVAILABLE)})},
)
def sections_list(request):
    return {"items": [_section(request, section) for section in _sections()]}


@router.get(
    "/sections/{slug}",
    response={200: out.Section},
    summary="Read a section",
    description="A published, public section by its slug; its articles are `GET /articles?section={slug}`.",
    openapi_extra={"responses": problems.responses(404)},
)
def section_detail(request, slug: slug_param("The section's slug.", "news")):
    section = _sections().filter(slug=slug).first()
    if section is None:
        raise Http404("No such section")
    return _section(request, section)


# --- Authors ------------------------------------------------------------------------------------------------------


def _numbered(request, queryset, page, page_size, default_size):
    """One numbered page of `queryset` and where it stands; a page past the last is the last (as the site's
    listings read `?page=`)."""
    paginator = Paginator(queryset, page_size)
    current = paginator.page(min(page, paginator.num_pages))

    def link(number):
        query = {"page": number, **({"page_size": page_size} if page_size != default_size else {})}
        return f"{request.path}?{urlencode(query)}"

    return current.object_list, {
        "page": current.number,
        "page_size": page_size,
        "count": paginator.count,
        "num_pages": paginator.num_pages,
        "next": link(current.next_page_number()) if current.has_next() else None,
        "previous": link(current.previous_page_number()) if current.has_previous() else None,
    }


def _author(author):
    return {
        "name": author.name,
        "slug": author.slug,
        "role": author.role,
        "bio": author.bio,
        "social_handle": author.social_handle,
        "url": author.get_absolute_url(),
        "articles": f"{reverse('api:articles_list')}?{urlencode({'author': author.slug})}",
    }


def _page_params(default_size):
    return (
        Annotated[int, Query(description="Which page.", ge=1, le=MAX_PAGE, example=1)],
        Annotated[int, Query(description="How many a page.", ge=1, le=MAX_PAGE_SIZE, example=default_size)],
    )


AuthorsPage, AuthorsPageSize = _page_params(AUTHORS_PAGE_SIZE)
IssuesPage, IssuesPageSize = _page_params(ISSUES_PAGE_SIZE)


@router.get(
    "/authors",
    response={200: out.AuthorList},
    summary="List authors",
    description="The authors with at least one published, public article, by name, paged. A page past the last "
    "is the last.",
    openapi_extra={"responses": problems.responses(400, 422)},
)
def authors_list(request, page: AuthorsPage = 1, page_size: AuthorsPageSize = AUTHORS_PAGE_SIZE):
    # As the authors' page lists them (publishing.views.author_list).
    authors = Author.objects.listed()
    shown, where = _numbered(request, authors.order_by("name", "pk"), page, page_size, AUTHORS_PAGE_SIZE)
    return {**where, "items": [_author(author) for author in shown]}


@router.get(
    "/authors/{slug}",
    response={200: out.Author},
    summary="Read an author",
    description="An author by their slug, as their page on the site shows them; their articles are "
    "`GET /articles?author={slug}`.",
    openapi_extra={"responses": problems.responses(404)},
)
def author_detail(request, slug: slug_param("The author's slug.", "dr-jane-doe")):
    author = Author.objects.listed().filter(slug=slug).first()
    if author is None:
        raise Http404("No such author")
    return _author(author)


# --- Print issues -------------------------------------------------------------------------------------------------


def _issues():
    """Live print issues under no view restriction, newest first."""
    return PrintIssuePage.objects.live().public().select_related("edition_document").order_by("-issue_date", "-pk")


def _issue(request, issue, slot):
    has_edition = issue.edition_document_id or issue.edition_url
    return {
        "id": issue.pk,
        "title": issue.title,
        "issue_date": issue.issue_date,
        "summary": issue.summary,
        # As the issue's page reads (pages/print_issue_page.html).
        "cover": _image(issue.cover, slot, f"Cover of the {issue.title} issue") if issue.cover_id else None,
        "url": _path(request, issue),
        "edition_url": issue.edition_link if has_edition else None,
    }


@router.get(
    "/issues",
    response={200: out.IssueList},
    summary="List print issues",
    description="The print archive: published, public issues, newest first, paged. A page past the last is the last.",
    openapi_extra={"responses": problems.responses(400, 422)},
)
def issues_list(request, page: IssuesPage = 1, page_size: IssuesPageSize = ISSUES_PAGE_SIZE):
    issues = with_rendition_prefetch(_issues(), *COVER.specs, field="cover")
    shown, where = _numbered(request, issues, page, page_size, ISSUES_PAGE_SIZE)
    return {**where, "items": [_issue(request, issue, "issue-card") for issue in shown]}


@router.get(
    "/issues/{issue_id}",
    response={200: out.IssueDetail},
    summary="Read a print issue",
    description="A published, public print issue with its table of contents; an item links to its article only "
    "when that article is published and public.",
    openapi_extra={"responses": problems.responses(404)},
)
def issue_detail(request, issue_id: path_id("The print issue's id.", example=88)):
    issue = _issues().filter(pk=issue_id).first()
    if issue is None:
        raise Http404("No such issue")
    items = []
    for item in issue.contents_shown():
        article = item.shown_article
        items.append(
            {
                "heading": item.heading,
                "title": item.display_title,
                "page_number": item.page_number,
                "article": {"id": article.pk, "title": article.title, "url": _path(request, article)}
                if article
                else None,
            }
        )
    return {**_issue(request, issue, "issue-page"), "contents": items}
