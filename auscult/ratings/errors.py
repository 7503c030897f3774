"""Why a rating was refused: one exception, its message written for the member."""


class RatingRefused(Exception):
    """A rating or withdrawal the member may not make; `message` is shown to them as is."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


# Messages shown to members; services, views and tests share them.
NOT_LIVE = "This article is not published, so it cannot be rated."
BAD_STARS = "Choose a rating from 1 to 5 stars."
# A member over the limit on rating changes (core.ratelimits): whatever they had rated before stands.
TOO_MANY_CHANGES = (
    "You have changed ratings a lot in a short time, so this change has not been saved and your rating "
    "stays as it was. Please try again in a few minutes."
)
