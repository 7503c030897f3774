"""The large demo discussion: tens of thousands of members, a million comments, half a million ratings.

The small demo's discussion (engagement.py) is written row by row and recounted by the shared
`counters.recount`; at this size either would take hours. Here rows are streamed in with PostgreSQL's
COPY (bulk_create elsewhere, see `bulk.insert_rows`) and every stored counter is then set from the rows
by a few set-based statements (`set_counters`), which `manage.py counters` checks like any others.

The shape is a magazine's: a fifth of the articles without comments, most with a handful, a few with
thousands and one with `LONG_THREAD` (for reading deep into a long thread); two members in five ever
comment, a few hundred of them much more than the rest; comments come soon after publication with a long
tail; about a third are replies to an earlier comment of the same thread; and some are held, rejected,
removed, deleted by their authors or hidden by readers' reports, with the reasons the moderation rules
record. Text comes from the demo's phrase lists, generated once into a pool and reused.
"""

import itertools
import math
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.db.models import Count, Exists, Max, OuterRef, Subquery, Sum
from django.utils import timezone

from auscult.comments.models import ArticleCommentStats, Comment, CommentStatus, Report, ReportReason
from auscult.comments.speakers import number_anonymous_commenters
from auscult.members.display_names import MAX_LENGTH, display_name_key, is_reserved
from auscult.members.models import Approval
from auscult.members.registration_numbers import Profession, Regulator
from auscult.moderation import rules
from auscult.moderation.models import CommentMode, CommentPolicy
from auscult.publishing.models import ArticlePage
from auscult.ratings.models import MAX_STARS, MIN_STARS, ArticleRatingStats, Rating

from .bulk import insert_rows, reset_sequences
from .engagement import comment_text, reply_text
from .vocabulary.comments import CLAIMS, FAMILY, GIVEN, ROLES

# The longest thread's length, when there are at least twenty times as many comments in all.
LONG_THREAD = 5_000
# Rows written (and committed) per step of the progress bar.
CHUNK = 10_000
# Comment texts generated per profession, and replies, then reused.
TEXT_POOL = 1_000
# Articles nobody comments on; articles nobody rates.
UNCOMMENTED_SHARE = 0.2
UNRATED_SHARE = 0.1
# Members who ever comment (the rest read and rate), and how activity falls off among them: the nth most active
# writes in proportion to (n + ACTIVITY_OFFSET) ** -ACTIVITY_EXPONENT (at the large scale the busiest writes
# about 3,000 comments a year, the top 500 a quarter of all).
COMMENTER_SHARE = 0.4
ACTIVITY_EXPONENT = 0.7
ACTIVITY_OFFSET = 10
# How unequal threads are: comment counts follow a log-normal law of this spread (at the large scale a median of
# 20 comments on an article that has any, about 85 articles with a thousand or more).
THREAD_SPREAD = 1.5
# Comments that reply to an earlier one, chosen among the thread's latest this many.
REPLY_SHARE = 0.35
REPLY_WINDOW = 40
# Comments on an open article that a rule holds; held comments older than PENDING_DAYS have been decided.
HELD_SHARE = 0.02
PENDING_DAYS = 3
# Of published comments: removed by a moderator, deleted by the author, hidden by reports, reported and kept.
REMOVED_SHARE, DELETED_SHARE, HIDDEN_SHARE, REPORTED_SHARE = 0.012, 0.010, 0.005, 0.004
# Most comments arrive within days of publication (mean two days); this share any time in the article's life.
LATE_SHARE = 0.3
EARLY_MEAN_SECONDS = 2 * 24 * 3600

COMMENT_COLUMNS = (
    "id", "article_id", "author_id", "parent_id", "body", "status", "held_reason", "held_detail",
    "created_at", "published_at", "status_changed_at",
)  # fmt: skip
REPORT_COLUMNS = ("comment_id", "reporter_id", "reason", "created_at", "resolved_at")
RATING_COLUMNS = ("article_id", "member_id", "stars", "created_at", "updated_at")
REPORT_REASONS = [r for r in ReportReason if r != ReportReason.OTHER]  # "other" needs a note


def create_members(rng, count, *, now):
    """`count` approved members with confirmed e-mail addresses, in bulk; returns [(id, profession)].

    Display names follow the members' rules (unique by `display_name_key`, none reserved), registration
    numbers their regulator's format. They sign in with nothing: one unusable password hash for all
    (`make_password(None)`, computed once), as the demo accounts are the ones to sign in with. They
    joined before the magazine's year of articles, so every comment and rating comes after."""
    User = get_user_model()
    taken_names = set(User.objects.exclude(display_name_key="").values_list("display_name_key", flat=True))
    numbers = _registration_numbers(set(User.objects.values_list("regulator", "registration_number")))
    password = make_password(None)
    professions = [Profession.GP] * 5 + [Profession.NURSE, Profession.PHARMACIST, Profession.PRACTICE_MANAGER]
    regulators = {Profession.GP: Regulator.GMC, Profession.NURSE: Regulator.NMC, Profession.PHARMACIST: Regulator.GPHC}
    users = []
    for n, (profession, given, family, display) in enumerate(_display_names(rng, count, professions, taken_names)):
        regulator = regulators.get(profession, Regulator.OTHER)
        joined = now - timedelta(days=rng.uniform(400, 1500))
        users.append(
            User(
                username=f"reader{n + 1}",
                email=f"reader{n + 1}@readers.auscult.example",
                password=password,
                full_name=f"{given} {family}",
                display_name=display,
                display_name_key=display_name_key(display),
                profession=profession,
                regulator=regulator,
                registration_number=numbers(regulator),
                job_title=_sentence_case(rng.choice(ROLES[profession])) if rng.random() < 0.7 else "",
                anonymous=rng.random() < 0.1,
                profile_public=n % 3 == 0,  # from n, not drawn: the crowd stays the one measured before
                profile_shows_profession=n % 6 == 0,
                date_joined=joined,
                email_verified_at=joined + timedelta(minutes=rng.uniform(2, 600)),
                approval=Approval.APPROVED,
            )
        )
    User.objects.bulk_create(users, batch_size=2_000)
    EmailAddress.objects.bulk_create(
        (EmailAddress(user_id=u.pk, email=u.email, primary=True, verified=True) for u in users), batch_size=2_000
    )
    return [(u.pk, u.profession) for u in users]


def _display_names(rng, count, professions, taken):
    """(profession, given, family, display name) for `count` members. A name taken already gets the whole
    family name ("Dr Amir B", then "Dr Amir Blake"), then initials ("Dr Amir J Blake", "Dr Amir J K Blake"):
    over 300 forms for each of the 960 combinations of title, given and family name."""
    forms = {}
    exhausted = set()
    made = 0
    while made < count:
        profession = rng.choice(professions)
        given, family = rng.choice(GIVEN), rng.choice(FAMILY)
        title = "Dr " if profession == Profession.GP else ""
        combination = (title, given, family)
        for form in forms.setdefault(combination, _name_forms(family)):
            display = f"{title}{given} {form}"
            key = display_name_key(display)
            if key not in taken and len(display) <= MAX_LENGTH and not is_reserved(display):
                taken.add(key)
                made += 1
                yield profession, given, family, display
                break
        else:
            exhausted.add(combination)
            if len(exhausted) == 2 * len(GIVEN) * len(FAMILY):
                raise ValueError(f"Ran out of display names after {made}.")


def _name_forms(family):
    letters = "ABCDEFGHJKLMNPRSTW"  # no I (it folds to L's key), nor the rarer initials
    yield family[0]
    yield family
    yield from (f"{a} {family}" for a in letters)
    yield from (f"{a} {b} {family}" for a in letters for b in letters if a != b)


def _sentence_case(text):
    return text[:1].upper() + text[1:]


def _registration_numbers(taken):
    """A function giving the next unused number in `regulator`'s format (see registration_numbers)."""
    letters = "ABCDEFGHJKLMNPRSTUVWXYZ"
    counters = {regulator: itertools.count() for regulator in Regulator}

    def formatted(regulator, n):
        if regulator in (Regulator.GMC, Regulator.GPHC):
            return f"{8_000_000 + n}"  # the demo accounts' numbers are below 8,000,000
        if regulator == Regulator.NMC:
            return f"{10 + n % 90}{letters[n // 90 % 23]}{1000 + n // 2070 % 9000}{letters[n // 18_630_000 % 23]}"
        return ""

    def next_number(regulator):
        for n in counters[regulator]:
            number = formatted(regulator, n)
            if not number or (regulator, number) not in taken:
                return number
        return ""  # unreachable: itertools.count never ends

    return next_number


def spread(total, weights, cap):
    """`total` split over `weights` in proportion, whole numbers none above `cap`, summing to `total`."""
    counts = [0] * len(weights)
    left = total
    open_ = [i for i, w in enumerate(weights) if w > 0]
    while left and open_:
        scale = left / sum(weights[i] for i in open_)
        shares = {i: weights[i] * scale for i in open_}
        for i in open_:
            add = min(int(shares[i]), cap - counts[i])
            counts[i] += add
            left -= add
        for i in sorted(open_, key=lambda i: shares[i] - int(shares[i]), reverse=True):
            if not left:
                break
            if counts[i] < cap:
                counts[i] += 1
                left -= 1
        open_ = [i for i in open_ if counts[i] < cap]
    if left:
        raise ValueError(f"{total} rows do not fit: at most {cap} on each of {sum(w > 0 for w in weights)}.")
    return counts


class Discussion:
    """Writes the comments and reports of every article; `create(total, bar)` returns how many."""

    def __init__(self, articles, members, rng, *, now):
        self.rng, self.now = rng, now
        self.articles = articles
        self.modes = dict(CommentPolicy.objects.values_list("article_id", "mode"))
        self.member_ids = [pk for pk, _ in members]
        commenters = rng.sample(members, k=max(1, int(len(members) * COMMENTER_SHARE)))
        self.authors = commenters
        self.author_weights = list(
            itertools.accumulate((n + ACTIVITY_OFFSET) ** -ACTIVITY_EXPONENT for n in range(len(commenters)))
        )
        self.texts = {p: [comment_text(rng, p) for _ in range(TEXT_POOL)] for p in {p for _, p in commenters}}
        self.replies = [reply_text(rng) for _ in range(TEXT_POOL)]
        self.holds = self._holds()
        self.reports = []

    def _holds(self):
        """(rule, weight, bodies with the detail the rule records) for the rules that hold on an open article,
        each body checked by the rule itself."""
        settings = rules.load()
        rng = self.rng
        holds = []
        linked = []
        for text in self.replies[:50]:
            body = f"{text} See https://example.org/a, https://example.org/b and https://example.org/c."
            hit = rules.too_many_links(body, settings)
            if hit:
                linked.append((body, hit.detail))
        if linked:
            holds.append((rules.LINKS, 4, linked))
        named = []
        for _ in range(50):
            age, claim = rng.randint(60, 95), rng.choice(CLAIMS)
            body = f"My patient {rng.choice(GIVEN)} {rng.choice(FAMILY)}, {age}, waited five weeks. I think {claim}."
            hit = rules.patient_identifiers(body)
            if hit:
                named.append((body, hit.detail))
        if named:
            holds.append((rules.PATIENT_DATA, 1, named))
        if settings.burst_count and settings.burst_minutes:
            count, minutes = settings.burst_count, settings.burst_minutes
            detail = f"{count + 1} comments in {minutes} minutes (more than {count})"  # as rules.burst words it
            holds.append((rules.BURST, 4, [(None, detail)]))
        return holds

    def plan(self, total):
        """How many comments each article gets, and which one has the long thread."""
        rng = self.rng
        weights = [
            0.0 if rng.random() < UNCOMMENTED_SHARE else rng.lognormvariate(0, THREAD_SPREAD) for _ in self.articles
        ]
        open_ = sorted(
            (i for i, a in enumerate(self.articles) if self.modes.get(a.pk, CommentMode.OPEN) == CommentMode.OPEN),
            key=lambda i: self.articles[i].publication_date,
            reverse=True,
        )
        long = min(LONG_THREAD, total // 20)
        longest = open_[len(open_) // 3] if open_ and long else None
        long = long if longest is not None else 0
        if not any(weights):
            weights = [1.0] * len(weights)
        if longest is not None:
            weights[longest] = 0.0
        rest = total - long
        places = sum(w > 0 for w in weights)
        cap = max(long - 1, 2 * math.ceil(rest / max(places, 1)))
        counts = spread(rest, weights, cap)
        if longest is not None:
            counts[longest] = long
        return counts

    def create(self, total, bar):
        next_id = (Comment.objects.aggregate(m=Max("pk"))["m"] or 0) + 1
        ids = itertools.count(next_id)
        rows = (
            row
            for article, count in zip(self.articles, self.plan(total), strict=True)
            if count
            for row in self._thread(article, count, ids)
        )
        made = 0
        while chunk := list(itertools.islice(rows, CHUNK)):
            with transaction.atomic():
                insert_rows(Comment, COMMENT_COLUMNS, chunk)
            made += len(chunk)
            bar.update(len(chunk))
        with transaction.atomic():
            insert_rows(Report, REPORT_COLUMNS, self.reports)
        reset_sequences(Comment, Report)
        return made

    def _thread(self, article, count, ids):
        """One article's comments, oldest first: rows of COMMENT_COLUMNS (reports go to self.reports)."""
        rng, now = self.rng, self.now
        premoderated = self.modes.get(article.pk) == CommentMode.PREMODERATED
        published = article.publication_date
        life = max((now - published).total_seconds() - 60, 60)
        offsets = sorted(
            min(rng.uniform(0, life) if rng.random() < LATE_SHARE else rng.expovariate(1 / EARLY_MEAN_SECONDS), life)
            for _ in range(count)
        )
        authors = rng.choices(self.authors, cum_weights=self.author_weights, k=count)
        recent = now - timedelta(days=PENDING_DAYS)
        thread = []  # ids of comments readers have seen, which later ones may answer
        for offset, (author_id, profession) in zip(offsets, authors, strict=True):
            pk = next(ids)
            when = published + timedelta(seconds=60 + offset)
            parent = rng.choice(thread[-REPLY_WINDOW:]) if thread and rng.random() < REPLY_SHARE else None
            body = rng.choice(self.replies) if parent else rng.choice(self.texts[profession])
            held, detail = "", ""
            if premoderated:
                held = rules.PREMODERATION
            elif self.holds and rng.random() < HELD_SHARE:
                held, _, examples = rng.choices(self.holds, weights=[w for _, w, _ in self.holds])[0]
                example, detail = rng.choice(examples)
                body = example or body
            status, published_at, changed = CommentStatus.PUBLISHED, when, when
            if held:
                decided = min(when + timedelta(seconds=rng.uniform(300, 6 * 3600)), now)
                if when > recent and rng.random() < 0.6:
                    status, published_at = CommentStatus.PENDING, None
                elif rng.random() < (0.9 if premoderated else 0.5):
                    published_at = changed = decided  # approved; the held reason stays on the row
                else:
                    status, published_at, changed = CommentStatus.REJECTED, None, decided
            if published_at:
                thread.append(pk)
                status, changed = self._fate(pk, author_id, published_at)
            yield (pk, article.pk, author_id, parent, body, status, held, detail, when, published_at, changed)

    def _fate(self, pk, author_id, published_at):
        """What became of a published comment since: (status, when it changed). Reports made about it are kept."""
        rng, now = self.rng, self.now
        roll = rng.random()
        later = min(published_at + timedelta(seconds=rng.uniform(600, 2 * 24 * 3600)), now)
        if roll < REMOVED_SHARE:
            if rng.random() < 0.6:
                self._report(pk, author_id, rng.randint(1, 3), published_at, later, resolved=later)
            return CommentStatus.REMOVED, later
        roll -= REMOVED_SHARE
        if roll < DELETED_SHARE:
            return CommentStatus.DELETED, later
        roll -= DELETED_SHARE
        if roll < HIDDEN_SHARE:
            self._report(pk, author_id, rng.randint(3, 5), published_at, later, resolved=None)
            return CommentStatus.HIDDEN, later
        roll -= HIDDEN_SHARE
        if roll < REPORTED_SHARE:
            kept = later if rng.random() < 0.5 else None
            self._report(pk, author_id, rng.randint(1, 2), published_at, later, resolved=kept)
        return CommentStatus.PUBLISHED, published_at

    def _report(self, pk, author_id, count, start, end, *, resolved):
        rng = self.rng
        reporters = [r for r in rng.sample(self.member_ids, k=min(count + 1, len(self.member_ids))) if r != author_id]
        span = (end - start).total_seconds()
        for reporter in reporters[:count]:
            when = start + timedelta(seconds=span * rng.random())
            self.reports.append((pk, reporter, rng.choice(REPORT_REASONS), when, resolved))


def create_ratings(articles, members, rng, total, *, now, bar):
    """`total` ratings, one per (article, member) at most, spread over the articles as readership is."""
    member_ids = [pk for pk, _ in members]
    weights = [0.0 if rng.random() < UNRATED_SHARE else rng.lognormvariate(0, 1.2) for _ in articles]
    if not any(weights):
        weights = [1.0] * len(weights)
    counts = spread(total, weights, len(member_ids))

    def rows():
        for article, count in zip(articles, counts, strict=True):
            if not count:
                continue
            bias = rng.choice([2, 3, 3, 4, 4, 5])
            life = max((now - article.publication_date).total_seconds(), 60)
            for member_id in rng.sample(member_ids, k=count):
                stars = max(MIN_STARS, min(MAX_STARS, bias + rng.randint(-2, 1)))
                when = article.publication_date + timedelta(seconds=min(rng.expovariate(1 / EARLY_MEAN_SECONDS), life))
                yield (article.pk, member_id, stars, when, when)

    made = 0
    stream = rows()
    while chunk := list(itertools.islice(stream, CHUNK)):
        with transaction.atomic():
            insert_rows(Rating, RATING_COLUMNS, chunk)
        made += len(chunk)
        bar.update(len(chunk))
    reset_sequences(Rating)
    return made


@transaction.atomic
def set_counters():
    """Every counter `counters.py` checks, set from the rows in a few set-based statements (the shared
    `counters.recount` compares and rewrites row by row, which at a million comments takes minutes):

    - Comment.published_reply_count and report_count: one UPDATE each over the comments that have replies
      or reports, and one zeroing any others (none on a fresh seed);
    - ArticleCommentStats (published and held counts, newest comment) and ArticleRatingStats (count, total): rewritten,
      one row per article, from one aggregate query each.
    """
    published = Comment.objects.filter(status=CommentStatus.PUBLISHED)
    replies = published.filter(parent_id=OuterRef("pk")).order_by().values("parent_id")
    has_replies = Exists(replies)
    Comment.objects.filter(has_replies).update(
        published_reply_count=Subquery(replies.annotate(n=Count("pk")).values("n"))
    )
    Comment.objects.filter(~has_replies, published_reply_count__gt=0).update(published_reply_count=0)
    reports = Report.objects.filter(comment_id=OuterRef("pk")).order_by().values("comment_id")
    has_reports = Exists(reports)
    Comment.objects.filter(has_reports).update(report_count=Subquery(reports.annotate(n=Count("pk")).values("n")))
    Comment.objects.filter(~has_reports, report_count__gt=0).update(report_count=0)

    articles = list(ArticlePage.objects.values_list("pk", flat=True))
    counts = dict(published.order_by().values_list("article_id").annotate(Count("pk")))
    pending = Comment.objects.filter(status=CommentStatus.PENDING)
    held = dict(pending.order_by().values_list("article_id").annotate(Count("pk")))
    newest = dict(Comment.objects.order_by().values_list("article_id").annotate(Max("created_at")))
    ArticleCommentStats.objects.all().delete()
    ArticleCommentStats.objects.bulk_create(
        (
            ArticleCommentStats(
                article_id=a, published_count=counts.get(a, 0), held_count=held.get(a, 0), last_comment_at=newest.get(a)
            )
            for a in articles
        ),
        batch_size=5_000,
    )
    ratings = {
        a: (n, t) for a, n, t in Rating.objects.order_by().values_list("article_id").annotate(Count("pk"), Sum("stars"))
    }
    ArticleRatingStats.objects.all().delete()
    ArticleRatingStats.objects.bulk_create(
        (ArticleRatingStats(article_id=a, count=n, total=t) for a, (n, t) in ratings.items()), batch_size=5_000
    )


def analyze():
    """Planner statistics for the bulk-loaded tables (PostgreSQL; autovacuum would get there in its own time)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def create_crowd(articles, rng, options, phases):
    """Members, comments, reports and ratings at `options`' sizes, then their counters; each a phase."""
    now = timezone.now()
    with phases("Members", total=options.readers, unit="member") as bar, transaction.atomic():
        members = create_members(rng, options.readers, now=now)
        bar.update(len(members))
    comments = options.comments or 0
    if comments and not members:
        raise ValueError("Comments need members to write them: give --readers.")
    with phases("Comments", total=comments, unit="comment") as bar:
        if comments:
            Discussion(articles, members, rng, now=now).create(comments, bar)
    ratings = options.ratings or 0
    if ratings > len(articles) * len(members):
        raise ValueError(f"{ratings} ratings do not fit: one per member per article at most.")
    with phases("Ratings", total=ratings, unit="rating") as bar:
        if ratings:
            create_ratings(articles, members, rng, ratings, now=now, bar=bar)
    # Before the counters: without statistics the planner reads the new rows once per comment it updates.
    with phases("Planner statistics"):
        analyze()
    with phases("Counters"):
        set_counters()
        number_anonymous_commenters()
