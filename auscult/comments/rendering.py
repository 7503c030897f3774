"""The comments block of an article page: built the same way for the page, for htmx updates
and after a refused post (when the member's text comes back from the session)."""

import uuid

from django.template.loader import render_to_string

from auscult.core.params import positive_id
from auscult.members.access import permissions_for

from . import screening, selectors
from .models import Comment, CommentSettings, ReportReason
from .services import edit_window_open

DRAFT_SESSION_KEY = "comment-draft:{}"


def thread_options(params):
    return {
        "page": selectors.clean_page(params.get("page")),
        "page_size": selectors.clean_page_size(params.get("page_size")),
        "order": selectors.clean_order(params.get("order")),
    }


def comments_context(request, article, *, params=None, draft=None):
    params = request.GET if params is None else params
    user = request.user
    options = thread_options(params)
    page = selectors.thread_page(article, **options)
    permission = permissions_for(request)["comment"]
    mode = screening.comment_mode(article)
    if draft is None and user.is_authenticated and hasattr(request, "session"):
        draft = request.session.pop(DRAFT_SESSION_KEY.format(article.pk), None)
    limits = CommentSettings.load(request_or_site=request)
    editable = set()
    if user.is_authenticated:
        editable = {
            c.pk for c in page.comments if c.author_id == user.pk and c.is_published and edit_window_open(c, limits)
        }
    on_page = {c.pk for c in page.comments}
    reply_to = None
    # The comment being answered: asked for with ?reply_to=, or the parent of a refused reply's draft.
    reply_to_id = positive_id(params.get("reply_to")) or positive_id((draft or {}).get("parent"))
    if permission.allowed and reply_to_id:
        reply_to = (
            Comment.objects.for_article(article).in_thread().select_related("author").filter(pk=reply_to_id).first()
        )
    return {
        "article": article,
        "thread": page,
        "on_page": on_page,
        "editable": editable,
        "count": selectors.published_count(article),
        "featured": selectors.featured_for(article),
        "own_unpublished": selectors.own_unpublished(article, user),
        "closed": mode == screening.CommentMode.CLOSED,
        "premoderated": mode == screening.CommentMode.PREMODERATED,
        "may_comment": permission,
        "can_post": permission.allowed and mode != screening.CommentMode.CLOSED,
        "draft": draft or {},
        "reply_to": reply_to,
        "submission_key": uuid.uuid4(),
        "report_reasons": ReportReason.choices,
        "page_sizes": selectors.PAGE_SIZES,
        "thread_orders": selectors.ThreadOrder.choices,
        "max_length": limits.max_length,
        "typical_wait": screening.typical_wait()
        if mode == screening.CommentMode.PREMODERATED and permission.allowed
        else "",
        "request": request,
        "user": user,
    }


def render_comments_block(request, article, **kwargs):
    return render_to_string("comments/block.html", comments_context(request, article, **kwargs), request=request)
