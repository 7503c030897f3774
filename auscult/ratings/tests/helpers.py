"""Reading the rating block out of a page or an htmx fragment."""

import uuid

from lxml import html

from auscult.members.tests.factories import MemberFactory


def text_of(element):
    return " ".join(element.text_content().split())


def rating_block(response):
    """The rating block's <section>, from a whole page or a fragment."""
    tree = html.fromstring(response.content.decode())
    sections = tree.xpath('//section[@id="rating"]') if tree.tag != "section" else [tree]
    assert len(sections) == 1, "exactly one rating block"
    return sections[0]


def block_text(response):
    return text_of(rating_block(response))


def new_member(**kwargs):
    """A verified member with a display name that cannot clash.

    MemberFactory's sequence names fold together under the look-alike key ("Dr Member IA" and
    "Dr Member LA"), so a test making a dozen members at once would break the unique constraint."""
    kwargs.setdefault("display_name", f"Rater {uuid.uuid4().hex[:12]}")
    return MemberFactory(**kwargs)
