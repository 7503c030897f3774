"""The moderation rules editors set in *Settings → Moderation rules*, and the patient-data guard.

Each rule is a function returning a Hit (the rule's code, a detail for moderators and, where the
author should know, a message for them) or None; `policy.assess()` decides their order. Word lists
match case-insensitively on whole words, a trailing * matches any ending, and a phrase matches
across any run of spaces or line breaks. Nothing cleverer (no look-alike or repeated letters):
moderators add the variants they meet, and suspect words send doubtful cases to review.

Rule changes are written to the audit log by the receivers `connect()` installs from
`ModerationConfig.ready()`."""

import re
from dataclasses import dataclass
from datetime import timedelta
from functools import lru_cache

from django.db import models
from django.utils import timezone

from auscult.comments.models import Comment, CommentStatus
from auscult.comments.screening import UNSCREENED
from auscult.comments.services import site_setting
from auscult.comments.text import URL_PATTERN

from . import patient_data
from .models import ModerationRules


class Rule(models.TextChoices):
    """The codes stored in Comment.held_reason (and used for refusals), one per rule, with the words
    moderators see in the queue; `unscreened` is the comments app's, for a comment no policy assessed."""

    PATIENT_DATA = "patient_data", "May identify a patient"  # holds; always on
    PREMODERATION = "premoderation", "Pre-moderated article"  # holds; the article's comment mode
    SUSPECT_WORD = "suspect_word", "Suspect word"
    LINKS = "links", "Too many links"
    FIRST_COMMENTS = "first_comments", "One of the member's first comments"
    BURST = "burst", "A burst of posts"
    BANNED_WORD = "banned_word", "Banned word"  # refuses, so no comment is held by it
    UNSCREENED = UNSCREENED, "Not screened (no moderation policy)"


BANNED_WORD = Rule.BANNED_WORD
PATIENT_DATA = Rule.PATIENT_DATA
PREMODERATION = Rule.PREMODERATION
SUSPECT_WORD = Rule.SUSPECT_WORD
LINKS = Rule.LINKS
FIRST_COMMENTS = Rule.FIRST_COMMENTS
BURST = Rule.BURST
# What the held queue can be filtered by: every rule that holds a comment.
HOLDING = [(rule.value, rule.label) for rule in Rule if rule != Rule.BANNED_WORD]


def rule_label(code):
    """The words for a held reason; a code no rule has any more (an old row) is shown as it is."""
    return Rule(code).label if code in Rule.values else code


WORD_LIST_FIELDS = ("banned_words", "suspect_words")


@dataclass(frozen=True)
class Hit:
    rule: str
    detail: str  # for moderators
    author_message: str = ""  # for the author, when the rule is one they should know about


def load():
    """The rules, read once per post or report (`comments.services.site_setting`)."""
    return site_setting(ModerationRules)


# ---------------------------------------------------------------------------------------------
# Word lists


def word_list(text):
    """The terms of a one-per-line setting: trimmed, blank lines dropped."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def _term_pattern(term):
    prefix = term.endswith("*")
    words = term.rstrip("*").split()
    body = r"\s+".join(re.escape(word) for word in words)
    # Look-arounds rather than \b, so terms that start or end with punctuation still match whole.
    end = r"\w*" if prefix else r"(?!\w)"
    return rf"(?<!\w){body}{end}"


@lru_cache(maxsize=8)
def _compile(text):
    terms = [t for t in word_list(text) if t.rstrip("*").strip()]
    if not terms:
        return None
    # Longest first, so a phrase wins over a word it starts with.
    terms.sort(key=len, reverse=True)
    return re.compile("|".join(_term_pattern(t) for t in terms), re.IGNORECASE)


def find_words(body, words_text):
    """The listed words or phrases found in `body`, as the author wrote them, once each, in order."""
    pattern = _compile(words_text or "")
    if pattern is None:
        return []
    found = {}
    for match in pattern.finditer(body):
        written = " ".join(match.group(0).split())
        found.setdefault(written.casefold(), written)
    return list(found.values())


def _quoted(words):
    return ", ".join(f"“{w}”" for w in words)


# ---------------------------------------------------------------------------------------------
# The rules


def banned_word(body, rules):
    """A banned word refuses the comment; the author is told which word."""
    words = find_words(body, rules.banned_words)
    if not words:
        return None
    return Hit(
        BANNED_WORD,
        f"Banned word: {_quoted(words)}",
        author_message=(
            f"Your comment contains a word that is not allowed here: “{words[0]}”. "
            "Please rephrase it; your text is still here."
        ),
    )


def patient_identifiers(body):
    """The patient-data guard: it has no setting and cannot be switched off."""
    findings = patient_data.scan(body)
    if not findings:
        return None
    reasons = list(dict.fromkeys(f.reason for f in findings))
    return Hit(
        PATIENT_DATA,
        f"May identify a patient: {'; '.join(reasons)}.",
        author_message=patient_data.AUTHOR_MESSAGE,
    )


def suspect_word(body, rules):
    words = find_words(body, rules.suspect_words)
    if not words:
        return None
    return Hit(SUSPECT_WORD, f"Suspect word{'s' if len(words) > 1 else ''}: {_quoted(words)}")


def count_links(body):
    """Links as the page would render them (see comments.text)."""
    return len(URL_PATTERN.findall(body))


def too_many_links(body, rules):
    """More than `max_links` links holds; an empty setting switches the rule off, 0 holds any link."""
    if rules.max_links is None:
        return None
    links = count_links(body)
    if links <= rules.max_links:
        return None
    return Hit(LINKS, f"{links} link{'s' if links != 1 else ''} (more than {rules.max_links})")


def first_comments(author, rules):
    """Hold a member's comments until `hold_first_comments` of theirs have reached readers."""
    wanted = rules.hold_first_comments
    if not wanted or author.is_staff:
        return None
    # Ever published and not taken down by a moderator: unreviewed or rejected comments earn no trust.
    published = (
        Comment.objects.filter(author_id=author.pk, published_at__isnull=False)
        .exclude(status=CommentStatus.REMOVED)
        .count()
    )
    if published >= wanted:
        return None
    return Hit(FIRST_COMMENTS, f"One of the member's first {wanted} comments ({published} published so far)")


def burst(author, rules, now=None):
    """Hold a comment that makes more than `burst_count` by the member, site-wide, in `burst_minutes`."""
    if not rules.burst_count or not rules.burst_minutes or author.is_staff:
        return None
    now = now or timezone.now()
    since = now - timedelta(minutes=rules.burst_minutes)
    recent = Comment.objects.filter(author_id=author.pk, created_at__gte=since).count()
    posts = recent + 1  # with this one
    if posts <= rules.burst_count:
        return None
    return Hit(BURST, f"{posts} comments in {rules.burst_minutes} minutes (more than {rules.burst_count})")


# ---------------------------------------------------------------------------------------------
# The audit log of rule changes

_SETTINGS_FIELDS = ("banned_words", "suspect_words", "max_links", "hold_first_comments", "burst_count", "burst_minutes")


def settings_of(instance):
    return {name: getattr(instance, name) for name in _SETTINGS_FIELDS}


def default_settings():
    return {name: ModerationRules._meta.get_field(name).get_default() for name in _SETTINGS_FIELDS}


def changes(before, after):
    """What changed, for the audit log: added and removed terms for word lists, from/to otherwise."""
    changed = {}
    for name in _SETTINGS_FIELDS:
        old, new = before.get(name), after.get(name)
        if name in WORD_LIST_FIELDS:
            old_terms, new_terms = word_list(old), word_list(new)
            old_keys = {t.casefold() for t in old_terms}
            new_keys = {t.casefold() for t in new_terms}
            added = [t for t in new_terms if t.casefold() not in old_keys]
            removed = [t for t in old_terms if t.casefold() not in new_keys]
            if added or removed:
                changed[name] = {"added": added, "removed": removed}
        elif old != new:
            changed[name] = {"from": old, "to": new}
    return changed
