"""Read replicas for the visitor reads that fill no cache (ARCHITECTURE, "Page delivery"; docs/deploy.md).

With `DATABASE_REPLICA_URL` set, a view marked `@reads_from_replica` (search) reads the published content (pages,
images, the search index) from the replica. Everything else reads the primary: every page a cache keeps is rendered
from it, so a lagging replica can never put an old copy of a page, or a removed comment, into a cache; and the
reader's session and account are always the primary's, so a member who has just signed in is signed in. Writes and
migrations go to the primary only."""

from contextvars import ContextVar
from functools import wraps

from django.conf import settings

REPLICA = "replica"
# The apps whose rows a replica may serve: published content, never people or their words.
CONTENT_APPS = frozenset({"publishing", "wagtailcore", "wagtailimages", "wagtailsearch", "taggit"})

_replica_reads = ContextVar("auscult_replica_reads", default=False)


def reads_from_replica(view):
    """Let `view` read published content from the replica, when there is one."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        token = _replica_reads.set(True)
        try:
            return view(request, *args, **kwargs)
        finally:
            _replica_reads.reset(token)

    return wrapped


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        if _replica_reads.get() and model._meta.app_label in CONTENT_APPS and settings.AUSCULT["REPLICA_READS"]:
            return REPLICA
        return None

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the replica is a copy of the primary: its rows are the primary's

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db != REPLICA
