"""Loose side effects of publishing: drop cached page chrome when what it shows changes."""

from django.db.models.signals import post_delete, post_save
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from .chrome import invalidate_chrome


def _is_chrome_page(page):
    from .models import ArticlePage

    return not issubclass(page.specific_class or Page, ArticlePage)


def on_page_change(sender, instance, **kwargs):
    if _is_chrome_page(instance):
        invalidate_chrome()


def on_settings_saved(sender, instance, **kwargs):
    invalidate_chrome()


def connect():
    from .models import MagazineSettings

    page_published.connect(on_page_change, dispatch_uid="publishing-chrome-published")
    page_unpublished.connect(on_page_change, dispatch_uid="publishing-chrome-unpublished")
    post_page_move.connect(on_page_change, dispatch_uid="publishing-chrome-moved")
    post_delete.connect(on_page_change, sender=Page, dispatch_uid="publishing-chrome-deleted")
    post_save.connect(on_settings_saved, sender=MagazineSettings, dispatch_uid="publishing-chrome-settings")
