"""Readers' comments: one flat, time-ordered list per article; replies carry a parent link.

A comment's life is one `status` field with the moves in PRODUCT.md ("A comment's life");
every earlier text is kept in CommentRevision. Counters live in ArticleCommentStats, outside
page revisions, and are kept exact by the services in the same transaction as the change."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import register_setting
from wagtail.fields import RichTextField

from auscult.core.site_settings import SiteSetting


class CommentStatus(models.TextChoices):
    PENDING = "pending", "Awaiting moderation"
    PUBLISHED = "published", "Published"
    HIDDEN = "hidden", "Hidden pending review"
    REJECTED = "rejected", "Rejected"
    REMOVED = "removed", "Removed by a moderator"
    DELETED = "deleted", "Deleted by its author"


# The moves a comment may make (PRODUCT.md). An edit re-checks a published comment and may hold it.
TRANSITIONS = {
    CommentStatus.PENDING: {CommentStatus.PUBLISHED, CommentStatus.REJECTED, CommentStatus.DELETED},
    CommentStatus.PUBLISHED: {
        CommentStatus.HIDDEN,
        CommentStatus.REMOVED,
        CommentStatus.DELETED,
        CommentStatus.PENDING,
    },
    CommentStatus.HIDDEN: {CommentStatus.PUBLISHED, CommentStatus.REMOVED},
    CommentStatus.REMOVED: {CommentStatus.PUBLISHED},
    CommentStatus.REJECTED: set(),
    CommentStatus.DELETED: set(),
}

# Gone from the thread, but kept as a placeholder while a published reply points at them.
PLACEHOLDER_STATUSES = (CommentStatus.REMOVED, CommentStatus.DELETED)


class CommentQuerySet(models.QuerySet):
    def for_article(self, article):
        """Comments on one article."""
        return self.filter(article_id=article.pk)

    def published(self):
        """Published comments: what counts and what feeds, search and the API may show."""
        return self.filter(status=CommentStatus.PUBLISHED)

    def in_thread(self):
        """What every reader sees in the list: published comments and placeholders that keep replies readable."""
        return self.filter(listed=True)

    def visible_to(self, user):
        """What `user` may read: the thread, plus their own comments in any state."""
        if user.is_authenticated:
            return self.filter(Q(pk__in=self.in_thread().values("pk")) | Q(author_id=user.pk))
        return self.in_thread()

    def awaiting_moderation_by(self, user):
        """The user's own comments that nobody else can see yet (or will: rejected)."""
        return self.filter(author_id=user.pk, status__in=[CommentStatus.PENDING, CommentStatus.REJECTED])

    def with_people(self):
        """Author and the parent's author, for rendering a page of comments in one query."""
        return self.select_related("author", "parent", "parent__author")


class Comment(models.Model):
    article = models.ForeignKey("publishing.ArticlePage", on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="comments")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="replies", help_text="In reply to"
    )
    body = models.TextField()
    status = models.CharField(max_length=12, choices=CommentStatus.choices, default=CommentStatus.PENDING)
    held_reason = models.CharField(max_length=40, blank=True, help_text="Why it was held, e.g. premoderation")
    held_detail = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    edited_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    status_changed_at = models.DateTimeField(default=timezone.now)
    # Replies that are published: while above zero, a removed or deleted comment stays as a placeholder.
    published_reply_count = models.PositiveIntegerField(default=0)
    # "In the shared thread": published, or a placeholder with published replies. The database computes
    # and stores it, so no write (a bulk update included) can leave it wrong, and a page of a long thread
    # is an ordered range of one index. Django 5.2 does not read it back after an UPDATE: an instance
    # that has just been saved holds the old value until refreshed.
    listed = models.GeneratedField(
        expression=Q(status=CommentStatus.PUBLISHED) | Q(status__in=PLACEHOLDER_STATUSES, published_reply_count__gt=0),
        output_field=models.BooleanField(),
        db_persist=True,
    )
    report_count = models.PositiveIntegerField(default=0)
    # Members' recommendations ("a good comment"), stored and exact: changed with the Recommendation row, in its
    # transaction, under the comment's lock.
    recommend_count = models.PositiveIntegerField(default=0)
    # The form's one-time key: a double click or a resubmitted form finds the comment already made.
    submission_key = models.UUIDField(null=True, blank=True, editable=False)

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        permissions = [("moderate_comment", "Can moderate comments")]
        indexes = [
            models.Index(fields=["article", "listed", "created_at", "id"], name="comment_thread_order"),
            # "Most recommended first": a page of the thread in that order is one range of this index too.
            models.Index(fields=["article", "listed", "-recommend_count", "id"], name="comment_thread_recommended"),
            models.Index(fields=["status", "created_at"], name="comment_status_queue"),
            models.Index(fields=["author", "created_at"], name="comment_author_recent"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["author", "submission_key"],
                condition=Q(submission_key__isnull=False),
                name="unique_comment_submission",
            )
        ]

    def __str__(self):
        return f"Comment {self.pk} on {self.article_id} ({self.status})"

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("comments:permalink", args=[self.pk])

    @property
    def is_placeholder(self):
        return self.status in PLACEHOLDER_STATUSES

    @property
    def is_published(self):
        return self.status == CommentStatus.PUBLISHED

    @property
    def is_pending(self):
        return self.status == CommentStatus.PENDING

    @property
    def is_removed(self):
        """Removed by a moderator (a placeholder says so); `DELETED` is the author's own doing."""
        return self.status == CommentStatus.REMOVED

    @property
    def anchor(self):
        return f"comment-{self.pk}"


class CommentRevision(models.Model):
    """An earlier text of a comment, kept whenever it is edited."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="revisions")
    body = models.TextField()
    created_at = models.DateTimeField(help_text="When this text was first written")
    replaced_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["replaced_at", "id"]

    def __str__(self):
        return f"Earlier text of comment {self.comment_id}"


class ReportReason(models.TextChoices):
    PERSONAL_ATTACK = "personal_attack", "Personal attack"
    OFFENSIVE = "offensive", "Offensive"
    SPAM = "spam", "Spam"
    MISINFORMATION = "misinformation", "Misinformation"
    OTHER = "other", "Other"


class ReportQuerySet(models.QuerySet):
    def unresolved(self):
        """Reports no moderator has dealt with yet."""
        return self.filter(resolved_at__isnull=True)

    def from_established_members(self, *, min_days, min_published, now=None):
        """Reports by staff, or by members who joined at least `min_days` ago and have at least `min_published`
        comments published (a 0 asks nothing)."""
        reports, established = self, Q()
        if min_days:
            established &= Q(reporter__date_joined__lte=(now or timezone.now()) - timedelta(days=min_days))
        if min_published:
            published = (
                Comment.objects.filter(author_id=models.OuterRef("reporter_id"), status=CommentStatus.PUBLISHED)
                .order_by()
                .values("author_id")
                .annotate(n=models.Count("pk"))
                .values("n")
            )
            reports = reports.annotate(reporter_published=models.Subquery(published))
            established &= Q(reporter_published__gte=min_published)
        if not established:  # nothing asked of anyone
            return reports
        return reports.filter(Q(reporter__is_staff=True) | established)


class Report(models.Model):
    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="comment_reports")
    reason = models.CharField(max_length=20, choices=ReportReason.choices)
    note = models.TextField(blank=True, max_length=1000)
    created_at = models.DateTimeField(default=timezone.now)
    # Set when a moderator decides on the comment; unresolved reports fill the reported queue.
    resolved_at = models.DateTimeField(null=True, blank=True, db_index=True)

    objects = ReportQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [models.UniqueConstraint(fields=["comment", "reporter"], name="one_report_per_member")]

    def __str__(self):
        return f"{self.get_reason_display()} report on comment {self.comment_id}"


class ArticleCommentStats(models.Model):
    """The article's published and held comment counts, stored and exact."""

    article = models.OneToOneField(
        "publishing.ArticlePage", primary_key=True, on_delete=models.CASCADE, related_name="comment_stats"
    )
    published_count = models.PositiveIntegerField(default=0)
    # Comments waiting for a moderator (pending): the held queue's size is their sum, not a count of the queue.
    held_count = models.PositiveIntegerField(default=0)
    last_comment_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "article comment stats"

    def __str__(self):
        return f"{self.published_count} comments on {self.article_id}"


class Recommendation(models.Model):
    """A member's "this is a good comment": once per member and comment, never their own, taken back at will."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="recommendations")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="recommendations")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["comment", "member"], name="recommend_once")]

    def __str__(self):
        return f"{self.member_id} recommends {self.comment_id}"


class AnonymousLabel(models.Model):
    """The number an anonymous member goes by on one article ("Anonymous 2"), given when they first comment on it
    anonymously and never changed, so that replies can be told apart; a number per article, so nothing links the
    same member across articles."""

    article = models.ForeignKey("publishing.ArticlePage", on_delete=models.CASCADE, related_name="+")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    number = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["article", "member"], name="anonymous_label_once"),
            models.UniqueConstraint(fields=["article", "number"], name="anonymous_label_number"),
        ]

    def __str__(self):
        return f"Anonymous {self.number} on {self.article_id}"


class FeaturedComment(models.Model):
    """A comment from another article, shown on this one (engagement state: outside revisions)."""

    article = models.ForeignKey("publishing.ArticlePage", on_delete=models.CASCADE, related_name="featured_comments")
    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="featured_on")
    featured_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [models.UniqueConstraint(fields=["article", "comment"], name="feature_comment_once")]

    def __str__(self):
        return f"Comment {self.comment_id} featured on {self.article_id}"

    def comment_summary(self):
        """The comment as the featured list names it: who, on which article, and how it begins."""
        comment = self.comment
        text = comment.body if len(comment.body) <= 80 else comment.body[:79].rstrip() + "…"
        return f"{comment.author.comment_name} on “{comment.article.title}”: “{text}”"

    comment_summary.short_description = "Comment"

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.comment_id and self.article_id:
            if self.comment.article_id == self.article_id:
                raise ValidationError({"comment": "Choose a comment from another article."})
            if self.comment.status != CommentStatus.PUBLISHED:
                raise ValidationError({"comment": "Only published comments can be featured."})


class OnAccountDeletion(models.TextChoices):
    KEEP = "keep", "Keep their comments, shown as by “Deleted member”"
    REMOVE = "remove", "Remove their comments (placeholders keep replies readable)"


# The magazine's own words, to be edited in Settings > Comment settings.
DEFAULT_GUIDELINES = (
    "<p>The comments are a professional discussion among people who work in general practice. Disagree as "
    "strongly as you like with ideas, policies and this magazine; do not attack the people who hold them.</p>"
    "<h2>Please</h2><ul><li>Stay on the subject of the article.</li><li>Say where a claim comes from when you "
    "can.</li><li>Report a comment that breaks these guidelines rather than answering it in kind.</li></ul>"
    "<h2>Never</h2><ul><li>Identify a patient: no names, dates of birth, NHS numbers or addresses, nor details "
    "that would let a colleague recognise them.</li><li>Make personal attacks, or offensive or discriminatory "
    "remarks.</li><li>Post advertising, spam or links for gain.</li><li>Give clinical advice to members of the "
    "public.</li></ul><p>Moderators may hold, remove or decline comments that break these guidelines, and may "
    "suspend members who keep breaking them. Anonymous comments are welcome, and are held to the same "
    "standard.</p>"
)


@register_setting(icon="comment")
class CommentSettings(SiteSetting):
    max_length = models.PositiveIntegerField(default=5000, help_text="Longest comment, in characters.")
    edit_window_minutes = models.PositiveIntegerField(
        default=10, help_text="How long members may edit their own comment."
    )
    min_interval_seconds = models.PositiveIntegerField(
        default=30, help_text="Shortest time between two comments by one member."
    )
    report_threshold = models.PositiveIntegerField(
        default=3,
        help_text="Reports from established members that hide a published comment until a moderator reviews it.",
    )
    trusted_reporter_days = models.PositiveIntegerField(
        "established after (days)",
        default=7,
        help_text="A report counts towards hiding a comment only if its author joined at least this many days "
        "ago. Every report still reaches the moderators. 0: however new.",
    )
    trusted_reporter_comments = models.PositiveIntegerField(
        "established after (published comments)",
        default=1,
        help_text="A report counts towards hiding a comment only if its author also has at least this many "
        "comments published. 0: none needed.",
    )
    on_account_deletion = models.CharField(
        max_length=10, choices=OnAccountDeletion.choices, default=OnAccountDeletion.KEEP
    )

    guidelines = RichTextField(
        default=DEFAULT_GUIDELINES,
        features=["h2", "h3", "bold", "italic", "ol", "ul", "link"],
        help_text="The community guidelines, at /community-guidelines/: linked from “Have your say” and from every "
        "message that refuses a comment.",
    )

    panels = [
        FieldPanel("guidelines"),
        MultiFieldPanel(
            [FieldPanel("max_length"), FieldPanel("edit_window_minutes"), FieldPanel("min_interval_seconds")],
            heading="Posting",
        ),
        MultiFieldPanel(
            [
                FieldPanel("report_threshold"),
                FieldPanel("trusted_reporter_days"),
                FieldPanel("trusted_reporter_comments"),
            ],
            heading="Reports",
            help_text="Staff members' reports always count. Reports that do not count are in the reported queue all "
            "the same.",
        ),
        FieldPanel("on_account_deletion"),
    ]

    class Meta:
        verbose_name = "comments"


class Block(models.Model):
    """A member blocks another: that member's comments collapse in place on the blocker's own pages (the shared
    page and its paging stay everyone's), and the blocker is told nothing of them. Only a member who comments by
    name can be blocked: collapsing "Anonymous 3" here and "Anonymous 1" there would tie them together."""

    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="blocks")
    blocked = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["member", "blocked"], name="one_block_per_member"),
            models.CheckConstraint(condition=~models.Q(member=models.F("blocked")), name="no_blocking_oneself"),
        ]

    def __str__(self):
        return f"Member {self.member_id} blocks member {self.blocked_id}"
