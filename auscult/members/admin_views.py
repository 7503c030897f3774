"""Staff views in Wagtail's admin: registrations awaiting approval."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import permission_required
from django.shortcuts import get_object_or_404, redirect, render

from auscult.core.drafts import post_only
from auscult.core.errors import Refused

from .forms import DeclineForm
from .models import MembershipSettings
from .services import APPROVE_MEMBER, member_decide_approval, members_awaiting_approval

APPROVE_PERMISSION = APPROVE_MEMBER


@permission_required(APPROVE_PERMISSION, raise_exception=True)
def approval_queue(request):
    return render(
        request,
        "members/admin/approval_queue.html",
        {
            "page_title": "Registrations awaiting approval",
            "header_icon": "group",
            "members": members_awaiting_approval()[:200],
            "membership": MembershipSettings.load(),
            "decline_form": DeclineForm(),
        },
    )


@post_only
@permission_required(APPROVE_PERMISSION, raise_exception=True)
def approval_decide(request, pk):
    member = get_object_or_404(get_user_model(), pk=pk, deleted_at__isnull=True)
    approve = request.POST.get("decision") == "approve"
    reason = ""
    if not approve:
        form = DeclineForm(request.POST)
        if not form.is_valid():
            messages.error(request, f"Give a reason for declining {member.public_name}; it is sent to them.")
            return redirect("members_admin:approvals")
        reason = form.cleaned_data["reason"]
    try:
        member_decide_approval(member=member, by=request.user, approve=approve, reason=reason)
    except Refused as refusal:
        messages.warning(request, refusal.message)
    else:
        verb = "approved" if approve else "declined"
        messages.success(request, f"{member.public_name}'s registration was {verb}; they have been told by e-mail.")
    return redirect("members_admin:approvals")
