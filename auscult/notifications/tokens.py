"""One-click unsubscribe (RFC 8058): a token signed for one member and one kind of e-mail, in every notification's
link and `List-Unsubscribe` header. It names nothing readable and works without signing in; it does not expire,
as a link in an old e-mail must still stop the next one."""

from django.core import signing

SALT = "auscult.notifications.unsubscribe"


def unsubscribe_token(member_id, kind):
    return signing.dumps([member_id, str(kind)], salt=SALT, compress=False)


def read_unsubscribe_token(token):
    """(member id, kind) from a token, or None if it is not one we signed."""
    try:
        member_id, kind = signing.loads(token, salt=SALT)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if not isinstance(member_id, int) or not isinstance(kind, str):
        return None
    return member_id, kind


def unsubscribe_link(member_id, kind):
    """The one-click unsubscribe of an e-mail: its address, and the RFC 8058 headers that name it."""
    from django.urls import reverse

    from auscult.core.email import site_url

    url = site_url(reverse("notifications:unsubscribe", args=[unsubscribe_token(member_id, kind)]))
    return url, {"List-Unsubscribe": f"<{url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}
