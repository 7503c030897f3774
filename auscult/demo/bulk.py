"""Fast creation of many pages under one parent.

Wagtail's `add_child` costs a handful of queries per page (sibling look-up, slug check,
parent update, revision, search and reference-index tasks). Demo and benchmark databases
need tens of thousands of articles, so this writes treebeard's materialised paths
directly: one multi-row INSERT for the base `wagtailcore_page` rows, one raw INSERT per
specific row (Django cannot bulk-create multi-table models), bulk INSERTs for the inline
rows, then one UPDATE of the parent's child count. Search and reference indexes are
rebuilt once afterwards (see `deferred_indexing`).
"""

import uuid
from contextlib import contextmanager

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.utils.text import slugify
from modelsearch import signal_handlers as search_signals
from modelsearch.index import get_indexed_models
from wagtail.models import Page
from wagtail.signal_handlers import disable_reference_index_auto_update

BATCH_SIZE = 500
SLUG_LENGTH = 80


@contextmanager
def deferred_indexing():
    """Skip per-object search and reference indexing; the caller rebuilds them after."""
    models = [m for m in get_indexed_models() if getattr(m, "search_auto_update", True)]
    for model in models:
        post_save.disconnect(search_signals.post_save_signal_handler, sender=model)
        post_delete.disconnect(search_signals.post_delete_signal_handler, sender=model)
    try:
        with disable_reference_index_auto_update():
            yield
    finally:
        for model in models:
            post_save.connect(search_signals.post_save_signal_handler, sender=model)
            post_delete.connect(search_signals.post_delete_signal_handler, sender=model)


def unique_slug(title, taken):
    base = slugify(title)[:SLUG_LENGTH].strip("-") or "article"
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    taken.add(slug)
    return slug


@transaction.atomic
def bulk_add_children(parent, pages):
    """Insert unsaved specific `pages` (all of one class) as live children of `parent`.

    Each page needs `title` and its own fields set; `slug`, tree fields, dates and
    locale are filled in here. Returns the pages with their ids set.
    """
    if not pages:
        return []
    model = type(pages[0])
    content_type = ContentType.objects.get_for_model(model)
    parent = Page.objects.select_for_update().get(pk=parent.pk)
    last = parent.get_last_child()
    step = (int(last.path[-Page.steplen :], 36) if last else 0) + 1
    taken = set(Page.objects.child_of(parent).values_list("slug", flat=True))
    depth = parent.depth + 1

    bases = []
    for offset, page in enumerate(pages):
        page.slug = page.slug or unique_slug(page.title, taken)
        published = page.first_published_at
        bases.append(
            Page(
                title=page.title,
                draft_title=page.title,
                slug=page.slug,
                content_type=content_type,
                path=Page._get_path(parent.path, depth, step + offset),
                depth=depth,
                numchild=0,
                url_path=f"{parent.url_path}{page.slug}/",
                live=True,
                has_unpublished_changes=False,
                first_published_at=published,
                last_published_at=published,
                latest_revision_created_at=published,
                locale_id=parent.locale_id,
                translation_key=uuid.uuid4(),
                owner_id=page.owner_id,
                seo_title=page.seo_title or "",
                search_description=page.search_description or "",
            )
        )
    for start in range(0, len(bases), BATCH_SIZE):
        Page.objects.bulk_create(bases[start : start + BATCH_SIZE])

    for base, page in zip(bases, pages, strict=True):
        for field in Page._meta.concrete_fields:
            setattr(page, field.attname, getattr(base, field.attname))
        page.page_ptr_id = base.pk
        page._state.adding = False
        # raw=True writes only the specific table, exactly as loading a fixture does.
        page.save_base(raw=True, force_insert=True)

    Page.objects.filter(pk=parent.pk).update(numchild=parent.numchild + len(pages))
    return pages
