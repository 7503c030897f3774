"""Images as browsers want them (issue 12): AVIF and WebP sources with widths and sizes, width and height on every
`<img>`, lazy below the fold; renditions made in a task after an upload or a publish, never by a page view."""

import uuid
from io import StringIO

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from lxml import html
from wagtail.images import get_image_model
from wagtail.images.models import Filter, Rendition
from wagtail.images.rect import Rect

from auscult.publishing import images
from auscult.publishing.chrome import get_chrome
from auscult.publishing.models import PrintIssueIndexPage, PrintIssuePage
from auscult.publishing.storage import RenditionStorage

from .factories import ArticlePageFactory, AuthorFactory, ImageFactory, SectionPageFactory, home_page, paragraph

pytestmark = pytest.mark.django_db

# AVIF first where this Pillow writes it (it does on the project's machines), then WebP.
SOURCE_TYPES = [images.MIME_TYPES[fmt] for fmt in images.MODERN_FORMATS]


def figure(image, alt_text="A practice nurse takes a blood sample"):
    value = {"image": image.pk, "alt_text": alt_text, "caption": "", "credit": ""}
    return {"type": "image", "value": value, "id": str(uuid.uuid4())}


def article_with_images(**kwargs):
    """A draft with a lead image, a figure and an author's photo; nothing published, so no renditions asked for."""
    author = AuthorFactory(photo=ImageFactory(title="Portrait"))
    return ArticlePageFactory(
        live=False,
        image=ImageFactory(title="A waiting room"),
        authors=[author],
        body=[paragraph("Practices were told on Monday."), figure(ImageFactory(title="Figure"))],
        **kwargs,
    )


def publish(page, capture):
    with capture(execute=True):
        page.save_revision().publish()
    page.refresh_from_db()
    return page


def expected_specs(image, *places):
    return {spec for place in places for spec in place.specs_for(image)}


def made_specs(image):
    return set(image.renditions.values_list("filter_spec", flat=True))


def get_doc(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return html.fromstring(response.content)


def srcset_entries(srcset):
    """(file name under MEDIA_ROOT, width) for each candidate of a srcset."""
    entries = []
    for candidate in srcset.split(","):
        url, width = candidate.split()
        assert url.startswith(settings.MEDIA_URL) and width.endswith("w")
        entries.append((url[len(settings.MEDIA_URL) :], int(width[:-1])))
    return entries


def assert_renditions_on_disk(srcset):
    entries = srcset_entries(srcset)
    for name, width in entries:
        rendition = Rendition.objects.get(file=name)
        assert rendition.width == width
        assert default_storage.exists(name)
    return entries


def test_an_article_lead_is_a_picture_of_avif_and_webp_renditions_in_several_widths(
    client, django_capture_on_commit_callbacks
):
    article = publish(article_with_images(), django_capture_on_commit_callbacks)

    doc = get_doc(client, article.url)
    picture = doc.cssselect(".article__lead picture")[0]
    sources = {source.get("type"): source for source in picture.cssselect("source")}
    assert list(sources) == SOURCE_TYPES
    for source in sources.values():
        assert source.get("sizes") == images.SLOTS["lead"].sizes
        entries = assert_renditions_on_disk(source.get("srcset"))
        assert len(entries) >= 3 and len({width for _, width in entries}) == len(entries)
    img = picture.cssselect("img")[0]
    assert len(assert_renditions_on_disk(img.get("srcset"))) >= 3
    rendition = Rendition.objects.get(file=img.get("src")[len(settings.MEDIA_URL) :])
    assert (img.get("width"), img.get("height")) == (str(rendition.width), str(rendition.height))
    assert rendition.width * 9 == rendition.height * 16
    assert img.get("alt") == "A waiting room"
    # Above the fold: fetched first, never lazily.
    assert img.get("fetchpriority") == "high"
    assert img.get("loading") is None and img.get("decoding") is None

    byline = doc.cssselect(".byline__author picture img.byline__photo")[0]
    assert byline.get("loading") is None and byline.get("width") and byline.get("height")
    body_figure = doc.cssselect(".body-figure picture img")[0]
    assert body_figure.get("alt") == "A practice nurse takes a blood sample"
    assert body_figure.get("loading") == "lazy" and body_figure.get("decoding") == "async"


def test_a_teaser_below_the_fold_is_lazy_and_the_front_page_lead_is_not(client, django_capture_on_commit_callbacks):
    section = SectionPageFactory(slug="news")
    with django_capture_on_commit_callbacks(execute=True):
        article = ArticlePageFactory(parent=section, image=ImageFactory())

    img = get_doc(client, section.url).cssselect(".teaser__image picture img")[0]
    assert (img.get("loading"), img.get("decoding")) == ("lazy", "async")
    assert img.get("sizes") == images.SLOTS["teaser-row"].sizes
    assert img.get("width") and img.get("height") and img.get("alt") == ""
    assert_renditions_on_disk(img.get("srcset"))

    lead = get_doc(client, home_page().url).cssselect(".front__lead .teaser__image img")[0]
    assert lead.get("loading") is None and lead.get("fetchpriority") == "high"
    assert article.image.renditions.exists()


def test_publishing_a_page_makes_the_renditions_of_every_image_it_shows(django_capture_on_commit_callbacks):
    article = article_with_images()
    lead, portrait = article.image, article.authors[0].photo
    body_image = get_image_model().objects.get(title="Figure")
    assert not Rendition.objects.exists()

    publish(article, django_capture_on_commit_callbacks)

    assert made_specs(lead) == expected_specs(lead, images.LEAD, images.THUMBNAIL, images.SOCIAL)
    assert made_specs(body_image) == expected_specs(body_image, images.FIGURE)
    assert made_specs(portrait) == expected_specs(portrait, images.PORTRAIT)
    formats = {spec.rsplit("format-", 1)[-1] for spec in made_specs(lead) if "format-" in spec}
    assert formats == set(images.MODERN_FORMATS)


def test_the_publish_request_makes_no_rendition_the_task_after_it_makes_them(django_capture_on_commit_callbacks):
    article = article_with_images()

    with django_capture_on_commit_callbacks() as queued:
        article.save_revision().publish()
    assert not Rendition.objects.exists()  # not even the link preview's: the editor waits for nothing

    for callback in queued:
        callback()
    assert expected_specs(article.image, images.SOCIAL) <= made_specs(article.image)


def test_a_page_with_renditions_missing_makes_none_shows_the_original_and_queues_them(
    client, django_capture_on_commit_callbacks
):
    article = ArticlePageFactory(image=ImageFactory(title="A waiting room"))  # published; its task never ran
    image = article.image
    before = Rendition.objects.count()

    with django_capture_on_commit_callbacks() as queued:
        doc = get_doc(client, article.url)

    assert Rendition.objects.count() == before
    img = doc.cssselect(".article__lead picture img")[0]
    assert img.get("src") == image.file.url
    assert (img.get("width"), img.get("height")) == (str(image.width), str(image.height))
    assert img.get("alt") == "A waiting room" and not img.get("srcset")
    assert not doc.cssselect(".article__lead picture source")

    # What the page queued makes them, and purges the page that showed the original; it shows them from then on.
    assert queued
    sent = []
    images.renditions_created.connect(lambda sender, **kwargs: sent.append(kwargs), weak=False, dispatch_uid="t")
    try:
        with django_capture_on_commit_callbacks(execute=True):
            for callback in queued:
                callback()
    finally:
        images.renditions_created.disconnect(dispatch_uid="t")
    assert expected_specs(image, images.LEAD) <= made_specs(image)
    assert sent[0]["shown_at"] == ["http://testserver" + article.url]
    sources = get_doc(client, article.url).cssselect(".article__lead picture source")
    assert [source.get("type") for source in sources] == SOURCE_TYPES


def test_a_page_asks_for_missing_renditions_once_until_they_are_made(client, django_capture_on_commit_callbacks):
    section = SectionPageFactory(slug="news")
    ArticlePageFactory(parent=section, image=ImageFactory())
    with django_capture_on_commit_callbacks() as first:
        client.get(section.url)
    with django_capture_on_commit_callbacks() as second:
        client.get(section.url)

    assert first and not second


def test_saving_an_author_with_a_photo_or_a_new_focal_point_makes_renditions(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        photo = AuthorFactory(photo=ImageFactory()).photo
    assert made_specs(photo) == expected_specs(photo, images.PORTRAIT)

    with django_capture_on_commit_callbacks(execute=True):
        photo.set_focal_point(Rect(100, 100, 400, 400))
        photo.save()
    photo.refresh_from_db()
    spec = images.PORTRAIT.fallback_spec
    keys = set(photo.renditions.filter(filter_spec=spec).values_list("focal_point_key", flat=True))
    assert Filter(spec).get_cache_key(photo) in keys and len(keys) == 2


def test_the_query_count_does_not_change_once_renditions_exist(client):
    section = SectionPageFactory(slug="news")
    articles = [ArticlePageFactory(parent=section, image=ImageFactory()) for _ in range(3)]

    def queries():
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        client.get(section.url)
        with CaptureQueriesContext(connection) as ctx:
            client.get(section.url)
        return len(ctx.captured_queries)

    missing = queries()
    call_command("make_renditions", stdout=StringIO())
    assert articles[0].image.renditions.count() > 1
    assert queries() == missing


def test_make_renditions_fills_the_gaps_with_progress():
    article = article_with_images()
    article.save_revision().publish()  # its task never runs here
    lead, portrait = article.image, article.authors[0].photo
    body_image = get_image_model().objects.get(title="Figure")
    unused = ImageFactory()
    out = StringIO()

    call_command("make_renditions", stdout=out)

    assert made_specs(lead) == expected_specs(lead, images.LEAD, images.THUMBNAIL, images.SOCIAL)
    assert made_specs(body_image) == expected_specs(body_image, images.FIGURE)
    assert made_specs(portrait) == expected_specs(portrait, images.PORTRAIT)
    assert not unused.renditions.exists()  # shown nowhere
    lines = out.getvalue().splitlines()
    assert [line[:6] for line in lines[:3]] == ["[1/3] ", "[2/3] ", "[3/3] "]
    assert "renditions made for 3 images" in lines[-1]

    again = StringIO()
    call_command("make_renditions", stdout=again)
    assert "0 renditions made" in again.getvalue()


def test_the_masthead_cover_follows_its_renditions():
    index = PrintIssueIndexPage(title="Print archive", slug="issues")
    home_page().add_child(instance=index)
    index.save_revision().publish()
    issue = PrintIssuePage(title="June 2026", slug="2026-06", issue_date="2026-06-01", cover=ImageFactory())
    index.add_child(instance=issue)
    issue.save_revision().publish()

    cover = get_chrome()["latest_issue"]["cover"]
    assert cover["url"] == issue.cover.file.url and not cover["sources"]

    call_command("make_renditions", stdout=StringIO())

    cover = get_chrome()["latest_issue"]["cover"]
    assert [source["type"] for source in cover["sources"]] == SOURCE_TYPES
    assert cover["sizes"] == images.SLOTS["masthead"].sizes
    assert_renditions_on_disk(cover["srcset"])


def test_a_small_image_gets_no_copies_of_itself_under_larger_names():
    image = ImageFactory(file__width=500, file__height=300)

    # 3:2 from 500x300 is at most 450 wide: 240, then 480 (made 450 wide); nothing larger.
    assert images.THUMBNAIL.widths_for(image) == (240, 480)
    assert images.FIGURE.widths_for(image) == (480, 640)
    assert images.LEAD.widths_for(image) == (640,)


def test_rendition_files_never_reuse_a_name(tmp_path):
    storage = RenditionStorage(location=tmp_path)
    first = storage.save("images/photo.fill-480x320.jpg", ContentFile(b"one"))
    storage.delete(first)
    second = storage.save("images/photo.fill-480x320.jpg", ContentFile(b"two"))

    assert first != second
    assert first.startswith("images/photo.fill-480x320.") and first.endswith(".jpg")
