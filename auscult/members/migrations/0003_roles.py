"""Roles: Moderators look after members and (later) comments, not pages. Wagtail's default
Moderators group may publish pages; the magazine's moderators may not, and they approve
registrations instead. Staff grant and revoke both groups in the admin (Settings → Users)."""

from django.db import migrations


def set_up_roles(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    GroupPagePermission = apps.get_model("wagtailcore.GroupPagePermission")

    moderators, _ = Group.objects.get_or_create(name="Moderators")
    GroupPagePermission.objects.filter(group=moderators).delete()
    user_type, _ = ContentType.objects.get_or_create(app_label="members", model="user")
    approve, _ = Permission.objects.get_or_create(
        content_type=user_type,
        codename="approve_member",
        defaults={"name": "Can approve or decline member registrations"},
    )
    admin_type, _ = ContentType.objects.get_or_create(app_label="wagtailadmin", model="admin")
    access_admin, _ = Permission.objects.get_or_create(
        content_type=admin_type, codename="access_admin", defaults={"name": "Can access Wagtail admin"}
    )
    moderators.permissions.add(approve, access_admin)


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0002_member_profile"),
        ("wagtailcore", "0002_initial_data"),
        ("publishing", "0003_editor_permissions"),
    ]

    operations = [migrations.RunPython(set_up_roles, migrations.RunPython.noop)]
