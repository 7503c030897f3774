"""Public views outside the page tree: search and author pages."""

from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from .models import ArticlePage, Author
from .models.pages import PORTRAIT_SPEC, paginate

MAX_QUERY_LENGTH = 200


@require_GET
def search(request):
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    results = None
    if query:
        results = paginate(request, ArticlePage.objects.live().teasers().order_by().search(query))
    return render(request, "pages/search.html", {"query": query, "results": results})


@require_GET
def author_list(request):
    authors = Author.objects.select_related("photo").filter(
        pk__in=ArticlePage.objects.live().values("article_authors__author")
    )
    return render(request, "pages/author_list.html", {"authors": authors, "portrait_spec": PORTRAIT_SPEC})


@require_GET
def author_detail(request, slug):
    author = get_object_or_404(Author.objects.select_related("photo"), slug=slug)
    articles = ArticlePage.objects.live().teasers().filter(article_authors__author=author)
    return render(request, "pages/author_page.html", {"author": author, "articles": paginate(request, articles)})
