"""Reports, decisions and sanctions about a member, in their data export."""

from auscult.comments.models import Report

from .models import AuditAction, AuditEntry, Sanction


def export_moderation(member):
    return {
        "reports_about_your_comments": [
            {"comment": r.comment_id, "reason": r.get_reason_display(), "reported_at": r.created_at.isoformat()}
            for r in Report.objects.filter(comment__author=member).order_by("created_at")
        ],
        "decisions_about_you": [
            {
                "action": e.get_action_display(),
                "comment": e.comment_id,
                "reason": e.reason,
                "at": e.created_at.isoformat(),
                "by": "a moderator" if e.actor_id else "automatically",
            }
            for e in AuditEntry.objects.filter(member=member)
            .exclude(action__in=[AuditAction.LEGAL_HOLD, AuditAction.LEGAL_HOLD_LIFT])
            .order_by("created_at")
        ],
        "sanctions": [
            {
                "kind": s.get_kind_display(),
                "reason": s.reason,
                "from": s.starts_at.isoformat(),
                "until": s.ends_at.isoformat() if s.ends_at else None,
                "lifted_at": s.lifted_at.isoformat() if s.lifted_at else None,
            }
            for s in Sanction.objects.filter(member=member).order_by("created_at")
        ],
    }
