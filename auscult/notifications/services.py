"""Who is told what, and the member's choices. The rules of "never a leak, never a flood" live here:

- only a published comment is told, and its status is read again when the task runs, so one held, rejected,
  removed or deleted meanwhile is told to nobody;
- a member is never told of their own comment, nor is a deleted member told anything; a suspended or banned
  member gets no e-mail (their notifications wait in the site for when the sanction ends);
- each member is told of each thing once (`Notification`'s unique member, kind and comment), however often the
  task runs, and e-mailed once (`emailed_at` is claimed before sending);
- an address the mail server refused outright is sent nothing more.
"""

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.utils import timezone

from auscult.comments.blocks import blocked_by
from auscult.comments.models import CommentStatus
from auscult.moderation.sanctions import active_sanction

from .models import EMAIL_FIELDS, Digest, DigestEntry, DigestSend, Follow, Kind, Notification, Preferences

UNREAD_KEY = "notifications:unread:{}"
UNREAD_SECONDS = 24 * 60 * 60


def preferences_of(member):
    """The member's choices (the defaults, unsaved, if they have made none)."""
    found = Preferences.objects.filter(member_id=member.pk).first()
    return found or Preferences(member_id=member.pk)


def recipients(comment):
    """(member, kind) for each person a published comment concerns."""
    parent = comment.parent if comment.parent_id else None
    if parent is None or parent.status not in (CommentStatus.PUBLISHED, CommentStatus.HIDDEN):
        # A reply to a comment since removed or deleted tells its author nothing: that conversation is over.
        return []
    author = parent.author
    if author.pk == comment.author_id or author.is_deleted or author.pk in blocked_by(comment.author_id):
        return []
    return [(author, Kind.REPLY)]


def was_held(comment):
    """Whether a published comment waited for a moderator (a comment posted published is published when made)."""
    return comment.published_at is not None and comment.published_at > comment.created_at


def author_may_be_told(comment):
    author = comment.author
    return not author.is_deleted and author.is_active


def notify(member, kind, comment):
    """Record that `member` is to be told of `comment`; None if they already were."""
    try:
        with transaction.atomic():
            notification = Notification.objects.create(member=member, kind=kind, comment=comment)
    except IntegrityError:  # told already: the task ran twice
        return None
    cache.delete(UNREAD_KEY.format(member.pk))
    return notification


def may_email(member, kind, preferences=None, *, sanctioned=None):
    """Whether the member is to get an e-mail of this kind now: they want it, have an address the mail server has
    not refused, and are neither deleted nor under a sanction (`sanctioned`: the ids of members under one, when
    the caller has read them for many members at once)."""
    preferences = preferences or preferences_of(member)
    if not member.email or member.is_deleted or not member.is_active:
        return False
    if not preferences.emails(kind) or preferences.refuses(member.email):
        return False
    if sanctioned is not None:
        return member.pk not in sanctioned
    return active_sanction(member) is None


def claim_email(notification):
    """Take the right to e-mail this notification: True once, whoever asks again (another worker, a retry)."""
    return bool(
        Notification.objects.filter(pk=notification.pk, emailed_at__isnull=True).update(emailed_at=timezone.now())
    )


# A member gets at most one e-mail of each kind in this many minutes (digests have their own periods).
EMAIL_PERIOD_MINUTES = 5


def claim_period(member, kind, now=None):
    """Take this period's one e-mail of `kind` for the member: the claim once a period, else None (a `DigestSend`
    row, as the digests use, so two workers cannot both take it). Deleted again if the sending fails."""
    now = now or timezone.now()
    period = f"e:{int(now.timestamp() // (EMAIL_PERIOD_MINUTES * 60))}"
    try:
        with transaction.atomic():
            return DigestSend.objects.create(member_id=member.pk, kind=kind, period=period, entries=1)
    except IntegrityError:
        return None


def release_email(notification):
    """Give the claim back after a failure that a retry may get past."""
    Notification.objects.filter(pk=notification.pk).update(emailed_at=None)


def mark_refused(member):
    """The mail server refused the member's address: nothing more is sent to it."""
    Preferences.objects.update_or_create(
        member_id=member.pk, defaults={"refused_address": member.email, "refused_at": timezone.now()}
    )


def unread_count(member):
    """How many of the member's notifications are unread: kept in the cache, so a member's page pays no query."""
    key = UNREAD_KEY.format(member.pk)
    found = cache.get(key)
    if found is None:
        found = Notification.objects.filter(member_id=member.pk, read_at__isnull=True).count()
        cache.set(key, found, UNREAD_SECONDS)
    return found


def mark_read(member, notifications=None):
    """Mark the member's notifications read (all of them unless some are named)."""
    unread = Notification.objects.filter(member_id=member.pk, read_at__isnull=True)
    if notifications is not None:
        unread = unread.filter(pk__in=[n.pk for n in notifications])
    changed = unread.update(read_at=timezone.now())
    cache.delete(UNREAD_KEY.format(member.pk))
    return changed


def set_email(member, kind, wanted):
    """Turn one kind of e-mail on or off for the member (on, for the digest, is daily)."""
    if Kind(kind) == Kind.FOLLOWED:
        choice = {"digest": Digest.DAILY if wanted else Digest.OFF}
    else:
        choice = {EMAIL_FIELDS[Kind(kind)]: wanted}
    Preferences.objects.update_or_create(member_id=member.pk, defaults=choice)


def save_preferences(member, **choices):
    Preferences.objects.update_or_create(member_id=member.pk, defaults=choices)


# --- Following a discussion --------------------------------------------------------------------------------------


def is_following(member, article):
    return Follow.objects.filter(member_id=member.pk, article_id=article.pk).exists()


def follow(member, article):
    Follow.objects.get_or_create(member_id=member.pk, article_id=article.pk)


def unfollow(member, article):
    Follow.objects.filter(member_id=member.pk, article_id=article.pk).delete()
    # What was waiting for their digest from it goes too: they asked to hear no more of it.
    DigestEntry.objects.filter(member_id=member.pk, comment__article_id=article.pk).delete()


def follow_on_commenting(comment):
    """The author follows the discussion they comment in, unless they chose not to."""
    if preferences_of(comment.author).follow_when_commenting:
        Follow.objects.get_or_create(member_id=comment.author_id, article_id=comment.article_id)


def queue_for_followers(comment, *, told=()):
    """A digest entry for each follower of the comment's article who takes a digest: not its author, not those
    `told` of it already (a reply notification), not one who blocks its author, not a deleted member. The
    followers are read from the follow index first, then narrowed by member: the planner never starts from the
    members' table, however many members there are."""
    from django.contrib.auth import get_user_model

    following = list(Follow.objects.filter(article_id=comment.article_id).values_list("member_id", flat=True))
    left_out = {comment.author_id, *told, *blocked_by(comment.author_id)}
    candidates = [member_id for member_id in following if member_id not in left_out]
    if not candidates:
        return 0
    followers = (
        get_user_model()
        .objects.filter(pk__in=candidates, deleted_at__isnull=True)
        .exclude(notification_preferences__digest=Digest.OFF)
        .values_list("pk", flat=True)
    )
    entries = [DigestEntry(member_id=member_id, comment_id=comment.pk) for member_id in followers]
    DigestEntry.objects.bulk_create(entries, batch_size=2000, ignore_conflicts=True)
    return len(entries)


def with_headlines(notifications):
    """Each notification with `headline`, what it says, naming who spoke as the thread names them ("Anonymous 3"
    on that article): for the notifications page and the API's list alike."""
    from auscult.comments.speakers import speakers

    from .tasks import headline

    by_article = {}
    for notification in notifications:
        by_article.setdefault(notification.comment.article_id, []).append(notification)
    for article_id, found in by_article.items():
        names = speakers(article_id, [n.comment.author for n in found])
        for notification in found:
            notification.headline = headline(notification, speaker=names[notification.comment.author_id].name)
    return notifications
