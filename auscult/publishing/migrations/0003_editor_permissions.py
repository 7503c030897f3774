"""Editors publish pages and maintain authors and the magazine's settings; Wagtail's own migrations give them pages,
images and documents."""

from django.db import migrations

from auscult.core.permissions import grant

EDITOR_PERMISSIONS = [
    ("publishing", "author", ["add", "change", "delete", "view"]),
    ("publishing", "magazinesettings", ["change"]),
    ("moderation", "moderationsettings", ["change"]),
]


def grant_editors(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Permission = apps.get_model("auth.Permission")
    editors = grant(apps, "Editors", EDITOR_PERMISSIONS)

    # Wagtail's default Editors may only submit pages for moderation; the magazine's editors publish.
    GroupPagePermission = apps.get_model("wagtailcore.GroupPagePermission")
    Page = apps.get_model("wagtailcore.Page")
    page_type, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="page")
    publish, _ = Permission.objects.get_or_create(
        content_type=page_type, codename="publish_page", defaults={"name": "Can publish any page"}
    )
    root = Page.objects.filter(depth=1).first()
    if root:
        GroupPagePermission.objects.get_or_create(group=editors, page=root, permission=publish)


class Migration(migrations.Migration):
    dependencies = [
        ("publishing", "0002_create_homepage"),
        ("moderation", "0001_initial"),
        ("wagtailcore", "0002_initial_data"),
    ]

    operations = [migrations.RunPython(grant_editors, migrations.RunPython.noop)]
