"""Readers' comments over the API: a page of an article's thread, one comment, and the member's writes (post,
reply, edit, delete, report, recommend).

Each operation calls what the comment pages call (`comments.selectors`, `comments.services`, `comments.speakers`,
`core.ratelimits`): the thread is the one everyone reads (published comments, and placeholders without their
words or author while published replies point at them), a comment is found with `Comment.objects.visible_to`,
and every refusal is the services' own. Only comments of live articles under no view restriction are reached
(`publishing.access`, with no request: an API caller has passed no restriction)."""

from contextlib import contextmanager
from datetime import datetime
from enum import IntEnum
from functools import cache
from typing import Annotated
from uuid import UUID

from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from ninja import Query, Router, Schema, Status
from pydantic import ConfigDict, Field

from auscult.comments import errors, selectors, services, speakers
from auscult.comments.models import Comment, CommentStatus, ReportReason
from auscult.comments.screening import CommentMode, comment_mode
from auscult.comments.text import render_body
from auscult.core import ratelimits
from auscult.core.delivery import page_key
from auscult.core.errors import Refused
from auscult.publishing import access

from . import problems
from .auth import BrowserSession, Caller, TokenAuth, caller, retry_after
from .caching import shared_payload
from .models import Scope
from .schemas import BoundedId, Page, path_id

router = Router(tags=["comments"])

ArticleId = path_id("The article's id.", example=42)
CommentId = path_id("The comment's id.", example=1234)

PageSize = IntEnum("PageSize", {f"SIZE_{size}": size for size in selectors.PAGE_SIZES})
# Far past any thread's last page; a page past the last is the last (as on the article page).
MAX_PAGE = 100_000
# A body this long is refused before it reaches the service, whose own limit (Settings → Comments) is far lower
# and is answered with its own message (`too_long`).
MAX_BODY_CHARS = 100_000

# What a text field may hold, as the document says it: anything but NUL, which the parser refuses (400) before
# any field is read, so generated clients and fuzzers know it.
NO_NUL = r"^[^\x00]*$"

# The badge the thread shows beside a name (comments/comment.html), as a code and in the thread's words.
BADGES = {speakers.STAFF: ("staff", "Magazine staff"), speakers.AUTHOR: ("author", "Article's author")}
# What the thread shows in place of a removed or deleted comment that replies still point at.
PLACEHOLDER_TEXT = {
    CommentStatus.REMOVED: "This comment was removed by a moderator.",
    CommentStatus.DELETED: "This comment was deleted by its author.",
}
# The services' refusals that are about one field of what was sent.
FIELD_OF_CODE = {
    errors.EMPTY: "body",
    errors.TOO_LONG: "body",
    errors.REFUSED_BY_RULE: "body",
    errors.BAD_PARENT: "parent_id",
    errors.BAD_REASON: "note",
}


# ---------------------------------------------------------------------------------------------------------- schemas


class Speaker(Schema):
    """Who wrote a comment, as the thread names them on this article."""

    name: str = Field(description="The name the thread shows.", examples=["Dr Lina P", "Anonymous 2"])
    job_title: str | None = Field(None, description="Their job title, if they show one.", examples=["Salaried GP"])
    badge: str | None = Field(
        None, description="'staff' (the magazine's staff) or 'author' (the article's author).", examples=["author"]
    )
    badge_label: str | None = Field(None, description="The badge in the thread's words.", examples=["Article's author"])
    profile_url: str | None = Field(
        None, description="Their public profile, where the thread links one.", examples=["/members/7-dr-lina-p/"]
    )


class CommentLink(Schema):
    """Another comment of the thread: the one replied to, or a reply."""

    id: int = Field(examples=[1230])
    url: str = Field(description="The comment in this API.", examples=["/api/v1/comments/1230"])
    permalink: str = Field(description="The comment on the site.", examples=["/comments/1230/"])
    speaker_name: str | None = Field(None, description="Who wrote it, while it is published.", examples=["Nurse Ola K"])


class CommentOut(Schema):
    """A comment. A placeholder (a removed or deleted comment kept while published replies point at it) carries
    neither words nor author."""

    id: int = Field(examples=[1234])
    article_id: int = Field(examples=[42])
    status: CommentStatus = Field(
        description="Published, or (for its author only) where it stands; 'removed' or 'deleted' for a placeholder.",
        examples=["published"],
    )
    placeholder: bool = Field(description="A removed or deleted comment kept for its replies.", examples=[False])
    placeholder_text: str | None = Field(None, examples=["This comment was removed by a moderator."])
    speaker: Speaker | None = Field(None, description="Who wrote it (none for a placeholder).")
    body: str | None = Field(None, description="What they wrote, as plain text.", examples=["I agree with this."])
    body_html: str | None = Field(
        None,
        description="The text as the site shows it: escaped, in paragraphs, with safe links.",
        examples=["<p>I agree with this.</p>"],
    )
    created_at: datetime = Field(examples=["2026-02-02T16:03:00Z"])
    edited: bool = Field(description="Whether its author has edited it.", examples=[False])
    edited_at: datetime | None = Field(None, examples=[None])
    parent_id: int | None = Field(None, description="The comment it replies to.", examples=[1230])
    reply_to: CommentLink | None = Field(None, description="The comment it replies to.")
    reply_count: int = Field(description="How many published replies it has.", examples=[3])
    replies: list[CommentLink] = Field(description=f"Its first {selectors.REPLIES_NAMED} published replies.")
    recommend_count: int | None = Field(None, description="Members who recommend it.", examples=[5])
    permalink: str = Field(description="Its address on the site.", examples=["/comments/1234/"])
    url: str = Field(description="Its address in this API.", examples=["/api/v1/comments/1234"])


class PostedComment(CommentOut):
    reason: str | None = Field(
        None,
        description="Why it waits, in words its author may be shown (only while it waits for a moderator).",
        examples=["Thank you. Your comment will appear once a moderator has approved it."],
    )


class CommentList(Page):
    """A page of an article's thread: the same for everyone."""

    order: selectors.ThreadOrder = Field(examples=["oldest"])
    published_count: int = Field(description="The article's published comments.", examples=[31])
    comment_mode: CommentMode = Field(
        description="Whether new comments publish, wait or are closed.", examples=["open"]
    )
    items: list[CommentOut] = Field(description="The page's comments, in the thread's order.")


class CommentIn(Schema):
    model_config = ConfigDict(extra="forbid")

    body: str = Field(
        max_length=MAX_BODY_CHARS,
        pattern=NO_NUL,
        description="Plain text; web addresses become links.",
        examples=["Our practice saw the same thing last winter."],
    )
    parent_id: BoundedId | None = Field(None, description="The comment this replies to.", examples=[1230])
    submission_key: UUID | None = Field(
        None,
        description="A key of your choosing, new for each comment: sending the same post again (a retry) answers "
        "the comment it made rather than making another.",
        examples=["6f1c2a1e-8d7b-4c1e-9a55-0b3f1d2e4c6a"],
    )


class CommentEdit(Schema):
    model_config = ConfigDict(extra="forbid")

    body: str = Field(
        max_length=MAX_BODY_CHARS, pattern=NO_NUL, description="The new text.", examples=["Corrected figures below."]
    )


class ReportIn(Schema):
    model_config = ConfigDict(extra="forbid")

    reason: ReportReason = Field(description="What is wrong with the comment.", examples=["personal_attack"])
    note: str = Field(
        "",
        max_length=1000,
        pattern=NO_NUL,
        description="For the moderators; needed with 'other'.",
        examples=["Names a colleague."],
    )


class Reported(Schema):
    reported: bool = Field(examples=[True])


class RecommendationOut(Schema):
    recommended: bool = Field(description="Whether you now recommend it.", examples=[True])
    recommend_count: int = Field(description="Members who recommend it.", examples=[6])


# -------------------------------------------------------------------------------------------------------- reading


@cache
def _url_formats():
    """The API's and the site's address of a comment, as formats of its id (reversed once, not per comment)."""
    sentinel = 987654321

    def form(url):
        return url.replace(str(sentinel), "{}")

    return (
        form(reverse("api:comment_detail", kwargs={"comment_id": sentinel})),
        form(reverse("comments:permalink", args=[sentinel])),
    )


def _link(pk, speaker_name=None):
    api_url, permalink = _url_formats()
    return {"id": pk, "url": api_url.format(pk), "permalink": permalink.format(pk), "speaker_name": speaker_name}


def _speaker(found):
    code, label = BADGES.get(found.badge, (None, None))
    return {
        "name": found.name,
        "job_title": found.job_title or None,
        "badge": code,
        "badge_label": label,
        "profile_url": found.url or None,
    }


def _out(comment, *, viewer=None):
    """A comment named by `selectors` (its `speaker`, `parent_speaker`, `shown_replies`), as the API shows it to
    `viewer` (None: everyone): a placeholder is words and author only for its own author."""
    api_url, permalink = _url_formats()
    hidden = comment.is_placeholder and (viewer is None or comment.author_id != viewer.pk)
    parent = None
    if comment.parent_id:
        published = comment.parent is not None and comment.parent.is_published
        parent = _link(comment.parent_id, comment.parent_speaker.name if published and comment.parent_speaker else None)
    replies = [_link(reply.pk, reply.speaker.name) for reply in getattr(comment, "shown_replies", ())]
    return {
        "id": comment.pk,
        "article_id": comment.article_id,
        "status": comment.status,
        "placeholder": comment.is_placeholder,
        "placeholder_text": PLACEHOLDER_TEXT.get(comment.status) if comment.is_placeholder else None,
        "speaker": None if hidden else _speaker(comment.speaker),
        "body": None if hidden else comment.body,
        "body_html": None if hidden else str(render_body(comment.body)),
        "created_at": comment.created_at,
        "edited": comment.edited_at is not None,
        "edited_at": None if hidden else comment.edited_at,
        "parent_id": comment.parent_id,
        "reply_to": parent,
        "reply_count": comment.published_reply_count,
        "replies": replies,
        "recommend_count": None if hidden else comment.recommend_count,
        "permalink": permalink.format(comment.pk),
        "url": api_url.format(comment.pk),
    }


def _named(comment):
    """The comment read afresh with its people and named as the thread names them (`selectors`)."""
    comment = Comment.objects.with_people().get(pk=comment.pk)
    selectors.name_speakers(comment.article_id, [comment])
    return comment


def _viewer(request):
    """Who reads a comment: a token's member or the signed-in browser's, else nobody (a visitor). A wrong token
    is a 401, as everywhere."""
    for auth in (TokenAuth(Scope.READ), BrowserSession(csrf=False)):
        found = auth(request)
        if isinstance(found, Caller):
            return found.member
    return AnonymousUser()


def _visible_comment(member, comment_id):
    """The comment if `member` may read it on an article anyone may read (no view restriction passed)."""
    return selectors.visible_comment(member, comment_id)


@contextmanager
def _refusals(request=None):
    """A service's refusal, with the field it is about (posting too fast carries its wait: `Retry-After`)."""
    try:
        yield
    except Refused as refusal:
        field = FIELD_OF_CODE.get(refusal.code)
        if field:
            refusal.context.setdefault("field", field)
        raise


DEFAULT_PAGE_SIZE = PageSize(selectors.DEFAULT_PAGE_SIZE)
PageNumber = Annotated[int, Query(ge=1, le=MAX_PAGE, description="Which page, from 1.", example=2)]
PageSizeParam = Annotated[PageSize, Query(description="Comments a page: 10, 20 or 50.", example=20)]
OrderParam = Annotated[selectors.ThreadOrder, Query(description="The thread's order.", example="newest")]


def _page_url(article_id, number, page_size, order):
    path = reverse("api:comments_list", kwargs={"article_id": article_id})
    return f"{path}?page={number}&page_size={page_size}&order={order}"


@router.get(
    "/articles/{article_id}/comments",
    response={200: CommentList},
    summary="A page of an article's comments",
    description="The thread everyone reads, a page at a time, oldest first unless `order` says otherwise. Only "
    "published comments are in it, and placeholders (without words or author) for removed or deleted comments "
    "that published replies answer. Your own comments waiting for a moderator are in `GET /me/comments`. A page "
    "past the last is the last.",
    openapi_extra={"responses": problems.responses(400, 404, 422)},
)
def comments_list(
    request,
    article_id: ArticleId,
    page: PageNumber = 1,
    page_size: PageSizeParam = DEFAULT_PAGE_SIZE,
    order: OrderParam = selectors.ThreadOrder.OLDEST,
):
    article = access.article_or_404(article_id, None)
    size = int(page_size)

    def build():
        thread = selectors.thread_page(article, page=page, page_size=size, order=order)
        return {
            "page": thread.number,
            "page_size": size,
            "count": thread.total,
            "num_pages": thread.num_pages,
            "next": _page_url(article.pk, thread.next_page_number, size, order) if thread.has_next else None,
            "previous": _page_url(article.pk, thread.previous_page_number, size, order)
            if thread.has_previous
            else None,
            "order": order,
            "published_count": selectors.published_count(article),
            "comment_mode": comment_mode(article),
            "items": [_out(comment) for comment in thread.comments],
        }

    # Every caller's thread is the same: kept under the article's version, which every change to it replaces.
    return shared_payload(
        request,
        "comments_list",
        build,
        schema=CommentList,
        keys=[page_key(article.pk)],
        options=(article.pk, page, size, str(order)),
        # A page past the last is answered as the last, and not kept under every number someone may ask.
        keep=lambda thread: thread.page == page,
    )


@router.get(
    "/comments/{comment_id}",
    response={200: CommentOut},
    summary="One comment",
    description="A comment of the thread. Signed in (a session, or a token with any scope), you also see your own "
    "comments in every state, with where they stand (`status`: pending, hidden, rejected, …); nobody else does. "
    "Credentials are optional here; a wrong token reads as a visitor.",
    openapi_extra={"responses": problems.responses(404, 429)},
)
def comment_detail(request, comment_id: CommentId):
    viewer = _viewer(request)
    return _out(_named(_visible_comment(viewer, comment_id)), viewer=viewer)


# -------------------------------------------------------------------------------------------------------- writing

_CHAINED = {
    "comment_detail": {
        "operationId": "comment_detail",
        "parameters": {"comment_id": "$response.body#/id"},
        "description": "Read the comment made.",
    },
    "comment_edit": {
        "operationId": "comment_edit",
        "parameters": {"comment_id": "$response.body#/id"},
        "description": "Edit the comment made (within the edit window).",
    },
    "comment_delete": {
        "operationId": "comment_delete",
        "parameters": {"comment_id": "$response.body#/id"},
        "description": "Delete the comment made.",
    },
}


@router.post(
    "/articles/{article_id}/comments",
    auth=caller(Scope.WRITE),
    response={201: PostedComment, 202: PostedComment},
    summary="Post a comment or a reply",
    description="Posts a comment, or with `parent_id` a reply to a comment of the thread. 201: it is published. "
    "202: it waits for a moderator (the article is pre-moderated, or a rule held it), and only you can see it; "
    "`reason` says why in words you may show. Refusals: an empty or too long text (422), posting again too soon "
    "(429, `too_fast`), comments closed (409), a member who may not take part now (403, `not_allowed`: e-mail "
    "not confirmed, awaiting approval, suspended), a reply to a comment no longer in the thread (422, "
    "`bad_parent`).",
    openapi_extra={
        "responses": {
            **problems.responses(
                400,
                401,
                403,
                404,
                409,
                422,
                429,
                examples={
                    403: (errors.NOT_ALLOWED, "Confirm your e-mail address to take part: follow the link we sent you."),
                    409: (errors.CLOSED, "Comments are closed on this article."),
                    429: (errors.TOO_FAST, "You posted a moment ago. Please wait 12 seconds before posting again."),
                },
            ),
            201: {"links": _CHAINED},
            202: {"links": _CHAINED},
        }
    },
)
def comment_post(request, article_id: ArticleId, payload: CommentIn):
    article = access.article_or_404(article_id, None)
    parent = None
    with _refusals(request):
        parent = services.reply_parent(payload.parent_id)
        comment = services.comment_post(
            article=article,
            author=request.auth.member,
            body=payload.body,
            parent=parent,
            submission_key=payload.submission_key,
            request=request,
        )
    posted = {**_out(_named(comment), viewer=request.auth.member), "reason": None}
    if comment.status == CommentStatus.PUBLISHED:
        return Status(201, posted)
    posted["reason"] = services.held_notice(comment)
    return Status(202, posted)


@router.patch(
    "/comments/{comment_id}",
    auth=caller(Scope.WRITE),
    response={200: CommentOut},
    summary="Edit your comment",
    description="Changes the text of your own comment, within the edit window after posting (409 `edit_window` "
    "after it). The new text is checked as a new comment is, so a published comment may go back to waiting for "
    "a moderator: `status` says where it stands. Someone else's comment: 403 `not_yours`.",
    openapi_extra={
        "responses": problems.responses(
            400,
            401,
            403,
            404,
            409,
            422,
            examples={403: (errors.NOT_YOURS, "You can only edit your own comments.")},
        )
    },
)
def comment_edit(request, comment_id: CommentId, payload: CommentEdit):
    member = request.auth.member
    comment = _visible_comment(member, comment_id)
    with _refusals(request):
        comment = services.comment_edit(comment=comment, author=member, body=payload.body)
    return _out(_named(comment), viewer=member)


@router.delete(
    "/comments/{comment_id}",
    auth=caller(Scope.WRITE),
    response={204: None},
    summary="Delete your comment",
    description="Deletes your own comment, published or waiting. While published replies answer it, the thread "
    "keeps a placeholder saying it was deleted. Someone else's: 403 `not_yours`; one already gone: 409.",
    openapi_extra={
        "responses": problems.responses(
            401,
            403,
            404,
            409,
            examples={
                403: (errors.NOT_YOURS, "You can only delete your own comments."),
                409: (errors.CANNOT_CHANGE, "This comment can no longer be deleted."),
            },
        )
    },
)
def comment_delete(request, comment_id: CommentId):
    member = request.auth.member
    comment = _visible_comment(member, comment_id)
    with _refusals(request):
        services.comment_delete(comment=comment, author=member)
    return Status(204, None)


@router.post(
    "/comments/{comment_id}/reports",
    auth=caller(Scope.WRITE),
    response={201: Reported},
    summary="Report a comment",
    description="Tells the moderators what is wrong with a comment (once per comment: 409 `already_reported` "
    "after). Enough reports from established members hide it until a moderator looks. Not your own (403 "
    "`own_comment`); 'other' needs a `note`. Reports are limited per member (429 with `Retry-After`).",
    openapi_extra={
        "responses": problems.responses(
            400,
            401,
            403,
            404,
            409,
            422,
            429,
            examples={
                403: (errors.OWN_COMMENT, "You cannot report your own comment."),
                409: (errors.ALREADY_REPORTED, "You have already reported this comment. Thank you."),
            },
        )
    },
)
def comment_report(request, comment_id: CommentId, payload: ReportIn):
    member = request.auth.member
    comment = _visible_comment(member, comment_id)
    if not ratelimits.consume(request, ratelimits.COMMENT_REPORT):
        raise problems.RateLimited(retry_after(ratelimits.COMMENT_REPORT))
    with _refusals(request):
        services.comment_report(
            comment=comment, reporter=member, reason=payload.reason, note=payload.note, request=request
        )
    return Status(201, {"reported": True})


@router.put(
    "/comments/{comment_id}/recommendation",
    auth=caller(Scope.WRITE),
    response={200: RecommendationOut},
    summary="Recommend a comment",
    description="Says the comment is a good one: once (again changes nothing), never your own (403 "
    "`own_comment`), only a published one (409), and only while you may take part (403 `not_allowed`).",
    openapi_extra={"responses": problems.responses(401, 403, 404, 409, 422)},
)
def comment_recommend(request, comment_id: CommentId):
    member = request.auth.member
    comment = _visible_comment(member, comment_id)
    with _refusals(request):
        comment = services.comment_recommend(comment=comment, member=member)
    return {"recommended": True, "recommend_count": comment.recommend_count}


@router.delete(
    "/comments/{comment_id}/recommendation",
    auth=caller(Scope.WRITE),
    response={200: RecommendationOut},
    summary="Take back a recommendation",
    description="Takes back your recommendation of the comment (nothing to do if you gave none). Anyone signed "
    "in may, even while they may not take part.",
    openapi_extra={"responses": problems.responses(401, 403, 404)},
)
def comment_unrecommend(request, comment_id: CommentId):
    member = request.auth.member
    comment = _visible_comment(member, comment_id)
    with _refusals(request):
        comment = services.comment_unrecommend(comment=comment, member=member)
    return {"recommended": False, "recommend_count": comment.recommend_count}
