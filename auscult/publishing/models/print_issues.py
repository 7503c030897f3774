"""The print-issue archive: each monthly issue with its cover, edition and contents."""

from django.core.exceptions import ValidationError
from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.models import Orderable, Page

from ..delivery import SharedPageMixin
from ..images import COVER
from .pages import paginate, with_rendition_prefetch


class PrintIssueIndexPage(SharedPageMixin, Page):
    intro = models.CharField(max_length=250, blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["publishing.HomePage"]
    subpage_types = ["publishing.PrintIssuePage"]
    max_count = 1
    template = "pages/print_issue_index_page.html"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        issues = with_rendition_prefetch(
            PrintIssuePage.objects.live().public().child_of(self).order_by("-issue_date"), *COVER.specs, field="cover"
        )
        context["issues"] = paginate(request, issues, per_page=24)
        return context


class PrintIssuePage(SharedPageMixin, Page):
    issue_date = models.DateField(db_index=True)
    cover = models.ForeignKey("wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    summary = models.TextField(blank=True, max_length=600)
    edition_document = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The digital edition as a PDF…",
    )
    edition_url = models.URLField(blank=True, help_text="…or a link to it online.")

    content_panels = Page.content_panels + [
        FieldPanel("issue_date"),
        FieldPanel("cover"),
        FieldPanel("summary"),
        MultiFieldPanel([FieldPanel("edition_document"), FieldPanel("edition_url")], heading="Digital edition"),
        InlinePanel("contents", heading="Table of contents", label="Item"),
    ]
    parent_page_types = ["publishing.PrintIssueIndexPage"]
    subpage_types = []
    template = "pages/print_issue_page.html"

    class Meta:
        verbose_name = "print issue"

    def clean(self):
        super().clean()
        if self.edition_document_id and self.edition_url:
            raise ValidationError({"edition_url": "Give either a PDF or a link, not both."})

    @property
    def edition_link(self):
        """Where 'Read the issue online' goes: the PDF, the link, or the issue's own page."""
        if self.edition_document_id:
            return self.edition_document.url
        return self.edition_url or self.url

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["contents"] = self.contents_shown()
        return context

    def contents_shown(self):
        """The table of contents as readers see it: an item's article (`shown_article`) is linked, and lends its
        headline, only while it is listable; a draft's or a restricted article's headline is never told, and an
        item with nothing else to show is left out."""
        from .pages import ArticlePage

        items = list(self.contents.select_related("article").defer("article__body").order_by("sort_order"))
        linked = [item.article_id for item in items if item.article_id]
        listable = set(ArticlePage.objects.listable().filter(pk__in=linked).values_list("pk", flat=True))
        shown = []
        for item in items:
            item.shown_article = item.article if item.article_id in listable else None
            if item.display_title:
                shown.append(item)
        return shown


class PrintIssueContentsItem(Orderable):
    issue = ParentalKey(PrintIssuePage, on_delete=models.CASCADE, related_name="contents")
    heading = models.CharField(max_length=60, blank=True, help_text="Group heading, e.g. 'News' or 'Clinical'.")
    article = models.ForeignKey(
        "publishing.ArticlePage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    title = models.CharField(max_length=250, blank=True, help_text="Leave blank to use the article's headline.")
    page_number = models.PositiveSmallIntegerField(null=True, blank=True)

    panels = [
        FieldPanel("heading"),
        PageChooserPanel("article", "publishing.ArticlePage"),
        FieldPanel("title"),
        FieldPanel("page_number"),
    ]

    def clean(self):
        if not self.article_id and not self.title:
            raise ValidationError("Choose an article or give a title.")

    @property
    def display_title(self):
        """Its own title, else its article's headline while that is listable (`contents_shown` tells)."""
        article = getattr(self, "shown_article", None)
        return self.title or (article.title if article else "")
