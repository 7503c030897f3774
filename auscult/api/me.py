"""The member's own account: their profile, their comments in every state, their notifications and e-mail choices,
the discussions they follow and their data export. Each operation calls what the *My account* pages call: the
profile form and `members.services`, `notifications.services`, `members.data`."""

from datetime import datetime
from enum import IntEnum
from typing import Any, Literal

from django.core.paginator import Paginator
from django.utils.http import urlencode
from ninja import Field, Query, Router, Schema
from pydantic import ConfigDict

from auscult.comments.models import Comment, CommentStatus
from auscult.comments.templatetags.comments_tags import first_line
from auscult.members import services as member_services
from auscult.members.access import Standing, may_comment, may_rate, standing_of
from auscult.members.forms import CONFLICTS, ProfileForm
from auscult.notifications import services as notification_services
from auscult.notifications.forms import PreferencesForm
from auscult.notifications.models import Digest, Follow, Kind, Notification
from auscult.publishing.access import article_or_404
from auscult.publishing.models import ArticlePage

from . import problems
from .auth import caller
from .models import Scope
from .schemas import BoundedId, Page, path_id

router = Router(tags=["me"])

READ = caller(Scope.READ)
WRITE = caller(Scope.WRITE)

# The sizes of a page of the member's lists, as the thread offers.
PAGE_SIZES = (10, 20, 50)
# The most pages any list of the member's could have at the smallest size; past the last, the last is given.
MAX_PAGE = 100_000
# The most notifications one call may mark read by id.
MAX_IDS = 100

StandingName = Literal[
    Standing.ANONYMOUS,
    Standing.UNCONFIRMED,
    Standing.AWAITING_APPROVAL,
    Standing.DECLINED,
    Standing.SUSPENDED,
    Standing.BANNED,
    Standing.UNKNOWN,
    Standing.VERIFIED,
]
CommentStatusName = Literal[tuple(CommentStatus.values)]
KindName = Literal[tuple(Kind.values)]
DigestName = Literal[tuple(Digest.values)]


# --- Schemas -----------------------------------------------------------------------------------------------------


class Permission(Schema):
    allowed: bool = Field(description="Whether the member may do it now.", examples=[False])
    standing: StandingName = Field(description="Where the member stands, which decides it.", examples=["suspended"])
    reason: str = Field(
        description="Why not, in a sentence the member may be shown (empty when allowed).",
        examples=["You are suspended until 12 Dec 2026, 09:00. Reason: Personal attacks."],
    )


class Profile(Schema):
    id: int = Field(description="The member's id.", examples=[42])
    display_name: str = Field(description="The public name shown beside their comments.", examples=["Dr Ana R"])
    comments_shown_as: str = Field(
        description="What their comments show: their display name, or “Anonymous”.", examples=["Dr Ana R"]
    )
    job_title: str = Field(description="Shown beside their comments; may be empty.", examples=["Locum GP"])
    profession: str = Field(description="Their profession's code (empty if none).", examples=["gp"])
    profession_label: str = Field(description="Their profession, as the site names it.", examples=["GP"])
    anonymous: bool = Field(description="Their comments show “Anonymous” instead of their name.", examples=[False])
    profile_public: bool = Field(description="They chose to show a public profile page.", examples=[False])
    profile_shows_profession: bool = Field(description="Their public profile shows their profession.", examples=[False])
    has_public_profile: bool = Field(
        description="Whether a public profile page is shown now (chosen, and their comments are not anonymous).",
        examples=[False],
    )
    email: str = Field(description="Their e-mail address (their own, so shown to them).", examples=["ana@example.com"])
    email_confirmed: bool = Field(description="Whether the address is confirmed.", examples=[True])
    date_joined: datetime = Field(description="When they registered.", examples=["2026-03-01T09:30:00Z"])
    standing: StandingName = Field(description="Where they stand with the site.", examples=["verified"])
    may_comment: Permission = Field(description="Whether they may comment now, and if not why.")
    may_rate: Permission = Field(description="Whether they may rate articles now, and if not why.")


class ProfileChange(Schema):
    """What the *Edit profile* page lets a member change; what is left out stays as it is."""

    model_config = ConfigDict(extra="forbid")

    display_name: str | None = Field(
        None, description="The public name beside their comments: unique, not a staff name.", examples=["Dr Ana R"]
    )
    job_title: str | None = Field(None, description="Shown beside their comments; empty for none.", examples=["GP"])
    anonymous: bool | None = Field(None, description="Show “Anonymous” instead of their name.", examples=[False])
    profile_public: bool | None = Field(None, description="Show a public profile page.", examples=[False])
    profile_shows_profession: bool | None = Field(
        None, description="Show their profession on their public profile.", examples=[False]
    )


class MyArticle(Schema):
    id: int = Field(description="The article's id.", examples=[7])
    title: str = Field(description="The article's title.", examples=["Winter pressures: what the figures show"])
    url: str | None = Field(
        description="The article's page, while it is live and public (null once unpublished or restricted).",
        examples=["/news/winter-pressures/"],
    )


class MyComment(Schema):
    id: int = Field(description="The comment's id.", examples=[901])
    article: MyArticle = Field(description="The article it is on.")
    parent_id: int | None = Field(description="The comment it replies to, if any.", examples=[None])
    body: str = Field(description="What they wrote (plain text).", examples=["The funding formula ignores rurality."])
    status: CommentStatusName = Field(description="Where it stands.", examples=["pending"])
    status_label: str = Field(description="Where it stands, in words.", examples=["Awaiting moderation"])
    in_thread: bool = Field(
        description="Whether readers see it in the article's thread (published, or a placeholder kept for replies).",
        examples=[False],
    )
    created_at: datetime = Field(examples=["2026-12-01T10:00:00Z"], description="When it was posted.")
    edited_at: datetime | None = Field(None, examples=[None], description="When it was last edited, if ever.")
    published_at: datetime | None = Field(None, examples=[None], description="When it was published, if ever.")
    url: str | None = Field(description="Its permalink, while it is published.", examples=["/comments/901/"])


class MyComments(Page):
    items: list[MyComment] = Field(description="The member's comments, newest first.")


class NotificationComment(Schema):
    id: int = Field(description="The comment the notification is about.", examples=[902])
    shown: bool = Field(
        description="Whether the comment is still published; if not, nothing of it is given.", examples=[True]
    )
    excerpt: str | None = Field(
        description="Its first line, while it is published.", examples=["I agree about rurality, and…"]
    )
    url: str = Field(description="Its permalink (which says so if it has gone since).", examples=["/comments/902/"])
    article: MyArticle = Field(description="The article it is on.")


class MyNotification(Schema):
    id: int = Field(description="The notification's id.", examples=[55])
    kind: KindName = Field(description="What it is about.", examples=["reply"])
    kind_label: str = Field(description="What it is about, in words.", examples=["Replies to my comments"])
    headline: str = Field(
        description="What it says, in a line.", examples=["Dr Sam O replied to your comment on “Winter pressures”"]
    )
    created_at: datetime = Field(description="When it was made.", examples=["2026-12-01T11:00:00Z"])
    read_at: datetime | None = Field(description="When it was read, if it has been.", examples=[None])
    comment: NotificationComment = Field(description="The comment it is about.")


class MyNotifications(Page):
    unread: int = Field(description="How many of all the member's notifications are unread.", examples=[3])
    items: list[MyNotification] = Field(description="Notifications, newest first.")


class MarkRead(Schema):
    model_config = ConfigDict(extra="forbid")

    ids: list[BoundedId] | None = Field(
        None,
        max_length=MAX_IDS,
        description=f"The notifications to mark read (at most {MAX_IDS}); leave out or null for all of them. Ids "
        "that are not the member's, or are read already, change nothing.",
        examples=[[55, 56]],
    )


class Marked(Schema):
    marked: int = Field(description="How many were unread and are now read.", examples=[2])
    unread: int = Field(description="How many are still unread.", examples=[1])


class Preferences(Schema):
    """The member's e-mail choices, as *E-mail choices* in My account."""

    model_config = ConfigDict(extra="forbid")

    email_replies: bool = Field(description="E-mail me when someone replies to my comments.", examples=[True])
    email_approved: bool = Field(description="E-mail me when a held comment of mine is published.", examples=[True])
    email_featured: bool = Field(description="E-mail me when the editors feature a comment of mine.", examples=[True])
    email_recommended: bool = Field(
        description="E-mail me when a comment of mine is first recommended.", examples=[False]
    )
    digest: DigestName = Field(
        description="How often to e-mail me the new comments in the discussions I follow.", examples=["daily"]
    )
    follow_when_commenting: bool = Field(description="Follow a discussion when I comment in it.", examples=[True])


class MyFollow(Schema):
    article: MyArticle = Field(description="The article whose discussion is followed.")
    since: datetime = Field(description="When they began to follow it.", examples=["2026-11-20T08:00:00Z"])


class MyFollows(Page):
    items: list[MyFollow] = Field(description="Followed discussions, most recent first.")


class Following(Schema):
    article_id: int = Field(description="The article.", examples=[7])
    following: bool = Field(description="Whether the member now follows its discussion.", examples=[True])


PageNumber = Query(1, ge=1, le=MAX_PAGE, description="Which page (past the last, the last is given).", example=1)
PageSize = Query(20, description=f"How many items a page holds: one of {', '.join(map(str, PAGE_SIZES))}.", example=20)
PageSizeChoice = IntEnum("PageSizeChoice", {f"SIZE_{size}": size for size in PAGE_SIZES})


# --- Helpers -----------------------------------------------------------------------------------------------------


def _paged(request, queryset, page, page_size, **query):
    """One page of `queryset`, clamped to the valid range as the HTML lists are, and where it stands."""
    page_size = int(page_size)
    paginator = Paginator(queryset, page_size)
    current = paginator.get_page(page)

    def link(number):
        return request.build_absolute_uri("?" + urlencode({**query, "page": number, "page_size": page_size}))

    where = {
        "page": current.number,
        "page_size": page_size,
        "count": paginator.count,
        "num_pages": paginator.num_pages,
        "next": link(current.next_page_number()) if current.has_next() else None,
        "previous": link(current.previous_page_number()) if current.has_previous() else None,
    }
    return current.object_list, where


def _public_articles(article_ids):
    """Of these articles, those live and under no view restriction: the ones an API caller may be linked to."""
    return set(ArticlePage.objects.listable().filter(pk__in=set(article_ids)).values_list("pk", flat=True))


def _article(article, public):
    return {"id": article.pk, "title": article.title, "url": article.url if article.pk in public else None}


def _permission(permission):
    return {"allowed": permission.allowed, "standing": permission.standing, "reason": permission.reason}


def _profile(member):
    return {
        "id": member.pk,
        "display_name": member.display_name,
        "comments_shown_as": member.comment_name,
        "job_title": member.job_title,
        "profession": member.profession,
        "profession_label": member.get_profession_display(),
        "anonymous": member.anonymous,
        "profile_public": member.profile_public,
        "profile_shows_profession": member.profile_shows_profession,
        "has_public_profile": member.has_public_profile,
        "email": member.email,
        "email_confirmed": member.email_confirmed,
        "date_joined": member.date_joined,
        "standing": _standing(member),
        "may_comment": _permission(may_comment(member)),
        "may_rate": _permission(may_rate(member)),
    }


def _standing(member):
    """`standing_of`, told apart from a sanction in force (which `may_comment` reads): suspended or banned."""
    permission = may_comment(member)
    if permission.standing in (Standing.SUSPENDED, Standing.BANNED, Standing.UNKNOWN):
        return permission.standing
    return standing_of(member)


def _form_problem(form):
    """The form's refusals as one problem: each field at fault with its message; the code is the refusal's own
    when there is one (e.g. `taken`), else `invalid`."""
    errors, codes = [], []
    for field, field_errors in form.errors.as_data().items():
        for error in field_errors:
            errors.append({"field": None if field == "__all__" else field, "message": " ".join(error.messages)})
            codes.append(error.code or problems.INVALID)
    code = codes[0] if len(codes) == 1 else problems.INVALID
    detail = errors[0]["message"] if len(errors) == 1 else "Some of what was sent cannot be used: see errors."
    return problems.problem(422, code, detail, errors=errors)


# --- Profile -----------------------------------------------------------------------------------------------------


@router.get(
    "",
    auth=READ,
    response={200: Profile},
    summary="My profile",
    description="The signed-in member's profile, where they stand with the site and what they may do now (comment, "
    "rate, and if not, why). Their e-mail address is included: it is their own. Their full name and registration "
    "number are not (see the data export).",
    openapi_extra={"responses": problems.responses(401, 429)},
)
def me_profile(request):
    return _profile(request.auth.member)


@router.patch(
    "",
    auth=WRITE,
    response={200: Profile},
    summary="Change my profile",
    description="Change what the *Edit profile* page lets a member change: display name, job title, whether their "
    "comments say “Anonymous”, and their public profile. Only the fields sent change. The page's rules hold: a "
    "display name must be free (no other member's, nor one that looks just like it), not reserved for staff, and "
    "of a valid length and form. A refusal names the field at fault.",
    openapi_extra={
        "responses": problems.responses(
            400, 401, 403, 422, 429, examples={422: ("taken", "Another member already uses that name, …")}
        )
    },
)
def me_profile_update(request, payload: ProfileChange):
    member = request.auth.member
    changes = payload.model_dump(exclude_none=True)
    data = {field: getattr(member, field) for field in ProfileForm.base_fields} | changes
    form = ProfileForm(data, member=member)
    if not form.is_valid():
        return _form_problem(form)
    try:
        member_services.member_update_profile(member=member, **form.cleaned_data)
    except CONFLICTS:
        # Another member took the name after the form's checks: nothing was saved (as the HTML page).
        member.refresh_from_db()
        if not form.add_conflict_errors():
            raise
        return _form_problem(form)
    return _profile(member)


# --- My comments -------------------------------------------------------------------------------------------------


@router.get(
    "/comments",
    auth=READ,
    response={200: MyComments},
    summary="My comments",
    description="The member's own comments in every state (awaiting moderation, published, hidden, rejected, "
    "removed, deleted), newest first, with where each stands, as *My comments* shows them.",
    openapi_extra={"responses": problems.responses(401, 422, 429)},
)
def my_comments(request, page: int = PageNumber, page_size: PageSizeChoice = PageSize):
    member = request.auth.member
    mine = Comment.objects.filter(author=member).select_related("article").order_by("-created_at", "-id")
    comments, where = _paged(request, mine, page, page_size)
    public = _public_articles(c.article_id for c in comments)
    items = [
        {
            "id": c.pk,
            "article": _article(c.article, public),
            "parent_id": c.parent_id,
            "body": c.body,
            "status": c.status,
            "status_label": c.get_status_display(),
            "in_thread": c.listed,
            "created_at": c.created_at,
            "edited_at": c.edited_at,
            "published_at": c.published_at,
            "url": c.get_absolute_url() if c.is_published else None,
        }
        for c in comments
    ]
    return {**where, "items": items}


# --- Notifications -----------------------------------------------------------------------------------------------


@router.get(
    "/notifications",
    auth=READ,
    response={200: MyNotifications},
    summary="My notifications",
    description="The member's notifications, newest first (only the unread ones with `unread=true`): replies to "
    "their comments, their held comments published, featured or first recommended. A comment no longer published "
    "is named by its id and article only; nothing of what it said is given.",
    openapi_extra={"responses": problems.responses(401, 422, 429)},
)
def my_notifications(
    request,
    page: int = PageNumber,
    page_size: PageSizeChoice = PageSize,
    unread: bool | None = Query(
        None, description="true: only the unread ones; false: only the read ones.", example=True
    ),
):
    member = request.auth.member
    mine = (
        Notification.objects.filter(member_id=member.pk)
        .select_related("comment__article", "comment__author")
        .order_by("-created_at", "-id")
    )
    query = {}
    if unread is not None:
        mine = mine.filter(read_at__isnull=unread)
        query["unread"] = "true" if unread else "false"
    notifications, where = _paged(request, mine, page, page_size, **query)
    notifications = list(notifications)
    notification_services.with_headlines(notifications)
    public = _public_articles(n.comment.article_id for n in notifications)
    items = []
    for n in notifications:
        comment = n.comment
        items.append(
            {
                "id": n.pk,
                "kind": n.kind,
                "kind_label": n.get_kind_display(),
                "headline": n.headline,
                "created_at": n.created_at,
                "read_at": n.read_at,
                "comment": {
                    "id": comment.pk,
                    "shown": comment.is_published,
                    "excerpt": first_line(comment.body) if comment.is_published else None,
                    "url": comment.get_absolute_url(),
                    "article": _article(comment.article, public),
                },
            }
        )
    return {**where, "unread": notification_services.unread_count(member), "items": items}


@router.post(
    "/notifications/read",
    auth=WRITE,
    response={200: Marked},
    summary="Mark my notifications read",
    description="Mark every unread notification of the member read, or only those whose ids are given.",
    openapi_extra={"responses": problems.responses(400, 401, 403, 422, 429)},
)
def my_notifications_read(request, payload: MarkRead):
    member = request.auth.member
    named = None
    if payload.ids is not None:
        named = list(Notification.objects.filter(member_id=member.pk, pk__in=payload.ids).only("pk"))
    marked = notification_services.mark_read(member, named)
    return {"marked": marked, "unread": notification_services.unread_count(member)}


# --- E-mail choices ----------------------------------------------------------------------------------------------


def _preferences(choices):
    return {field: getattr(choices, field) for field in PreferencesForm._meta.fields}


@router.get(
    "/preferences",
    auth=READ,
    response={200: Preferences},
    summary="My e-mail choices",
    description="What the member is e-mailed about, how often the followed discussions' digest comes, and whether "
    "commenting follows a discussion (the defaults until they choose).",
    openapi_extra={"responses": problems.responses(401, 429)},
)
def my_preferences_get(request):
    return _preferences(notification_services.preferences_of(request.auth.member))


@router.put(
    "/preferences",
    auth=WRITE,
    response={200: Preferences},
    summary="Set my e-mail choices",
    description="Replace the member's e-mail choices (every field is sent), as the *E-mail choices* page saves them.",
    openapi_extra={"responses": problems.responses(400, 401, 403, 422, 429)},
)
def my_preferences_put(request, payload: Preferences):
    member = request.auth.member
    form = PreferencesForm(payload.model_dump(), instance=notification_services.preferences_of(member))
    if not form.is_valid():
        return _form_problem(form)
    notification_services.save_preferences(member, **form.cleaned_data)
    return _preferences(notification_services.preferences_of(member))


# --- Followed discussions ----------------------------------------------------------------------------------------


@router.get(
    "/follows",
    auth=READ,
    response={200: MyFollows},
    summary="Discussions I follow",
    description="The live, public articles whose discussions the member follows (their new comments come in the "
    "digest), most recently followed first.",
    openapi_extra={"responses": problems.responses(401, 422, 429)},
)
def my_follows(request, page: int = PageNumber, page_size: PageSizeChoice = PageSize):
    follows = (
        Follow.objects.filter(member_id=request.auth.member.pk, article__in=ArticlePage.objects.listable())
        .select_related("article")
        .order_by("-created_at", "-id")
    )
    found, where = _paged(request, follows, page, page_size)
    items = [
        {"article": {"id": f.article.pk, "title": f.article.title, "url": f.article.url}, "since": f.created_at}
        for f in found
    ]
    return {**where, "items": items}


ArticleId = path_id("The article's id.", example=7)


@router.put(
    "/follows/{article_id}",
    auth=WRITE,
    response={200: Following},
    summary="Follow a discussion",
    description="Follow the discussion of a live, public article: its new comments come in the member's digest. "
    "Following it again changes nothing.",
    openapi_extra={"responses": problems.responses(400, 401, 403, 404, 429)},
)
def article_follow(request, article_id: ArticleId):
    article = article_or_404(article_id, None)
    notification_services.follow(request.auth.member, article)
    return {"article_id": article.pk, "following": True}


@router.delete(
    "/follows/{article_id}",
    auth=WRITE,
    response={200: Following},
    summary="Stop following a discussion",
    description="Stop following an article's discussion; what was waiting for the digest from it goes too.",
    openapi_extra={"responses": problems.responses(401, 403, 404, 429)},
)
def article_unfollow(request, article_id: ArticleId):
    article = article_or_404(article_id, None)
    notification_services.unfollow(request.auth.member, article)
    return {"article_id": article.pk, "following": False}


# --- Data export -------------------------------------------------------------------------------------------------


@router.get(
    "/export",
    auth=READ,
    response={200: dict[str, Any]},
    summary="My data",
    description="Everything the site holds about the member's account, as the *Download my data* page gives it: "
    "the account and profile, e-mail addresses, verification history, and each feature's own section (comments, "
    "ratings, notifications, API tokens without their keys, …). Other members' data is not included.",
    openapi_extra={"responses": problems.responses(401, 429)},
)
def my_data_export(request):
    return member_services.member_export(member=request.auth.member)
