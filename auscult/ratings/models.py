"""Article ratings: one row per member per article, and exact stored counters per article.

Both live outside the page tree on purpose: publishing a revision restores a page's own fields,
so engagement state keyed by the article survives republishing untouched."""

from decimal import Decimal

from django.conf import settings
from django.db import models

MIN_STARS = 1
MAX_STARS = 5
STARS_CHOICES = [(n, f"{n} star" if n == 1 else f"{n} stars") for n in range(MIN_STARS, MAX_STARS + 1)]


class RatingQuerySet(models.QuerySet):
    def for_article(self, article):
        """Ratings of one article."""
        return self.filter(article_id=article.pk)

    def by_member(self, member):
        """Ratings one member has given, oldest first."""
        return self.filter(member_id=member.pk).order_by("created_at", "pk")


class Rating(models.Model):
    """A member's 1–5 star rating of an article; changing it updates this row."""

    article = models.ForeignKey("publishing.ArticlePage", on_delete=models.CASCADE, related_name="ratings")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="ratings")
    stars = models.PositiveSmallIntegerField(choices=STARS_CHOICES)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = RatingQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["article", "member"], name="ratings_one_per_member_per_article"),
            models.CheckConstraint(
                condition=models.Q(stars__gte=MIN_STARS, stars__lte=MAX_STARS), name="ratings_stars_1_to_5"
            ),
        ]

    def __str__(self):
        return f"{self.stars}/{MAX_STARS} by member {self.member_id} on article {self.article_id}"


class ArticleRatingStats(models.Model):
    """Stored count and sum of an article's ratings, changed only under a row lock (see services)."""

    article = models.OneToOneField(
        "publishing.ArticlePage", on_delete=models.CASCADE, primary_key=True, related_name="rating_stats"
    )
    count = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "article rating stats"
        verbose_name_plural = "article rating stats"
        constraints = [
            # Every rating adds 1..5 to the total, so the total is bounded by the count.
            models.CheckConstraint(
                condition=models.Q(total__gte=models.F("count") * MIN_STARS, total__lte=models.F("count") * MAX_STARS),
                name="ratings_stats_total_within_count",
            ),
        ]

    def __str__(self):
        return f"{self.count} ratings on article {self.article_id}"

    @property
    def average(self):
        """The mean rating as an unrounded Decimal, or None when nobody has rated."""
        if not self.count:
            return None
        return Decimal(self.total) / Decimal(self.count)
