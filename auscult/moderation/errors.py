"""Why a moderation action was refused: the codes of `auscult.core.errors.Refused` for moderation."""

UNKNOWN_DECISION = "unknown_decision"
EDITED_SINCE = "edited_since"  # the author edited the comment after the moderator opened it
ALREADY_DECIDED = "already_decided"  # another moderator decided first (the entry rides in `context`)
REASON_NEEDED = "reason_needed"  # a rejection, removal, sanction or legal hold needs a reason
DAYS_NEEDED = "days_needed"  # a suspension needs a length
