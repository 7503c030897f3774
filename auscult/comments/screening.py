"""What the comments app asks of moderation, which sits above it (seams: `auscult.core.seams`).

The comment services call these as they would call moderation itself, in the same transaction:
`assess` for the verdict on a comment being posted or edited, `comment_mode` for the article's mode,
`after_change` when an article's discussion moved (surge protection watches it), `hidden_by_reports`
when readers' reports hid a comment (the audit log records it), `typical_wait` for the note under a
pre-moderated form and `held_comment_ids` when a member's account is erased. Moderation fills them in
`ModerationConfig.ready()`.

Without moderation every answer is the cautious one: every comment waits for review, an article counts
as pre-moderated, and erasing a member keeps every comment (any of them might be under a legal hold).
"""

from dataclasses import dataclass

from django.db import models

from auscult.core.seams import Seam


class CommentMode(models.TextChoices):
    OPEN = "open", "Open: comments publish at once"
    PREMODERATED = "premoderated", "Pre-moderated: comments wait for a moderator"
    CLOSED = "closed", "Closed: no new comments"


# Why a comment waits when no moderation policy is installed.
UNSCREENED = "unscreened"


@dataclass(frozen=True)
class Verdict:
    refuse: str = ""  # a message for the member; nothing is stored
    refuse_code: str = ""  # which refusal (a code from comments.errors), for programs
    hold: str = ""  # why it waits for a moderator (a rule code); stored as pending
    detail: str = ""  # for moderators
    author_message: str = ""  # for the member when held, if the rule has something to tell them

    @property
    def publish(self):
        return not self.refuse and not self.hold


def _hold_everything(*, article, author, body, editing=False):
    return Verdict(hold=UNSCREENED, detail="No moderation policy is installed; every comment waits for review.")


assess = Seam("comments.screening.assess", when_empty=_hold_everything)
comment_mode = Seam("comments.screening.comment_mode", when_empty=lambda article: CommentMode.PREMODERATED)
after_change = Seam("comments.screening.after_change", when_empty=lambda article: None)
hidden_by_reports = Seam("comments.screening.hidden_by_reports", when_empty=lambda comment, reason: None)
typical_wait = Seam("comments.screening.typical_wait", when_empty=lambda: "")
held_comment_ids = Seam("comments.screening.held_comment_ids", when_empty=lambda member: None)
"""The ids of the member's comments under a legal hold; None (nothing can be known) keeps them all."""
