"""Reads that matter: a page of an article's thread, where a comment sits, a member's own."""

import math
from dataclasses import dataclass, field

from django.db import models
from django.db.models import Q

from auscult.publishing.models import ArticlePage

from . import speakers
from .models import ArticleCommentStats, Comment, CommentStatus, FeaturedComment, Recommendation

PAGE_SIZES = (10, 20, 50)
DEFAULT_PAGE_SIZE = 10


class ThreadOrder(models.TextChoices):
    """The thread's order, as the `order` query parameter names it."""

    OLDEST = "oldest", "Oldest first"
    NEWEST = "newest", "Newest first"
    RECOMMENDED = "recommended", "Most recommended"


def clean_page_size(value):
    try:
        value = int(value)
    except (TypeError, ValueError):
        return DEFAULT_PAGE_SIZE
    return value if value in PAGE_SIZES else DEFAULT_PAGE_SIZE


def clean_order(value):
    return ThreadOrder(value) if value in ThreadOrder.values else ThreadOrder.OLDEST


def clean_page(value):
    try:
        return max(1, int(value))
    except (TypeError, ValueError):
        return 1


def _ordering(order):
    if order == ThreadOrder.RECOMMENDED:
        return ("-recommend_count", "id")  # ties: the earlier comment first (ids grow with time)
    return ("-created_at", "-id") if order == ThreadOrder.NEWEST else ("created_at", "id")


@dataclass
class ThreadPage:
    comments: list
    number: int
    num_pages: int
    page_size: int
    order: str
    total: int
    page_numbers: list = field(default_factory=list)

    @property
    def has_previous(self):
        return self.number > 1

    @property
    def has_next(self):
        return self.number < self.num_pages

    @property
    def previous_page_number(self):
        return self.number - 1

    @property
    def next_page_number(self):
        return self.number + 1


def thread_page(article, *, page=1, page_size=DEFAULT_PAGE_SIZE, order=ThreadOrder.OLDEST):
    """One page of the thread everyone sees. Ids come from the (article, status, created_at, id)
    index first, then the rows with their people by primary key: three queries at any depth."""
    thread = Comment.objects.for_article(article).in_thread()
    total = thread.count()
    num_pages = max(1, math.ceil(total / page_size))
    number = min(page, num_pages)
    start = (number - 1) * page_size
    ids = list(thread.order_by(*_ordering(order)).values_list("id", flat=True)[start : start + page_size])
    rows = Comment.objects.with_people().in_bulk(ids) if ids else {}
    comments = [rows[i] for i in ids]
    name_speakers(article.pk, comments)
    return ThreadPage(
        comments=comments,
        number=number,
        num_pages=num_pages,
        page_size=page_size,
        order=order,
        total=total,
        page_numbers=_page_numbers(number, num_pages),
    )


# Replies named under a comment ("3 replies: Dr A, Anonymous 2, …"); the count says how many there are in all.
REPLIES_NAMED = 5


def name_speakers(article_id, comments):
    """Give each comment its `speaker` (`speakers.Speaker`: name, job title, badge) on this article, its
    parent's as `parent_speaker`, and its published replies as `shown_replies` (the first `REPLIES_NAMED`, each
    with its `speaker`): one query for the replies, and `speakers`' two for everyone's names."""
    with_replies = [c.pk for c in comments if c.published_reply_count]
    replies = {}
    if with_replies:
        found_replies = (
            Comment.objects.filter(parent_id__in=with_replies, status=CommentStatus.PUBLISHED)
            .select_related("author")
            .only("pk", "parent_id", "created_at", "author")
            .order_by("created_at", "id")
        )
        for reply in found_replies:
            replies.setdefault(reply.parent_id, []).append(reply)
    people = {c.author_id: c.author for c in comments}
    people.update({c.parent.author_id: c.parent.author for c in comments if c.parent_id and c.parent})
    people.update({r.author_id: r.author for rs in replies.values() for r in rs})
    if not people:
        return
    found = speakers.speakers(article_id, people.values())
    for comment in comments:
        comment.speaker = found[comment.author_id]
        comment.parent_speaker = found[comment.parent.author_id] if comment.parent_id and comment.parent else None
        comment.shown_replies = replies.get(comment.pk, [])[:REPLIES_NAMED]
        for reply in comment.shown_replies:
            reply.speaker = found[reply.author_id]


def _page_numbers(number, num_pages):
    """Page links to show: first, last and two either side of the current, with gaps as None."""
    wanted = {1, num_pages, *range(number - 2, number + 3)}
    pages, previous = [], 0
    for n in sorted(p for p in wanted if 1 <= p <= num_pages):
        if n - previous > 1:
            pages.append(None)
        pages.append(n)
        previous = n
    return pages


def page_of(comment, *, page_size=DEFAULT_PAGE_SIZE, order=ThreadOrder.OLDEST):
    """The page of its article's thread on which `comment` appears, or None if it is not in the thread (as
    `comment` says when it was read with `listed`, as the views and `comment_post` read it; else asked)."""
    thread = Comment.objects.filter(article_id=comment.article_id).in_thread()
    listed = comment.__dict__.get("listed")
    if listed is None:
        listed = thread.filter(pk=comment.pk).exists()
    if not listed:
        return None
    # "Ahead of it" as a range of the thread's index (article, listed, created_at) less the ties behind it, so
    # counting reads only the comments ahead, not the whole thread.
    at = Q(created_at=comment.created_at)
    if order == ThreadOrder.RECOMMENDED:
        tie = Q(recommend_count=comment.recommend_count)
        ahead = Q(recommend_count__gte=comment.recommend_count) & ~(tie & Q(id__gte=comment.id))
    elif order == ThreadOrder.NEWEST:
        ahead = Q(created_at__gte=comment.created_at) & ~(at & Q(id__lte=comment.id))
    else:
        ahead = Q(created_at__lte=comment.created_at) & ~(at & Q(id__gte=comment.id))
    return thread.filter(ahead).count() // page_size + 1


def published_count(article):
    """The article's stored count of published comments."""
    stats = ArticleCommentStats.objects.filter(article_id=article.pk).values_list("published_count", flat=True)
    return stats.first() or 0


def featured_for(article):
    """Comments from other articles featured on this one, still published, with their articles: never from an
    article behind a view restriction, whose comments are as private as it is."""
    return list(
        FeaturedComment.objects.filter(
            article_id=article.pk,
            comment__status=CommentStatus.PUBLISHED,
            comment__article__in=ArticlePage.objects.listable().values("pk"),
        )
        .select_related("comment__author", "comment__article")
        .order_by("created_at")
    )


def own_unpublished(article, user):
    """The member's comments on this article that only they can see."""
    if not user.is_authenticated:
        return []
    return list(Comment.objects.for_article(article).awaiting_moderation_by(user).order_by("created_at"))


def has_recommended(member, comment):
    return (
        member.is_authenticated and Recommendation.objects.filter(comment_id=comment.pk, member_id=member.pk).exists()
    )


def recommended_among(member, comment_ids):
    """Which of `comment_ids` the member has recommended (one query; none for a visitor or an empty page)."""
    if not member.is_authenticated or not comment_ids:
        return set()
    return set(
        Recommendation.objects.filter(member_id=member.pk, comment_id__in=comment_ids).values_list(
            "comment_id", flat=True
        )
    )


def visible_comment(user, pk, request=None):
    """The comment if `user` may see it (the thread's, or their own in any state) on an article whoever sent
    `request` may see (`publishing.access`; None: a caller who has passed no view restriction, such as an API
    token); else not found. One query for the comment and whether it is visible; the article's body is never read."""
    from django.http import Http404

    from auscult.publishing import access

    comment = Comment.objects.filter(pk=pk).visible_to(user).select_related("article", "author").defer("article__body")
    comment = comment.first()
    if comment is None or not access.may_see(comment.article, request):
        raise Http404("No such comment")
    return comment
