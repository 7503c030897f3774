"""For tests of e-mails: the site configured as another magazine, and what every e-mail of its must carry."""

import html
import re
import runpy
from types import SimpleNamespace

from django.utils.html import strip_tags

from auscult.settings import base

NAME = "GP Weekly"
URL = "https://gp.example.com"
FROM = "GP Weekly <no-reply@gp.example.com>"

# Words a British magazine spells otherwise ("e-mail", "sign in"), looked for outside links and addresses.
AMERICANISMS = re.compile(r"\bemails?\b|\blog ?in\b|\bsign-?up\b|\bsign-in\b|\brecogni[sz]e|\bcolor\b", re.IGNORECASE)
LINKS_AND_ADDRESSES = re.compile(r"https?://\S+|\S+@\S+")


def configure(settings, monkeypatch):
    """Settings as base.py makes them from SITE_NAME and SITE_URL, with DEFAULT_FROM_EMAIL left unset."""
    monkeypatch.setenv("SITE_NAME", NAME)
    monkeypatch.setenv("SITE_URL", URL + "/")
    monkeypatch.delenv("DEFAULT_FROM_EMAIL", raising=False)
    configured = runpy.run_path(base.__file__)
    for name in ("WAGTAIL_SITE_NAME", "WAGTAILADMIN_BASE_URL", "DEFAULT_FROM_EMAIL"):
        setattr(settings, name, configured[name])
    return SimpleNamespace(name=NAME, url=URL, from_email=FROM)


def html_part(message):
    (content, mimetype), *others = message.alternatives
    assert mimetype == "text/html" and not others
    return content


def assert_magazines(message, *, subject, link):
    """`message` is the magazine's: its subject, sender, layout and `link` in both parts, in British English."""
    assert message.subject == subject
    assert message.from_email == FROM
    page = html_part(message)
    assert link.startswith(URL + "/") and link in message.body
    assert f'href="{html.escape(link)}"' in page
    for part in (message.body, page):
        assert "testserver" not in part
        assert f"{URL}/" in part and NAME in part
    assert "</html>" in page and "<a href=" not in message.body
    for text in (message.subject, message.body, strip_tags(page)):
        assert not AMERICANISMS.search(LINKS_AND_ADDRESSES.sub("", text)), text


def link_in(message, path_prefix):
    """The absolute link to `path_prefix…` in the plain-text part."""
    return re.search(rf"{re.escape(URL + path_prefix)}\S*", message.body).group(0)
