"""Editors publish pages and maintain authors and the magazine's settings; Wagtail's own migrations give them pages,
images and documents."""

from django.db import migrations

EDITOR_PERMISSIONS = [
    ("publishing", "author", ["add", "change", "delete", "view"]),
    ("publishing", "magazinesettings", ["change"]),
    ("moderation", "moderationsettings", ["change"]),
]


def grant(apps, schema_editor):
    # Permissions are normally created after migrations run; create the few needed here.
    ContentType = apps.get_model("contenttypes.ContentType")
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    editors, _ = Group.objects.get_or_create(name="Editors")
    for app_label, model, actions in EDITOR_PERMISSIONS:
        content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
        for action in actions:
            permission, _ = Permission.objects.get_or_create(
                content_type=content_type, codename=f"{action}_{model}", defaults={"name": f"Can {action} {model}"}
            )
            editors.permissions.add(permission)

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

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
