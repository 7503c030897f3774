"""Moderation policy: what happens to a comment when it is posted or edited.

Called directly by the comment services (not through signals), so every path that writes a
comment — page, htmx, API, command — gets the same verdict. The order is the policy:

1. refuse: the article is closed (new comments only), or a banned word (the author is told which);
2. hold, first applicable rule wins: patient data (always on), pre-moderation, suspect words,
   too many links, a member's first comments, a burst of posts.

Staff skip the first-comments and burst holds, nothing else. An edit is re-checked against the
rules about its text and the article's mode, not the ones about posting (first comments, bursts)."""

from auscult.comments import errors
from auscult.comments.screening import CommentMode, Verdict
from auscult.comments.services import site_setting

from . import rules
from .models import ModerationSettings
from .selectors import policy_for

HELD_FOR_PREMODERATION = rules.PREMODERATION
CLOSED_MESSAGE = "Comments are closed on this article."


def mode_of(article):
    """`selectors.comment_mode_for(article)`, with the site default read once per post or report
    (`comments.services.site_setting`), as surge protection reads the same settings after it."""
    policy = policy_for(article)
    return policy.mode if policy else (site_setting(ModerationSettings).default_comment_mode or CommentMode.OPEN)


def assess(*, article, author, body, editing=False):
    mode = mode_of(article)
    if mode == CommentMode.CLOSED and not editing:
        return Verdict(refuse=CLOSED_MESSAGE, refuse_code=errors.CLOSED)
    settings = rules.load()
    banned = rules.banned_word(body, settings)
    if banned:
        return Verdict(refuse=banned.author_message, refuse_code=errors.REFUSED_BY_RULE, detail=banned.detail)

    hit = rules.patient_identifiers(body)
    if hit is None and mode == CommentMode.PREMODERATED:
        return Verdict(hold=HELD_FOR_PREMODERATION)
    hit = hit or rules.suspect_word(body, settings) or rules.too_many_links(body, settings)
    if hit is None and not editing:
        hit = rules.first_comments(author, settings) or rules.burst(author, settings)
    if hit is None:
        return Verdict()
    return Verdict(hold=hit.rule, detail=hit.detail, author_message=hit.author_message)
