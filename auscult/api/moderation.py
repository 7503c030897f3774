"""The moderation workspace over HTTP, for moderators: the queues with their filters, decisions, sanctions, legal
holds and the audit log.

Each operation asks for a token with the `moderate` scope (or the browser session) and then for the moderators'
permission, before it looks anything up, so nobody else learns even which ids exist. The queues are the admin's
own (`admin_views`: the same querysets, filter sets and decorations), the writes its services, which check the
permission again and write the audit log."""

from datetime import date, datetime
from enum import Enum
from typing import Annotated, Literal

from django.contrib.auth import get_user_model
from django.core.paginator import EmptyPage, Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404
from django_filters.constants import EMPTY_VALUES
from ninja import Body, Path, Query, Router, Schema, Status
from ninja.errors import ValidationError
from pydantic import Field

from auscult.comments.models import Comment, CommentStatus, ReportReason
from auscult.core.actors import require
from auscult.moderation import errors as moderation_errors
from auscult.moderation import legal_holds, queues, sanctions
from auscult.moderation.admin_views import QUEUE_COMMENTS, QUEUE_FILTER_SETS, QueueView
from auscult.moderation.audit_views import AuditFilterSet
from auscult.moderation.decisions import DECISIONS, comment_decide, decisions_for, version_of
from auscult.moderation.forms import SanctionForm
from auscult.moderation.models import AuditAction, AuditEntry, LegalHold, Sanction, SanctionKind
from auscult.moderation.permissions import MODERATE, VIEW_AUDIT
from auscult.moderation.queues import Queue
from auscult.moderation.rules import HOLDING

from . import problems
from .auth import caller
from .models import Scope
from .schemas import BoundedId, Page, path_id

router = Router(tags=["moderation"])

# The queues of comments waiting for a moderator (the admin's tabs but "recently decided", which lists decisions).
CommentQueue = Enum("CommentQueue", {queue.name: queue.value for queue in QUEUE_COMMENTS}, type=str)
# The same as a path parameter (an enum there loses its description in django-ninja's OpenAPI).
QueueName = Literal[tuple(queue.value for queue in QUEUE_COMMENTS)]
DecisionName = Enum("DecisionName", {str(action).upper(): str(action) for action in DECISIONS}, type=str)
HeldRule = Enum("HeldRule", {code.upper(): code for code, _ in HOLDING}, type=str)

# A page of a list: the admin shows 50; a program may ask for up to 100.
DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 100
MAX_PAGE = 1_000_000
# The most of a reason this API reads: far more than any reason needs, little enough to refuse a flood.
MAX_REASON = 10_000
# Suspensions last as long as the admin's form allows.
MAX_DAYS = SanctionForm.base_fields["days"].max_value

MODERATE_AUTH = caller(Scope.MODERATE)
READ_ERRORS = problems.responses(
    401, 403, 404, 422, 429, examples={404: ("not_found", "Not found (an unknown id, or a page past the last).")}
)
WRITE_ERRORS = problems.responses(400, 401, 403, 404, 422, 429)
DECIDE_ERRORS = problems.responses(
    400,
    401,
    403,
    404,
    409,
    422,
    429,
    examples={
        409: (
            moderation_errors.ALREADY_DECIDED,
            "Comment 4812 was already decided: Mod Ruth approved it at 10:42 on 04 Dec.",
        ),
        422: (moderation_errors.REASON_NEEDED, "Give a reason: it is sent to the author."),
    },
)


# ---------------------------------------------------------------------------------------------------------------
# Schemas


class Person(Schema):
    """A member or a member of staff, by the name others see (never the private full name)."""

    id: int = Field(description="The member's id.", examples=[42])
    display_name: str = Field(description="The name shown for them.", examples=["Dr Priya Shah"])


class QueuedArticle(Schema):
    id: int = Field(description="The article's id.", examples=[17])
    title: str = Field(description="Its headline.", examples=["The funding formula, explained"])


class ReportOut(Schema):
    reason: ReportReason = Field(description="Why it was reported.", examples=[ReportReason.PERSONAL_ATTACK])
    note: str = Field(description="What the reporter added, if anything.", examples=["Calls a colleague a liar."])
    reporter: Person = Field(description="Who reported it.")
    created_at: datetime = Field(description="When.", examples=["2026-12-04T10:31:00Z"])


class AuthorSummary(Person):
    anonymous: bool = Field(
        description="Whether they comment as Anonymous (moderators still see who).", examples=[False]
    )
    comments: int = Field(description="Their comments, in any state.", examples=[31])
    rejections_and_removals: int = Field(description="Their comments moderators rejected or removed.", examples=[2])
    reports_against: int = Field(description="Reports made against their comments.", examples=[5])


class ChoiceOut(Schema):
    decision: DecisionName = Field(description="The value to send as `decision`.", examples=["approve"])
    label: str = Field(description="The words the workspace puts on its button.", examples=["Approve"])
    needs_reason: bool = Field(
        description="Whether a reason must be given (it is sent to the author).", examples=[True]
    )


class QueueItem(Schema):
    """A comment waiting for a moderator, with what they need beside it."""

    id: int = Field(description="The comment's id.", examples=[4812])
    body: str = Field(description="The comment as its author wrote it (plain text).", examples=["A fair point."])
    status: CommentStatus = Field(description="Its state now.", examples=[CommentStatus.PENDING])
    held_reason: str | None = Field(description="The rule that held it, if one did.", examples=["premoderation"])
    held_reason_label: str | None = Field(description="That rule in words.", examples=["Pre-moderated article"])
    held_detail: str = Field(description="What the rule found, for moderators.", examples=[""])
    parent_id: int | None = Field(description="The comment it answers, if it is a reply.", examples=[None])
    article: QueuedArticle = Field(description="The article it is on.")
    author: AuthorSummary = Field(description="Who wrote it, and their record.")
    created_at: datetime = Field(description="When it was posted.", examples=["2026-12-04T09:15:00Z"])
    edited_at: datetime | None = Field(description="When its author last edited it.", examples=[None])
    report_count: int = Field(description="Reports not yet dealt with.", examples=[0])
    reports: list[ReportOut] = Field(description="Those reports, oldest first.")
    version: str = Field(
        description="What you are looking at: send it back as `seen_version` with a decision, which is refused "
        "if the comment has changed since.",
        examples=["pending|"],
    )
    decisions: list[ChoiceOut] = Field(description="The decisions a comment in this state allows.")


class QueuePage(Page):
    queue: CommentQueue = Field(description="The queue.", examples=["held"])
    items: list[QueueItem] = Field(description="This page of the queue, in its order.")


class QueueSizes(Schema):
    held: int = Field(description="Comments waiting for a moderator.", examples=[12])
    reported: int = Field(description="Comments with reports no moderator has dealt with.", examples=[3])


class CommentRef(Schema):
    id: int = Field(description="The comment's id.", examples=[4812])
    body: str = Field(description="Its text.", examples=["A fair point."])
    status: CommentStatus = Field(description="Its state now.", examples=[CommentStatus.REMOVED])
    article: QueuedArticle = Field(description="The article it is on.")
    author: Person = Field(description="Who wrote it.")
    version: str = Field(description="Its version now (see the queues' `version`).", examples=["removed|"])


class DecidedItem(Schema):
    """A decision of the last seven days."""

    id: int = Field(description="The audit log entry's id.", examples=[991])
    decision: DecisionName = Field(description="What was decided.", examples=["remove"])
    actor: Person | None = Field(description="Who decided (none: the system).")
    reason: str = Field(description="The reason given.", examples=["Comments must not attack other people."])
    created_at: datetime = Field(description="When.", examples=["2026-12-04T10:42:00Z"])
    comment: CommentRef | None = Field(description="The comment, if it still exists.")
    undo: ChoiceOut | None = Field(description="The decision that undoes it, if the comment's state allows one.")


class DecidedPage(Page):
    items: list[DecidedItem] = Field(description="This page of the decisions, newest first.")


class Paging(Schema):
    page: int = Field(1, ge=1, le=MAX_PAGE, description="Which page, from 1.", examples=[1])
    page_size: int = Field(
        DEFAULT_PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE, description="How many to a page (at most 100).", examples=[50]
    )


class QueueFilters(Paging):
    section: BoundedId | None = Field(
        None, description="Only comments on articles in this section (its id).", examples=[3]
    )
    article: BoundedId | None = Field(None, description="Only comments on this article (its id).", examples=[17])
    member: BoundedId | None = Field(None, description="Only comments by this member (their id).", examples=[42])
    rule: HeldRule | None = Field(None, description="Held queue only: the rule that held the comment.")


class DecidedFilters(Paging):
    article: BoundedId | None = Field(
        None, description="Only decisions on this article's comments (its id).", examples=[17]
    )
    member: BoundedId | None = Field(
        None, description="Only decisions on this member's comments (their id).", examples=[42]
    )


class DecisionIn(Schema):
    decision: DecisionName = Field(description="approve, reject, remove or restore.", examples=["approve"])
    reason: str = Field(
        "",
        max_length=MAX_REASON,
        description="Why: needed to reject or remove, and sent to the author.",
        examples=["Comments must not attack other people."],
    )
    seen_status: CommentStatus | None = Field(
        None, description="The state you saw the comment in: refused (409) if it has moved since.", examples=["pending"]
    )
    seen_version: str | None = Field(
        None,
        max_length=100,
        description="The `version` you saw: refused (409) if it has changed.",
        examples=["pending|"],
    )


class DecisionOut(Schema):
    id: int = Field(description="The comment's id.", examples=[4812])
    status: CommentStatus = Field(description="Its state after the decision.", examples=[CommentStatus.PUBLISHED])
    version: str = Field(description="Its version now.", examples=["published|"])
    decision: DecisionName = Field(description="What was decided.", examples=["approve"])
    audit_entry_id: int = Field(description="The audit log's entry for it.", examples=[992])
    decisions: list[ChoiceOut] = Field(description="The decisions its new state allows (e.g. restore).")


class SanctionOut(Schema):
    id: int = Field(description="The sanction's id.", examples=[8])
    member: Person = Field(description="Who is sanctioned.")
    kind: SanctionKind = Field(description="A suspension (with an end) or a ban.", examples=[SanctionKind.SUSPENSION])
    reason: str = Field(description="Why; shown to the member.", examples=["Repeated personal attacks."])
    starts_at: datetime = Field(description="When it began.", examples=["2026-12-04T10:00:00Z"])
    ends_at: datetime | None = Field(
        description="When a suspension ends (none for a ban).", examples=["2026-12-18T09:30:00Z"]
    )
    created_by: Person | None = Field(description="The moderator who imposed it.")
    lifted_at: datetime | None = Field(description="When it was lifted, if it was.", examples=[None])
    lifted_by: Person | None = Field(description="Who lifted it.")
    lift_reason: str = Field(description="Why it was lifted.", examples=[""])


class SanctionPage(Page):
    items: list[SanctionOut] = Field(description="Sanctions in force, newest first.")


class SanctionFilters(Paging):
    member: BoundedId | None = Field(None, description="Only this member's sanctions (their id).", examples=[42])
    kind: SanctionKind | None = Field(None, description="Only suspensions, or only bans.")


class SanctionIn(Schema):
    kind: SanctionKind = Field(description="suspension or ban.", examples=[SanctionKind.SUSPENSION])
    reason: str = Field(
        max_length=MAX_REASON, description="Why; shown to the member.", examples=["Repeated personal attacks."]
    )
    days: int | None = Field(
        None, ge=1, le=MAX_DAYS, description="How long a suspension lasts, in days (needed for one).", examples=[7]
    )


class LiftIn(Schema):
    reason: str = Field(
        "", max_length=MAX_REASON, description="Why it is lifted (for the audit log).", examples=["Apologised."]
    )


class HeldCommentRef(Schema):
    id: int = Field(description="The comment's id.", examples=[4812])
    status: CommentStatus = Field(description="Its state now.", examples=[CommentStatus.PUBLISHED])
    article_id: int = Field(description="The article it is on.", examples=[17])
    author: Person = Field(description="Who wrote it.")


class LegalHoldOut(Schema):
    id: int = Field(description="The hold's id.", examples=[3])
    comment: HeldCommentRef | None = Field(description="The comment under the hold (none if its article is gone).")
    reason: str = Field(
        description="Why, e.g. the complaint's reference.", examples=["Solicitor's letter ref 2026/114"]
    )
    placed_by: Person | None = Field(description="Who placed it.")
    placed_at: datetime = Field(description="When.", examples=["2026-12-04T10:00:00Z"])
    lifted_at: datetime | None = Field(description="When it was lifted, if it was.", examples=[None])
    lifted_by: Person | None = Field(description="Who lifted it.")
    lift_reason: str = Field(description="Why it was lifted.", examples=[""])


class LegalHoldPage(Page):
    items: list[LegalHoldOut] = Field(description="Holds in force, newest first.")


class LegalHoldFilters(Paging):
    member: BoundedId | None = Field(
        None, description="Only holds on this member's comments (their id).", examples=[42]
    )
    comment: BoundedId | None = Field(None, description="Only holds on this comment (its id).", examples=[4812])


class LegalHoldIn(Schema):
    reason: str = Field(
        max_length=MAX_REASON,
        description="Why, e.g. the complaint's reference.",
        examples=["Solicitor's letter ref 2026/114"],
    )


class AuditEntryOut(Schema):
    id: int = Field(description="The entry's id.", examples=[991])
    action: AuditAction = Field(description="What was done.", examples=[AuditAction.REMOVE])
    action_label: str = Field(description="That in words.", examples=["Removed a comment"])
    actor: Person | None = Field(description="Who did it (none: the system, e.g. the report threshold).")
    comment_id: int | None = Field(description="The comment it was about, if any.", examples=[4812])
    member: Person | None = Field(description="The member it was about, if any.")
    article_id: int | None = Field(description="The article it was about, if any.", examples=[17])
    reason: str = Field(description="The reason given.", examples=["Comments must not attack other people."])
    detail: dict = Field(description="What else was recorded (the state before, a suspension's end…).")
    created_at: datetime = Field(description="When.", examples=["2026-12-04T10:42:00Z"])


class AuditPage(Page):
    items: list[AuditEntryOut] = Field(description="This page of the log, newest first.")


class AuditFilters(Paging):
    action: AuditAction | None = Field(None, description="Only this kind of action.", examples=["remove"])
    actor: BoundedId | None = Field(None, description="Only what this member of staff did (their id).", examples=[5])
    member: str | None = Field(
        None,
        max_length=100,
        description="Only entries about this member: their id, or words of their display name, username or e-mail.",
        examples=["Shah"],
    )
    article: str | None = Field(
        None,
        max_length=100,
        description="Only entries about this article: its id or words of its headline.",
        examples=["funding formula"],
    )
    comment: BoundedId | None = Field(None, description="Only entries about this comment (its id).", examples=[4812])
    date_from: date | None = Field(None, description="From this day (inclusive).", examples=["2026-12-01"])
    date_to: date | None = Field(None, description="Up to this day (inclusive).", examples=["2026-12-04"])


# ---------------------------------------------------------------------------------------------------------------
# Helpers


def _moderator(request, permission=MODERATE):
    """The calling member, if they hold `permission` (else 403, before anything is looked up)."""
    return require(request.auth.member, permission)


def _person(user):
    return {"id": user.pk, "display_name": user.public_name} if user is not None else None


def _paginate(request, queryset, paging, *, count=None):
    """This page of `queryset` and where it stands; a page past the last is not found (the first always exists)."""
    paginator = Paginator(queryset, paging.page_size)
    if count is not None:
        paginator.count = count
    try:
        current = paginator.page(paging.page)
    except EmptyPage as error:
        raise Http404 from error

    def link(number):
        query = request.GET.copy()
        query["page"] = str(number)
        return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")

    return list(current.object_list), {
        "page": current.number,
        "page_size": paging.page_size,
        "count": paginator.count,
        "num_pages": paginator.num_pages,
        "next": link(current.next_page_number()) if current.has_next() else None,
        "previous": link(current.previous_page_number()) if current.has_previous() else None,
    }


def _filtered(filterset_class, data, queryset, request):
    """`queryset` through the admin's filter set; a filter naming nothing is refused (422) with its field, where
    the admin shows the error and leaves that filter out. Also whether any filter narrows the list."""
    data = {name: str(value) for name, value in data.items() if value is not None}
    filters = filterset_class(data, queryset=queryset, request=request)
    if not filters.is_valid():
        raise ValidationError(
            [
                {"loc": ("query", name), "msg": " ".join(str(message) for message in messages)}
                for name, messages in filters.errors.items()
            ]
        )
    narrowed = any(value not in EMPTY_VALUES for value in filters.form.cleaned_data.values())
    return filters.qs, narrowed


def _choices(choices):
    return [{"decision": c.decision, "label": c.label, "needs_reason": c.needs_reason} for c in choices]


def _queue_item(comment):
    summary = comment.summary
    return {
        "id": comment.pk,
        "body": comment.body,
        "status": comment.status,
        "held_reason": comment.held_reason or None,
        "held_reason_label": comment.rule or None,
        "held_detail": comment.held_detail,
        "parent_id": comment.parent_id,
        "article": {"id": comment.article.pk, "title": comment.article.title},
        "author": {
            **_person(comment.author),
            "anonymous": comment.author.anonymous,
            "comments": summary.get("comments", 0),
            "rejections_and_removals": summary.get("rejections_and_removals", 0),
            "reports_against": summary.get("reports_against", 0),
        },
        "created_at": comment.created_at,
        "edited_at": comment.edited_at,
        "report_count": len(comment.reports.all()),
        "reports": [
            {
                "reason": report.reason,
                "note": report.note,
                "reporter": _person(report.reporter),
                "created_at": report.created_at,
            }
            for report in comment.reports.all()
        ],
        "version": comment.version,
        "decisions": _choices(comment.decisions),
    }


def _decided_item(entry):
    comment = entry.comment
    return {
        "id": entry.pk,
        "decision": entry.action,
        "actor": _person(entry.actor),
        "reason": entry.reason,
        "created_at": entry.created_at,
        "comment": {
            "id": comment.pk,
            "body": comment.body,
            "status": comment.status,
            "article": {"id": comment.article.pk, "title": comment.article.title},
            "author": _person(comment.author),
            "version": version_of(comment),
        }
        if comment is not None
        else None,
        "undo": _choices([entry.undo])[0] if entry.undo else None,
    }


def _sanction(sanction):
    return {
        "id": sanction.pk,
        "member": _person(sanction.member),
        "kind": sanction.kind,
        "reason": sanction.reason,
        "starts_at": sanction.starts_at,
        "ends_at": sanction.ends_at,
        "created_by": _person(sanction.created_by),
        "lifted_at": sanction.lifted_at,
        "lifted_by": _person(sanction.lifted_by),
        "lift_reason": sanction.lift_reason,
    }


def _hold(hold):
    comment = hold.comment
    return {
        "id": hold.pk,
        "comment": {
            "id": comment.pk,
            "status": comment.status,
            "article_id": comment.article_id,
            "author": _person(comment.author),
        }
        if comment is not None
        else None,
        "reason": hold.reason,
        "placed_by": _person(hold.placed_by),
        "placed_at": hold.placed_at,
        "lifted_at": hold.lifted_at,
        "lifted_by": _person(hold.lifted_by),
        "lift_reason": hold.lift_reason,
    }


def _audit_entry(entry):
    detail = entry.detail if isinstance(entry.detail, dict) else {}
    comment_id = entry.comment_id or detail.get("comment_id")
    return {
        "id": entry.pk,
        "action": entry.action,
        "action_label": entry.get_action_display(),
        "actor": _person(entry.actor),
        "comment_id": comment_id if isinstance(comment_id, int) else None,
        "member": _person(entry.member),
        "article_id": entry.article_id,
        "reason": entry.reason,
        "detail": detail,
        "created_at": entry.created_at,
    }


# ---------------------------------------------------------------------------------------------------------------
# Queues


@router.get(
    "/queues",
    auth=MODERATE_AUTH,
    response={200: QueueSizes},
    summary="How many comments wait in each queue",
    description="The sizes the workspace's tabs and the admin menu show. Moderators only.",
    openapi_extra={"responses": problems.responses(401, 403, 429)},
)
def moderation_queue_sizes(request):
    _moderator(request)
    sizes = queues.queue_sizes(request)
    return {"held": sizes[Queue.HELD], "reported": sizes[Queue.REPORTED]}


@router.get(
    "/queues/decided",
    auth=MODERATE_AUTH,
    response={200: DecidedPage},
    summary="Decisions of the last seven days",
    description="Approvals, rejections, removals and restorations of the last seven days, newest first, each with "
    "the comment as it is now and the decision that would undo it (a removal's restore), as the workspace's "
    "*Recently decided* tab shows them. Moderators only.",
    openapi_extra={"responses": READ_ERRORS},
)
def moderation_decided(request, filters: Query[DecidedFilters]):
    _moderator(request)
    queryset, _ = _filtered(
        QUEUE_FILTER_SETS[Queue.DECIDED],
        {"article": filters.article, "member": filters.member},
        queues.recently_decided(),
        request,
    )
    entries, page = _paginate(request, queryset, filters)
    QueueView.decorate_decisions(entries)
    return {**page, "items": [_decided_item(entry) for entry in entries]}


@router.get(
    "/queues/{queue}",
    auth=MODERATE_AUTH,
    response={200: QueuePage},
    summary="A moderation queue",
    description="The held comments (waiting for a moderator) or the reported ones (with reports nobody has dealt "
    "with), oldest first as the workspace shows them, with their reports, their author's record and the decisions "
    "their state allows. Send an item's `status` and `version` back with a decision. Moderators only.",
    openapi_extra={"responses": READ_ERRORS},
)
def moderation_queue(
    request,
    queue: Annotated[QueueName, Path(description="held or reported.", example="held")],
    filters: Query[QueueFilters],
):
    _moderator(request)
    queue = Queue(queue)
    data = {"section": filters.section, "article": filters.article, "member": filters.member}
    if filters.rule is not None:
        if queue != Queue.HELD:
            raise ValidationError([{"loc": ("query", "rule"), "msg": "Only the held queue is filtered by rule."}])
        data["rule"] = filters.rule.value
    queryset, narrowed = _filtered(
        QUEUE_FILTER_SETS[queue], data, queues.with_context(QUEUE_COMMENTS[queue]()), request
    )
    # The whole queue's size is the one its tab shows, counted once (as the admin's listing does).
    count = None if narrowed else queues.queue_sizes(request)[queue]
    comments, page = _paginate(request, queryset, filters, count=count)
    QueueView.decorate_comments(comments)
    return {**page, "queue": queue.value, "items": [_queue_item(comment) for comment in comments]}


# ---------------------------------------------------------------------------------------------------------------
# Decisions


@router.post(
    "/comments/{comment_id}/decisions",
    auth=MODERATE_AUTH,
    response={200: DecisionOut},
    summary="Decide a comment",
    description="Approve (publish a held comment, or keep a reported one), reject a held one, remove a published "
    "one or restore a removed one; a rejection or removal needs a reason, which is sent to the author. Send the "
    "`seen_status` and `seen_version` you saw: if another moderator decided first, or the author edited it since, "
    "the decision is refused with 409 and who decided. Written to the audit log. Moderators only.",
    openapi_extra={"responses": DECIDE_ERRORS},
)
def moderation_decide(request, comment_id: path_id("The comment's id.", 4812), payload: DecisionIn):
    moderator = _moderator(request)
    comment = get_object_or_404(Comment, pk=comment_id)
    entry = comment_decide(
        comment=comment,
        moderator=moderator,
        decision=payload.decision.value,
        reason=payload.reason,
        seen_status=payload.seen_status.value if payload.seen_status else None,
        seen_version=payload.seen_version,
    )
    comment.refresh_from_db()
    return {
        "id": comment.pk,
        "status": comment.status,
        "version": version_of(comment),
        "decision": entry.action,
        "audit_entry_id": entry.pk,
        "decisions": _choices(decisions_for(comment.status)),
    }


# ---------------------------------------------------------------------------------------------------------------
# Sanctions


@router.get(
    "/sanctions",
    auth=MODERATE_AUTH,
    response={200: SanctionPage},
    summary="Sanctions in force",
    description="Suspensions not yet ended and bans, not lifted, newest first. Moderators only.",
    openapi_extra={"responses": READ_ERRORS},
)
def sanctions_list(request, filters: Query[SanctionFilters]):
    _moderator(request)
    queryset = (
        Sanction.objects.active().select_related("member", "created_by", "lifted_by").order_by("-created_at", "-pk")
    )
    if filters.member is not None:
        queryset = queryset.filter(member_id=filters.member)
    if filters.kind is not None:
        queryset = queryset.filter(kind=filters.kind)
    rows, page = _paginate(request, queryset, filters)
    return {**page, "items": [_sanction(sanction) for sanction in rows]}


@router.post(
    "/members/{member_id}/sanctions",
    auth=MODERATE_AUTH,
    response={201: SanctionOut},
    summary="Suspend or ban a member",
    description="A suspension (for `days`) or a ban, with the reason the member is shown. It takes effect at "
    "once: their session and API tokens stop working. A ban also keeps hashes of their e-mail address and "
    "registration number, so they cannot register again. Written to the audit log. Moderators only.",
    openapi_extra={"responses": WRITE_ERRORS},
)
def sanction_create(request, member_id: path_id("The member's id.", 42), payload: SanctionIn):
    moderator = _moderator(request)
    member = get_object_or_404(get_user_model(), pk=member_id)
    sanction = sanctions.member_sanction(
        member=member, kind=payload.kind, reason=payload.reason, by=moderator, days=payload.days
    )
    return Status(201, _sanction(sanction))


@router.delete(
    "/sanctions/{sanction_id}",
    auth=MODERATE_AUTH,
    response={200: SanctionOut},
    summary="Lift a sanction",
    description="Ends a suspension or a ban now (lifting one already lifted changes nothing). The reason, "
    "optional, goes to the audit log: in the query (`?reason=`) or a JSON body. Moderators only.",
    openapi_extra={"responses": WRITE_ERRORS},
)
def sanction_lift(
    request,
    sanction_id: path_id("The sanction's id.", 8),
    reason: Annotated[
        str, Query(max_length=MAX_REASON, description="Why it is lifted (or send it in the body).", example="")
    ] = "",
    payload: Annotated[LiftIn | None, Body(description="Why it is lifted.")] = None,
):
    moderator = _moderator(request)
    sanction = get_object_or_404(Sanction.objects.select_related("member"), pk=sanction_id)
    lifted = sanctions.sanction_lift(
        sanction=sanction, by=moderator, reason=(payload.reason if payload else "") or reason
    )
    lifted = Sanction.objects.select_related("member", "created_by", "lifted_by").get(pk=lifted.pk)
    return _sanction(lifted)


# ---------------------------------------------------------------------------------------------------------------
# Legal holds


@router.get(
    "/legal-holds",
    auth=MODERATE_AUTH,
    response={200: LegalHoldPage},
    summary="Legal holds in force",
    description="Comments kept, with their author's contact details, through account deletion until the hold is "
    "lifted; newest first. Moderators only.",
    openapi_extra={"responses": READ_ERRORS},
)
def legal_holds_list(request, filters: Query[LegalHoldFilters]):
    _moderator(request)
    queryset = (
        LegalHold.objects.active()
        .select_related("comment__author", "placed_by", "lifted_by")
        .order_by("-placed_at", "-pk")
    )
    if filters.member is not None:
        queryset = queryset.filter(comment__author_id=filters.member)
    if filters.comment is not None:
        queryset = queryset.filter(comment_id=filters.comment)
    holds, page = _paginate(request, queryset, filters)
    return {**page, "items": [_hold(hold) for hold in holds]}


@router.post(
    "/comments/{comment_id}/legal-holds",
    auth=MODERATE_AUTH,
    response={201: LegalHoldOut},
    summary="Put a comment under a legal hold",
    description="Keeps the comment, and its author's contact details, through the deletion of their account until "
    "the hold is lifted (e.g. while a defamation complaint is open). Needs a reason; written to the audit log. "
    "Moderators only.",
    openapi_extra={"responses": WRITE_ERRORS},
)
def legal_hold_create(request, comment_id: path_id("The comment's id.", 4812), payload: LegalHoldIn):
    moderator = _moderator(request)
    comment = get_object_or_404(Comment.objects.select_related("author"), pk=comment_id)
    hold = legal_holds.legal_hold_place(comment=comment, by=moderator, reason=payload.reason)
    return Status(201, _hold(hold))


@router.delete(
    "/legal-holds/{hold_id}",
    auth=MODERATE_AUTH,
    response={200: LegalHoldOut},
    summary="Lift a legal hold",
    description="Ends the hold (lifting one already lifted changes nothing); if the author deleted their account "
    "meanwhile, the deletion now reaches the comment. The reason, optional, goes to the audit log: in the query "
    "(`?reason=`) or a JSON body. Moderators only.",
    openapi_extra={"responses": WRITE_ERRORS},
)
def legal_hold_lift(
    request,
    hold_id: path_id("The legal hold's id.", 3),
    reason: Annotated[
        str, Query(max_length=MAX_REASON, description="Why it is lifted (or send it in the body).", example="")
    ] = "",
    payload: Annotated[LiftIn | None, Body(description="Why it is lifted.")] = None,
):
    moderator = _moderator(request)
    hold = get_object_or_404(LegalHold, pk=hold_id)
    lifted = legal_holds.legal_hold_lift(hold=hold, by=moderator, reason=(payload.reason if payload else "") or reason)
    lifted = LegalHold.objects.select_related("comment__author", "placed_by", "lifted_by").get(pk=lifted.pk)
    return _hold(lifted)


# ---------------------------------------------------------------------------------------------------------------
# The audit log


@router.get(
    "/audit",
    auth=MODERATE_AUTH,
    response={200: AuditPage},
    summary="The moderation audit log",
    description="Every decision, sanction, legal hold, rule change and comment-mode change: who, what, when and "
    "why, newest first, filtered as the admin's audit log is (and by comment). For those who may read the log "
    "(moderators and editors).",
    openapi_extra={"responses": READ_ERRORS},
)
def audit_log(request, filters: Query[AuditFilters]):
    _moderator(request, VIEW_AUDIT)
    queryset = AuditEntry.objects.select_related("actor", "member").order_by("-created_at", "-id")
    if filters.comment is not None:
        queryset = queryset.filter(comment_id=filters.comment)
    data = {
        "action": filters.action.value if filters.action else None,
        "actor": filters.actor,
        "member": filters.member,
        "article": filters.article,
        "created_at_from": filters.date_from.isoformat() if filters.date_from else None,
        "created_at_to": filters.date_to.isoformat() if filters.date_to else None,
    }
    queryset, _ = _filtered(AuditFilterSet, data, queryset, request)
    entries, page = _paginate(request, queryset, filters)
    return {**page, "items": [_audit_entry(entry) for entry in entries]}
