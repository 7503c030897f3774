"""Who is speaking in a thread: the name beside each comment, and the badge that says a comment is by the
magazine's staff or by the article's own author.

An anonymous member is "Anonymous N" on each article, N given the first time they comment there anonymously
(`AnonymousLabel`), so that "in reply to Anonymous 2" names one person; the number is per article, so nothing ties
the same member's comments together across articles. A badge is never shown on an anonymous comment: a badge on
"Anonymous 3" would unmask them.

Staff are the people who run the magazine's side of the discussion: editors and moderators (anyone whose groups
let them into Wagtail's admin) and superusers. An article's author is the member account linked to one of its
bylined authors (`publishing.Author.member`). A member who shows a public profile has their name linked to it
(`comments.profiles`); an anonymous one never has."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db.models import Exists, Max, OuterRef, Q

from auscult.members.models import ANONYMOUS_NAME

from .models import AnonymousLabel
from .profiles import profile_path

STAFF = "Staff"
AUTHOR = "Author"


@dataclass(frozen=True)
class Speaker:
    name: str
    job_title: str = ""
    badge: str = ""
    url: str = ""  # their public profile, if they show one


def _admin_permission():
    return Permission.objects.filter(content_type__app_label="wagtailadmin", codename="access_admin")


def speakers(article_id, members):
    """member id → `Speaker` on this article, for the `members` (their accounts, as loaded) given: two queries at
    most, whatever their number (the labels of the anonymous ones, and who of the rest is staff or an author)."""
    from auscult.publishing.models import ArticleAuthor

    members = {m.pk: m for m in members}
    anonymous = [pk for pk, m in members.items() if m.anonymous and not m.is_deleted]
    labels = {}
    if anonymous:
        labels = dict(
            AnonymousLabel.objects.filter(article_id=article_id, member_id__in=anonymous).values_list(
                "member_id", "number"
            )
        )
    named = [pk for pk, m in members.items() if not m.anonymous and not m.is_deleted]
    badges = {}
    if named:
        groups_with_admin = get_user_model().groups.through.objects.filter(
            user_id=OuterRef("pk"), group__permissions__in=_admin_permission()
        )
        wrote = ArticleAuthor.objects.filter(article_id=article_id, author__member_id=OuterRef("pk"))
        rows = (
            get_user_model()
            .objects.filter(pk__in=named)
            .annotate(in_staff=Exists(groups_with_admin), wrote=Exists(wrote))
            .filter(Q(is_superuser=True) | Q(in_staff=True) | Q(wrote=True))
            .values_list("pk", "wrote")
        )
        # The article's own author first: on their article that is the more useful thing to know.
        badges = {pk: AUTHOR if wrote else STAFF for pk, wrote in rows}
    found = {}
    for pk, member in members.items():
        if member.is_deleted:
            found[pk] = Speaker(member.comment_name)
        elif member.anonymous:
            number = labels.get(pk)
            found[pk] = Speaker(f"{ANONYMOUS_NAME} {number}" if number else ANONYMOUS_NAME)
        else:
            url = profile_path(member) if member.has_public_profile else ""
            found[pk] = Speaker(member.public_name, member.job_title, badges.get(pk, ""), url)
    return found


def name_in(article_id, member):
    """The name `member` goes by on this article (one query for an anonymous member, none otherwise)."""
    return speakers(article_id, [member])[member.pk].name if member.anonymous else member.comment_name


def label_for(article_id, member_id):
    """Give the member their number on the article, if they have none yet: the caller holds the article's stats
    row locked (every post does), so two first posts cannot take the same number."""
    if AnonymousLabel.objects.filter(article_id=article_id, member_id=member_id).exists():
        return
    taken = AnonymousLabel.objects.filter(article_id=article_id).aggregate(n=Max("number"))["n"] or 0
    AnonymousLabel.objects.create(article_id=article_id, member_id=member_id, number=taken + 1)


def number_anonymous_commenters():
    """Give every anonymous member who has commented on an article, and has no number there, the next one, in the
    order of their first comment on it (for comments made in bulk, as the demo makes them). Returns how many."""
    from django.db.models import Min

    from .models import Comment

    firsts = (
        Comment.objects.filter(author__anonymous=True)
        .values("article_id", "author_id")
        .annotate(first=Min("created_at"))
        .order_by("article_id", "first", "author_id")
    )
    have = set(AnonymousLabel.objects.values_list("article_id", "member_id"))
    taken = dict(AnonymousLabel.objects.values("article_id").annotate(n=Max("number")).values_list("article_id", "n"))
    made = []
    for row in firsts:
        key = (row["article_id"], row["author_id"])
        if key in have:
            continue
        taken[row["article_id"]] = number = taken.get(row["article_id"], 0) + 1
        made.append(AnonymousLabel(article_id=row["article_id"], member_id=row["author_id"], number=number))
    AnonymousLabel.objects.bulk_create(made, batch_size=2000)
    return len(made)
