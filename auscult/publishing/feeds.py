"""RSS 2.0 feeds: the whole magazine and each section. Only live articles appear."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404

from .chrome import get_chrome
from .models import ArticlePage, SectionPage

FEED_LENGTH = 30


class LatestArticlesFeed(Feed):
    description_template = None

    def title(self):
        return f"{settings.WAGTAIL_SITE_NAME}: latest articles"

    def link(self):
        return get_chrome()["home_url"]

    def description(self):
        return get_chrome()["tagline"]

    def articles(self):
        return ArticlePage.objects.listable().teasers()

    def items(self):
        return list(self.articles()[:FEED_LENGTH])

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.standfirst

    def item_link(self, item):
        return item.url

    def item_pubdate(self, item):
        return item.display_date

    def item_updateddate(self, item):
        return item.last_published_at

    def item_author_name(self, item):
        return item.byline or None

    def item_categories(self, item):
        return [item.kicker] if item.kicker else []


class SectionFeed(LatestArticlesFeed):
    def get_object(self, request, section):
        return get_object_or_404(SectionPage.objects.live(), slug=section)

    def title(self, section):
        return f"{settings.WAGTAIL_SITE_NAME}: {section.title}"

    def link(self, section):
        return section.url

    def description(self, section):
        return section.description or f"The latest from {section.title}."

    def items(self, section):
        return list(ArticlePage.objects.listable().child_of(section).teasers()[:FEED_LENGTH])
