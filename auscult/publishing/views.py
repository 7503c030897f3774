"""Public views outside the page tree: search and author pages."""

from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from auscult.core.db_router import reads_from_replica
from auscult.core.params import query_text

from .delivery import AUTHORS, shared_view
from .models import ArticlePage, Author
from .models.pages import PORTRAIT_SPEC, paginate

MAX_QUERY_LENGTH = 200


def search_words(value):
    """What a visitor searches for. Double quotes go too: Wagtail's SQLite full-text backend quotes
    each word without escaping the quotes inside it, so a lone one is an FTS5 syntax error; no
    backend gives them a meaning in a plain-text search."""
    return query_text((value or "").replace('"', " "), max_length=MAX_QUERY_LENGTH)


@require_GET
@reads_from_replica
def search(request):
    query = search_words(request.GET.get("q"))
    results = None
    if query:
        results = paginate(request, ArticlePage.objects.live().public().teasers().order_by().search(query))
    return render(request, "pages/search.html", {"query": query, "results": results})


@require_GET
@shared_view(AUTHORS)
def author_list(request):
    authors = Author.objects.listed().select_related("photo")
    return render(request, "pages/author_list.html", {"authors": authors, "portrait_spec": PORTRAIT_SPEC})


@require_GET
@shared_view(AUTHORS, lists_articles=True)
def author_detail(request, slug):
    author = get_object_or_404(Author.objects.listed().select_related("photo"), slug=slug)
    articles = ArticlePage.objects.listable().teasers().filter(article_authors__author=author)
    return render(
        request,
        "pages/author_page.html",
        {"author": author, "articles": paginate(request, articles), "page_params": ("page",)},
    )
