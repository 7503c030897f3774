"""The moderation workspace in Wagtail's admin: the queues (Wagtail's listing view with a filter set), decisions
(single and bulk), a member's page and one small view per action taken there, and time to decision.

Every view checks the moderators' permission, and the services check it again; a refusal from a service is
answered with its message on the page, never an error page."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import permission_required
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.views.generic import TemplateView
from django_filters.constants import EMPTY_VALUES
from wagtail.admin.views.generic.base import BaseListingView, WagtailAdminTemplateMixin

from auscult.comments.models import Comment
from auscult.core.drafts import post_only
from auscult.core.errors import NotPermitted, Refused
from auscult.core.params import next_path, positive_id

from . import queues
from .decisions import comment_decide, decisions_for, version_of
from .filters import CommentQueueFilterSet, DecidedFilterSet, HeldQueueFilterSet
from .forms import LegalHoldForm, LiftForm, SanctionForm
from .legal_holds import legal_hold_lift, legal_hold_place
from .models import AuditAction, AuditEntry, LegalHold, ReasonTemplate, Sanction, SanctionKind
from .patient_highlight import highlighted_body
from .permissions import MODERATE, VIEW_AUDIT
from .queues import Queue
from .rules import rule_label
from .sanctions import member_sanction, sanction_lift
from .timing import decision_times, describe_wait, typical_wait

PAST_TENSE = {
    AuditAction.APPROVE: "Approved",
    AuditAction.REJECT: "Rejected",
    AuditAction.REMOVE: "Removed",
    AuditAction.RESTORE: "Restored",
}
PAGE_SIZE = 50
# On a member's page: their latest comments and the latest entries about them in the audit log.
MEMBER_COMMENTS = 30
MEMBER_HISTORY = 50

QUEUE_FILTER_SETS = {
    Queue.HELD: HeldQueueFilterSet,
    Queue.REPORTED: CommentQueueFilterSet,
    Queue.DECIDED: DecidedFilterSet,
}
QUEUE_COMMENTS = {Queue.HELD: queues.held, Queue.REPORTED: queues.reported}
QUEUE_STATUSES = {Queue.HELD: queues.HELD_STATUSES, Queue.REPORTED: queues.REPORTED_STATUSES}


class ModeratorsOnly(PermissionRequiredMixin):
    permission_required = MODERATE
    raise_exception = True  # Wagtail's admin answers it: back to the dashboard, "Sorry, you do not have permission"


class QueueView(ModeratorsOnly, BaseListingView):
    """One queue, oldest first, 50 to a page, filtered by its filter set: the held comments, the reported ones
    (each with what a moderator needs beside it and the decisions the decision table allows), or the decisions
    of the last seven days."""

    template_name = "moderation/queue.html"
    page_title = "Moderation"
    header_icon = "comment"
    paginate_by = PAGE_SIZE

    def setup(self, request, *args, name=Queue.HELD, **kwargs):
        super().setup(request, *args, **kwargs)
        self.queue = Queue(name) if name in Queue.values else Queue.HELD

    @property
    def filterset_class(self):
        return QUEUE_FILTER_SETS[self.queue]

    def get_page_subtitle(self):
        return self.queue.label

    @staticmethod
    def url_of(queue):
        if queue == Queue.HELD:
            return reverse("moderation_admin:queue")
        return reverse("moderation_admin:queue_named", args=[queue])

    def get_index_url(self):
        return self.url_of(self.queue)

    def filter_queryset(self, queryset):
        # Wagtail applies no filter at all when one of them is wrong; here a wrong one (shown with its error)
        # is left out and the others still apply, as django-filter does with the fields that are clean.
        if self.filters:
            self.filters.is_valid()
            queryset = self.filters.filter_queryset(queryset)
        return queryset

    @cached_property
    def narrowed(self):
        """Whether a filter narrows the queue: one with a value that is clean (a wrong one is left out)."""
        if not self.filters:
            return False
        self.filters.is_valid()
        return any(value not in EMPTY_VALUES for value in self.filters.form.cleaned_data.values())

    def get_paginator(self, queryset, per_page, **kwargs):
        paginator = super().get_paginator(queryset, per_page, **kwargs)
        if self.queue in QUEUE_COMMENTS and not self.narrowed:
            # The whole queue: its size is the one its tab and the admin menu show, counted once for the three
            # (a count of a large queue costs more than the rest of the page's queries together).
            paginator.count = queues.queue_sizes(self.request)[self.queue]
        return paginator

    def get_base_queryset(self):
        if self.queue == Queue.DECIDED:
            return queues.recently_decided()
        return queues.with_context(QUEUE_COMMENTS[self.queue]())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        items = list(context["object_list"])
        if self.queue == Queue.DECIDED:
            self.decorate_decisions(items)
        else:
            self.decorate_comments(items)
            context["bulk_decisions"] = decisions_for(*QUEUE_STATUSES[self.queue])
        sizes = queues.queue_sizes(self.request)
        context.update(
            object_list=items,
            queue=self.queue,
            decided=self.queue == Queue.DECIDED,
            # (where, what it says, whether it is this one): the queues waiting for a moderator say how many.
            tabs=[
                (self.url_of(q), f"{q.label} ({sizes[q]})" if q in sizes else q.label, q == self.queue) for q in Queue
            ],
            reasons=ReasonTemplate.objects.all(),
            now=timezone.now(),
        )
        return context

    @staticmethod
    def decorate_comments(comments):
        summaries = queues.member_summaries(c.author_id for c in comments)
        for comment in comments:
            comment.version = version_of(comment)
            comment.summary = summaries.get(comment.author_id, {})
            comment.highlighted = highlighted_body(comment)
            comment.rule = rule_label(comment.held_reason)
            comment.decisions = decisions_for(comment.status)

    @staticmethod
    def decorate_decisions(entries):
        """A removal can be undone from here: the restore the decision table allows, if it does."""
        for entry in entries:
            choices = decisions_for(entry.comment.status) if entry.comment else []
            entry.undo = next((c for c in choices if c.decision == AuditAction.RESTORE), None)


queue = QueueView.as_view()


def _reason(request, prefix=""):
    template_id = positive_id(request.POST.get(f"{prefix}reason_template"))
    template = ReasonTemplate.objects.filter(pk=template_id).first() if template_id else None
    text = request.POST.get(f"{prefix}reason", "").strip()
    return "\n\n".join(part for part in (template.text if template else "", text) if part)


@post_only
@permission_required(MODERATE, raise_exception=True)
def decide(request):
    """One decision, or the same decision for every selected comment (bulk)."""
    decision = request.POST.get("decision", "")
    ids = {positive_id(i) for i in request.POST.getlist("comment") or [request.POST.get("comment_id")]} - {None}
    reason = _reason(request)
    done, refused = 0, []
    for comment in Comment.objects.filter(pk__in=ids):
        seen = request.POST.get(f"seen_{comment.pk}") or request.POST.get("seen_status") or None
        version = request.POST.get(f"version_{comment.pk}") or request.POST.get("seen_version") or None
        try:
            comment_decide(
                comment=comment,
                moderator=request.user,
                decision=decision,
                reason=reason,
                seen_status=seen,
                seen_version=version,
            )
            done += 1
        except Refused as refusal:
            refused.append(refusal.message)
    if done:
        verb = PAST_TENSE.get(decision, "Decided")
        messages.success(request, f"{verb} {done} comment{'s' if done != 1 else ''}.")
    for message in refused:
        messages.warning(request, message)
    return redirect(next_path(request, request.POST.get("next"), default=reverse("moderation_admin:queue")))


class MemberView(ModeratorsOnly, WagtailAdminTemplateMixin, TemplateView):
    """A member as moderators see them: profile, comment history, sanctions and legal holds, with the forms
    that post to the action views below."""

    template_name = "moderation/member.html"
    header_icon = "user"

    @cached_property
    def target(self):
        return get_object_or_404(get_user_model(), pk=self.kwargs["pk"])

    def get_page_title(self):
        return f"Member: {self.target.public_name}"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("moderation_admin:queue"), "label": "Moderation"},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        target = self.target
        kwargs.setdefault("sanction_form", SanctionForm())
        return super().get_context_data(
            target=target,
            sanctions=Sanction.objects.filter(member=target).select_related("created_by", "lifted_by"),
            active=list(Sanction.objects.active().filter(member=target)),
            comments=Comment.objects.filter(author=target)
            .select_related("article")
            .order_by("-created_at")[:MEMBER_COMMENTS],
            history=AuditEntry.objects.filter(member=target).select_related("actor")[:MEMBER_HISTORY],
            holds=LegalHold.objects.filter(comment__author=target).select_related("placed_by", "lifted_by"),
            summary=queues.member_summaries([target.pk]).get(target.pk, {}),
            now=timezone.now(),
            **kwargs,
        )


class MemberActionView(MemberView):
    """One action on a member's page: its form, then the service. Done, it goes back to the page with what
    happened; refused (by the form or the service), it shows the page again with why."""

    http_method_names = ["post"]
    form_class = None

    def post(self, request, *args, **kwargs):
        subject = self.get_subject()
        form = self.form_class(request.POST)
        if form.is_valid():
            try:
                done = self.act(subject, form.cleaned_data)
            except NotPermitted:
                raise
            except Refused as refusal:
                form.add_error(None, refusal.message)
            else:
                messages.success(request, done)
                return redirect("moderation_admin:member", pk=self.target.pk)
        return self.form_invalid(form)

    def get_subject(self):
        """What the action is about (a comment, a sanction, a hold of this member's), or a 404."""
        return self.target

    def act(self, subject, data):
        """Call the service; the message to show once it is done."""
        raise NotImplementedError

    def form_invalid(self, form):
        for errors in form.errors.values():
            for error in errors:
                messages.error(self.request, error)
        return self.render_to_response(self.get_context_data())


class MemberSanctionView(MemberActionView):
    """Suspend or ban the member. The form's errors show beside its fields."""

    form_class = SanctionForm

    def act(self, member, data):
        member_sanction(
            member=member, kind=data["kind"], reason=data["reason"], by=self.request.user, days=data["days"]
        )
        done = "banned" if data["kind"] == SanctionKind.BAN else "suspended"
        return f"{member.public_name} has been {done}."

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(sanction_form=form))


class SanctionLiftView(MemberActionView):
    form_class = LiftForm

    def get_subject(self):
        return get_object_or_404(Sanction, pk=self.kwargs["sanction"], member=self.target)

    def act(self, sanction, data):
        sanction_lift(sanction=sanction, by=self.request.user, reason=data["reason"])
        return f"Lifted the {sanction.get_kind_display().lower()} of {self.target.public_name}."


class LegalHoldPlaceView(MemberActionView):
    form_class = LegalHoldForm

    def get_subject(self):
        return get_object_or_404(Comment, pk=self.kwargs["comment"], author=self.target)

    def act(self, comment, data):
        legal_hold_place(comment=comment, by=self.request.user, reason=data["reason"])
        return f"Comment {comment.pk} is under a legal hold."


class LegalHoldLiftView(MemberActionView):
    form_class = LiftForm

    def get_subject(self):
        return get_object_or_404(LegalHold, pk=self.kwargs["hold"], comment__author=self.target)

    def act(self, hold, data):
        legal_hold_lift(hold=hold, by=self.request.user, reason=data["reason"])
        return f"The legal hold on comment {hold.comment_id} was lifted."


@permission_required(VIEW_AUDIT, raise_exception=True)
def timing(request):
    context = {
        "page_title": "Time to decision",
        "header_icon": "time",
        "figures": decision_times(),
        "typical": describe_wait(typical_wait()),
    }
    return render(request, "moderation/timing.html", context)
