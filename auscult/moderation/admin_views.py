"""The moderation workspace in Wagtail's admin: queues, decisions (single and bulk), audit log."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from auscult.comments.models import Comment
from auscult.publishing.models import SectionPage

from . import queues
from .decisions import DecisionRefused, comment_decide
from .models import ReasonTemplate
from .patient_highlight import highlighted_body

MODERATE = "comments.moderate_comment"
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
            comment.summary = summaries.get(comment.author_id, {})
            comment.highlighted = highlighted_body(comment)
        context["comments"] = comments
    return render(request, "moderation/queue.html", context)


def _reason(request, prefix=""):
    template = ReasonTemplate.objects.filter(pk=request.POST.get(f"{prefix}reason_template") or None).first()
    text = request.POST.get(f"{prefix}reason", "").strip()
    return "\n\n".join(part for part in (template.text if template else "", text) if part)


@require_POST
@permission_required(MODERATE, raise_exception=True)
def decide(request):
    """One decision, or the same decision for every selected comment (bulk)."""
    decision = request.POST.get("decision", "")
    ids = request.POST.getlist("comment") or [request.POST.get("comment_id", "")]
    reason = _reason(request)
    done, refused = 0, []
    for comment in Comment.objects.filter(pk__in=[i for i in ids if str(i).isdigit()]):
        seen = request.POST.get(f"seen_{comment.pk}") or request.POST.get("seen_status") or None
        try:
            comment_decide(comment=comment, moderator=request.user, decision=decision, reason=reason, seen_status=seen)
            done += 1
        except DecisionRefused as refusal:
            refused.append(refusal.message)
    if done:
        verb = PAST_TENSE.get(decision, "Decided")
        messages.success(request, f"{verb} {done} comment{'s' if done != 1 else ''}.")
    for message in refused:
        messages.warning(request, message)
    return redirect(request.POST.get("next") or "moderation_admin:queue")
