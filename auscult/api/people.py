"""The member's API tokens in their data export, and gone with their account."""

from .models import ApiToken


def export(member):
    return [
        {
            "name": token.name,
            "prefix": token.prefix,
            "scopes": token.scopes,
            "created_at": token.created_at.isoformat(),
            "expires_at": token.expires_at.isoformat(),
            "last_used_at": token.last_used_at.isoformat() if token.last_used_at else None,
            "revoked_at": token.revoked_at.isoformat() if token.revoked_at else None,
        }
        for token in ApiToken.objects.filter(member=member)
    ]


def erase(member):
    ApiToken.objects.filter(member=member).delete()
