"""A member's notifications in the site, their e-mail choices, and the one-click unsubscribe that needs no
sign-in (RFC 8058)."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from auscult.core.drafts import post_only
from auscult.publishing import access
from auscult.publishing.models.pages import paginate

from . import services
from .forms import PreferencesForm
from .models import Kind, Notification
from .tokens import read_unsubscribe_token

PAGE_SIZE = 20


@login_required
@never_cache
def notification_list(request):
    """Newest first, unread marked; each opens the comment it is about (and is then read)."""
    mine = (
        Notification.objects.filter(member_id=request.user.pk)
        .select_related("comment__article", "comment__author")
        .order_by("-created_at", "-id")
    )
    page = paginate(request, mine, per_page=PAGE_SIZE)
    services.with_headlines(page.object_list)
    unread = services.unread_count(request.user)
    return render(request, "notifications/list.html", {"notifications": page, "unread": unread})


@post_only
@login_required
def mark_all_read(request):
    changed = services.mark_read(request.user)
    messages.success(request, "All your notifications are marked as read." if changed else "Nothing was unread.")
    return redirect("notifications:list")


@login_required
@never_cache
def open_notification(request, pk):
    """Mark it read and go to the comment (its permalink says if it has gone since)."""
    notification = get_object_or_404(Notification, pk=pk, member_id=request.user.pk)
    services.mark_read(request.user, [notification])
    return redirect(notification.comment.get_absolute_url())


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def preferences(request):
    data = request.POST if request.method == "POST" else None  # all boxes unticked is an empty POST, still sent
    form = PreferencesForm(data, instance=services.preferences_of(request.user))
    if request.method == "POST" and form.is_valid():
        services.save_preferences(request.user, **form.cleaned_data)
        messages.success(request, "Your e-mail choices are saved.")
        return redirect("notifications:preferences")
    return render(request, "notifications/preferences.html", {"form": form})


# The mail provider's one-click POST carries no cookie and no CSRF token: the signed token is the proof.
@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """GET shows what the link stops and a button (link scanners fetch links, so a GET changes nothing); POST,
    from that button or from the mail provider (`List-Unsubscribe=One-Click`), turns that kind of e-mail off."""
    found = read_unsubscribe_token(token)
    member = None
    if found is not None and found[1] in Kind.values:
        member = get_user_model().objects.filter(pk=found[0], deleted_at__isnull=True).first()
    if member is None:
        return render(request, "notifications/unsubscribe_invalid.html", status=400)
    kind = Kind(found[1])
    done = False
    if request.method == "POST":
        services.set_email(member, kind, False)
        done = True
    context = {"kind_label": kind.label.lower(), "done": done, "signed_in": request.user.is_authenticated}
    return render(request, "notifications/unsubscribe.html", context)


@post_only
@login_required
def follow(request, article_id):
    """Follow the article's discussion, or stop (`undo`): back to the article, with a message."""
    article = access.article_or_404(article_id, request)
    if request.POST.get("undo") == "1":
        services.unfollow(request.user, article)
        messages.success(request, "You no longer follow this discussion.")
    else:
        services.follow(request.user, article)
        choice = services.preferences_of(request.user).get_digest_display().lower()
        messages.success(request, f"You follow this discussion: its new comments come to you by e-mail ({choice}).")
    return redirect(f"{article.url}#comments")
