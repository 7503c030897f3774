"""Roles: Moderators look after members and (later) comments, not pages. Wagtail's default
Moderators group may publish pages; the magazine's moderators may not, and they approve
registrations instead. Staff grant and revoke both groups in the admin (Settings → Users)."""

from django.db import migrations

from auscult.core.permissions import grant


def set_up_roles(apps, schema_editor):
    GroupPagePermission = apps.get_model("wagtailcore.GroupPagePermission")
    moderators = grant(
        apps, "Moderators", [("members", "user", ["approve_member"]), ("wagtailadmin", "admin", ["access_admin"])]
    )
    GroupPagePermission.objects.filter(group=moderators).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0002_member_profile"),
        ("wagtailcore", "0002_initial_data"),
        ("publishing", "0003_editor_permissions"),
    ]

    operations = [migrations.RunPython(set_up_roles, migrations.RunPython.noop)]
