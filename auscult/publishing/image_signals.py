"""Renditions are asked for when what they show changes, so readers never wait for one (`publishing.images`):
once an image's upload or change commits, for the places it is used in; once an author's photo is saved, for the
portrait; once a page is published, for every image it shows. Imported from `PublishingConfig.ready()`, which
connects the receivers.

The one exception is made at once, in the publishing request: an article's link-preview picture. Sites that
unfurl a link (Facebook, LinkedIn, Slack) fetch the page within seconds of an editor sharing it and keep what they
got for days, so it must not be the original in its place while the task waits in the queue; it is one JPEG or
PNG, quick to make.
"""

import logging
from functools import partial

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.images import get_image_model
from wagtail.signals import page_published

from auscult.core import delivery

from . import delivery as publishing_delivery
from . import images
from .chrome import invalidate_chrome
from .models import Author

logger = logging.getLogger(__name__)

# The image fields a rendition depends on; a save of others (the title, the file hash Wagtail fills in) asks nothing.
RENDERED_FIELDS = {"file", "focal_point_x", "focal_point_y", "focal_point_width", "focal_point_height"}


@receiver(post_save, sender=get_image_model(), dispatch_uid="publishing-renditions-image-saved")
def on_image_saved(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw or (update_fields is not None and not RENDERED_FIELDS & set(update_fields)):
        return
    transaction.on_commit(partial(images.queue_renditions_in_use, [instance.pk]))


@receiver(post_save, sender=Author, dispatch_uid="publishing-renditions-author-saved")
def on_author_saved(sender, instance, raw=False, **kwargs):
    if raw or not instance.photo_id:
        return
    images.queue_renditions(instance.photo_id, [images.PORTRAIT])


@receiver(page_published, dispatch_uid="publishing-renditions-page-published")
def on_page_published(sender, instance, **kwargs):
    # In a task, the link preview's too: until it has run the page offers the original file (a crawler that comes
    # at once gets a larger picture), and then it is purged with every listing of it (`on_renditions_created`).
    images.queue_page_renditions(instance.pk)


@receiver(images.renditions_created, dispatch_uid="publishing-renditions-made")
def on_renditions_created(sender, places, page=None, shown_at=(), **kwargs):
    # What was cached while an original stood in: a page just published is purged again with every listing of it,
    # as on publishing; the site's version changes, which every ETag and fragment key carries, and the pages that
    # showed the original are purged. The masthead's issue cover is cached with what existed when it was built.
    if page is not None:
        publishing_delivery.page_changed(page)
    delivery.changed(delivery.SITE, urls=list(shown_at))
    if images.COVER in places:
        invalidate_chrome()
