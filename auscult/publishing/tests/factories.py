import uuid

import factory
import wagtail_factories
from django.utils import timezone

from auscult.publishing.models import ArticleAuthor, ArticlePage, Author, HomePage, SectionKind, SectionPage


def home_page():
    return HomePage.objects.get()


def paragraph(text):
    return {"type": "paragraph", "value": f"<p>{text}</p>", "id": str(uuid.uuid4())}


def pull_quote(quote, attribution=""):
    return {"type": "pull_quote", "value": {"quote": quote, "attribution": attribution}, "id": str(uuid.uuid4())}


def heading(text):
    return {"type": "heading", "value": text, "id": str(uuid.uuid4())}


class ImageFactory(wagtail_factories.ImageFactory):
    title = factory.Sequence(lambda n: f"Image {n}")
    file = factory.django.ImageField(width=1600, height=1000, color="teal")
    collection = factory.LazyFunction(lambda: wagtail_factories.CollectionFactory._meta.model.get_first_root_node())


class AuthorFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Dr Writer {n}")
    role = "GP partner in Leeds"
    bio = "Writes about the business of general practice."
    social_handle = factory.Sequence(lambda n: f"@writer{n}")
    contact_email = factory.Sequence(lambda n: f"writer{n}@example.com")

    class Meta:
        model = Author


class PublishedPageFactory(wagtail_factories.PageFactory):
    """Creates the page as an editor would: a revision, then publish (unless live=False)."""

    class Meta:
        abstract = True

    @classmethod
    def _create_instance(cls, model_class, parent, kwargs):
        live = kwargs.pop("live", True)
        go_live_at = kwargs.get("go_live_at")
        instance = model_class(live=False, **kwargs)
        parent.add_child(instance=instance)
        revision = instance.save_revision()
        if live or go_live_at:
            revision.publish()
        instance.refresh_from_db()
        return instance


class SectionPageFactory(PublishedPageFactory):
    title = factory.Sequence(lambda n: f"Section {n}")
    kind = SectionKind.NEWS
    parent = factory.LazyFunction(home_page)

    class Meta:
        model = SectionPage


class ArticlePageFactory(PublishedPageFactory):
    title = factory.Sequence(lambda n: f"Practices face new access rules {n}")
    standfirst = "GPs warn that the changes will add to workload without extra funding."
    body = factory.LazyFunction(
        lambda: [paragraph("Practices across England were told on Monday to prepare for change.")]
    )
    publication_date = factory.LazyFunction(timezone.now)
    parent = factory.SubFactory(SectionPageFactory)

    class Meta:
        model = ArticlePage

    @classmethod
    def _create_instance(cls, model_class, parent, kwargs):
        authors = kwargs.pop("authors", None)
        if authors is None:
            authors = [AuthorFactory()]
        kwargs["article_authors"] = [ArticleAuthor(author=a, sort_order=i) for i, a in enumerate(authors)]
        return super()._create_instance(model_class, parent, kwargs)
