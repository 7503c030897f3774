"""Granting model permissions to a group from a data migration (historical models only)."""


def grant(apps, group_name, grants):
    """Give `group_name` each (app_label, model, [actions]) permission, creating rows as needed:
    permissions are normally created after migrations run, too late for these."""
    ContentType = apps.get_model("contenttypes.ContentType")
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    group, _ = Group.objects.get_or_create(name=group_name)
    for app_label, model, actions in grants:
        content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
        for action in actions:
            codename = action if "_" in action else f"{action}_{model}"
            permission, _ = Permission.objects.get_or_create(
                content_type=content_type, codename=codename, defaults={"name": f"Can {codename.replace('_', ' ')}"}
            )
            group.permissions.add(permission)
    return group
