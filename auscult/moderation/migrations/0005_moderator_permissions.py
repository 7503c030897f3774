"""Moderators moderate comments, read the audit log and keep the reason templates."""

from django.db import migrations

GRANTS = [
    ("comments", "comment", ["moderate"]),
    ("moderation", "auditentry", ["view"]),
    ("moderation", "reasontemplate", ["add", "change", "delete", "view"]),
]


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    moderators, _ = Group.objects.get_or_create(name="Moderators")
    for app_label, model, actions in GRANTS:
        content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
        for action in actions:
            permission, _ = Permission.objects.get_or_create(
                content_type=content_type, codename=f"{action}_{model}", defaults={"name": f"Can {action} {model}"}
            )
            moderators.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("moderation", "0004_default_reasons"),
        ("comments", "0004_moderate_permission"),
        ("members", "0003_roles"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
