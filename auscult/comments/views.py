"""Comment endpoints. Each works as a plain form (redirect back with a message) and, with
htmx, returns the fragment to swap in. Refusals keep the member's text, and so does a database
that does not answer: posting and editing then give the form back filled in, with a 503."""

import uuid
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import format_html
from django.utils.http import urlencode
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers

from auscult.core import ratelimits
from auscult.core.error_pages import keeps_form_on_outage
from auscult.core.errors import Refused
from auscult.core.params import positive_id
from auscult.publishing import access

from . import errors, selectors, services
from .forms import CommentForm, EditForm, ReportForm
from .models import Comment, CommentSettings, CommentStatus
from .rendering import DRAFT_SESSION_KEY, comments_context, render_comments_block, thread_options

# What the kept form says when the database does not answer (keeps_form_on_outage).
OUTAGE_MESSAGE = (
    "Our database is not answering just now, so your comment has not been posted. "
    "Your text is still here: please post it again in a minute."
)
EDIT_OUTAGE_MESSAGE = (
    "Our database is not answering just now, so your changes have not been saved. "
    "Your text is still here: please save it again in a minute."
)
# The length limit the kept form states when the site's own setting cannot be read.
DEFAULT_MAX_LENGTH = CommentSettings._meta.get_field("max_length").default


def _visible_comment(request, pk):
    """The comment if `request` may see its article (`publishing.access`) and the comment itself; else not found."""
    visible = Comment.objects.filter(pk=pk).visible_to(request.user).select_related("article", "author")
    # Whether it is visible comes with the comment, in one query; the article's body is never needed with it.
    comment = get_object_or_404(visible.defer("article__body"))
    if not access.may_see(comment.article, request):
        raise Http404
    return comment


@require_GET
def permalink(request, pk):
    """/comments/<id>/ → the article page that holds it, at #comment-<id>."""
    comment = _visible_comment(request, pk)
    options = thread_options(request.GET)
    page = selectors.page_of(comment, page_size=options["page_size"], order=options["order"])
    if page is None:  # the author's own unpublished comment: shown under "Have your say"
        return redirect(f"{comment.article.url}#comment-{comment.pk}")
    query = [f"page={page}"]
    if options["page_size"] != selectors.DEFAULT_PAGE_SIZE:
        query.append(f"page_size={options['page_size']}")
    if options["order"] != selectors.ThreadOrder.OLDEST:
        query.append(f"order={options['order']}")
    return redirect(f"{comment.article.url}?{'&'.join(query)}#comment-{comment.pk}")


@vary_on_headers("HX-Request")  # htmx gets a fragment, a plain request the page or a redirect
@require_GET
def thread(request, article_id):
    """A page of the thread as a fragment, for htmx paging and re-ordering."""
    article = access.article_or_404(article_id, request)
    if not request.htmx:
        return redirect(f"{article.url}?{request.GET.urlencode()}#comments")
    return HttpResponse(render_comments_block(request, article))


def _kept_post_form(request, article_id):
    """The comment form as the member sent it, from the POST alone, with the same submission key."""
    form = CommentForm(request.POST)
    form.is_valid()
    body = request.POST.get("body", "")
    key = form.cleaned_data.get("submission_key") or uuid.uuid4()
    context = {
        "article": {"pk": article_id},
        "draft": {
            "body": body,
            "parent": positive_id(request.POST.get("parent")) or "",
            "error": OUTAGE_MESSAGE,
            "submission_key": key,
        },
        "submission_key": key,
        "max_length": max(DEFAULT_MAX_LENGTH, len(body)),
        "csrf_token": get_token(request),
    }
    return render_to_string("comments/form.html", context)


@vary_on_headers("HX-Request")
@require_POST
@keeps_form_on_outage(_kept_post_form)
@login_required
def post(request, article_id):
    article = access.article_or_404(article_id, request)
    form = CommentForm(request.POST)
    form.is_valid()
    data = form.cleaned_data
    body = request.POST.get("body", "")
    parent = None
    try:
        if request.POST.get("parent"):
            # A reply whose parent is gone (or was never a comment) is refused, never posted top-level.
            parent_id = positive_id(request.POST["parent"])
            parent = Comment.objects.filter(pk=parent_id).only("pk", "article_id").first() if parent_id else None
            if parent is None:
                raise Refused(errors.BAD_PARENT, services.BAD_PARENT_MESSAGE)
        comment = services.comment_post(
            article=article,
            author=request.user,
            body=body,
            parent=parent,
            submission_key=data.get("submission_key"),
            request=request,
        )
    except Refused as refusal:
        keep_parent = parent is not None and refusal.code != errors.BAD_PARENT
        draft = {
            "body": body,
            "parent": parent.pk if keep_parent else "",
            "error": refusal.message,
            "submission_key": data.get("submission_key") or "",
        }
        if request.htmx:
            return HttpResponse(render_comments_block(request, article, draft=draft))
        request.session[DRAFT_SESSION_KEY.format(article.pk)] = {
            **draft,
            "submission_key": str(draft["submission_key"]),
        }
        messages.error(request, refusal.message)
        return redirect(f"{article.url}#have-your-say")

    if comment.status == CommentStatus.PUBLISHED:
        notice = "Your comment has been published."
        options = {
            "page_size": selectors.clean_page_size(request.POST.get("page_size")),
            "order": selectors.ThreadOrder.OLDEST,
        }
        page = selectors.page_of(comment, **options) or 1
        target = f"{article.url}?page={page}#comment-{comment.pk}"
        params = {"page": str(page), "page_size": str(options["page_size"])}
    else:
        notice = getattr(comment, "author_message", "") or (
            "Thank you. Your comment will appear once a moderator has approved it."
        )
        target = f"{article.url}#your-comments"
        params = None
    if request.htmx:
        response = HttpResponse(render_comments_block(request, article, params=params or request.GET))
        response["HX-Trigger"] = "comment-posted"
        return response
    messages.success(request, notice)
    return redirect(target)


def sign_in_first(action):
    """`login_required`, except that htmx (a Reply or Report link in the shared thread, which every visitor sees)
    gets the invitation to sign in in place, not the sign-in page swapped into the thread."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, pk, *args, **kwargs):
            if request.user.is_authenticated:
                return view(request, pk, *args, **kwargs)
            if not request.htmx:
                return redirect_to_login(request.get_full_path())
            back = urlencode({"next": _visible_comment(request, pk).get_absolute_url()})
            return HttpResponse(
                format_html(
                    '<p class="sign-in-first"><a href="{}?{}">Sign in</a> or <a href="{}?{}">register</a> to {}.</p>',
                    reverse("account_login"),
                    back,
                    reverse("account_signup"),
                    back,
                    action,
                )
            )

        return wrapped

    return decorator


@vary_on_headers("HX-Request")
@require_GET
@sign_in_first("reply")
def reply_form(request, pk):
    """The reply form, inline under the comment (htmx) or on the article with ?reply_to=."""
    comment = _visible_comment(request, pk)
    if not request.htmx:
        return redirect(f"{comment.article.url}?reply_to={comment.pk}#have-your-say")
    context = comments_context(request, comment.article, params={"reply_to": str(comment.pk)})
    if not context["can_post"]:
        return HttpResponse(
            format_html("<p>{}</p>", context["may_comment"].reason or "Comments are closed on this article.")
        )
    return render(request, "comments/form.html", context)


@vary_on_headers("HX-Request")
@require_http_methods(["GET", "POST"])
@sign_in_first("report a comment")
def report(request, pk):
    comment = _visible_comment(request, pk)
    form = ReportForm(request.POST or None)
    error, status = "", 200
    if request.method == "POST" and form.is_valid():
        try:
            if not ratelimits.consume(request, ratelimits.COMMENT_REPORT):
                raise Refused(errors.RATE_LIMITED, errors.TOO_MANY_REPORTS)
            services.comment_report(
                comment=comment,
                reporter=request.user,
                reason=form.cleaned_data["reason"],
                note=form.cleaned_data["note"],
                request=request,
            )
        except Refused as refusal:
            error = refusal.message
            if refusal.code == errors.ALREADY_REPORTED:
                return _reported(request, comment, refusal.message)
            if refusal.code == errors.RATE_LIMITED:
                # The form again, with what they chose and wrote, to send once the limit allows.
                status = 429
        else:
            return _reported(request, comment, "Thank you for your report. A moderator will look at this comment.")
    template = "comments/report_fragment.html" if request.htmx else "comments/report_page.html"
    return render(request, template, {"comment": comment, "form": form, "error": error}, status=status)


def _reported(request, comment, message):
    if request.htmx:
        return HttpResponse(format_html('<p class="message" role="status">{}</p>', message))
    messages.success(request, message)
    return redirect(comment.get_absolute_url())


def _kept_edit_form(request, pk):
    context = {
        "comment": {"pk": pk},
        "form": EditForm(request.POST),
        "error": EDIT_OUTAGE_MESSAGE,
        "csrf_token": get_token(request),
    }
    return render_to_string("comments/edit_form.html", context)


@vary_on_headers("HX-Request")
@require_http_methods(["GET", "POST"])
@keeps_form_on_outage(_kept_edit_form)
@login_required
def edit(request, pk):
    comment = _visible_comment(request, pk)
    if comment.author_id != request.user.pk:
        raise Http404
    form = EditForm(request.POST or None, initial={"body": comment.body})
    error = ""
    if request.method == "POST" and form.is_valid():
        try:
            comment = services.comment_edit(comment=comment, author=request.user, body=request.POST.get("body", ""))
        except Refused as refusal:
            error = refusal.message
        else:
            if comment.status == CommentStatus.PENDING:
                messages.info(request, "Your edited comment will appear once a moderator has approved it.")
            else:
                messages.success(request, "Your comment has been updated.")
            return redirect(comment.get_absolute_url())
    limits = CommentSettings.load(request_or_site=request)
    context = {"comment": comment, "form": form, "error": error, "window": limits.edit_window_minutes}
    return render(request, "comments/edit_page.html", context)


@vary_on_headers("HX-Request")
@require_http_methods(["GET", "POST"])
@login_required
def delete(request, pk):
    comment = _visible_comment(request, pk)
    if comment.author_id != request.user.pk:
        raise Http404
    if request.method == "POST":
        try:
            services.comment_delete(comment=comment, author=request.user)
        except Refused as refusal:
            messages.error(request, refusal.message)
        else:
            messages.success(request, "Your comment has been deleted.")
        return redirect(f"{comment.article.url}#comments")
    return render(request, "comments/delete_page.html", {"comment": comment})


@login_required
@never_cache
def mine(request):
    """The member's own comments in every state, newest first, with where they stand."""
    comments = Comment.objects.filter(author=request.user).select_related("article").order_by("-created_at")
    return render(request, "comments/mine.html", {"comments": comments[:200]})
