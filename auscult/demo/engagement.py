"""Demo readers, comments and ratings: a lively but plausible discussion under recent articles.

Comment text is assembled from our own phrase lists (`vocabulary/comments.py`, never copied from anywhere),
in the voice of GPs, nurses, pharmacists and practice managers arguing about policy, not about each other."""

import random
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from auscult.comments.models import Comment, CommentStatus, Report, ReportReason
from auscult.comments.speakers import number_anonymous_commenters
from auscult.members.display_names import display_name_key
from auscult.members.models import Approval
from auscult.members.registration_numbers import Profession, Regulator
from auscult.moderation import counters
from auscult.moderation.models import CommentMode, CommentPolicy
from auscult.moderation.rules import Rule
from auscult.ratings.models import Rating

from .vocabulary.comments import AGREEMENTS, CLAIMS, FAMILY, FOLLOW_UPS, GIVEN, OPENERS, PLACES, ROLES

MAX_ARTICLES_WITH_COMMENTS = 120
MAX_COMMENTS_PER_ARTICLE = 45


def comment_text(rng, profession):
    """A reader's comment in the voice of `profession`, from the phrase lists."""
    role = rng.choice(ROLES.get(profession, ["clinician"]))
    opener = rng.choice(OPENERS).format(role=role, years=rng.randint(3, 28), place=rng.choice(PLACES))
    claim = rng.choice(CLAIMS)
    sentences = [f"{opener} {claim}." if opener.endswith((",", "and")) else f"{opener} I think {claim}."]
    sentences.extend(rng.sample(FOLLOW_UPS, k=rng.randint(0, 3)))
    paragraphs = [" ".join(sentences)]
    if rng.random() < 0.3:
        extra = rng.choice([f for f in FOLLOW_UPS if f not in sentences])
        paragraphs.append(f"{extra} {_sentence_case(rng.choice([c for c in CLAIMS if c != claim]))}.")
    return "\n\n".join(paragraphs)


def _sentence_case(text):
    return text[:1].upper() + text[1:]


def reply_text(rng):
    """A reply: agreement or disagreement, then a point of its own."""
    agree = rng.choice(AGREEMENTS)
    joiner = " " if agree.endswith((",", ":")) else " I think "
    return f"{agree}{joiner}{rng.choice(CLAIMS)}. {rng.choice(FOLLOW_UPS)}"


def create_readers(rng, count):
    """Members who take part in the demo discussion (they cannot sign in)."""
    User = get_user_model()
    readers, taken = [], set(User.objects.values_list("display_name_key", flat=True))
    professions = [Profession.GP] * 5 + [Profession.NURSE, Profession.PHARMACIST, Profession.PRACTICE_MANAGER]
    regulators = {Profession.GP: Regulator.GMC, Profession.NURSE: Regulator.NMC, Profession.PHARMACIST: Regulator.GPHC}
    now = timezone.now()
    for n in range(count):
        given, family = rng.choice(GIVEN), rng.choice(FAMILY)
        profession = rng.choice(professions)
        display = f"{'Dr ' if profession == Profession.GP else ''}{given} {family[0]}"
        suffix = 2
        while display_name_key(display) in taken:
            display = f"{'Dr ' if profession == Profession.GP else ''}{given} {family[:suffix]}"
            suffix += 1
        taken.add(display_name_key(display))
        regulator = regulators.get(profession, Regulator.OTHER)
        number = "" if regulator == Regulator.OTHER else f"{8_000_000 + n}"
        if regulator == Regulator.NMC:
            number = f"{10 + n % 89:02d}R{1000 + n:04d}C"[:8]
        reader = User(
            username=f"reader{n + 1}",
            full_name=f"{given} {family}",
            display_name=display,
            display_name_key=display_name_key(display),
            profession=profession,
            regulator=regulator,
            registration_number=number,
            job_title=_sentence_case(rng.choice(ROLES.get(profession, ["clinician"]))) if rng.random() < 0.7 else "",
            anonymous=rng.random() < 0.1,
            # A third show a public profile (derived from n, not drawn, so the rest of the demo stays the same).
            profile_public=n % 3 == 0,
            profile_shows_profession=n % 6 == 0,
            email_verified_at=now,
            approval=Approval.APPROVED,
        )
        reader.set_unusable_password()
        readers.append(reader)
    User.objects.bulk_create(readers)
    return list(User.objects.filter(username__startswith="reader").order_by("pk"))


@transaction.atomic
def create_engagement(articles, readers, rng: random.Random):
    """Ratings on most articles; comment threads under the newest; counters recounted once at the end."""
    if not articles or not readers:
        return
    policies = dict(CommentPolicy.objects.values_list("article_id", "mode"))
    recent = sorted(articles, key=lambda a: a.publication_date, reverse=True)[:MAX_ARTICLES_WITH_COMMENTS]
    now = timezone.now()
    ratings = []
    for article in articles:
        if rng.random() < 0.2:
            continue
        bias = rng.choice([2, 3, 3, 4, 4, 5])
        for reader in rng.sample(readers, k=min(len(readers), rng.randint(1, 25))):
            ratings.append(
                Rating(article_id=article.pk, member=reader, stars=max(1, min(5, bias + rng.randint(-2, 1))))
            )
    Rating.objects.bulk_create(ratings, batch_size=2000)

    comments = []
    for article in recent:
        mode = policies.get(article.pk, CommentMode.OPEN)
        start = max(article.publication_date, now - timedelta(days=60))
        span = max((now - start).total_seconds(), 3600)
        count = rng.randint(0, MAX_COMMENTS_PER_ARTICLE) if rng.random() < 0.8 else 0
        moments = sorted(start + timedelta(seconds=rng.uniform(60, span)) for _ in range(count))
        thread = []
        for when in moments:
            author = rng.choice(readers)
            parent = rng.choice(thread) if thread and rng.random() < 0.35 else None
            body = reply_text(rng) if parent else comment_text(rng, author.profession)
            status = (
                CommentStatus.PENDING
                if mode == CommentMode.PREMODERATED and rng.random() < 0.3
                else CommentStatus.PUBLISHED
            )
            comment = Comment(
                article_id=article.pk,
                author=author,
                parent=parent,
                body=body,
                status=status,
                held_reason=Rule.PREMODERATION if status == CommentStatus.PENDING else "",
                created_at=when,
                status_changed_at=when,
                published_at=when if status == CommentStatus.PUBLISHED else None,
            )
            comments.append(comment)
            if status == CommentStatus.PUBLISHED:
                thread.append(comment)
    # Parents must have ids before their replies are inserted.
    for comment in comments:
        comment.parent_id = comment.parent.pk if comment.parent else None
        comment.save(force_insert=True)

    _mark_some_removed(comments, rng)
    _report_some(comments, readers, rng)
    # The rows went in behind the services' back, so their counters come from the one shared recount, and the
    # anonymous commenters' numbers from the one the migration used.
    counters.recount(articles)
    number_anonymous_commenters()


def _mark_some_removed(comments, rng):
    replied = {c.parent_id for c in comments if c.parent_id}
    candidates = [c for c in comments if c.pk in replied and c.status == CommentStatus.PUBLISHED]
    for comment in rng.sample(candidates, k=min(3, len(candidates))):
        Comment.objects.filter(pk=comment.pk).update(status=CommentStatus.REMOVED)


def _report_some(comments, readers, rng):
    published = [c for c in comments if c.status == CommentStatus.PUBLISHED]
    reports = []
    for comment in rng.sample(published, k=min(8, len(published))):
        reporter = rng.choice([r for r in readers if r.pk != comment.author_id])
        reports.append(
            Report(
                comment=comment,
                reporter=reporter,
                reason=rng.choice([ReportReason.PERSONAL_ATTACK, ReportReason.OFFENSIVE, ReportReason.SPAM]),
            )
        )
    Report.objects.bulk_create(reports)
