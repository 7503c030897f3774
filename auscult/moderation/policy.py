"""Moderation policy: what happens to a comment when it is posted or edited.

Called directly by the comment services (not through signals), so every path that writes a
comment — page, htmx, API, command — gets the same verdict. The rules of the moderation
workspace (banned and suspect words, links, first comments, the patient-data guard, surge
protection) join here."""

from dataclasses import dataclass

from .models import CommentMode
from .selectors import comment_mode_for

HELD_FOR_PREMODERATION = "premoderation"


@dataclass(frozen=True)
class Verdict:
    refuse: str = ""  # a message for the member; nothing is stored
    hold: str = ""  # why it waits for a moderator; stored as pending
    detail: str = ""

    @property
    def publish(self):
        return not self.refuse and not self.hold


def assess(*, article, author, body, editing=False):
    mode = comment_mode_for(article)
    if mode == CommentMode.CLOSED and not editing:
        return Verdict(refuse="Comments are closed on this article.")
    if mode == CommentMode.PREMODERATED:
        return Verdict(hold=HELD_FOR_PREMODERATION)
    return Verdict()
