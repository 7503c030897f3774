from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import register_setting

from auscult.core.site_settings import SiteSetting


@register_setting(icon="site")
class MagazineSettings(SiteSetting):
    """What the masthead and footer say about the magazine."""

    tagline = models.CharField(max_length=120, default="News, opinion and debate for general practice")
    about = models.TextField(
        blank=True,
        default="An independent magazine for UK general practice, in print every month and online every day.",
    )
    publisher = models.CharField(max_length=120, blank=True, default="Auscult Publishing")
    social_handle = models.CharField(max_length=60, blank=True, help_text="e.g. @auscult")

    panels = [FieldPanel("tagline"), FieldPanel("about"), FieldPanel("publisher"), FieldPanel("social_handle")]

    class Meta:
        verbose_name = "magazine"
