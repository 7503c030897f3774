"""A member's public profile page: their display name, job title and (if they choose) profession, when they joined,
and the comments they have published under their name, newest first.

It is opt-in (`members.User.profile_public`): a public history per pseudonym can re-identify a clinician. It is
never shown while the member's comments say "Anonymous" (the page would unmask every one of them), nor for a
deleted account; and it lists only published comments on articles anyone may read (live, under no view
restriction), never one held, rejected, removed or deleted.

Its address is `/members/<id>-<slug>/`: the id finds the member, so the address survives a change of name (the
old slug redirects), and `members` is a reserved slug, so no section can take it. The page is the same for every
visitor, so it is shared (`publishing.delivery.respond`) with an ETag on the member's own version
(`profile_key`), which every change to what it shows gives a new token, with a purge of its address: a comment
published (coalesced, as on its article) or taken down (at once), the member's choices and name, their account's
deletion, and an article that leaves the public (its page's purge names the profiles that list it)."""

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils.text import slugify
from wagtail.models import Site

from auscult.core import delivery
from auscult.publishing.models import ArticlePage

from .models import Comment, CommentStatus

PAGE_SIZE = 20


def profile_key(member_id):
    return f"member:{member_id}"


def profile_slug(member):
    return slugify(member.display_name) or "member"


def profile_path(member):
    return reverse("comments:member_profile", kwargs={"pk": member.pk, "slug": profile_slug(member)})


def shown_comments(member):
    """The member's comments their profile lists: published, on articles anyone may read, newest first."""
    return (
        Comment.objects.filter(
            author_id=member.pk, status=CommentStatus.PUBLISHED, article__in=ArticlePage.objects.listable()
        )
        .select_related("article")
        .defer("article__body")
        .order_by("-created_at", "-pk")
    )


def _full_urls(paths):
    site = Site.objects.filter(is_default_site=True).first()
    return [site.root_url + path for path in paths] if site else []


def profile_changed(member, *, before=None, at_once=True):
    """What the member's profile shows changed: a new version now, and a purge of its address after commit (and
    of the address it had before a change of name). Nothing to purge for a profile nobody could see."""
    shown = [m for m in (before, member) if m is not None and m.profile_public and not m.anonymous]
    paths = list(dict.fromkeys(profile_path(m) for m in shown))
    delivery.changed(profile_key(member.pk), urls=_full_urls(paths) if paths else (), at_once=at_once)


def comment_shown_changed(comment, *, removed):
    """A comment joined or left what readers see: its author's profile follows, if they show one."""
    author = comment.author
    if author.has_public_profile:
        profile_changed(author, at_once=removed)


def profile_urls_listing(article_id):
    """The addresses of the public profiles that list a comment on this article (for its page's purge)."""
    members = (
        get_user_model()
        .objects.filter(
            profile_public=True,
            anonymous=False,
            deleted_at__isnull=True,
            comments__article_id=article_id,
            comments__status=CommentStatus.PUBLISHED,
        )
        .distinct()
        .only("pk", "display_name")
    )
    return _full_urls([profile_path(member) for member in members])
