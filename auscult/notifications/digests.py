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
import random
import smtplib
from collections import defaultdict
from datetime import timedelta
from zoneinfo import ZoneInfo

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from auscult.core.email import build_email, on_site, site_url

from . import services
from .models import Digest, DigestEntry, DigestSend, Kind
from .tokens import unsubscribe_link

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
    urls = {}  # the articles' addresses, found once a run
    for frequency, period in due_periods(now).items():
        members = list(_members_waiting(frequency, period))
        sent[frequency] = 0
        for start in range(0, len(members), CHUNK):
            sent[frequency] += _send_chunk(members[start : start + CHUNK], period, now, urls)
    return sent


def _claim(member_ids, period):
    """Claim this period's digest for each of `member_ids` that no other run has: two statements for the lot.
    The rows are inserted with a time only this run uses, skipping those that exist; the ones read back with it
    are ours."""
    stamp = timezone.now() + timedelta(microseconds=random.randrange(1_000_000))  # noqa: S311 - not a secret
    DigestSend.objects.bulk_create(
        [DigestSend(member_id=m, kind=Kind.FOLLOWED, period=period, claimed_at=stamp) for m in member_ids],
        ignore_conflicts=True,
    )
    ours = DigestSend.objects.filter(member_id__in=member_ids, kind=Kind.FOLLOWED, period=period, claimed_at=stamp)
    return {claim.member_id: claim for claim in ours}


def _names(entries):
    """(article id, author id) → the name each comment's author goes by there ("Anonymous N" per article), in one
    query for the anonymous ones."""
    from auscult.comments.models import AnonymousLabel
    from auscult.members.models import ANONYMOUS_NAME

    anonymous = {(e.comment.article_id, e.comment.author_id) for e in entries if e.comment.author.anonymous}
    numbers = {}
    if anonymous:
        labels = AnonymousLabel.objects.filter(
            article_id__in={a for a, _ in anonymous}, member_id__in={m for _, m in anonymous}
        ).values_list("article_id", "member_id", "number")
        numbers = {(a, m): n for a, m, n in labels if (a, m) in anonymous}
    names = {}
    for entry in entries:
        key = (entry.comment.article_id, entry.comment.author_id)
        if key in anonymous:
            names[key] = f"{ANONYMOUS_NAME} {numbers[key]}" if key in numbers else ANONYMOUS_NAME
        else:
            names[key] = entry.comment.author.comment_name
    return names


def _send_chunk(member_ids, period, now, urls):
    from django.contrib.auth import get_user_model

    from auscult.comments.models import Block, CommentStatus
    from auscult.moderation.models import Sanction
    from auscult.publishing.models import ArticlePage

    claims = _claim(member_ids, period)
    if not claims:
        return 0
    entries = list(
        DigestEntry.objects.filter(member_id__in=claims, created_at__lte=now)
        .select_related("comment__author")
        .order_by("member_id", "comment__article_id", "comment__created_at", "comment_id")
    )
    wanted = {e.comment.article_id for e in entries}
    public = {a.pk: a for a in ArticlePage.objects.listable().filter(pk__in=wanted).defer_streamfields()}
    blocks = set(Block.objects.filter(member_id__in=claims).values_list("member_id", "blocked_id"))
    shown = [
        e
        for e in entries
        if e.comment.status == CommentStatus.PUBLISHED
        and e.comment.article_id in public
        and (e.member_id, e.comment.author_id) not in blocks  # blocked since it was queued
    ]
    for entry in shown:
        entry.comment.article = public[entry.comment.article_id]
    names = _names(shown)
    members = get_user_model().objects.in_bulk(list(claims))
    preferences = {p.member_id: p for p in services.Preferences.objects.filter(member_id__in=claims)}
    sanctioned = set(Sanction.objects.active().filter(member_id__in=claims).values_list("member_id", flat=True))
    mine = defaultdict(list)
    for entry in shown:
        mine[entry.member_id].append(entry)
    kept = set()  # members whose send failed: their entries wait for the next period
    sent = 0
    for member_id, claim in claims.items():
        member = members[member_id]
        found = mine.get(member_id, [])
        claim.entries = len(found)
        prefs = preferences.get(member_id) or services.Preferences(member_id=member_id)
        if not found or not services.may_email(member, Kind.FOLLOWED, prefs, sanctioned=sanctioned):
            continue
        try:
            digest_email(member, found, names, urls).send()
            sent += 1
        except smtplib.SMTPRecipientsRefused:
            services.mark_refused(member)
        except (smtplib.SMTPException, OSError):
            # This period's claim stays (one e-mail per period at most); the entries wait for the next.
            logger.exception("Could not send the digest of member %s for %s", member_id, period)
            claim.entries = 0
            kept.add(member_id)
    DigestSend.objects.bulk_update(list(claims.values()), ["entries"], batch_size=CHUNK)
    # What was considered is done with: sent, or no longer to be sent.
    DigestEntry.objects.filter(pk__in=[e.pk for e in entries if e.member_id not in kept]).delete()
    return sent


def digest_email(member, entries, names, urls=None):
    """One e-mail listing `entries` (a member's, ordered by article) per article, with one-click unsubscribe
    (`urls`: the articles' addresses found so far, kept across a run's e-mails)."""
    urls = {} if urls is None else urls
    articles = []
    for entry in entries:
        comment = entry.comment
        if not articles or articles[-1]["pk"] != comment.article_id:
            if comment.article_id not in urls:
                urls[comment.article_id] = on_site(comment.article.url)
            articles.append(
                {
                    "pk": comment.article_id,
                    "title": comment.article.title,
                    "url": urls[comment.article_id],
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
    unsubscribe, headers = unsubscribe_link(member.pk, Kind.FOLLOWED)
    context = {
        "member": member,
        "articles": articles,
        "count": len(entries),
        "preferences_url": site_url(reverse("notifications:preferences")),
        "unsubscribe_url": unsubscribe,
        "kind_label": Kind.FOLLOWED.label.lower(),
    }
    return build_email("notifications/email/digest", [member.email], context, headers=headers)


def prune_claims(now=None, keep=timedelta(days=60)):
    """Claims older than any period that could still be sent: they only prove a digest went."""
    return DigestSend.objects.filter(claimed_at__lt=(now or timezone.now()) - keep).delete()[0]
