"""Replace Wagtail's placeholder welcome page with the magazine's home page, so a fresh
database serves the magazine at / before any content exists."""

import uuid

from django.db import migrations


def create_homepage(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    Locale = apps.get_model("wagtailcore.Locale")
    HomePage = apps.get_model("publishing.HomePage")

    page_type = ContentType.objects.get(model="page", app_label="wagtailcore")
    Page.objects.filter(content_type=page_type, slug="home", depth=2).delete()
    if HomePage.objects.exists():
        return
    locale = Locale.objects.order_by("pk").first() or Locale.objects.create(language_code="en-gb")
    home_type, _ = ContentType.objects.get_or_create(model="homepage", app_label="publishing")
    home = HomePage.objects.create(
        title="Auscult",
        draft_title="Auscult",
        slug="home",
        content_type=home_type,
        path="00010001",
        depth=2,
        numchild=0,
        url_path="/home/",
        locale=locale,
        translation_key=uuid.uuid4(),
        live=True,
    )
    Page.objects.filter(depth=1).update(numchild=1)
    Site.objects.create(hostname="localhost", root_page_id=home.pk, is_default_site=True, site_name="Auscult")


class Migration(migrations.Migration):
    dependencies = [("publishing", "0001_initial")]

    operations = [migrations.RunPython(create_homepage, migrations.RunPython.noop)]
