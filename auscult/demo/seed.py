"""Builds the demo magazine: sections, authors, articles, print issues, demo accounts and a discussion.

Everything comes from `TextGenerator` and the Pillow image makers, driven by one seed,
so the same options always produce the same magazine. The discussion is the small, hand-shaped
one of engagement.py unless a number of comments or ratings is asked for: then it is crowd.py's,
written in bulk at any size (`SCALES` names the large one).
"""

import random
import uuid
from dataclasses import dataclass
from datetime import date, timedelta
from io import BytesIO

from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, ReferenceIndex

from auscult.moderation.models import CommentMode, CommentPolicy
from auscult.publishing.chrome import invalidate_chrome
from auscult.publishing.images import queue_renditions_in_use
from auscult.publishing.models import (
    ArticleAuthor,
    ArticlePage,
    Author,
    HomePage,
    PrintIssueContentsItem,
    PrintIssueIndexPage,
    PrintIssuePage,
    RelatedArticle,
    SectionKind,
    SectionPage,
)
from auscult.publishing.site_address import site_address_sync

from . import images
from .accounts import create_accounts
from .bulk import bulk_add_children, deferred_indexing, index_references
from .crowd import create_crowd
from .engagement import create_engagement, create_readers
from .progress import Phases
from .text import TextGenerator

# Lead images are drawn once and shared: one per four articles, at most this many.
IMAGE_POOL_SIZE = 40


@dataclass
class SeedOptions:
    seed: int = 2026
    articles: int = 80
    authors: int = 12
    issues: int = 14
    members: int = 6
    readers: int = 40
    # None: the small hand-shaped discussion; a number (0 included): crowd.py's bulk one, of that size.
    comments: int | None = None
    ratings: int | None = None
    index: bool = True

    @property
    def crowd(self):
        return self.comments is not None or self.ratings is not None


# Sizes by name (`seed_demo --scale large`); options given as well override them.
SCALES = {
    "large": {"articles": 20_000, "authors": 40, "comments": 1_000_000, "readers": 50_000, "ratings": 500_000},
    "medium": {"articles": 2_000, "authors": 20, "comments": 100_000, "readers": 5_000, "ratings": 50_000},
}


class AlreadySeeded(Exception):
    pass


def is_seeded():
    return SectionPage.objects.exists() or ArticlePage.objects.exists()


def seed(options, phases=None):
    """Fill an empty database; returns the demo accounts. `phases` (progress.Phases) times each phase and
    shows its progress."""
    if is_seeded():
        raise AlreadySeeded("The database already has content; seed_demo only fills an empty one.")
    phases = phases or Phases(show=False)
    rng = random.Random(options.seed)  # noqa: S311 - demo content, reproducible by design
    text = TextGenerator(options.seed)
    home = HomePage.objects.get()
    site_address_sync()
    with deferred_indexing():
        with phases("Authors, sections, images"), transaction.atomic():
            authors = _create_authors(text, rng, options.authors)
            sections = _create_sections(home, text, authors)
            pool = _create_image_pool(rng, min(IMAGE_POOL_SIZE, max(options.articles // 4, 1)))
        with phases("Articles", total=options.articles, unit="article") as bar:
            articles = _create_articles(sections, authors, pool, text, rng, options, bar.update)
        with phases("Print issues, accounts"), transaction.atomic():
            _create_print_issues(home, sections, text, rng, options.issues, articles)
            _set_comment_modes(articles, rng)
            accounts = create_accounts(text, options.seed, options.members)
            readers = [] if options.crowd else create_readers(rng, options.readers)
        if options.crowd:
            create_crowd(articles, rng, options, phases)
        else:
            with phases("Discussion"):
                create_engagement(articles, readers, rng)
        with phases("Reference index"), transaction.atomic():
            index_references(_made_one_by_one())
    if options.index:
        with phases("Search index"):
            call_command("update_index", verbosity=0)
    with phases("Renditions queued"):
        invalidate_chrome()
        # Bulk-created articles send no signals: their images' renditions are queued here (the worker makes them).
        queue_renditions_in_use(unless_pending=True)
    return accounts


def _made_one_by_one():
    """Everything the reference index tracks except the articles, which `bulk_add_children` indexed, and
    bare Page rows, whose references are all on their specific pages."""
    for model in apps.get_models():
        if ReferenceIndex.is_indexed(model) and model not in (Page, ArticlePage):
            yield from model.objects.all()


def _image(title, data, name):
    return get_image_model().objects.create(title=title, file=ImageFile(BytesIO(data), name=name))


def _create_authors(text, rng, count):
    authors = []
    for n in range(count):
        spec = text.author()
        author = Author(
            name=spec["name"],
            role=spec["role"],
            bio=spec["bio"],
            social_handle=spec["social_handle"],
            contact_email=spec["contact_email"],
        )
        author.photo = _image(
            f"Portrait of {author.name}", images.portrait(rng.randrange(1 << 30), author.name), f"author-{n + 1}.png"
        )
        author.save()
        authors.append(author)
    return authors


def _create_sections(home, text, authors):
    columnists = iter(authors)
    sections = []
    for spec in text.sections():
        section = SectionPage(
            title=spec["title"], slug=spec["slug"], kind=spec["kind"], description=spec["description"]
        )
        if spec["kind"] == SectionKind.COLUMN:
            section.columnist = next(columnists, None)
        home.add_child(instance=section)
        section.save_revision().publish()
        home.refresh_from_db()
        sections.append(section)
    return sections


def _create_image_pool(rng, count):
    return [
        _image(f"Illustration {n + 1}", images.article_image(rng.randrange(1 << 30)), f"illustration-{n + 1}.png")
        for n in range(count)
    ]


def _create_articles(sections, authors, pool, text, rng, options, progress):
    """Spread `options.articles` over the last year, newest first in each section."""
    now = timezone.now()
    columnist_of = {s.pk: s.columnist for s in sections if s.columnist}
    weights = [5 if s.kind == SectionKind.NEWS else 2 for s in sections]
    by_section = {s.pk: [] for s in sections}
    for _ in range(options.articles):
        section = rng.choices(sections, weights)[0]
        spec = text.article(section.kind)
        published = now - timedelta(seconds=rng.randrange(365 * 24 * 3600))
        if section.pk in columnist_of:
            byline = [columnist_of[section.pk]]
        else:
            byline = rng.sample(authors, k=1 if rng.random() < 0.85 else min(2, len(authors)))
        article = ArticlePage(
            title=spec["headline"],
            kicker=spec["kicker"],
            standfirst=spec["standfirst"],
            editors_note=f"<p>{spec['editors_note']}</p>" if spec["editors_note"] else "",
            body=[_raw_block(rng, kind, value) for kind, value in spec["body"]],
            image=rng.choice(pool) if pool and rng.random() < 0.75 else None,
            publication_date=published,
            first_published_at=published,
        )
        article.article_authors = [ArticleAuthor(author=author, sort_order=i) for i, author in enumerate(byline)]
        by_section[section.pk].append(article)

    created = []
    for section in sections:
        pages = sorted(by_section[section.pk], key=lambda a: a.publication_date)
        for start in range(0, len(pages), 500):
            batch = pages[start : start + 500]
            for article, links in zip(batch, _related_links(batch, created, rng), strict=True):
                article.related_links = links
            bulk_add_children(section, batch)
            created.extend(batch)
            if progress:
                progress(len(batch))
    return created


def _raw_block(rng, kind, value):
    return {"type": kind, "value": value, "id": str(uuid.UUID(int=rng.getrandbits(128), version=4))}


def _related_links(batch, earlier, rng):
    """Up to three recent articles for each of `batch`, chosen among the twenty before it."""
    links = []
    for index in range(len(batch)):
        candidates = earlier[-20:] + batch[max(0, index - 20) : index]
        chosen = rng.sample(candidates, k=min(3, len(candidates)))
        links.append([RelatedArticle(related=related, sort_order=n) for n, related in enumerate(chosen)])
    return links


def _create_print_issues(home, sections, text, rng, count, articles):
    if count <= 0:
        return
    index = PrintIssueIndexPage(
        title="Print archive", slug="issues", intro="Every monthly issue of the magazine, cover to cover."
    )
    home.add_child(instance=index)
    index.save_revision().publish()
    today = timezone.localdate()
    by_month = {}
    for article in articles:
        by_month.setdefault((article.publication_date.year, article.publication_date.month), []).append(article)
    for n in range(count):
        month_start = _months_before(today.replace(day=1), count - 1 - n)
        title = f"{month_start:%B %Y}"
        lines = text.issue_cover_lines()
        cover_png = images.cover(rng.randrange(1 << 30), title, lines)
        issue = PrintIssuePage(
            title=title,
            slug=f"{month_start:%Y-%m}",
            issue_date=month_start,
            summary=text.issue_summary(),
            cover=_image(f"Cover: {title}", cover_png, f"cover-{month_start:%Y-%m}.png"),
        )
        section_of = {s.path: s for s in sections}
        contents = sorted(
            by_month.get((month_start.year, month_start.month), [])[:8], key=lambda a: a.path[: -ArticlePage.steplen]
        )
        if n % 3 == 0:
            issue.edition_url = f"https://editions.auscult.example/{month_start:%Y-%m}/"
        else:
            pdf = images.edition_pdf(title, cover_png, [a.title for a in contents] or lines)
            issue.edition_document = get_document_model().objects.create(
                title=f"{title} digital edition", file=ContentFile(pdf, name=f"auscult-{month_start:%Y-%m}.pdf")
            )
        issue.contents = [
            PrintIssueContentsItem(
                heading=section_of[a.path[: -ArticlePage.steplen]].title, article=a, page_number=4 + 3 * i, sort_order=i
            )
            for i, a in enumerate(contents)
        ]
        index.add_child(instance=issue)
        issue.save_revision().publish()
        index.refresh_from_db()


def _months_before(first_of_month, months):
    year, month = divmod(first_of_month.year * 12 + first_of_month.month - 1 - months, 12)
    return date(year, month + 1, 1)


def _set_comment_modes(articles, rng):
    """A few pre-moderated and closed articles, so every mode can be seen."""
    policies = []
    for article in articles:
        roll = rng.random()
        if roll < 0.08:
            policies.append(CommentPolicy(article_id=article.pk, mode=CommentMode.PREMODERATED))
        elif roll < 0.11:
            policies.append(CommentPolicy(article_id=article.pk, mode=CommentMode.CLOSED))
    CommentPolicy.objects.bulk_create(policies)
