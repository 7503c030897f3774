"""Who acts: a person (a user, whose permissions are checked), or the system.

Every service that needs a permission takes the actor and checks it itself (`require`), so views, the
API, commands and tests get the same answer. Work nobody asked for in person — surge protection,
commands, tasks, the demo seeder — acts as a named `SystemActor`, never as `None`, which is refused:
forgetting to say who acts must not skip the check.

    require(moderator, "comments.moderate_comment")     # NotPermitted unless they hold it
    record(..., actor=person(by))                        # the user to store, or None for the system
"""

from .errors import NotPermitted


class SystemActor:
    """The site itself acting (`name` says which part); it holds every permission."""

    is_system = True
    pk = None
    is_authenticated = True
    is_staff = False

    def __init__(self, name):
        self.name = name
        self.public_name = name

    def has_perm(self, perm, obj=None):
        return True

    def __repr__(self):
        return f"<SystemActor {self.name}>"


SURGE_PROTECTION = SystemActor("Surge protection")
COMMAND = SystemActor("A management command")


def is_system(actor):
    return isinstance(actor, SystemActor)


def person(actor):
    """The user to store as having acted, or None when the system acted."""
    return None if is_system(actor) else actor


def require(actor, permission, message="You do not have permission to do this.", *, obj=None):
    """Refuse (`NotPermitted`) unless `actor` is the system or a signed-in user holding `permission`."""
    if is_system(actor):
        return actor
    if actor is None or not getattr(actor, "is_authenticated", False) or not actor.is_active:
        raise NotPermitted(message)
    if not actor.has_perm(permission, obj):
        raise NotPermitted(message)
    return actor
