"""The moderation workspace in Wagtail's admin: queues, decisions (single and bulk), audit log."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from auscult.comments.models import Comment
from auscult.core.errors import Refused
from auscult.core.params import next_path, positive_id
from auscult.core.text import paragraphs
from auscult.publishing.models import SectionPage

from . import queues
from .decisions import comment_decide, version_of
from .models import ReasonTemplate
from .patient_highlight import highlighted_body
from .permissions import MODERATE

PAST_TENSE = {"approve": "Approved", "reject": "Rejected", "remove": "Removed", "restore": "Restored"}
PAGE_SIZE = 50


@permission_required(MODERATE, raise_exception=True)
def queue(request, name="held"):
    if name not in queues.QUEUES:
        name = "held"
    sizes = queues.queue_sizes()
    context = {
        "page_title": "Moderation",
        "header_icon": "comment",
        "queue": name,
        "sizes": sizes,
        "sections": SectionPage.objects.live().order_by("path"),
        "params": request.GET,
        "reasons": ReasonTemplate.objects.all(),
        "rules": sorted(set(queues.held().exclude(held_reason="").values_list("held_reason", flat=True))),
        "now": timezone.now(),
    }
    if name == "decided":
        context["entries"] = queues.recently_decided(request.GET)[:PAGE_SIZE]
    else:
        base = queues.held() if name == "held" else queues.reported()
        comments = list(queues.with_context(queues.filtered(base, request.GET))[:PAGE_SIZE])
        summaries = queues.member_summaries(comments)
        for comment in comments:
            comment.version = version_of(comment)
            comment.summary = summaries.get(comment.author_id, {})
            comment.highlighted = highlighted_body(comment)
        context["comments"] = comments
    return render(request, "moderation/queue.html", context)


def _reason(request, prefix=""):
    template_id = positive_id(request.POST.get(f"{prefix}reason_template"))
    template = ReasonTemplate.objects.filter(pk=template_id).first() if template_id else None
    text = request.POST.get(f"{prefix}reason", "").strip()
    return "\n\n".join(part for part in (template.text if template else "", text) if part)


@require_POST
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


@permission_required(MODERATE, raise_exception=True)
def member(request, pk):
    """A member as moderators see them: profile, comment history, sanctions; suspend, ban or lift."""
    from django.contrib.auth import get_user_model
    from django.shortcuts import get_object_or_404

    from .forms import SanctionForm
    from .models import AuditEntry, LegalHold, Sanction
    from .sanctions import member_sanction, sanction_lift

    target = get_object_or_404(get_user_model(), pk=pk)
    form = SanctionForm(request.POST or None) if request.POST.get("form") != "lift" else SanctionForm()
    if request.method == "POST" and request.POST.get("form") in ("hold_place", "hold_lift"):
        from .legal_holds import legal_hold_lift, legal_hold_place
        from .models import LegalHold

        if request.POST["form"] == "hold_place":
            comment = get_object_or_404(Comment, pk=positive_id(request.POST.get("comment")), author=target)
            reason = paragraphs(request.POST.get("hold_reason"))
            if reason:
                legal_hold_place(comment=comment, by=request.user, reason=reason)
                messages.success(request, f"Comment {comment.pk} is under a legal hold.")
            else:
                messages.error(request, "Give the reason for the legal hold (e.g. the complaint's reference).")
        else:
            hold = get_object_or_404(LegalHold, pk=positive_id(request.POST.get("hold")), comment__author=target)
            legal_hold_lift(hold=hold, by=request.user, reason=request.POST.get("lift_reason", ""))
            messages.success(request, f"The legal hold on comment {hold.comment_id} was lifted.")
        return redirect("moderation_admin:member", pk=target.pk)
    if request.method == "POST":
        if request.POST.get("form") == "lift":
            sanction = get_object_or_404(Sanction, pk=positive_id(request.POST.get("sanction")), member=target)
            sanction_lift(sanction=sanction, by=request.user, reason=request.POST.get("lift_reason", ""))
            messages.success(request, f"Lifted the {sanction.get_kind_display().lower()} of {target.public_name}.")
            return redirect("moderation_admin:member", pk=target.pk)
        if form.is_valid():
            member_sanction(
                member=target,
                kind=form.cleaned_data["kind"],
                reason=form.cleaned_data["reason"],
                by=request.user,
                days=form.cleaned_data.get("days"),
            )
            messages.success(
                request,
                f"{target.public_name} has been {'banned' if form.cleaned_data['kind'] == 'ban' else 'suspended'}.",
            )
            return redirect("moderation_admin:member", pk=target.pk)
    context = {
        "page_title": f"Member: {target.public_name}",
        "header_icon": "user",
        "target": target,
        "form": form,
        "sanctions": Sanction.objects.filter(member=target).select_related("created_by", "lifted_by"),
        "active": Sanction.objects.active().filter(member=target),
        "comments": Comment.objects.filter(author=target).select_related("article").order_by("-created_at")[:30],
        "history": AuditEntry.objects.filter(member=target).select_related("actor")[:50],
        "holds": LegalHold.objects.filter(comment__author=target).select_related("placed_by", "lifted_by"),
        "summary": queues.member_summaries([type("C", (), {"author_id": target.pk})()]).get(target.pk, {}),
        "now": timezone.now(),
    }
    return render(request, "moderation/member.html", context)


@permission_required("moderation.view_auditentry", raise_exception=True)
def timing(request):
    from .timing import decision_times, describe_wait, typical_wait

    context = {
        "page_title": "Time to decision",
        "header_icon": "time",
        "figures": decision_times(),
        "typical": describe_wait(typical_wait()),
    }
    return render(request, "moderation/timing.html", context)
