"""Why a comment action was refused: the codes of `auscult.core.errors.Refused` for comments."""

NOT_ALLOWED = "not_allowed"
CLOSED = "closed"
REFUSED_BY_RULE = "refused_by_rule"
EMPTY = "empty"
TOO_LONG = "too_long"
TOO_FAST = "too_fast"
BAD_PARENT = "bad_parent"
NOT_LIVE = "not_live"
NOT_YOURS = "not_yours"
EDIT_WINDOW = "edit_window"
CANNOT_CHANGE = "cannot_change"
ALREADY_REPORTED = "already_reported"
OWN_COMMENT = "own_comment"
BAD_REASON = "bad_reason"
RATE_LIMITED = "rate_limited"

# Shown when a member's reports exceed the limit (core.ratelimits); the form keeps what they wrote.
TOO_MANY_REPORTS = (
    "You have sent a lot of reports in a short time, so this one has not been sent yet. "
    "Please try again in a few minutes: your report is still here."
)
