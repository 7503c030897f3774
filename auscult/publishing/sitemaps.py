from django.contrib.sitemaps import Sitemap
from wagtail.contrib.sitemaps import Sitemap as PageSitemap

from .models import ArticlePage, Author


class AuthorSitemap(Sitemap):
    def items(self):
        return Author.objects.filter(pk__in=ArticlePage.objects.listable().values("article_authors__author")).order_by(
            "name"
        )


SITEMAPS = {"pages": PageSitemap, "authors": AuthorSitemap}
