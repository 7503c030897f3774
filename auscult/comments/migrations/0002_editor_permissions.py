"""Editors feature comments and set the comment rules; Wagtail only sees permissions it is given."""

from django.db import migrations

GRANTS = {
    "Editors": [("featuredcomment", ["add", "change", "delete", "view"]), ("commentsettings", ["change"])],
}


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    for group_name, models in GRANTS.items():
        group, _ = Group.objects.get_or_create(name=group_name)
        for model, actions in models:
            content_type, _ = ContentType.objects.get_or_create(app_label="comments", model=model)
            for action in actions:
                permission, _ = Permission.objects.get_or_create(
                    content_type=content_type, codename=f"{action}_{model}", defaults={"name": f"Can {action} {model}"}
                )
                group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [("comments", "0001_initial"), ("members", "0003_roles")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
