"""The floor's one page (with and without Django's `cache_page`) and its one write; and the least the same page
and write cost on Django for a signed-in member (the bounds beside the member and post targets, bench/README.md)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.views.decorators.cache import cache_page
from django.views.decorators.http import require_POST

from .models import Article, Comment


def _article_context(slug):
    page = get_object_or_404(Article.objects.live(), slug=slug)
    comments = Comment.objects.filter(article_id=page.pk).order_by("created_at", "id")
    return {"page": page, "comments": comments}


def article(request, slug):
    return render(request, "floor/article.html", _article_context(slug))


article_cached = cache_page(600)(article)


@login_required
def member_article(request, slug):
    """The page for a signed-in member with everything but the person cached: the article and its comments are one
    cached string, and only the member's own part (their name, a form with their CSRF token) is rendered, after
    their session and account are read. Nothing a member's view must do can cost less in one request without a copy
    of each member's page."""
    key = f"member-article:{slug}"
    shared = cache.get(key)
    if shared is None:
        context = _article_context(slug)
        shared = {"html": render_to_string("floor/article_shared.html", context), "article_id": context["page"].pk}
        cache.set(key, shared, 600)
    return render(request, "floor/member_article.html", shared)


def comment_form(request, article_id):
    return render(request, "floor/form.html", {"article_id": article_id})


@require_POST
def comment_post(request, article_id):
    Comment.objects.create(
        article_id=article_id, author_name=request.POST.get("author_name", "")[:100], body=request.POST.get("body", "")
    )
    return redirect("comment_form", article_id=article_id)


@require_POST
@login_required
def member_comment_post(request, article_id):
    """The same insert by a signed-in member, named from their account, with the message a site shows after it:
    what signing in alone adds to a write (the session and the account read, the message kept)."""
    Comment.objects.create(
        article_id=article_id, author_name=request.user.get_username()[:100], body=request.POST.get("body", "")
    )
    messages.success(request, "Your comment has been published.")
    return redirect("comment_form", article_id=article_id)
