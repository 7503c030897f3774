"""The floor's one page (with and without Django's `cache_page`) and its one write."""

from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import cache_page
from django.views.decorators.http import require_POST

from .models import Article, Comment


def article(request, slug):
    page = get_object_or_404(Article.objects.live(), slug=slug)
    comments = Comment.objects.filter(article_id=page.pk).order_by("created_at", "id")
    return render(request, "floor/article.html", {"page": page, "comments": comments})


article_cached = cache_page(600)(article)


def comment_form(request, article_id):
    return render(request, "floor/form.html", {"article_id": article_id})


@require_POST
def comment_post(request, article_id):
    Comment.objects.create(
        article_id=article_id, author_name=request.POST.get("author_name", "")[:100], body=request.POST.get("body", "")
    )
    return redirect("comment_form", article_id=article_id)
