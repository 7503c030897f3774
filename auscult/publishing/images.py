"""Every image the site shows, in the forms browsers want: for each place an image appears (an article's lead, a
teaser, a portrait, a body figure, a print cover, the picture shared on social media) a set of widths, each in
AVIF (where this Pillow can write it), WebP and the original's own format (JPEG, PNG) for the `<img>` itself.

Renditions are made off the request path only: by a task queued once an upload, an author's photo or a publish
commits (`image_signals`), and by `manage.py make_renditions`. A page that finds some missing never makes them:
it shows what exists (at worst the original file, with its width and height) and queues the missing ones
(`find_renditions`), at most once per image and place every `PENDING_TIMEOUT` seconds.

Templates name a slot (`SLOTS`, `{% responsive_picture image "lead" alt=… %}` from `responsive_images`): the
place, the `sizes` the layout in site.css gives it, and whether it is in the first screen (then neither lazy nor
`decoding="async"`; the page's main picture also gets `fetchpriority="high"`).
"""

import logging
from collections import defaultdict
from dataclasses import dataclass
from functools import cache, partial

from django.db import transaction
from django.db.models import Q
from django.dispatch import Signal
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django_tasks import task
from PIL import features
from wagtail.images import get_image_model
from wagtail.images.models import Filter, SourceImageIOError

logger = logging.getLogger(__name__)

# Browsers take the first <source> whose type they read, so the smaller format comes first.
MODERN_FORMATS = ("avif", "webp") if features.check("avif") else ("webp",)
MIME_TYPES = {"avif": "image/avif", "webp": "image/webp"}
# Seconds a page that found renditions missing waits before it asks for them again (the task clears it sooner).
PENDING_TIMEOUT = 10 * 60
PENDING_KEY = "publishing:renditions-pending:{}:{}"
# The pages (URLs) that showed an image's original in place of missing renditions, for the task to purge: at most
# SHOWN_LIMIT of them (the rest follow within the caches' lifetime), kept SHOWN_TIMEOUT seconds.
SHOWN_KEY = "publishing:renditions-shown:{}"
SHOWN_LIMIT = 50
SHOWN_TIMEOUT = 24 * 60 * 60

# Sent when renditions were made, with `places` (a set), `page` (the page they were made for once it was
# published, else None) and `shown_at` (the URLs of pages that showed originals in their place meanwhile): what
# was cached with the originals (the masthead, pages, fragments) can go.
renditions_created = Signal()


@dataclass(frozen=True)
class Place:
    """Where an image is shown, and the renditions made for it: each width in each format, plus the original's
    format as the fallback."""

    name: str
    widths: tuple[int, ...]
    # The `<img>`'s own src (for browsers without srcset) and the width and height it declares.
    fallback_width: int
    # Cropped to width:height round the focal point (Wagtail's `fill`); None keeps the image's shape (`width`).
    ratio: tuple[int, int] | None = None
    formats: tuple[str, ...] = MODERN_FORMATS

    def spec(self, width, image_format=None):
        if self.ratio is None:
            operation = f"width-{width}"
        else:
            w, h = self.ratio
            operation = f"fill-{width}x{round(width * h / w)}"
        return f"{operation}|format-{image_format}" if image_format else operation

    @property
    def specs(self):
        """Every spec of the place, for `prefetch_renditions(*place.specs)`."""
        return tuple(self.spec(width, fmt) for width in self.widths for fmt in (*self.formats, None))

    @property
    def fallback_spec(self):
        return self.spec(self.fallback_width)

    def widths_for(self, image):
        """The widths this image is large enough for, and the next one up, which Wagtail makes as wide as the image
        allows (it never enlarges): a small image gets no copies of itself at one size under several names."""
        if image.is_svg():
            return ()
        largest = image.width if self.ratio is None else min(image.width, image.height * self.ratio[0] / self.ratio[1])
        fitting = [width for width in self.widths if width <= largest]
        larger = [width for width in self.widths if width > largest]
        return tuple(fitting + larger[:1])

    def specs_for(self, image):
        return [self.spec(width, fmt) for width in self.widths_for(image) for fmt in (*self.formats, None)]


# Widths cover each slot below at one to three device pixels per CSS pixel.
LEAD = Place("lead", (640, 960, 1280, 1920), fallback_width=1280, ratio=(16, 9))
THUMBNAIL = Place("thumbnail", (240, 480, 960, 1440), fallback_width=480, ratio=(3, 2))
PORTRAIT = Place("portrait", (48, 96, 144, 288), fallback_width=144, ratio=(1, 1))
FIGURE = Place("figure", (480, 640, 960, 1280), fallback_width=1280)
COVER = Place("cover", (150, 300, 450, 600), fallback_width=450, ratio=(3, 4))
# The picture link previews show (og:image): one JPEG or PNG at the size Facebook, LinkedIn and X ask for, since
# not every crawler reads WebP or AVIF.
SOCIAL = Place("social", (1200,), fallback_width=1200, ratio=(40, 21), formats=())
PLACES = {place.name: place for place in (LEAD, THUMBNAIL, PORTRAIT, FIGURE, COVER, SOCIAL)}
# What an article's own image is shown as: its lead, its teasers, its link preview.
ARTICLE_IMAGE_PLACES = (LEAD, THUMBNAIL, SOCIAL)


@dataclass(frozen=True)
class Slot:
    """One spot a template shows a place in: how wide site.css lays it out (the `sizes` attribute) and whether
    it is in the first screen."""

    place: Place
    sizes: str
    above_fold: bool = False
    # The page's largest picture (its Largest Contentful Paint): fetched before the rest.
    priority: bool = False
    # The `<img>`'s own src and size, when not the place's.
    fallback_width: int | None = None


# `.wrap` is at most 74rem wide with 1.25rem padding each side, so its content is 71.5rem, else 100vw - 2.5rem.
SLOTS = {
    # .article__lead: the content width.
    "lead": Slot(LEAD, "(min-width: 74rem) 71.5rem, calc(100vw - 2.5rem)", above_fold=True, priority=True),
    # .byline__photo, .author-card__photo, .author-header__photo: fixed sizes.
    "byline": Slot(PORTRAIT, "44px", above_fold=True),
    "author-card": Slot(PORTRAIT, "72px"),
    "author-header": Slot(PORTRAIT, "140px", above_fold=True),
    # .front: the lead teaser's column is 2fr of 1fr + 2fr with a 2rem gap from 56rem, else the content width.
    "teaser-lead": Slot(
        THUMBNAIL,
        "(min-width: 74rem) 46.33rem, (min-width: 56rem) calc((100vw - 4.5rem) * 2 / 3), calc(100vw - 2.5rem)",
        above_fold=True,
        priority=True,
    ),
    # .grid--4 (1.5rem gaps): four columns from 64rem, two from 40rem, else one.
    "teaser-grid": Slot(
        THUMBNAIL,
        "(min-width: 74rem) 16.75rem, (min-width: 64rem) calc((100vw - 7rem) / 4), "
        "(min-width: 40rem) calc((100vw - 4rem) / 2), calc(100vw - 2.5rem)",
    ),
    # .teaser--row: a 15rem column from 44rem, else the content width.
    "teaser-row": Slot(THUMBNAIL, "(min-width: 44rem) 15rem, calc(100vw - 2.5rem)"),
    # .article__main: the 40rem measure from 64rem (the aside takes the rest), else the content width.
    "figure": Slot(FIGURE, "(min-width: 64rem) 40rem, calc(100vw - 2.5rem)"),
    # .issue-grid: as many 10rem+ columns as fit (1.5rem gaps), six at full width; at most 16rem once two fit.
    "issue-card": Slot(COVER, "(min-width: 74rem) 10.67rem, (min-width: 24rem) 16rem, calc(100vw - 2.5rem)"),
    # .issue: a 20rem column from 48rem, else the content width.
    "issue-page": Slot(COVER, "(min-width: 48rem) 20rem, calc(100vw - 2.5rem)", above_fold=True, priority=True),
    # .issue-promo__cover: 64px, 30px on phones.
    "masthead": Slot(COVER, "(max-width: 40rem) 30px, 64px", above_fold=True, fallback_width=150),
}


@cache
def _filter(spec):
    # A Filter parses its spec once; it holds nothing of any image, so one per spec serves them all.
    return Filter(spec=spec)


def _rendition_cache():
    return get_image_model().get_rendition_model().cache_backend


def _pending_key(image_id, place):
    return PENDING_KEY.format(image_id, place.name)


# --- Finding renditions (never making them) ---------------------------------------------------------------------


def find_renditions(image, places, *, shown_at=None):
    """The renditions of `places` that exist for `image`, by spec. Never makes one: the missing places are queued
    (once per `PENDING_TIMEOUT`), and `shown_at`, the URL of the page being made, is noted for the task to purge.
    Prefetched renditions (`prefetch_renditions`) cost nothing; otherwise Wagtail's rendition cache is read, then,
    for places not already queued, the database, in one query."""
    wanted = {spec: place for place in places for spec in place.specs_for(image)}
    if not wanted:
        return {}
    filters = [_filter(spec) for spec in wanted]
    if image._get_prefetched_renditions() is not None:
        found = {f.spec: rendition for f, rendition in image.find_existing_renditions(*filters).items()}
        asked = set()
    else:
        found, asked = _find_unprefetched(image, filters, wanted)
    missing = {place for spec, place in wanted.items() if spec not in found}
    if missing and shown_at:
        _note_shown(image.pk, shown_at)
    if missing - asked:
        queue_renditions(image.pk, sorted(missing - asked, key=lambda place: place.name), unless_pending=True)
    return found


def _find_unprefetched(image, filters, wanted):
    Rendition = image.get_rendition_model()
    backend = Rendition.cache_backend
    keys = {Rendition.construct_cache_key(image, f.get_cache_key(image), f.spec): f.spec for f in filters}
    places = set(wanted.values())
    pending = {_pending_key(image.pk, place): place for place in places}
    cached = backend.get_many([*keys, *pending])
    found = {}
    for key, spec in keys.items():
        if key in cached:
            found[spec] = cached[key]
            found[spec].image = image
    # A place already queued is not looked for in the database until its task has run (which clears the mark).
    asked = {place for key, place in pending.items() if key in cached}
    lookup = [f for f in filters if f.spec not in found and wanted[f.spec] not in asked]
    if lookup:
        query = Q()
        for f in lookup:
            query |= Q(filter_spec=f.spec, focal_point_key=f.get_cache_key(image))
        from_db = {}
        for rendition in image.renditions.filter(query):
            rendition.image = image
            from_db[rendition.filter_spec] = rendition
        if from_db:
            backend.set_many(
                {Rendition.construct_cache_key(image, r.focal_point_key, r.filter_spec): r for r in from_db.values()}
            )
        found.update(from_db)
    return found, asked


def _note_shown(image_id, url):
    backend, key = _rendition_cache(), SHOWN_KEY.format(image_id)
    urls = backend.get(key) or []
    if url not in urls and len(urls) < SHOWN_LIMIT:
        backend.set(key, [*urls, url], SHOWN_TIMEOUT)


def _take_shown(image_id):
    backend, key = _rendition_cache(), SHOWN_KEY.format(image_id)
    urls = backend.get(key) or []
    if urls:
        backend.delete(key)
    return urls


def load_renditions(image, places, *, shown_at=None):
    """`find_renditions`, kept on `image` as Wagtail's prefetched renditions, so the templates showing it find
    them without asking again."""
    found = find_renditions(image, places, shown_at=shown_at)
    image.prefetched_renditions = list(found.values())
    return found


# --- Pictures ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Shown:
    """A file as a page names it (a link preview's og:image): its URL and size."""

    url: str
    width: int
    height: int


def social_image(image, *, shown_at=None):
    """The link-preview picture of `image`: its SOCIAL rendition, or the original file till that exists. The lead's
    renditions are looked up with it and kept on the image, for the article's lead picture."""
    rendition = load_renditions(image, [LEAD, SOCIAL], shown_at=shown_at).get(SOCIAL.fallback_spec)
    if rendition is not None:
        return Shown(rendition.url, rendition.width, rendition.height)
    return Shown(image.file.url, image.width, image.height)


def _srcset(renditions):
    return ", ".join(f"{rendition.url} {rendition.width}w" for rendition in renditions)


def picture_data(image, slot_name, *, shown_at=None):
    """What `picture_html` needs to show `image` in a slot, from the renditions that exist, as plain data (the
    masthead caches it): the fallback `url`, `width` and `height` (the original file's when none of its
    renditions exist yet), `srcset`, `sizes`, one source per modern format made, and the slot's loading attrs."""
    slot = SLOTS[slot_name]
    place = slot.place
    found = find_renditions(image, [place], shown_at=shown_at)
    by_format = {}
    for fmt in (*place.formats, None):
        renditions, widths = [], set()
        for width in place.widths_for(image):
            rendition = found.get(place.spec(width, fmt))
            if rendition is not None and rendition.width not in widths:
                widths.add(rendition.width)
                renditions.append(rendition)
        by_format[fmt] = renditions
    fallbacks = by_format.pop(None)
    if fallbacks:
        fallback_width = slot.fallback_width or place.fallback_width
        base = max((r for r in fallbacks if r.width <= fallback_width), key=lambda r: r.width, default=None)
        base = base or fallbacks[0]
        data = {"url": base.url, "width": base.width, "height": base.height}
        data["srcset"] = _srcset(fallbacks) if len(fallbacks) > 1 else ""
    else:
        data = {"url": image.file.url, "width": image.width, "height": image.height, "srcset": ""}
    data["sizes"] = slot.sizes
    data["sources"] = [
        {"type": MIME_TYPES[fmt], "srcset": _srcset(renditions)} for fmt, renditions in by_format.items() if renditions
    ]
    attrs = {} if slot.above_fold else {"loading": "lazy", "decoding": "async"}
    if slot.priority:
        attrs["fetchpriority"] = "high"
    data["attrs"] = attrs
    return data


def picture_html(data, **attrs):
    """A `<picture>` from `picture_data`: a `<source>` per modern format, then the `<img>` with its width, height
    and alt. `attrs` (alt, class, …) go on the `<img>` and override the slot's; None leaves one out."""
    sources = format_html_join(
        "",
        "<source{}>",
        ((flatatt({"type": s["type"], "srcset": s["srcset"], "sizes": data["sizes"]}),) for s in data["sources"]),
    )
    img = {"src": data["url"], "width": data["width"], "height": data["height"], "alt": ""}
    if data["srcset"]:
        img.update(srcset=data["srcset"], sizes=data["sizes"])
    img.update(data["attrs"])
    img.update(attrs)
    img = {name: value for name, value in img.items() if value is not None}
    return format_html("<picture>{}<img{}></picture>", sources, flatatt(img))


def picture(image, slot_name, *, shown_at=None, **attrs):
    """`image` in a slot as a `<picture>` (see `picture_data`) on the page at URL `shown_at`; "" without an image.
    The alt defaults to the image's own."""
    if not image:
        return ""
    attrs.setdefault("alt", image.default_alt_text)
    return picture_html(picture_data(image, slot_name, shown_at=shown_at), **attrs)


# --- Making renditions (off the request path) -------------------------------------------------------------------


def generate_renditions(image, places, *, notify=True):
    """Make the missing renditions of `places` for `image`, together (Wagtail reads the original once and encodes
    in three threads), and return the ones made. Clears the places' pending marks and, with `notify`, sends
    `renditions_created` when it made any or a page showed the original meanwhile."""
    filters = [_filter(spec) for place in places for spec in place.specs_for(image)]
    made = []
    if filters:
        existing = image.find_existing_renditions(*filters)
        missing = [f for f in filters if f not in existing]
        if missing:
            made = list(image.get_renditions(*missing).values())
    _rendition_cache().delete_many([_pending_key(image.pk, place) for place in places])
    if notify:
        shown_at = _take_shown(image.pk)
        if made or shown_at:
            renditions_created.send(sender=type(image), places=set(places), page=None, shown_at=shown_at)
    return made


def queue_renditions(image_id, places, *, unless_pending=False):
    """Have a task make the missing renditions of `places` for an image once the current transaction commits, and
    mark the places pending till it has run. `unless_pending`, for a page that found them missing, marks them at
    once and leaves out the places already marked: till the task runs, pages show what exists without looking in
    the database again."""
    if unless_pending:
        backend = _rendition_cache()
        places = [place for place in places if backend.add(_pending_key(image_id, place), True, PENDING_TIMEOUT)]
        if places:
            transaction.on_commit(partial(enqueue, generate_image_renditions, image_id, [p.name for p in places]))
    elif places:
        transaction.on_commit(partial(_mark_and_enqueue, image_id, list(places)))


def queue_page_renditions(page_id):
    """Have a task make the missing renditions of every image a page shows once the current transaction commits."""
    transaction.on_commit(partial(enqueue, generate_page_renditions, page_id))


def _mark_and_enqueue(image_id, places):
    _rendition_cache().set_many({_pending_key(image_id, place): True for place in places}, PENDING_TIMEOUT)
    enqueue(generate_image_renditions, image_id, [place.name for place in places])


def enqueue(job, *args):
    """`job.enqueue(*args)`, logged rather than raised when the queue (the database) fails: a page view or a save
    that asked for renditions must not fail for them."""
    try:
        job.enqueue(*args)
    except Exception:
        logger.exception("Could not queue %s%s", job.name, args)


def places_in_use(image_ids=None):
    """The places each image is shown in, by image id: the lead, teasers and link preview of an article's own
    image, figures in article bodies (Wagtail's reference index), authors' portraits, print covers. All images
    in use, or those of `image_ids`; one query each."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import ReferenceIndex

    from .models import ArticlePage, Author, PrintIssuePage

    uses = defaultdict(set)

    def add(queryset, field, found_places):
        if image_ids is not None:
            queryset = queryset.filter(**{f"{field}__in": image_ids})
        for image_id in queryset.exclude(**{f"{field}__isnull": True}).values_list(field, flat=True).distinct():
            uses[int(image_id)].update(found_places)

    add(ArticlePage.objects.all(), "image_id", ARTICLE_IMAGE_PLACES)
    add(Author.objects.all(), "photo_id", [PORTRAIT])
    add(PrintIssuePage.objects.all(), "cover_id", [COVER])
    figures = ReferenceIndex.objects.filter(
        content_type=ContentType.objects.get_for_model(ArticlePage),
        to_content_type=ContentType.objects.get_for_model(get_image_model()),
        model_path__startswith="body.",
    )
    add(figures, "to_object_id", [FIGURE])
    return dict(uses)


def queue_renditions_in_use(image_ids=None, *, unless_pending=False):
    """`queue_renditions` for the images in use (all, or those of `image_ids`), each for every place it is shown in:
    what `make_renditions` makes, but in tasks."""
    for image_id, places in places_in_use(image_ids).items():
        queue_renditions(image_id, sorted(places, key=lambda place: place.name), unless_pending=unless_pending)


def images_shown_by(page):
    """(image, places) for every image `page` shows: an article's own image, its figures and its authors'
    portraits; a print issue's cover."""
    from .blocks import FigureBlock
    from .models import ArticlePage, PrintIssuePage

    page = page.specific
    shown = {}

    def add(image, found_places):
        if image is not None:
            shown.setdefault(image.pk, (image, set()))[1].update(found_places)

    if isinstance(page, ArticlePage):
        add(page.image, ARTICLE_IMAGE_PLACES)
        for block in page.body:
            if isinstance(block.block, FigureBlock):
                add(block.value.get("image"), [FIGURE])
        for link in page.article_authors.select_related("author__photo"):
            add(link.author.photo, [PORTRAIT])
    elif isinstance(page, PrintIssuePage):
        add(page.cover, [COVER])
    return list(shown.values())


@task()
def generate_image_renditions(image_id, places=None):
    """Make an image's missing renditions: for the places named, or every place it is used in."""
    image = get_image_model().objects.filter(pk=image_id).first()
    if image is None:
        return 0
    if places is None:
        chosen = sorted(places_in_use([image_id]).get(image_id, ()), key=lambda place: place.name)
    else:
        chosen = [PLACES[name] for name in places]
    return len(generate_renditions(image, chosen))


@task()
def generate_page_renditions(page_id):
    """Make the missing renditions of every image a page shows, as published."""
    from wagtail.models import Page

    page = Page.objects.filter(pk=page_id).first()
    if page is None:
        return 0
    made, made_for, shown_at = 0, set(), []
    for image, found_places in images_shown_by(page):
        try:
            count = len(generate_renditions(image, found_places, notify=False))
        except SourceImageIOError:
            logger.warning("Image %s of page %s has no file; its renditions are not made", image.pk, page_id)
            continue
        shown_at += _take_shown(image.pk)
        if count:
            made += count
            made_for |= found_places
    if made or shown_at:
        renditions_created.send(
            sender=get_image_model(), places=made_for, page=page.specific, shown_at=list(dict.fromkeys(shown_at))
        )
    return made
