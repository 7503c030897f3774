"""How long comments wait for a moderator: the typical wait shown to members, and the
time-to-decision figures editors read (median and 90th percentile, per moderator and per day)."""

import statistics
from collections import defaultdict
from datetime import timedelta

from django.core.cache import cache
from django.utils import timezone

from auscult.comments.models import CommentStatus

from .models import AuditAction, AuditEntry

TYPICAL_WAIT_CACHE_KEY = "moderation:typical-wait"
DECISIONS_ON_HELD = [AuditAction.APPROVE, AuditAction.REJECT]


def _held_decisions(since):
    return (
        AuditEntry.objects.filter(
            action__in=DECISIONS_ON_HELD, created_at__gte=since, detail__from_status=CommentStatus.PENDING
        )
        .select_related("actor")
        .order_by("created_at")
    )


def typical_wait(days=7):
    """Median seconds a held comment waited for a decision over the last `days` days, or None."""
    cached = cache.get(TYPICAL_WAIT_CACHE_KEY)
    if cached is not None:
        return cached or None
    waits = [
        e.detail.get("waited_seconds")
        for e in _held_decisions(timezone.now() - timedelta(days=days))
        if e.detail.get("waited_seconds") is not None
    ]
    value = int(statistics.median(waits)) if waits else 0
    cache.set(TYPICAL_WAIT_CACHE_KEY, value, 600)
    return value or None


def describe_wait(seconds):
    if seconds is None:
        return ""
    minutes = round(seconds / 60)
    if minutes < 2:
        return "a minute or two"
    if minutes < 90:
        return f"about {minutes} minutes"
    hours = round(seconds / 3600)
    return f"about {hours} hour{'s' if hours != 1 else ''}"


def percentile(values, fraction):
    """Nearest-rank percentile of a non-empty list."""
    ordered = sorted(values)
    rank = max(1, round(fraction * len(ordered) + 0.5 - 1e-9))
    return ordered[min(rank, len(ordered)) - 1]


def decision_times(days=30):
    """Rows of (label, decisions, median seconds, p90 seconds), per moderator and per day."""
    by_moderator, by_day = defaultdict(list), defaultdict(list)
    for entry in _held_decisions(timezone.now() - timedelta(days=days)):
        waited = entry.detail.get("waited_seconds")
        if waited is None:
            continue
        by_moderator[entry.actor.public_name if entry.actor else "system"].append(waited)
        by_day[timezone.localtime(entry.created_at).date()].append(waited)

    def rows(groups):
        return [(key, len(v), int(statistics.median(v)), int(percentile(v, 0.9))) for key, v in groups.items()]

    return {"moderators": sorted(rows(by_moderator)), "days": sorted(rows(by_day), reverse=True)}


def typical_wait_text():
    """This week's typical wait in words, for the note under a pre-moderated comment form."""
    return describe_wait(typical_wait())
