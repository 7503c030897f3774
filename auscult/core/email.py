"""The magazine's e-mails: one way to render and send them, as plain text with an HTML alternative.

Every e-mail is three templates, `<prefix>_subject.txt`, `<prefix>_message.txt` and
`<prefix>_message.html`, the messages extending `email/base.txt` and `email/base.html` (masthead,
message, a footer with the site's address and why the reader got it). Links and the sender are the
magazine's (SITE_NAME, SITE_URL), never the host a request happened to come in on: the account
adapter (members) and the site's tasks both send through here.
"""

from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string


def site_url(path=""):
    """`path` as an absolute address on the public site (SITE_URL)."""
    return settings.WAGTAILADMIN_BASE_URL + path


def on_site(url):
    """The same link on SITE_URL: allauth builds its links from the request's host."""
    parts = urlsplit(url)
    return site_url(urlunsplit(("", "", parts.path or "/", parts.query, parts.fragment)))


def email_context(context=None):
    """What every e-mail template may use: the magazine's name and address, then `context`."""
    return {"site_name": settings.WAGTAIL_SITE_NAME, "site_url": settings.WAGTAILADMIN_BASE_URL, **(context or {})}


def build_email(template_prefix, to, context=None, *, request=None, headers=None):
    """The e-mail `template_prefix` names, to the addresses `to`, from DEFAULT_FROM_EMAIL (see settings)."""
    context = email_context(context)
    subject = " ".join(render_to_string(f"{template_prefix}_subject.txt", context, request).split())
    text = render_to_string(f"{template_prefix}_message.txt", context, request).strip() + "\n"
    html = render_to_string(f"{template_prefix}_message.html", context, request)
    message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, list(to), headers=headers)
    message.attach_alternative(html, "text/html")
    return message


def send_email(template_prefix, to, context=None):
    """Render and send one e-mail (see build_email)."""
    build_email(template_prefix, to, context).send()
