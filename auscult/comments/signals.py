"""Featured comments are chosen and dropped in Wagtail's snippet views: the article showing them follows. A member
who turns to commenting anonymously gets their number on each article they have commented on. A change of who is
staff changes the badges on every thread. A change to what a member shows of themselves reaches their profile."""

from django.contrib.auth import get_user_model
from django.db.models.signals import m2m_changed, post_delete, post_save

from auscult.core import delivery as versions
from auscult.members.services import became_anonymous, public_profile_changed
from auscult.publishing import delivery


def on_featured_change(sender, instance, **kwargs):
    # Dropping one is taking words off a page: at once. Choosing one can wait for the coalesced purge.
    delivery.article_changed(instance.article_id, at_once=kwargs.get("signal") is post_delete)


def on_became_anonymous(sender, member, **kwargs):
    from .models import ArticleCommentStats, Comment
    from .speakers import label_for

    articles = Comment.objects.filter(author_id=member.pk).order_by("article_id").values_list("article_id", flat=True)
    for article_id in articles.distinct():
        # The stats row's lock, as a post takes it: no number is given twice on an article.
        ArticleCommentStats.objects.select_for_update().filter(article_id=article_id).values_list("pk").first()
        label_for(article_id, member.pk)


def on_public_profile_changed(sender, member, before, **kwargs):
    from .profiles import profile_changed

    profile_changed(member, before=before)


def on_groups_changed(sender, **kwargs):
    if kwargs.get("action", "").startswith("post_"):
        versions.changed(versions.PEOPLE)  # the Staff badges, wherever a thread is cached


def connect():
    from .models import FeaturedComment

    became_anonymous.connect(on_became_anonymous, dispatch_uid="comments-became-anonymous")
    public_profile_changed.connect(on_public_profile_changed, dispatch_uid="comments-public-profile")
    m2m_changed.connect(on_groups_changed, sender=get_user_model().groups.through, dispatch_uid="comments-staff")
    post_save.connect(on_featured_change, sender=FeaturedComment, dispatch_uid="comments-featured-saved")
    post_delete.connect(on_featured_change, sender=FeaturedComment, dispatch_uid="comments-featured-deleted")
