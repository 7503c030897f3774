"""Moderators moderate comments, read the audit log and keep the reason templates."""

from django.db import migrations

from auscult.core.permissions import grant

GRANTS = [
    ("comments", "comment", ["moderate"]),
    ("moderation", "auditentry", ["view"]),
    ("moderation", "reasontemplate", ["add", "change", "delete", "view"]),
]


def grant_moderators(apps, schema_editor):
    grant(apps, "Moderators", GRANTS)


class Migration(migrations.Migration):
    dependencies = [
        ("moderation", "0004_default_reasons"),
        ("comments", "0004_moderate_permission"),
        ("members", "0003_roles"),
    ]

    operations = [migrations.RunPython(grant_moderators, migrations.RunPython.noop)]
