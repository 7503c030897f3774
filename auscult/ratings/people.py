"""People's data for ratings: what the export lists and what account deletion erases."""

from .models import Rating
from .services import rating_erase_member


def export_ratings(member):
    """Every rating the member has given, with the article it rates."""
    ratings = Rating.objects.by_member(member).select_related("article").defer("article__body")
    return [
        {
            "article": rating.article.title,
            "url": rating.article.get_full_url(),
            "stars": rating.stars,
            "rated_at": rating.created_at.isoformat(),
            "changed_at": rating.updated_at.isoformat(),
        }
        for rating in ratings
    ]


def erase_ratings(member):
    rating_erase_member(member=member)
