"""Demo readers, comments and ratings: a lively but plausible discussion under recent articles.

Comment text is assembled from our own phrase lists (never copied from anywhere), in the voice
of GPs, nurses, pharmacists and practice managers arguing about policy, not about each other."""

import random
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from auscult.comments.models import ArticleCommentStats, Comment, CommentStatus, Report
from auscult.members.display_names import display_name_key
from auscult.members.models import Approval
from auscult.members.registration_numbers import Profession, Regulator
from auscult.moderation.models import CommentMode, CommentPolicy
from auscult.ratings.models import ArticleRatingStats, Rating

OPENERS = [
    "Speaking as a {role},",
    "I have been a {role} for {years} years and",
    "From where I sit in {place},",
    "Honestly,",
    "Having read this twice,",
    "As someone who does the on-call most weeks,",
    "I was at our PCN meeting last night and",
    "Our practice manager showed me this and",
    "With respect to the author,",
    "Good piece.",
]
CLAIMS = [
    "the problem is not the target but the funding behind it",
    "nobody who wrote this policy has run a Monday morning surgery",
    "we tried something similar two years ago and it made the phones worse",
    "continuity of care keeps being treated as a luxury",
    "the extra roles help, but they cannot supervise themselves",
    "patients are just as frustrated as we are",
    "the paperwork now takes longer than the consultation",
    "the money always arrives after the deadline, never before",
    "we lose a salaried colleague every time a scheme like this starts",
    "the data being collected will not tell anyone what they need to know",
    "this will widen the gap between practices that can cope and those that cannot",
    "the pharmacy pathway works well when the referral is clear",
    "locums are being asked to do the same work for less",
    "the inspection framework rewards tidy folders over good care",
]
FOLLOW_UPS = [
    "What would help is a simple, funded minimum and then trust.",
    "I would love to hear how other practices are managing it.",
    "Until that changes, I cannot see recruitment improving.",
    "Our list has grown by a fifth and our clinical hours have not.",
    "The RCGP and the BMA should say this louder.",
    "I say that as someone who supported the idea at first.",
    "Happy to be proved wrong, but I have seen this film before.",
    "The nurses in our team have been saying this for months.",
    "If anyone has a template that works, please share it.",
    "This is the conversation we should be having with the ICB.",
]
AGREEMENTS = [
    "Agree completely.",
    "I see it differently.",
    "Fair point, but",
    "This matches our experience.",
    "Partly agree.",
    "Respectfully, no:",
]
PLACES = ["Leeds", "Cornwall", "east London", "Cumbria", "the Midlands", "Glasgow", "Kent", "Bristol", "Norfolk"]
ROLES = {
    Profession.GP: ["GP partner", "salaried GP", "locum GP", "GP trainee"],
    Profession.NURSE: ["practice nurse", "nurse practitioner"],
    Profession.PHARMACIST: ["clinical pharmacist", "community pharmacist"],
    Profession.PRACTICE_MANAGER: ["practice manager", "PCN manager"],
}
GIVEN = [
    "Amir",
    "Bethan",
    "Ciara",
    "Dev",
    "Eilidh",
    "Femi",
    "Gwen",
    "Hamza",
    "Isla",
    "Jonah",
    "Keira",
    "Lowri",
    "Marcus",
    "Nia",
    "Owain",
    "Priti",
    "Quentin",
    "Rosa",
    "Suki",
    "Tomasz",
    "Uma",
    "Vikram",
    "Wren",
    "Yusuf",
]
FAMILY = [
    "Adeyemi",
    "Blake",
    "Choudhury",
    "Dunmore",
    "Evans",
    "Fraser",
    "Gill",
    "Hughes",
    "Iqbal",
    "Jarvis",
    "Kowalski",
    "Lennox",
    "Mistry",
    "Nkemelu",
    "O'Hara",
    "Pryce",
    "Quinn",
    "Rahman",
    "Sutherland",
    "Tait",
]

MAX_ARTICLES_WITH_COMMENTS = 120
MAX_COMMENTS_PER_ARTICLE = 45


def _comment_text(rng, profession):
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


def _reply_text(rng, parent_name):
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
            email_verified_at=now,
            approval=Approval.APPROVED,
        )
        reader.set_unusable_password()
        readers.append(reader)
    User.objects.bulk_create(readers)
    return list(User.objects.filter(username__startswith="reader").order_by("pk"))


@transaction.atomic
def create_engagement(articles, readers, rng: random.Random):
    """Ratings on most articles; comment threads under the newest; counters computed once."""
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
            body = _reply_text(rng, parent.author.public_name) if parent else _comment_text(rng, author.profession)
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
                held_reason="premoderation" if status == CommentStatus.PENDING else "",
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
    _recount(articles)


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
            Report(comment=comment, reporter=reporter, reason=rng.choice(["personal_attack", "offensive", "spam"]))
        )
    Report.objects.bulk_create(reports)
    for report in reports:
        Comment.objects.filter(pk=report.comment_id).update(report_count=1)


def _recount(articles):
    """Counters straight from the rows, as the services would have kept them."""
    ids = [a.pk for a in articles]
    published = dict(
        Comment.objects.filter(article_id__in=ids, status=CommentStatus.PUBLISHED)
        .values_list("article_id")
        .annotate(n=Count("id"))
    )
    ArticleCommentStats.objects.bulk_create(
        [ArticleCommentStats(article_id=i, published_count=published.get(i, 0)) for i in ids],
        update_conflicts=True,
        unique_fields=["article"],
        update_fields=["published_count"],
    )
    replies = (
        Comment.objects.filter(article_id__in=ids, status=CommentStatus.PUBLISHED, parent__isnull=False)
        .values_list("parent_id")
        .annotate(n=Count("id"))
    )
    for parent_id, n in replies:
        Comment.objects.filter(pk=parent_id).update(published_reply_count=n)
    from django.db.models import Sum

    totals = Rating.objects.filter(article_id__in=ids).values("article_id").annotate(n=Count("id"), total=Sum("stars"))
    ArticleRatingStats.objects.bulk_create(
        [ArticleRatingStats(article_id=t["article_id"], count=t["n"], total=t["total"]) for t in totals],
        update_conflicts=True,
        unique_fields=["article"],
        update_fields=["count", "total"],
    )
