"""Fast writes for demo and benchmark data: many pages under one parent, and many plain rows.

Wagtail's `add_child` + `save_revision()` + `publish()` costs a few dozen queries per page (sibling
look-up, slug check, parent update, revision, publication, search and reference-index updates). Demo and
benchmark databases need tens of thousands of articles, so `bulk_add_children` writes what those calls
would leave, a batch at a time: treebeard's materialised paths in one multi-row INSERT of the base
`wagtailcore_page` rows, one raw INSERT per specific row (Django cannot bulk-create multi-table models),
the inline rows, one live `Revision` per page holding `serializable_data()` (so the admin edits the page
as if an editor had published it), the reference-index rows, and one UPDATE of the parent's child count.
The search index is rebuilt once afterwards (see `deferred_indexing`).

`insert_rows` streams plain rows (comments, ratings) with PostgreSQL's COPY, bulk_create elsewhere.
"""

import uuid
from contextlib import contextmanager

from django.contrib.contenttypes.models import ContentType
from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.models.signals import post_delete, post_save
from django.utils.text import slugify
from modelcluster.models import get_all_child_relations
from modelsearch import signal_handlers as search_signals
from modelsearch.index import get_indexed_models
from wagtail.models import Page, ReferenceIndex, Revision
from wagtail.signal_handlers import disable_reference_index_auto_update

BATCH_SIZE = 500
SLUG_LENGTH = 80
# Rows per bulk_create statement where COPY is not available.
ROWS_PER_INSERT = 2000


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
    """Insert unsaved specific `pages` (all of one class) as live, published children of `parent`.

    Each page needs `title` and its own fields set, and its inline children in memory as the admin's form
    leaves them (`page.article_authors = [ArticleAuthor(author=a)]`; a child may point at another page of
    the batch); `slug`, tree fields, dates and locale are filled in here. Returns the pages with their
    ids, `latest_revision` and `live_revision` set.
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
    relations = [r.get_accessor_name() for r in get_all_child_relations(model)]
    # While the pages are unsaved this reads only what is in memory (an empty list where nothing was set),
    # and pins it there, so that serialising a saved page later asks the database nothing.
    children = {
        name: [child for page in pages for child in getattr(page, name).get_object_list()] for name in relations
    }

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

    for name in relations:
        if children[name]:
            type(children[name][0]).objects.bulk_create(children[name], batch_size=BATCH_SIZE)
    _publish_revisions(bases, pages)
    _index_references(pages)
    Page.objects.filter(pk=parent.pk).update(numchild=parent.numchild + len(pages))
    return pages


def _publish_revisions(bases, pages):
    """One revision per page, created when the page was published and live, as `save_revision().publish()`
    leaves it (the admin edits from the latest revision and compares against the live one)."""
    page_type = ContentType.objects.get_for_model(Page)
    revisions = Revision.objects.bulk_create(
        [
            Revision(
                content_type=ContentType.objects.get_for_model(page),
                base_content_type=page_type,
                object_id=str(page.pk),
                created_at=page.first_published_at,
                content=page.serializable_data(),
                object_str=str(page),
            )
            for page in pages
        ],
        batch_size=BATCH_SIZE,
    )
    for base, page, revision in zip(bases, pages, revisions, strict=True):
        base.latest_revision_id = base.live_revision_id = revision.pk
        page.latest_revision_id = page.live_revision_id = revision.pk
    Page.objects.bulk_update(bases, ["latest_revision", "live_revision"], batch_size=BATCH_SIZE)


def _index_references(pages):
    """The reference-index rows `ReferenceIndex.create_or_update_for_object` would write for each new page
    (it has none yet, so there is nothing to compare or delete), in bulk."""
    page_type = ContentType.objects.get_for_model(Page)
    rows = []
    for page in pages:
        content_type = ContentType.objects.get_for_model(page, for_concrete_model=False)
        for to_content_type_id, to_object_id, model_path, content_path in set(
            ReferenceIndex._extract_references_from_object(page)
        ):
            rows.append(
                ReferenceIndex(
                    content_type=content_type,
                    base_content_type=page_type,
                    object_id=str(page.pk),
                    to_content_type_id=to_content_type_id,
                    to_object_id=to_object_id,
                    model_path=model_path,
                    content_path=content_path,
                    content_path_hash=ReferenceIndex._get_content_path_hash(content_path),
                )
            )
    ReferenceIndex.objects.bulk_create(rows, batch_size=BATCH_SIZE)


def index_references(objects):
    """Index the references of objects made the ordinary way while `deferred_indexing` held it off."""
    for obj in objects:
        ReferenceIndex.create_or_update_for_object(obj)


def insert_rows(model, columns, rows):
    """Insert `rows` (tuples of values for the fields named by attname in `columns`) into `model`'s table.

    On PostgreSQL this is one COPY (several times faster than INSERT at a million rows); elsewhere it is
    bulk_create. Every other field gets its default, as a model instance would, and the primary key, when
    given, is honoured: call `reset_sequences` afterwards. No signals are sent and no `save()` runs.
    """
    meta = model._meta
    named = [meta.get_field(name) for name in columns]
    rest = [
        f
        for f in meta.concrete_fields
        if f not in named and not f.generated and not (f.primary_key and f.attname not in columns)
    ]
    if connection.vendor != "postgresql":
        _bulk_insert(model, [f.attname for f in named + rest], [f.get_default() for f in rest], rows)
        return
    defaults = tuple(f.get_db_prep_save(f.get_default(), connection) for f in rest)
    table = connection.ops.quote_name(meta.db_table)
    names = ", ".join(connection.ops.quote_name(f.column) for f in named + rest)
    with connection.cursor() as cursor, cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row + defaults)


def _bulk_insert(model, attnames, defaults, rows):
    batch = []
    for row in rows:
        batch.append(model(**dict(zip(attnames, (*row, *defaults), strict=True))))
        if len(batch) == ROWS_PER_INSERT:
            model.objects.bulk_create(batch)
            batch = []
    model.objects.bulk_create(batch)


def reset_sequences(*models):
    """Point the id sequences past the ids `insert_rows` wrote (PostgreSQL; SQLite follows by itself)."""
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(statement)
