"""The digest of new comments in the discussions a member follows: one e-mail per member per period, listing the
new comments per article.

`send_digests()` is run by a timer (`manage.py send_digests`, every few minutes: `bin/run` starts one; the README
gives cron and systemd lines). Each run sends the periods that are due: "immediately" in five-minute batches,
"daily" from `DIGEST_HOUR` (UK time) each day, "weekly" from that hour on Mondays. A member's digest for a period
is claimed first (a `DigestSend` row, unique per member, kind and period), so two timers on two machines send it
once. What goes in is read when it is sent: a comment held, rejected, removed or deleted since it was queued, or
on an article no longer public, is left out (and dropped); a member who may not be e-mailed gets nothing.
"""

import logging
import smtplib
from collections import defaultdict
from datetime import timedelta
from zoneinfo import ZoneInfo

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from auscult.core.email import build_email, on_site, site_url

from . import services
from .models import Digest, DigestEntry, DigestSend, Kind
from .tokens import unsubscribe_token

logger = logging.getLogger(__name__)

UK = ZoneInfo("Europe/London")
DIGEST_HOUR = 7  # daily and weekly digests go from 07:00 UK time
IMMEDIATE_MINUTES = 5
# Members handled together: their entries read in one query, their comments' articles and names in a few.
CHUNK = 500


def due_periods(now):
    """{frequency: period key} of the digests due at `now`."""
    local = timezone.localtime(now, UK)
    due = {Digest.IMMEDIATELY: f"i:{int(now.timestamp() // (IMMEDIATE_MINUTES * 60))}"}
    if local.hour >= DIGEST_HOUR:
        due[Digest.DAILY] = local.date().isoformat()
        if local.isoweekday() == 1:
            year, week, _ = local.isocalendar()
            due[Digest.WEEKLY] = f"{year}-W{week:02d}"
    return due


def _members_waiting(frequency, period):
    """Members with entries waiting who take this frequency and have not had this period's digest."""
    waiting = DigestEntry.objects.values_list("member_id", flat=True).distinct().order_by("member_id")
    chosen = Q(member__notification_preferences__digest=frequency)
    if frequency == Digest.DAILY:  # the default, for those who never chose
        chosen |= Q(member__notification_preferences__isnull=True)
    sent = DigestSend.objects.filter(kind=Kind.FOLLOWED, period=period).values("member_id")
    return waiting.filter(chosen).exclude(member_id__in=sent)


def send_digests(now=None):
    """Send every digest due now; returns {frequency: e-mails sent}."""
    now = now or timezone.now()
    sent = {}
    for frequency, period in due_periods(now).items():
        members = list(_members_waiting(frequency, period))
        sent[frequency] = 0
        for start in range(0, len(members), CHUNK):
            sent[frequency] += _send_chunk(members[start : start + CHUNK], period, now)
    return sent


def _claim(member_id, period):
    try:
        with transaction.atomic():
            return DigestSend.objects.create(member_id=member_id, kind=Kind.FOLLOWED, period=period)
    except IntegrityError:  # another timer has it
        return None


def _send_chunk(member_ids, period, now):
    from django.contrib.auth import get_user_model

    from auscult.comments.models import Block, CommentStatus
    from auscult.comments.speakers import speakers
    from auscult.publishing.models import ArticlePage

    claims = {member_id: claim for member_id in member_ids if (claim := _claim(member_id, period))}
    if not claims:
        return 0
    entries = list(
        DigestEntry.objects.filter(member_id__in=claims, created_at__lte=now)
        .select_related("comment__article", "comment__author")
        .order_by("member_id", "comment__article_id", "comment__created_at", "comment_id")
    )
    public = set(
        ArticlePage.objects.listable()
        .filter(pk__in={e.comment.article_id for e in entries})
        .values_list("pk", flat=True)
    )
    blocks = set(Block.objects.filter(member_id__in=claims).values_list("member_id", "blocked_id"))
    shown = [
        e
        for e in entries
        if e.comment.status == CommentStatus.PUBLISHED
        and e.comment.article_id in public
        and (e.member_id, e.comment.author_id) not in blocks  # blocked since it was queued
    ]
    names = {}
    by_article = defaultdict(dict)
    for entry in shown:
        by_article[entry.comment.article_id][entry.comment.author_id] = entry.comment.author
    for article_id, authors in by_article.items():
        for author_id, speaker in speakers(article_id, authors.values()).items():
            names[article_id, author_id] = speaker.name
    members = get_user_model().objects.in_bulk(list(claims))
    preferences = {p.member_id: p for p in services.Preferences.objects.filter(member_id__in=claims)}
    mine = defaultdict(list)
    for entry in shown:
        mine[entry.member_id].append(entry)
    sent = 0
    for member_id, claim in claims.items():
        member = members[member_id]
        found = mine.get(member_id, [])
        claim.entries = len(found)
        prefs = preferences.get(member_id) or services.Preferences(member_id=member_id)
        if found and services.may_email(member, Kind.FOLLOWED, prefs):
            try:
                digest_email(member, found, names).send()
                sent += 1
            except smtplib.SMTPRecipientsRefused:
                services.mark_refused(member)
            except (smtplib.SMTPException, OSError):
                # The entries stay for the next period; this period's claim stays (one e-mail per period at most).
                logger.exception("Could not send the digest of member %s for %s", member_id, period)
                continue
        claim.save(update_fields=["entries"])
    # What was considered is done with: sent, or no longer to be sent.
    DigestEntry.objects.filter(pk__in=[e.pk for e in entries if e.member_id in claims]).delete()
    return sent


def digest_email(member, entries, names):
    """One e-mail listing `entries` (a member's, ordered by article) per article, with one-click unsubscribe."""
    articles = []
    for entry in entries:
        comment = entry.comment
        if not articles or articles[-1]["pk"] != comment.article_id:
            articles.append(
                {
                    "pk": comment.article_id,
                    "title": comment.article.title,
                    "url": on_site(comment.article.url),
                    "comments": [],
                }
            )
        articles[-1]["comments"].append(
            {
                "speaker": names.get((comment.article_id, comment.author_id), comment.author.comment_name),
                "body": comment.body,
                "url": site_url(comment.get_absolute_url()),
            }
        )
    unsubscribe = site_url(reverse("notifications:unsubscribe", args=[unsubscribe_token(member.pk, Kind.FOLLOWED)]))
    context = {
        "member": member,
        "articles": articles,
        "count": len(entries),
        "preferences_url": site_url(reverse("notifications:preferences")),
        "unsubscribe_url": unsubscribe,
        "kind_label": Kind.FOLLOWED.label.lower(),
    }
    headers = {"List-Unsubscribe": f"<{unsubscribe}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}
    return build_email("notifications/email/digest", [member.email], context, headers=headers)


def prune_claims(now=None, keep=timedelta(days=60)):
    """Claims older than any period that could still be sent: they only prove a digest went."""
    return DigestSend.objects.filter(claimed_at__lt=(now or timezone.now()) - keep).delete()[0]
