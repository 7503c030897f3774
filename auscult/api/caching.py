"""The API's public reads, shared between callers as the pages are (ARCHITECTURE, "Page delivery"): a payload is
kept in Django's cache under the versions the same page keys on (`core.delivery.versions`: the site's, the members'
names', the article's own for its comments, ratings and mode, the authors'), so a comment published, removed or
edited, a rating, a decision or a publication makes a new key at once, and nothing has to be purged; listings of
articles also roll over with `counts_bucket`, as the listing pages do, for their counts.

Only what every caller may see is kept here, after the caller's access was checked (an article's visibility is
read before the cache, every time), and never anything of the caller's own."""

import hashlib

from django.conf import settings
from django.core.cache import cache

from auscult.core import delivery
from auscult.publishing.delivery import FRAGMENT_TIMEOUT, counts_bucket

PREFIX = "api:v1:"


def shared_payload(
    request, name, build, *, schema, keys=(), options=(), lists_articles=False, cacheable=True, keep=None
):
    """`build()`'s payload for operation `name` with these validated `options`, as an instance of its response
    `schema`, from the cache when the versions of `keys` (and the site's and the names') have not changed since it
    was built. Kept validated: django-ninja only serialises an instance of the operation's schema, so a hit costs
    no validation (which, for a page of fifty comments, costs more than reading it).

    Only answers that a bounded number of requests can ask for are kept (`cacheable`, and `keep(payload)` false
    for e.g. a page past a thread's last, answered as the last): the cache also holds the rate limits' counts, which
    a flood of distinct keys would push out."""
    rolling = [str(counts_bucket())] if lists_articles else []
    parts = [settings.AUSCULT["RELEASE"], name, schema.__name__, *delivery.versions(request, *keys).values(), *rolling]
    parts += [repr(option) for option in options]
    key = PREFIX + hashlib.blake2b("|".join(parts).encode(), digest_size=16).hexdigest()
    if not cacheable:
        return schema.model_validate(build())
    payload = cache.get(key)
    if payload is None:
        payload = schema.model_validate(build())
        if keep is None or keep(payload):
            cache.set(key, payload, FRAGMENT_TIMEOUT)
    return payload
