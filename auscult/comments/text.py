"""Members write plain text. It is escaped, paragraphs are kept, and web addresses become links
that search engines do not follow (rel="nofollow ugc noopener"). No HTML from members is ever
rendered."""

import re

from django.utils.html import escape
from django.utils.safestring import mark_safe

from auscult.core.text import visible

URL_PATTERN = re.compile(r"\b(?:https?://|www\.)[^\s<>\"']+", re.IGNORECASE)
TRAILING_PUNCTUATION = ".,;:!?)]}'\""
LINK_TEXT_LIMIT = 60


def clean_body(text):
    """Normalise what a member typed: Unix newlines, no control or invisible characters (core.text),
    trimmed, at most one blank line."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n")
    text = visible(text, keep="\n\t")
    lines = [line.rstrip() for line in text.split("\n")]
    text = "\n".join(lines).strip()
    return re.sub(r"\n{3,}", "\n\n", text)


def _link(url):
    trail = ""
    while url and url[-1] in TRAILING_PUNCTUATION:
        if url[-1] == ")" and url.count("(") >= url.count(")"):
            break
        trail = url[-1] + trail
        url = url[:-1]
    href = url if url.lower().startswith(("http://", "https://")) else f"https://{url}"
    label = url if len(url) <= LINK_TEXT_LIMIT else url[: LINK_TEXT_LIMIT - 1] + "…"
    return f'<a href="{escape(href)}" rel="nofollow ugc noopener">{escape(label)}</a>{escape(trail)}'


def _inline(text):
    out, last = [], 0
    for match in URL_PATTERN.finditer(text):
        out.append(escape(text[last : match.start()]))
        out.append(_link(match.group(0)))
        last = match.end()
    out.append(escape(text[last:]))
    return "".join(out).replace("\n", "<br>\n")


def render_body(text):
    """Paragraphs (split on blank lines) of escaped text with safe links."""
    paragraphs = [p for p in re.split(r"\n\s*\n", clean_body(text)) if p.strip()]
    return mark_safe("\n".join(f"<p>{_inline(p)}</p>" for p in paragraphs))  # noqa: S308 - _inline escapes all
