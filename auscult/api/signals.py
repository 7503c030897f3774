"""A new password revokes every API token of the member: whoever changes or resets a password because someone else
may have it must not leave that someone a key that outlives it."""

from allauth.account.signals import password_changed, password_reset, password_set

from . import tokens


def _revoke(sender, request=None, user=None, **kwargs):
    if user is not None:
        tokens.revoke_all(user)


def connect():
    for signal in (password_changed, password_reset, password_set):
        signal.connect(_revoke, dispatch_uid=f"api.revoke_tokens.{id(signal)}")
