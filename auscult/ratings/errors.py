"""Why a rating was refused: the codes of `auscult.core.errors.Refused` for ratings, and the messages
shown to members, which services, views and tests share."""

NOT_ALLOWED = "not_allowed"
NOT_LIVE = "not_live"
BAD_STARS = "bad_stars"

NOT_LIVE_MESSAGE = "This article is not published, so it cannot be rated."
BAD_STARS_MESSAGE = "Choose a rating from 1 to 5 stars."
# A member over the limit on rating changes (core.ratelimits): whatever they had rated before stands.
TOO_MANY_CHANGES = (
    "You have changed ratings a lot in a short time, so this change has not been saved and your rating "
    "stays as it was. Please try again in a few minutes."
)
