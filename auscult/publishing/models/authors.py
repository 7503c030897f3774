from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import models
from django.urls import reverse
from django.utils.text import slugify
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.search import index

from auscult.core.admin_widgets import ImageChooser


class AuthorForm(WagtailAdminModelForm):
    """The author's member account is named by its e-mail address: a list of every member would be tens of
    thousands long."""

    member_email = forms.EmailField(
        required=False,
        label="Member account",
        help_text="The e-mail address of the author's member account, if they have one: their comments on their own "
        "articles are then marked as the author's. Leave empty for none.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["photo"].widget = ImageChooser()
        if self.instance.member_id:
            self.fields["member_email"].initial = self.instance.member.email

    def clean_member_email(self):
        email = self.cleaned_data["member_email"].strip()
        if not email:
            self.instance.member = None
            return ""
        member = get_user_model().objects.filter(email__iexact=email).first()
        if member is None:
            raise forms.ValidationError("No member account has this e-mail address.")
        linked = Author.objects.filter(member=member).exclude(pk=self.instance.pk).first()
        if linked is not None:
            raise forms.ValidationError(f"This member account is already linked to {linked.name}.")
        self.instance.member = member
        return email


class AuthorQuerySet(models.QuerySet):
    def listed(self):
        """The authors readers may know of ("Our writers", an author's page, the API): those with a listable
        article (an author whose only pieces are drafts or restricted, e.g. a columnist not yet announced, is not
        named anywhere)."""
        from .pages import ArticlePage

        return self.filter(pk__in=ArticlePage.objects.listable().values("article_authors__author"))


class Author(index.Indexed, models.Model):
    """A writer or columnist; edited as a snippet, shown on /authors/<slug>/."""

    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=120, unique=True, blank=True)
    role = models.CharField(max_length=160, blank=True, help_text="e.g. 'GP partner in Leeds and columnist'")
    photo = models.ForeignKey("wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    bio = models.TextField(blank=True, max_length=1200)
    social_handle = models.CharField(max_length=60, blank=True, help_text="e.g. @drjanedoe")
    contact_email = models.EmailField(blank=True)
    # Their member account, if they comment: their comments on articles they wrote carry the author's badge.
    member = models.OneToOneField(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="author_profile"
    )

    objects = AuthorQuerySet.as_manager()

    base_form_class = AuthorForm
    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("role"),
        FieldPanel("photo"),
        FieldPanel("bio"),
        MultiFieldPanel([FieldPanel("social_handle"), FieldPanel("contact_email")], heading="Contact"),
        FieldPanel("member_email"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name"), index.SearchField("role")]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_author_slug(self.name, exclude_pk=self.pk)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("publishing:author", kwargs={"slug": self.slug})

    @property
    def social_url(self):
        handle = self.social_handle.lstrip("@")
        return f"https://x.com/{handle}" if handle else ""


def byline(authors):
    """The one line that names an article's authors, in byline order, wherever a line is enough (teasers,
    feeds): "A", "A and B", "A, B and C"; "" for none."""
    names = [author.name for author in authors]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def unique_author_slug(name, *, exclude_pk=None):
    base = slugify(name)[:110] or "author"
    slug, n = base, 2
    while Author.objects.filter(slug=slug).exclude(pk=exclude_pk).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug
