"""Loose side effects of publishing: drop cached page chrome when what it shows changes, and give cached pages
new versions and purges (`publishing.delivery`) when a page, a restriction, an author or the settings change."""

from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from . import delivery
from .chrome import invalidate_chrome


def _is_chrome_page(page):
    from .models import ArticlePage

    return not issubclass(page.specific_class or Page, ArticlePage)


def on_page_change(sender, instance, **kwargs):
    if _is_chrome_page(instance):
        invalidate_chrome()


def on_published(sender, instance, **kwargs):
    delivery.page_changed(instance)


def on_gone(sender, instance, **kwargs):
    delivery.page_changed(instance, at_once=True)


def on_moved(sender, instance, url_path_before=None, **kwargs):
    delivery.page_changed(instance, at_once=True, old_url_path=url_path_before)


def on_restriction_change(sender, instance, **kwargs):
    # A page that was public may now be restricted: its shared copies go before the request returns.
    delivery.page_changed(instance.page, at_once=True)


def on_settings_saved(sender, instance, created=False, **kwargs):
    invalidate_chrome()
    if not created:  # made with its defaults on first read: nothing shown has changed
        delivery.site_changed()


def on_author_change(sender, instance, **kwargs):
    delivery.authors_changed()


def connect():
    from .models import Author, MagazineSettings

    page_published.connect(on_page_change, dispatch_uid="publishing-chrome-published")
    page_unpublished.connect(on_page_change, dispatch_uid="publishing-chrome-unpublished")
    post_page_move.connect(on_page_change, dispatch_uid="publishing-chrome-moved")
    post_delete.connect(on_page_change, sender=Page, dispatch_uid="publishing-chrome-deleted")
    post_save.connect(on_settings_saved, sender=MagazineSettings, dispatch_uid="publishing-chrome-settings")

    page_published.connect(on_published, dispatch_uid="publishing-delivery-published")
    page_unpublished.connect(on_gone, dispatch_uid="publishing-delivery-unpublished")
    post_page_move.connect(on_moved, dispatch_uid="publishing-delivery-moved")
    post_delete.connect(on_gone, sender=Page, dispatch_uid="publishing-delivery-deleted")
    post_save.connect(on_restriction_change, sender=PageViewRestriction, dispatch_uid="publishing-delivery-restricted")
    post_delete.connect(
        on_restriction_change, sender=PageViewRestriction, dispatch_uid="publishing-delivery-unrestricted"
    )
    post_save.connect(on_author_change, sender=Author, dispatch_uid="publishing-delivery-author")
    post_delete.connect(on_author_change, sender=Author, dispatch_uid="publishing-delivery-author-deleted")
