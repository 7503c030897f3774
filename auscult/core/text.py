"""What people type, made safe to store and show: no control characters, and none of the invisible
ones that change how the text around them reads (U+202E turns "Dr Smith" into "htimS rD", a
zero-width space makes two equal-looking words differ). Comment bodies, profile fields and query
values all go through here; display names refuse these characters outright (members/display_names.py).
"""

import unicodedata

# Invisible, but it joins two emoji into one (👩 + ⚕ = 👩‍⚕️), so it is kept between them.
ZERO_WIDTH_JOINER = "\u200d"
# Whitespace that str.split() breaks on but that is a control character: kept by `one_line` so that
# "Salaried\tGP" becomes "Salaried GP", not "SalariedGP".
WHITESPACE_CONTROLS = "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f\x85"
# Variation selector 16, "show the one before as an emoji": may come before a joiner.
EMOJI_PRESENTATION = "\ufe0f"


def _is_hidden(ch):
    """Control, format (bidi overrides, zero-width characters, the BOM), surrogate, private-use or
    unassigned: Unicode's "Other" categories."""
    return unicodedata.category(ch)[0] == "C"


def _ends_emoji(ch):
    return unicodedata.category(ch) in ("So", "Sk") or ch == EMOJI_PRESENTATION


def _starts_emoji(ch):
    return unicodedata.category(ch) == "So"


def visible(text, *, keep=""):
    """`text` in NFC without hidden characters, except those in `keep` and a zero-width joiner that
    builds one emoji from two (👩‍⚕️, a health worker): anywhere else that joiner is invisible."""
    text = unicodedata.normalize("NFC", text or "")
    probe = text
    for ch in keep:
        probe = probe.replace(ch, "")
    if probe.isprintable():  # nothing of Unicode's "Other" categories (a joiner is one): nothing to drop
        return text
    chars = [ch for ch in text if ch in keep or ch == ZERO_WIDTH_JOINER or not _is_hidden(ch)]
    out = []
    for i, ch in enumerate(chars):
        if ch == ZERO_WIDTH_JOINER and ch not in keep:
            before = chars[i - 1] if i > 0 else ""
            after = chars[i + 1] if i + 1 < len(chars) else ""
            if not (before and after and _ends_emoji(before) and _starts_emoji(after)):
                continue
        out.append(ch)
    return "".join(out)


def one_line(text):
    """For names, job titles and query values: `visible` text on one line, each run of whitespace
    (newlines and tabs too) one space, trimmed."""
    return " ".join(visible(text, keep=WHITESPACE_CONTROLS).split())


def paragraphs(text):
    """For reasons and notes staff write (a decision's reason, a legal hold's): `visible` text that keeps
    its line breaks and tabs, with Windows line ends made Unix ones, trimmed. PostgreSQL refuses a NUL
    in any string, so a reason read straight from a form must come through here before it is stored."""
    return visible((text or "").replace("\r\n", "\n"), keep="\n\t").strip()
