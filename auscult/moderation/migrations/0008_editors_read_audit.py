"""Editors read the audit log and the time-to-decision figures."""

from django.db import migrations

from auscult.core.permissions import grant


def grant_editors(apps, schema_editor):
    grant(apps, "Editors", [("moderation", "auditentry", ["view"])])


class Migration(migrations.Migration):
    dependencies = [("moderation", "0007_sanctions")]

    operations = [migrations.RunPython(grant_editors, migrations.RunPython.noop)]
