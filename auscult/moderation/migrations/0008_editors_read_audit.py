"""Editors read the audit log and the time-to-decision figures."""

from django.db import migrations


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label="moderation", model="auditentry")
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename="view_auditentry", defaults={"name": "Can view audit entry"}
    )
    Group.objects.get_or_create(name="Editors")[0].permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [("moderation", "0007_sanctions")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
