"""Editors feature comments and set the comment rules; Wagtail only sees permissions it is given."""

from django.db import migrations

from auscult.core.permissions import grant


def grant_editors(apps, schema_editor):
    grant(
        apps,
        "Editors",
        [
            ("comments", "featuredcomment", ["add", "change", "delete", "view"]),
            ("comments", "commentsettings", ["change"]),
        ],
    )


class Migration(migrations.Migration):
    dependencies = [("comments", "0001_initial"), ("members", "0003_roles")]

    operations = [migrations.RunPython(grant_editors, migrations.RunPython.noop)]
