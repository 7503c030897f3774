"""What an article shows of its readers' engagement, provided by the apps above publishing.

Publishing renders the article; ratings, comments and moderation, which sit above it, say what goes in:

- **Blocks under the article** (the rating block, then the comments): each app registers a function
  `(request, article) -> HTML` with the Wagtail hook `ARTICLE_ENGAGEMENT_HOOK` in its `wagtail_hooks.py`,
  `order` giving its place; `{% article_engagement page %}` (publishing_tags) renders them in order.
- **What the blocks will read from the cache**: each app may register `(request, article) -> keys` with
  `ARTICLE_CACHE_READS_HOOK`, so that the article page fetches them with its own fragments in one round trip
  (`auscult.core.cache.read_ahead`).
- **Counts where readers choose what to read** (teasers, the article's JSON-LD, the front page's "Most
  discussed" and "Best rated"): each app may register `() -> {name: expression}` with `ARTICLE_COUNTS_HOOK`,
  annotations of an `ArticlePage` queryset read from its stored counters, so a listing's counts come in its own
  query. The names are `comment_count` (comments) and `rating_count`, `rating_total` (ratings); an article
  without them (no app registered) shows none.
- **Other pages that name the article** (a member's public profile lists their comments with its title): each
  app may register `(article_id) -> [full URL]` with `ARTICLE_SHOWN_AT_HOOK`, so that a change to the article
  (published, unpublished, moved, restricted) purges them with its own listings.
- **Items in a signed-in member's account menu** (the masthead's "Notifications (3)"): each app may register
  `(request) -> HTML` (one `<li>`) with `MASTHEAD_ACCOUNT_HOOK`; shown only to a signed-in member, whose pages are
  never shared, so a visitor's copy stays everyone's.
- **A note above the article** (surge protection's): the seam `article_note`.
- **The comment mode on the article's admin form**: the seams `comment_modes`, `comment_mode_of` and
  `set_comment_mode`, filled by moderation, which keeps the mode outside page revisions.

Seams (`auscult.core.seams`) are filled in the upper app's `AppConfig.ready()`; with nothing filling them
the article shows no note and its form offers no mode.
"""

from django.utils.html import format_html_join
from wagtail import hooks

from auscult.core.seams import Seam

ARTICLE_ENGAGEMENT_HOOK = "auscult_article_engagement"
ARTICLE_CACHE_READS_HOOK = "auscult_article_cache_reads"
ARTICLE_COUNTS_HOOK = "auscult_article_counts"
ARTICLE_SHOWN_AT_HOOK = "auscult_article_shown_at"
MASTHEAD_ACCOUNT_HOOK = "auscult_masthead_account"

article_note = Seam("publishing.engagement.article_note", when_empty=lambda article: "")
comment_modes = Seam("publishing.engagement.comment_modes", when_empty=lambda: [])
"""The choices of comment mode, as (value, label) pairs."""
comment_mode_of = Seam("publishing.engagement.comment_mode_of", when_empty=lambda article: None)
set_comment_mode = Seam("publishing.engagement.set_comment_mode", when_empty=lambda *, article, mode, by: None)


def engagement_blocks(request, article):
    """The HTML of every engagement block for the article, in order."""
    parts = [hook(request, article) for hook in hooks.get_hooks(ARTICLE_ENGAGEMENT_HOOK)]
    return format_html_join("\n", "{}", ((part,) for part in parts if part))


def engagement_cache_reads(request, article):
    """The cache keys the engagement blocks will read for the article."""
    return [key for hook in hooks.get_hooks(ARTICLE_CACHE_READS_HOOK) for key in hook(request, article)]


def count_annotations():
    """Every app's count annotations for an `ArticlePage` queryset (`ARTICLE_COUNTS_HOOK`)."""
    found = {}
    for hook in hooks.get_hooks(ARTICLE_COUNTS_HOOK):
        found.update(hook())
    return found


def with_counts(queryset):
    return queryset.annotate(**count_annotations())


def shown_at(article_id):
    """The full URLs of the other pages the apps above show the article on (`ARTICLE_SHOWN_AT_HOOK`)."""
    return [url for hook in hooks.get_hooks(ARTICLE_SHOWN_AT_HOOK) for url in hook(article_id)]


def masthead_account_items(request):
    """The account menu's items from the apps above, for a signed-in member (none for anyone else)."""
    if not request.user.is_authenticated:
        return ""
    parts = [hook(request) for hook in hooks.get_hooks(MASTHEAD_ACCOUNT_HOOK)]
    return format_html_join("", "{}", ((part,) for part in parts if part))
