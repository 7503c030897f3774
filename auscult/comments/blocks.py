"""Blocking a member: their comments collapse in place for the blocker, on the blocker's own (assembled) page,
so the shared copy and the thread's paging stay the same for everyone; and whatever tells the blocker of
comments (notifications) leaves theirs out (`blocked_by`). Only a member commenting by name can be blocked."""

from django.core.cache import cache
from django.db import IntegrityError, transaction

from auscult.core.errors import Refused

from . import errors
from .models import Block

BLOCKED_KEY = "comments:blocked:{}"
BLOCKED_SECONDS = 24 * 60 * 60


def blocked_ids(member):
    """The ids of the members `member` blocks, from the cache (one read on each of their pages)."""
    key = BLOCKED_KEY.format(member.pk)
    found = cache.get(key)
    if found is None:
        found = frozenset(Block.objects.filter(member_id=member.pk).values_list("blocked_id", flat=True))
        cache.set(key, found, BLOCKED_SECONDS)
    return found


def blocked_by(author_id):
    """The ids of the members who block `author_id` (for leaving their comments out of what those are told)."""
    return set(Block.objects.filter(blocked_id=author_id).values_list("member_id", flat=True))


def member_block(*, member, blocked):
    if blocked.pk == member.pk:
        raise Refused(errors.OWN_COMMENT, "You cannot block yourself.")
    if blocked.anonymous or blocked.is_deleted:
        raise Refused(errors.CANNOT_CHANGE, "Only a member who comments under their name can be blocked.")
    try:
        with transaction.atomic():
            Block.objects.create(member_id=member.pk, blocked_id=blocked.pk)
    except IntegrityError:
        pass  # blocked already
    cache.delete(BLOCKED_KEY.format(member.pk))


def member_unblock(*, member, blocked_id):
    Block.objects.filter(member_id=member.pk, blocked_id=blocked_id).delete()
    cache.delete(BLOCKED_KEY.format(member.pk))


def erase_blocks(member):
    """Account deletion: the blocks they made, and those of them, go."""
    for blocker in Block.objects.filter(blocked_id=member.pk).values_list("member_id", flat=True):
        cache.delete(BLOCKED_KEY.format(blocker))
    Block.objects.filter(member_id=member.pk).delete()
    Block.objects.filter(blocked_id=member.pk).delete()
    cache.delete(BLOCKED_KEY.format(member.pk))
