"""Who may see an article, and with it its readers' engagement (ratings, comments, counts).

One rule for every caller that shows or writes engagement (the comment and rating views now, the API
later): the article must be live, and its page privacy (Wagtail's view restrictions on it or on a
section above it: a shared password, signing in, a group) is obeyed. A reader who has passed every
restriction sees and takes part as on any article; one who has not gets nothing, as if the article did
not exist. What the reader has passed is known from the browser's request (the password in the
session, the signed-in user and their groups); a caller with no request, such as an API token, has
passed nothing, so any restricted article is refused to it.
"""

from django.http import Http404

from .models import ArticlePage


def may_see(article, request=None):
    """Whether `article` and its engagement may be shown to, or written by, whoever sent `request`
    (None: nobody who could have passed a restriction)."""
    if not article.live:
        return False
    restrictions = article.get_view_restrictions()
    if request is None:
        return not restrictions.exists()
    return all(restriction.accept_request(request) for restriction in restrictions)


def article_or_404(article_id, request=None):
    """The live article with this id if `request` may see it (`may_see`); otherwise not found."""
    article = ArticlePage.objects.live().defer_streamfields().with_restriction_flag().filter(pk=article_id).first()
    if article is None or not may_see(article, request):
        raise Http404("No such article")
    return article
