"""The page tree: home → sections → articles. Engagement state lives elsewhere (see moderation)."""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.db.models import Exists, ExpressionWrapper, F, FloatField, OuterRef, Prefetch, Subquery
from django.db.models.functions import Substr
from django.db.models.lookups import StartsWith
from django.templatetags.static import static
from django.utils import timezone
from django.utils.functional import SimpleLazyObject, cached_property
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    PageChooserPanel,
    TabbedInterface,
)
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model
from wagtail.models import Orderable, Page, PageManager, PageViewRestriction, Site
from wagtail.query import PageQuerySet
from wagtail.search import index

from auscult.core.cache import read_ahead
from auscult.core.delivery import page_key
from auscult.core.params import positive_id

from .. import engagement
from ..blocks import ArticleBodyBlock
from ..delivery import AUTHORS, SharedPageMixin, fragment_context, fragment_keys
from ..forms import ArticlePageForm
from ..images import PORTRAIT, THUMBNAIL, social_image
from .authors import byline

# The publisher's logo in NewsArticle structured data: a square PNG (search engines take no SVG logos).
PUBLISHER_LOGO = "img/logo.png"
PUBLISHER_LOGO_SIZE = 512
# Renditions are named by place in publishing.images; publishing.views still imports this name.
PORTRAIT_SPEC = PORTRAIT.fallback_spec


# Top-level paths served outside the page tree; a section with one of these slugs would be unreachable.
RESERVED_SECTION_SLUGS = {
    "account",
    "accounts",
    "notice",
    "admin",
    "authors",
    "django-admin",
    "community-guidelines",
    "documents",
    "feed",
    "healthz",
    "members",
    "search",
    "static",
    "media",
}


class SectionKind(models.TextChoices):
    NEWS = "news", "News"
    OPINION = "opinion", "Opinion"
    BLOG = "blog", "Editor's blog"
    COLUMN = "column", "Column"
    FEATURE = "feature", "Features"


def paginate(request, queryset, per_page=None):
    """One page of `queryset` for ?page=N, clamped to the valid range."""
    paginator = Paginator(queryset, per_page or settings.AUSCULT["LISTING_PAGE_SIZE"])
    try:
        return paginator.page(request.GET.get("page", 1))
    except PageNotAnInteger:
        return paginator.page(1)
    except EmptyPage:
        return paginator.page(paginator.num_pages)


def with_rendition_prefetch(queryset, *specs, field="image"):
    """Prefetch the renditions an article teaser shows, in one query."""
    images = get_image_model().objects.prefetch_renditions(*specs)
    return queryset.prefetch_related(Prefetch(field, queryset=images))


def section_title_subquery(prefix=""):
    """The title of an article's parent section, read from its materialised path."""
    path, depth = OuterRef(f"{prefix}path"), OuterRef(f"{prefix}depth")
    parent = Page.objects.filter(path=Substr(path, 1, (depth - 1) * Page.steplen))
    return Subquery(parent.values("title")[:1])


def _restrictions_above():
    """The view restrictions on the page of the outer query or on a page above it."""
    return PageViewRestriction.objects.filter(StartsWith(OuterRef("path"), F("page__path")))


class ArticlePageQuerySet(PageQuerySet):
    def listable(self):
        """Live articles under no view restriction (a password, sign-in or groups on them or on a page above):
        what listings, feeds and related links may name. The restricted ones are reached only by their own URL,
        past their restriction. Wagtail's `public()` says the same with one query for the restrictions first;
        this is one correlated NOT EXISTS, so a page with several listings pays nothing extra. Search, whose
        backends filter only on indexed fields, uses `public()` (publishing.views)."""
        return self.live().exclude(Exists(_restrictions_above()))

    def with_restriction_flag(self):
        """Each article with `unrestricted`: whether no view restriction is on it or above it, in the same query
        (`SharedPageMixin.get_view_restrictions` then asks none)."""
        return self.annotate(unrestricted=~Exists(_restrictions_above()))

    def teasers(self):
        """Articles with what a listing shows (byline, image), newest first."""
        queryset = (
            self.defer_streamfields()
            .annotate(section_title=section_title_subquery())
            .order_by("-publication_date", "-pk")
            .prefetch_related(
                Prefetch(
                    "article_authors",
                    queryset=ArticleAuthor.objects.select_related("author").order_by("sort_order"),
                )
            )
        )
        return with_rendition_prefetch(engagement.with_counts(queryset), *THUMBNAIL.specs)


# The front page's "Most discussed" and "Best rated": from articles published in the last week; a best rated one
# has at least this many ratings, so that one reader's five stars do not top the list.
TOP_LISTS_DAYS = 7
TOP_LIST_LENGTH = 5
BEST_RATED_MIN_RATINGS = 3


class HomePage(SharedPageMixin, Page):
    """The front page: the lead story, the latest news, then each section's newest."""

    lists_articles = True

    intro = models.CharField(max_length=250, blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["publishing.SectionPage", "publishing.PrintIssueIndexPage"]
    max_count = 1
    template = "pages/home_page.html"

    def get_context(self, request, *args, **kwargs):
        """The front page's listings are a fragment cached on the site's versions, which every publication,
        unpublication, move and author's change gives a new one: read only when the fragment is not cached."""
        context = super().get_context(request, *args, **kwargs)
        context["front"] = SimpleLazyObject(self._front)
        context.update(fragment_context(request, self, f"{self.pk}.{self.live_revision_id}"))
        return context

    def _front(self):
        latest = list(ArticlePage.objects.teasers().listable()[:7])
        shown = {a.pk for a in latest}
        sections = []
        for section in SectionPage.objects.live().child_of(self).order_by("path"):
            articles = list(ArticlePage.objects.teasers().listable().child_of(section).exclude(pk__in=shown)[:4])
            if articles:
                sections.append((section, articles))
        return {
            "lead": latest[0] if latest else None,
            "latest": latest[1:],
            "sections": sections,
            **self._top_lists(),
        }

    def _top_lists(self):
        """The week's most discussed and best rated articles, from the stored counters (when the apps that keep
        them are installed)."""
        counts = engagement.count_annotations()
        since = timezone.now() - timedelta(days=TOP_LISTS_DAYS)
        recent = ArticlePage.objects.teasers().listable().filter(publication_date__gte=since).order_by()
        found = {"most_discussed": [], "best_rated": []}
        if "comment_count" in counts:
            found["most_discussed"] = list(
                recent.filter(comment_count__gt=0).order_by("-comment_count", "-publication_date")[:TOP_LIST_LENGTH]
            )
        if "rating_count" in counts:
            rated = recent.filter(rating_count__gte=BEST_RATED_MIN_RATINGS).annotate(
                average=ExpressionWrapper(F("rating_total") * 1.0 / F("rating_count"), output_field=FloatField())
            )
            found["best_rated"] = list(
                rated.order_by("-average", "-rating_count", "-publication_date")[:TOP_LIST_LENGTH]
            )
        return found


class SectionPage(SharedPageMixin, Page):
    """A section or named column: lists its articles, newest first, paged."""

    lists_articles = True

    kind = models.CharField(max_length=20, choices=SectionKind.choices, default=SectionKind.NEWS)
    description = models.CharField(max_length=300, blank=True)
    columnist = models.ForeignKey(
        "publishing.Author",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="For a named column: who writes it.",
    )

    content_panels = Page.content_panels + [FieldPanel("kind"), FieldPanel("description"), FieldPanel("columnist")]
    parent_page_types = ["publishing.HomePage"]
    subpage_types = ["publishing.ArticlePage"]
    template = "pages/section_page.html"

    def clean(self):
        super().clean()
        if self.slug in RESERVED_SECTION_SLUGS:
            raise ValidationError({"slug": f"“{self.slug}” is used by the site itself; choose another slug."})

    def get_context(self, request, *args, **kwargs):
        """One page of the section's articles: a fragment cached on the site's versions and the page's number,
        read only when it is not cached (as the front page's)."""
        context = super().get_context(request, *args, **kwargs)
        articles = ArticlePage.objects.teasers().listable().child_of(self)
        context["articles"] = SimpleLazyObject(lambda: paginate(request, articles))
        context.update(fragment_context(request, self, f"{self.pk}.{self.live_revision_id}"))
        context["listing_page"] = positive_id(request.GET.get("page")) or 1
        context["page_params"] = ("page",)
        return context


class ArticleAuthor(Orderable):
    """One byline entry; order is the order names appear."""

    article = ParentalKey("publishing.ArticlePage", on_delete=models.CASCADE, related_name="article_authors")
    author = models.ForeignKey("publishing.Author", on_delete=models.PROTECT, related_name="+")

    panels = [FieldPanel("author")]


class RelatedArticle(Orderable):
    article = ParentalKey("publishing.ArticlePage", on_delete=models.CASCADE, related_name="related_links")
    related = models.ForeignKey("publishing.ArticlePage", on_delete=models.CASCADE, related_name="+")

    panels = [PageChooserPanel("related", "publishing.ArticlePage")]


class ArticlePage(SharedPageMixin, Page):
    """A news story, column or blog post."""

    kicker = models.CharField(
        max_length=60, blank=True, help_text="Shown above the headline. Leave blank to use the section's name."
    )
    standfirst = models.TextField(
        max_length=320, help_text="One sentence under the headline; also the meta description."
    )
    publication_date = models.DateTimeField(
        null=True,
        blank=True,
        db_index=True,
        help_text="Shown on the article and used to order listings. Leave blank to use the time it is first published.",
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Lead image, also used in listings and when shared.",
    )
    image_caption = models.CharField(max_length=250, blank=True)
    body = StreamField(ArticleBodyBlock())
    editors_note = RichTextField(
        blank=True,
        features=["bold", "italic", "link"],
        help_text="Shown in a box above the body, e.g. 'Comments on this piece are pre-moderated'.",
    )

    objects = PageManager.from_queryset(ArticlePageQuerySet)()

    search_fields = Page.search_fields + [
        index.SearchField("standfirst"),
        index.SearchField("kicker"),
        index.SearchField("body"),
        index.FilterField("publication_date"),
    ]

    content_panels = [
        FieldPanel("kicker"),
        FieldPanel("title", heading="Headline"),
        FieldPanel("standfirst"),
        InlinePanel("article_authors", heading="Authors", label="Author", min_num=1),
        MultiFieldPanel([FieldPanel("image"), FieldPanel("image_caption")], heading="Lead image"),
        FieldPanel("body"),
        InlinePanel("related_links", heading="Related articles", label="Related article", max_num=6),
    ]
    comments_panels = [
        FieldPanel("editors_note"),
        FieldPanel(
            "comment_mode",
            heading="Comment mode",
            help_text="Takes effect as soon as you save, without publishing: it is not part of the page's revisions.",
        ),
    ]
    settings_panels = [FieldRowPanel([FieldPanel("publication_date")])] + Page.settings_panels
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading="Content"),
            ObjectList(comments_panels, heading="Comments"),
            ObjectList(Page.promote_panels, heading="Promote"),
            ObjectList(settings_panels, heading="Settings", classname="settings"),
        ]
    )
    base_form_class = ArticlePageForm

    parent_page_types = ["publishing.SectionPage"]
    subpage_types = []
    template = "pages/article_page.html"

    # The template's `{% cache %}` fragments: on `fragment_key`, and on it with `state_key`.
    FRAGMENTS = ("article-header", "article-body", "article-related")
    # With the page's own version too: the note, and the meta tags, whose JSON-LD counts comments and ratings.
    STATE_FRAGMENTS = ("article-meta", "article-note")

    def cache_keys(self):
        return (AUTHORS, page_key(self.pk))

    def save(self, *args, **kwargs):
        if self.live and self.publication_date is None:
            self.publication_date = self.first_published_at or self.go_live_at or timezone.now()
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "publication_date"}
        return super().save(*args, **kwargs)

    @cached_property
    def section(self):
        return self.get_parent().specific

    @property
    def display_kicker(self):
        return self.kicker or self.section.title

    @property
    def listing_kicker(self):
        """Kicker for teasers; listings annotate `section_title` so this costs no query."""
        return self.kicker or getattr(self, "section_title", None) or self.section.title

    @property
    def display_date(self):
        return self.publication_date or self.first_published_at or self.latest_revision_created_at

    @property
    def rating_average(self):
        """The average stars to one decimal, where a listing annotated the counts (`engagement.with_counts`)."""
        count = getattr(self, "rating_count", 0)
        return round(self.rating_total / count, 1) if count else None

    @cached_property
    def authors(self):
        """Bylined authors in order; prefetched by `teasers()` and `get_context`."""
        return [link.author for link in self.article_authors.all()]

    @property
    def byline(self):
        """The authors named in one line ("A, B and C"), as teasers and feeds print them."""
        return byline(self.authors)

    def get_context(self, request, *args, **kwargs):
        """What the article page shows. The parts that change only with a new revision (the body, byline and
        related articles, the meta tags) are template fragments cached on the revision and the site's versions
        (`fragment_key`), so everything they read is lazy: a cached fragment costs no query."""
        context = super().get_context(request, *args, **kwargs)
        self.authors = SimpleLazyObject(self._authors_with_portraits)
        social = SimpleLazyObject(
            lambda: social_image(self.image, shown_at=request.build_absolute_uri(request.path)) if self.image else None
        )
        social_url = SimpleLazyObject(lambda: self.absolute(request, social.url) if social else "")
        context["related_articles"] = SimpleLazyObject(self.related_articles)
        context["social_image"] = social
        context["social_image_url"] = social_url
        # A callable, which the template calls once: JSON cannot serialise a lazy object.
        context["structured_data"] = lambda: self.structured_data(request, str(social_url) or None)
        context["surge_note"] = SimpleLazyObject(lambda: engagement.article_note(self))
        context.update(fragment_context(request, self, f"{self.pk}.{self.live_revision_id}"))
        # Every cached part the page will read, in one round trip.
        fragments = fragment_keys(context, self.FRAGMENTS, with_state=self.STATE_FRAGMENTS)
        read_ahead([*fragments, *engagement.engagement_cache_reads(request, self)])
        return context

    def _authors_with_portraits(self):
        portraits = get_image_model().objects.prefetch_renditions(*PORTRAIT.specs)
        links = self.article_authors.select_related("author").prefetch_related(
            Prefetch("author__photo", queryset=portraits)
        )
        return [link.author for link in links]

    def related_articles(self):
        """The related articles that are listable, in the editor's order, with what a teaser shows."""
        thumbnails = get_image_model().objects.prefetch_renditions(*THUMBNAIL.specs)
        links = (
            RelatedArticle.objects.filter(article_id=self.pk, related__in=ArticlePage.objects.listable().values("pk"))
            .select_related("related")
            .defer("related__body")
            .annotate(related_section_title=section_title_subquery("related__"))
            .prefetch_related(
                Prefetch("related__image", queryset=thumbnails),
                Prefetch("related__article_authors", queryset=ArticleAuthor.objects.select_related("author")),
            )
            .order_by("sort_order")
        )
        related = []
        for link in links:
            link.related.section_title = link.related_section_title
            related.append(link.related)
        return related

    def absolute(self, request, url):
        """`url` made absolute against the site's own address, as canonical links are."""
        if url.startswith(("http://", "https://")):
            return url
        site = Site.find_for_request(request) or self.get_site()
        return site.root_url + url

    def structured_data(self, request, image_url=None):
        """schema.org NewsArticle for search engines."""
        data = {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": self.title[:110],
            "description": self.standfirst,
            "datePublished": self.display_date.isoformat() if self.display_date else None,
            "dateModified": (self.last_published_at or self.display_date).isoformat() if self.display_date else None,
            "author": [
                {"@type": "Person", "name": a.name, "url": self.absolute(request, a.get_absolute_url())}
                for a in self.authors
            ],
            "publisher": {
                "@type": "Organization",
                "name": settings.WAGTAIL_SITE_NAME,
                "url": self.absolute(request, "/"),
                "logo": {
                    "@type": "ImageObject",
                    "url": self.absolute(request, static(PUBLISHER_LOGO)),
                    "width": PUBLISHER_LOGO_SIZE,
                    "height": PUBLISHER_LOGO_SIZE,
                },
            },
            "mainEntityOfPage": self.get_full_url(request),
            "articleSection": self.section.title,
        }
        if image_url:
            data["image"] = [image_url]
        counts = engagement.count_annotations()
        if counts:
            found = ArticlePage.objects.filter(pk=self.pk).annotate(**counts).values(*counts).first() or {}
            if "comment_count" in found:
                data["commentCount"] = found["comment_count"]
            if found.get("rating_count"):
                data["aggregateRating"] = {
                    "@type": "AggregateRating",
                    "ratingValue": round(found["rating_total"] / found["rating_count"], 2),
                    "ratingCount": found["rating_count"],
                    "bestRating": 5,
                    "worstRating": 1,
                }
        return {key: value for key, value in data.items() if value is not None}
