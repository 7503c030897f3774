"""Featured comments are chosen and dropped in Wagtail's snippet views: the article showing them follows."""

from django.db.models.signals import post_delete, post_save

from auscult.publishing import delivery


def on_featured_change(sender, instance, **kwargs):
    # Dropping one is taking words off a page: at once. Choosing one can wait for the coalesced purge.
    delivery.article_changed(instance.article_id, at_once=kwargs.get("signal") is post_delete)


def connect():
    from .models import FeaturedComment

    post_save.connect(on_featured_change, sender=FeaturedComment, dispatch_uid="comments-featured-saved")
    post_delete.connect(on_featured_change, sender=FeaturedComment, dispatch_uid="comments-featured-deleted")
