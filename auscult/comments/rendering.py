"""The comments block of an article page: built the same way for the page, for htmx updates
and after a refused post (when the member's text comes back from the session).

The block has two parts. **The thread** (the count, featured comments, one page of comments, the page links) is
the same for everyone: it is rendered without the request, so nothing personal can reach it, and cached on the
article's versions (`publishing.delivery`), so a comment published, removed or edited, a featured comment or a new
comment mode is a new entry, never a stale one. **"Have your say"** (the form with its CSRF token, the member's
own unpublished comments, the reason they may not post) is rendered for the reader each time. For a member, their
own comments on the page get Edit and Delete instead of Report: the thread marks each comment's actions
(`<!--actions:ID-->`, markup no member's text can contain, as it is escaped), and those of the member's comments
are swapped for theirs. A visitor's page is thread plus the visitor's "Have your say", and is shared."""

import uuid
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.core.cache import cache
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from auscult.core import drafts
from auscult.core.delivery import page_key
from auscult.core.params import positive_id
from auscult.members.access import permissions_for
from auscult.publishing.delivery import fragment_versions

from . import blocks, screening, selectors, speakers
from .models import Comment, CommentSettings, ReportReason
from .services import edit_window_open_at

DRAFT_SESSION_KEY = "comment-draft:{}"
FEATURE = "comments.add_featuredcomment"
THREAD_KEY = "comments:thread:v3:{}:{}:{}:{}:{}"
THREAD_TIMEOUT = 24 * 60 * 60
ACTIONS_START, ACTIONS_END = "<!--actions:{}-->", "<!--/actions:{}-->"
RECOMMEND_START, RECOMMEND_END = "<!--rec:{}-->", "<!--/rec:{}-->"
CSRF_MARK = "<!--csrf-->"
BODY_START, BODY_END = "<!--body:{}-->", "<!--/body:{}-->"
# The article page's status region for what the member's own post, edit or deletion did: in the page from the start
# (outside the block htmx swaps), so that a screen reader announces what is put in it later.
STATUS_ID = "comment-status"


def thread_options(params):
    return {
        "page": selectors.clean_page(params.get("page")),
        "page_size": selectors.clean_page_size(params.get("page_size")),
        "order": selectors.clean_order(params.get("order")),
    }


@dataclass(frozen=True)
class ThreadPart:
    """One page of the thread as everyone sees it, with what the reader's own parts need to know of it."""

    html: str
    mode: str
    number: int
    page_size: int
    order: str
    # Comment id → (author id, posted at, published, by name) for the comments on the page.
    shown: dict
    # Published comments on the article when the thread was rendered (the heading's count).
    count: int = 0

    @property
    def closed(self):
        return self.mode == screening.CommentMode.CLOSED


def _thread_key(request, article, options):
    versions = fragment_versions(request, page_key(article.pk))
    return THREAD_KEY.format(article.pk, versions, options["page"], options["page_size"], options["order"])


def cache_reads(request, article):
    """What the comments block will read from the cache for the article page `request` asks for."""
    return [_thread_key(request, article, thread_options(request.GET)), CommentSettings.cache_key(request)]


def thread_part(request, article, options):
    """The thread for `options`, from the cache or rendered and cached."""
    key = _thread_key(request, article, options)
    part = cache.get(key)
    if part is None:
        part = _render_thread(article, options)
        cache.set(key, part, THREAD_TIMEOUT)
    return part


# A comment's links, as formats of its id: a page of the thread would otherwise reverse four URLs a comment.
COMMENT_URLS = ("permalink", "reply_form", "report", "recommend")
_SENTINEL_ID = 987654321


def comment_url_formats():
    return {
        name: reverse(f"comments:{name}", args=[_SENTINEL_ID]).replace(str(_SENTINEL_ID), "{}") for name in COMMENT_URLS
    }


def thread_query(page_size, order):
    """The query that keeps a reader's page size and order (what differs from the defaults), e.g. on a
    comment's permalink, so the link lands on the page that holds it as the reader reads the thread."""
    params = []
    if page_size != selectors.DEFAULT_PAGE_SIZE:
        params.append(f"page_size={page_size}")
    if order != selectors.ThreadOrder.OLDEST:
        params.append(f"order={order}")
    return "&".join(params)


def recommend_url(pk):
    return reverse("comments:recommend", args=[pk])


def _render_thread(article, options):
    page = selectors.thread_page(article, **options)
    mode = screening.comment_mode(article)
    urls = comment_url_formats()
    query = thread_query(page.page_size, page.order)
    if query:
        urls["permalink"] = f"{urls['permalink']}?{query}"
    count = selectors.published_count(article)
    context = {
        "urls": urls,
        "article": article,
        "thread": page,
        "on_page": {c.pk for c in page.comments},
        "count": count,
        "featured": selectors.featured_for(article),
        "open": mode != screening.CommentMode.CLOSED,
        "page_sizes": selectors.PAGE_SIZES,
        "thread_orders": selectors.ThreadOrder.choices,
    }
    return ThreadPart(
        html=render_to_string("comments/thread.html", context),
        mode=str(mode),
        number=page.number,
        page_size=page.page_size,
        order=str(page.order),
        shown={
            c.pk: (
                c.author_id,
                c.created_at.isoformat(),
                c.is_published,
                not (c.author.anonymous or c.author.is_deleted),
            )
            for c in page.comments
        },
        count=count,
    )


def _for_member(part, user, limits, can_post, token):
    """The shared thread's markup made the member's: their own comments' actions, the comments they recommend
    shown so, an editor's feature links, and their CSRF token in the thread's forms."""
    html = _own_actions(part.html, part, user, limits, can_post)
    if user.is_staff and user.has_perm(FEATURE):
        html = _feature_links(html, part)
    html = _recommended_marks(html, part, user)
    html = _blocking(html, part, user, token)
    # The shared thread's forms carry no CSRF token (the copy is everyone's): the member's goes in here.
    return html.replace(CSRF_MARK, format_html('<input type="hidden" name="csrfmiddlewaretoken" value="{}">', token))


def _replace_between(html, start, end, replacement):
    """`html` with what lies between the markers `start` and `end` (both included) replaced; as it was if absent."""
    before, found, rest = html.partition(start)
    if not found:
        return html
    _, _, after = rest.partition(end)
    return before + replacement + after


def _own_actions(html, part, user, limits, can_post):
    """The member's own comments get their edit, delete and reply actions in place of everyone's."""
    now = timezone.now()
    for pk, (author_id, created_at, published, _) in part.shown.items():
        if author_id != user.pk:
            continue
        editable = published and edit_window_open_at(datetime.fromisoformat(created_at), limits, now)
        own = render_to_string(
            "comments/own_actions.html", {"pk": pk, "editable": editable, "can_post": can_post and not part.closed}
        )
        html = _replace_between(html, ACTIONS_START.format(pk), ACTIONS_END.format(pk), own)
    return html


def _feature_links(html, part):
    """Editors feature a comment from where they read it: a link only their own page carries."""
    for pk, (_, _, published, _) in part.shown.items():
        if published:
            link = format_html(
                '<a class="comment__feature" href="{}">Feature on another article…</a>',
                reverse("comments_admin:feature", args=[pk]),
            )
            end = "</footer>" + ACTIONS_END.format(pk)
            html = html.replace(end, link + end, 1)
    return html


def _recommended_marks(html, part, user):
    """The comments on the page the member recommends show as recommended (one query)."""
    for pk in selectors.recommended_among(user, list(part.shown)):
        button = {"pk": pk, "recommended": True, "shared": True, "url": recommend_url(pk)}
        html = _replace_between(
            html,
            RECOMMEND_START.format(pk),
            RECOMMEND_END.format(pk),
            render_to_string("comments/recommend.html", button),
        )
    return html


def _blocking(html, part, user, token):
    """Comments by a member the reader blocks collapse in place (the reader may still open one); others' named
    comments offer "Block this member". Never on an anonymous comment: it would tie "Anonymous N"s together."""
    blocked = blocks.blocked_ids(user)
    for pk, (author_id, _, published, named) in part.shown.items():
        if not named or author_id == user.pk:
            continue
        if author_id in blocked:
            before, found, rest = html.partition(BODY_START.format(pk))
            if found:
                body, _, after = rest.partition(BODY_END.format(pk))
                collapsed = render_to_string("comments/blocked_body.html", {"body": mark_safe(body)})  # noqa: S308
                html = before + collapsed + after
        if published:
            form = render_to_string(
                "comments/block_form.html",
                {"url": reverse("comments:block", args=[pk]), "blocked": author_id in blocked, "csrf_token": token},
            )
            end = "</footer>" + ACTIONS_END.format(pk)
            html = html.replace(end, form + end, 1)
    return html


def comments_context(request, article, *, params=None, draft=None):
    params = request.GET if params is None else params
    user = request.user
    part = thread_part(request, article, thread_options(params))
    permission = permissions_for(request)["comment"]
    if draft is None and user.is_authenticated and hasattr(request, "session"):
        draft = drafts.take(request, DRAFT_SESSION_KEY.format(article.pk))
    limits = CommentSettings.load(request_or_site=request)
    can_post = permission.allowed and not part.closed
    thread_html = part.html
    if user.is_authenticated:
        thread_html = _for_member(part, user, limits, can_post, get_token(request))
    # Our own templates' output, cached or assembled from it: marked safe again after the string work.
    thread_html = mark_safe(thread_html)  # noqa: S308
    reply_to = None
    # The comment being answered: asked for with ?reply_to=, or the parent of a refused reply's draft.
    reply_to_id = positive_id(params.get("reply_to")) or positive_id((draft or {}).get("parent"))
    if permission.allowed and reply_to_id:
        reply_to = (
            Comment.objects.for_article(article).in_thread().select_related("author").filter(pk=reply_to_id).first()
        )
        if reply_to is not None:
            reply_to.speaker_name = speakers.name_in(article.pk, reply_to.author)
    premoderated = part.mode == screening.CommentMode.PREMODERATED
    return {
        "article": article,
        # With the request, Wagtail reads the site's root paths once per request rather than once per URL.
        "article_url": article.get_url(request),
        "thread_html": thread_html,
        "thread": part,
        "own_unpublished": selectors.own_unpublished(article, user),
        "closed": part.closed,
        "premoderated": premoderated,
        "may_comment": permission,
        "can_post": can_post,
        "draft": draft or {},
        "reply_to": reply_to,
        "submission_key": uuid.uuid4(),
        "report_reasons": ReportReason.choices,
        "max_length": limits.max_length,
        "typical_wait": screening.typical_wait() if premoderated and permission.allowed else "",
        "poll_seconds": settings.AUSCULT["NEW_COMMENTS_POLL_SECONDS"],
        "request": request,
        "user": user,
    }


def render_comments_block(request, article, **kwargs):
    return render_to_string("comments/block.html", comments_context(request, article, **kwargs), request=request)


def render_comments_section(request, article):
    """The article page's comments: the status region, empty for everyone (filled by htmx after the member's own
    post), then the block."""
    return format_html(
        '<p id="{}" class="comment-status" role="status"></p>{}',
        STATUS_ID,
        mark_safe(render_comments_block(request, article)),  # noqa: S308 - our own template's output
    )
