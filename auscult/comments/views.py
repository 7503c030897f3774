"""Comment endpoints. Each works as a plain form (redirect back with a message) and, with
htmx, returns the fragment to swap in. Refusals keep the member's text, and so does a database
that does not answer: posting and editing then give the form back filled in, with a 503."""

import json
import uuid
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpResponse, JsonResponse
from django.middleware.csrf import CsrfViewMiddleware, get_token
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import format_html
from django.utils.http import urlencode
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods
from django.views.decorators.vary import vary_on_headers

from auscult.core import delivery as versions
from auscult.core import drafts, ratelimits
from auscult.core.delivery import page_key
from auscult.core.drafts import post_only, sign_in_keeping
from auscult.core.error_pages import keeps_form_on_outage
from auscult.core.errors import Refused
from auscult.core.params import positive_id
from auscult.publishing import access
from auscult.publishing.delivery import may_share, respond, shared_view
from auscult.publishing.models.pages import paginate

from . import blocks, errors, profiles, selectors, services, speakers
from .forms import CommentForm, EditForm, ReportForm
from .models import Block, Comment, CommentSettings, CommentStatus
from .rendering import (
    DRAFT_SESSION_KEY,
    STATUS_ID,
    comments_context,
    recommend_url,
    render_comments_block,
    thread_options,
    thread_query,
)

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
    """The comment if `request` may see it and its article; else not found (`selectors.visible_comment`)."""
    return selectors.visible_comment(request.user, pk, request)


@require_GET
def permalink(request, pk):
    """/comments/<id>/ → the article page that holds it, at #comment-<id>."""
    comment = _visible_comment(request, pk)
    options = thread_options(request.GET)
    page = selectors.page_of(comment, page_size=options["page_size"], order=options["order"])
    # None: the author's own unpublished comment, shown under "Have your say" on every page of the thread.
    return redirect(_thread_url(comment.article, {**options, "page": page}, f"comment-{comment.pk}"))


@vary_on_headers("HX-Request")  # htmx gets a fragment, a plain request the page or a redirect
@require_GET
def thread(request, article_id):
    """A page of the thread as a fragment, for htmx paging and re-ordering."""
    article = access.article_or_404(article_id, request)
    if not request.htmx:
        params = request.GET.copy()
        anchor = "have-your-say" if params.pop("to", None) == ["have-your-say"] else "comments"
        query = params.urlencode()
        return redirect(f"{article.url}{'?' + query if query else ''}#{anchor}")
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


def _keep_signed_out_post(request, article_id):
    """A post or reply sent after the session ended: its text kept for the article's form (`core.drafts`), to come
    back to through the thread's address, which sends whoever may see the article there (and names no article to
    anyone who may not: the article is not read here, as a signed-out request may not be shown a restricted one)."""
    form = CommentForm(request.POST)
    form.is_valid()
    drafts.keep(
        request,
        DRAFT_SESSION_KEY.format(article_id),
        {
            "body": request.POST.get("body", ""),
            "parent": positive_id(request.POST.get("parent")) or "",
            "note": drafts.SIGNED_OUT_NOTE,
            "submission_key": str(form.cleaned_data.get("submission_key") or uuid.uuid4()),
        },
    )
    return f"{reverse('comments:thread', args=[article_id])}?to=have-your-say"


@vary_on_headers("HX-Request")
@post_only
@keeps_form_on_outage(_kept_post_form)
@sign_in_keeping(_keep_signed_out_post)
def post(request, article_id):
    article = access.article_or_404(article_id, request)
    form = CommentForm(request.POST)
    form.is_valid()
    data = form.cleaned_data
    body = request.POST.get("body", "")
    parent = None
    try:
        if request.POST.get("parent"):
            # A parent that is not an id names no comment: refused as one that has gone.
            parent = services.reply_parent(positive_id(request.POST["parent"]) or 0)
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
        drafts.keep(
            request, DRAFT_SESSION_KEY.format(article.pk), {**draft, "submission_key": str(draft["submission_key"])}
        )
        _refused(request, refusal.message)
        return redirect(f"{article.url}#have-your-say")

    # The thread as the member was reading it (the form carries its page size and order), at the page holding
    # their comment; one that is not published yet is under "Have your say", which every page of the thread has.
    options = thread_options(request.POST)
    kind = "reply" if parent is not None else "comment"
    if comment.status == CommentStatus.PUBLISHED:
        notice = f"Your {kind} has been published."
        options["page"] = selectors.page_of(comment, page_size=options["page_size"], order=options["order"]) or 1
    else:
        notice = services.held_notice(comment)
    if request.htmx:
        return _block_showing(request, article, comment, notice, params=options)
    messages.success(request, notice)
    if comment.status != CommentStatus.PUBLISHED:
        options["page"] = None
    return redirect(_thread_url(article, options, f"comment-{comment.pk}"))


def _thread_url(article, options, anchor):
    """The article at the thread's `options` (page, page size and order; a page of None names none), at `anchor`."""
    page = f"page={options['page']}" if options.get("page") else ""
    query = "&".join(part for part in (page, thread_query(options["page_size"], options["order"])) if part)
    return f"{article.url}{'?' + query if query else ''}#{anchor}"


def _block_showing(request, article, comment, notice, *, params):
    """The comments block for htmx, with `notice` for the status region the article page holds from the start (so
    a screen reader announces it) and the event that brings `comment` into view with focus (discussion.js)."""
    status = format_html('<p id="{}" hx-swap-oob="innerHTML">{}</p>', STATUS_ID, notice)
    response = HttpResponse(render_comments_block(request, article, params=params) + status)
    response["HX-Trigger"] = "comment-posted"
    response["HX-Trigger-After-Settle"] = json.dumps({"comment-shown": {"id": comment.pk, "target": "body"}})
    return response


def sign_in_first(action, keep=None):
    """`login_required`, except that htmx (a Reply or Report link in the shared thread, which every visitor sees)
    gets the invitation to sign in in place, not the sign-in page swapped into the thread; and a POST whose session
    has ended has what was typed kept by `keep` (`core.drafts.sign_in_keeping`)."""

    def decorator(view):
        keeping = sign_in_keeping(keep)(view) if keep else None

        @wraps(view)
        def wrapped(request, pk, *args, **kwargs):
            if request.user.is_authenticated:
                return view(request, pk, *args, **kwargs)
            if keeping and request.method == "POST":
                return keeping(request, pk, *args, **kwargs)
            if not request.htmx:
                # Back to the comment after a POST: its own address is one only a POST reaches.
                back = request.get_full_path() if request.method == "GET" else reverse("comments:permalink", args=[pk])
                return redirect_to_login(back)
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


REPORT_DRAFT_KEY = "comment-report-draft:{}"
EDIT_DRAFT_KEY = "comment-edit-draft:{}"


# Kept by the comment's id alone: a signed-out request may not be shown the comment, nor its article; the page
# it comes back to checks, once the member is signed in, as it does for anyone.
def _keep_signed_out_report(request, pk):
    fields = {"reason": request.POST.get("reason", ""), "note": request.POST.get("note", "")}
    drafts.keep(request, REPORT_DRAFT_KEY.format(pk), fields)
    return reverse("comments:report", args=[pk])


@vary_on_headers("HX-Request")
@require_http_methods(["GET", "POST"])
@sign_in_first("report a comment", keep=_keep_signed_out_report)
def report(request, pk):
    comment = _visible_comment(request, pk)
    kept = drafts.take(request, REPORT_DRAFT_KEY.format(comment.pk)) if request.method == "GET" else None
    form = ReportForm(request.POST or None, initial=kept or {})
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
    context = {
        "comment": comment,
        "speaker_name": speakers.name_in(comment.article_id, comment.author),
        "form": form,
        "error": error,
        "note": drafts.SIGNED_OUT_NOTE if kept else "",
    }
    return render(request, template, context, status=status)


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


def _keep_signed_out_edit(request, pk):
    drafts.keep(request, EDIT_DRAFT_KEY.format(pk), {"body": request.POST.get("body", "")})
    return reverse("comments:edit", args=[pk])


@vary_on_headers("HX-Request")
@require_http_methods(["GET", "POST"])
@keeps_form_on_outage(_kept_edit_form)
@sign_in_keeping(_keep_signed_out_edit)
def edit(request, pk):
    comment = _visible_comment(request, pk)
    if comment.author_id != request.user.pk:
        raise Http404
    kept = drafts.take(request, EDIT_DRAFT_KEY.format(comment.pk)) if request.method == "GET" else None
    form = EditForm(request.POST or None, initial={"body": kept["body"] if kept else comment.body})
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
    context = {
        "comment": comment,
        "form": form,
        "error": error,
        "note": drafts.SIGNED_OUT_NOTE if kept else "",
        "window": limits.edit_window_minutes,
    }
    return render(request, "comments/edit_page.html", context)


@vary_on_headers("HX-Request")
@require_http_methods(["GET", "POST"])
@login_required
def delete(request, pk):
    comment = _visible_comment(request, pk)
    if comment.author_id != request.user.pk:
        raise Http404
    if request.method == "POST":
        # Back to where it was in the thread: its placeholder if replies keep one, else that page's heading.
        options = thread_options(request.GET)
        options["page"] = selectors.page_of(comment, page_size=options["page_size"], order=options["order"]) or 1
        anchor = "comments-heading"
        try:
            services.comment_delete(comment=comment, author=request.user)
        except Refused as refusal:
            _refused(request, refusal.message)
            anchor = f"comment-{comment.pk}"
        else:
            messages.success(request, "Your comment has been deleted.")
            if Comment.objects.filter(pk=comment.pk).in_thread().exists():
                anchor = f"comment-{comment.pk}"
        return redirect(_thread_url(comment.article, options, anchor))
    return render(request, "comments/delete_page.html", {"comment": comment})


@login_required
@never_cache
def mine(request):
    """The member's own comments in every state, newest first, with where they stand."""
    comments = Comment.objects.filter(author=request.user).select_related("article").order_by("-created_at")
    return render(request, "comments/mine.html", {"comments": comments[:200]})


@csrf_exempt  # checked in the view for members; a visitor's POST changes nothing (they are asked to sign in)
@vary_on_headers("HX-Request")
@post_only
@sign_in_first("recommend a comment")
def recommend(request, pk):
    """Recommend a comment, or take the recommendation back (`undo`). The shared thread's button carries no CSRF
    token (the copy is everyone's): the member's page puts theirs in (`rendering`), and htmx sends it as a header."""
    refused = CsrfViewMiddleware(HttpResponse).process_view(request, None, (), {})
    if refused is not None:
        return refused
    comment = _visible_comment(request, pk)
    undo = request.POST.get("undo") == "1"
    error = ""
    try:
        if undo:
            comment = services.comment_unrecommend(comment=comment, member=request.user)
        else:
            comment = services.comment_recommend(comment=comment, member=request.user)
    except Refused as refusal:
        error = refusal.message
    if request.htmx:
        button = {
            "pk": comment.pk,
            "url": recommend_url(comment.pk),
            # Known from what was done, except after a refusal, which leaves whatever stood before.
            "recommended": selectors.has_recommended(request.user, comment) if error else not undo,
            "count": comment.recommend_count,
            "with_count": True,
            "error": error,
        }
        return render(request, "comments/recommend.html", button)
    if error:
        _refused(request, error)
    elif undo:
        messages.success(request, "You no longer recommend this comment.")
    else:
        messages.success(request, "Thank you: your recommendation is counted.")
    options = thread_options(request.POST)
    query = thread_query(options["page_size"], options["order"])
    return redirect(f"{comment.get_absolute_url()}{'?' + query if query else ''}")


@post_only
@login_required
def block(request, pk):
    """Block the comment's author (or, with `undo`, unblock them), and go back to the comment."""
    comment = _visible_comment(request, pk)
    if request.POST.get("undo") == "1":
        blocks.member_unblock(member=request.user, blocked_id=comment.author_id)
        messages.success(request, f"You no longer block {comment.author.public_name}.")
    else:
        try:
            blocks.member_block(member=request.user, blocked=comment.author)
        except Refused as refusal:
            _refused(request, refusal.message)
        else:
            messages.success(
                request,
                format_html(
                    "{} is blocked: their comments are folded away for you, and you are told nothing of them. "
                    '<a href="{}">Members you have blocked</a>',
                    comment.author.public_name,
                    reverse("comments:blocked"),
                ),
            )
    return redirect(comment.get_absolute_url())


@login_required
@never_cache
def blocked(request):
    """The members the reader blocks, each with Unblock."""
    mine = Block.objects.filter(member_id=request.user.pk).select_related("blocked").order_by("-created_at")
    return render(request, "comments/blocked_list.html", {"blocks": mine})


@post_only
@login_required
def unblock(request, member_id):
    blocks.member_unblock(member=request.user, blocked_id=member_id)
    messages.success(request, "Unblocked: you see their comments again.")
    return redirect("comments:blocked")


@require_GET
def count(request, article_id):
    """How many comments are published on the article, for the page's "N new comments" offer (discussion.js):
    the same for everyone, so shared for a few seconds by every cache; nothing held, rejected or removed counts."""
    article = access.article_or_404(article_id, request)
    published = selectors.published_count(article)
    response = JsonResponse({"published": published})
    if not may_share(request):
        return versions.private(response)
    etag = versions.etag(request, page_key(article.pk), extra=[request.path])
    return versions.public(response, etag=etag, shared_seconds=settings.AUSCULT["NEW_COMMENTS_SHARED_SECONDS"])


@require_GET
@shared_view()
def guidelines(request):
    """The community guidelines, as the editors keep them (Settings > Comment settings): the same for everyone."""
    limits = CommentSettings.load(request_or_site=request)
    return render(request, "comments/guidelines.html", {"guidelines": limits.guidelines})


@require_GET
def member_profile(request, pk, slug=None):
    """A member's public profile (`comments.profiles`): to everyone if they show one, else only to themselves (with
    a note saying so); never for an anonymous or deleted account. An old or missing slug redirects to today's."""
    member = get_user_model().objects.filter(pk=pk, deleted_at__isnull=True).first()
    own = member is not None and request.user.is_authenticated and request.user.pk == member.pk
    if member is None or not (member.has_public_profile or own):
        raise Http404
    if slug != profiles.profile_slug(member):
        page = positive_id(request.GET.get("page"))
        return redirect(profiles.profile_path(member) + (f"?page={page}" if page and page > 1 else ""))

    def render_profile():
        comments = paginate(request, profiles.shown_comments(member), per_page=profiles.PAGE_SIZE)
        context = {"member": member, "comments": comments, "own": own, "page_params": ("page",)}
        return render(request, "comments/member_profile.html", context)

    return respond(request, render_profile, keys=(profiles.profile_key(member.pk),))


def _refused(request, message):
    """A refusal as a message on the next page, with the community guidelines a link away."""
    link = format_html(' <a href="{}">Our community guidelines</a>', reverse("comments:guidelines"))
    messages.error(request, format_html("{}{}", message, link))
