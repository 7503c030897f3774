"""Members' public display names: what is allowed, and when two names clash.

Pure functions, no models. ``validate_display_name`` cleans and checks a name a
member chooses. ``display_name_key`` is the comparison key behind "unique,
ignoring case": two names with the same key may not both be used, and a name
whose key matches a reserved word or a staff member's name may not be chosen
(``is_reserved``).

The key is deliberately aggressive. Besides case, accents, spaces and
punctuation it folds look-alikes ("0"/"o", "1"/"l"/"i", "rn"/"m", Cyrillic
"а"/Latin "a", ...), so "Dr S Khan", "Dr. S. Kh4n" and "Dr S Кhan" (Cyrillic
К) all clash. False positives are acceptable: the member just picks another
name, e.g. by adding an initial. A false negative lets someone pass as another
member, or as staff.
"""

import re
import unicodedata
from collections.abc import Iterable

from django.core.exceptions import ValidationError

# ValidationError codes raised by validate_display_name.
TOO_SHORT = "too_short"
TOO_LONG = "too_long"
INVALID_CHARACTERS = "invalid_characters"
MUST_START_WITH_LETTER = "must_start_with_letter"

# Length limits, in characters, of a cleaned name.
MIN_LENGTH = 3
MAX_LENGTH = 30

# Help text for the display name field.
RULES_HELP = (
    f"{MIN_LENGTH}–{MAX_LENGTH} characters: letters, numbers, spaces, full stops, hyphens and apostrophes, "
    "starting with a letter. Using your own name? Add an initial to tell yourself apart, e.g. Dr S J Khan."
)

# Names (compared by key) that no member may take; these words also may not appear inside a name.
RESERVED_WORDS = (
    "editor",
    "moderator",
    "admin",
    "administrator",
    "auscult",
    "anonymous",
    "deleted member",
)
# Reserved only as the whole name: as words they are part of real job titles ("Staff Nurse Jones").
RESERVED_WHOLE_NAMES = ("staff", "official", "support", "the team")

# Characters allowed besides Latin letters: ASCII digits, space, full stop, hyphen and both apostrophes.
_ALLOWED_OTHER = frozenset("0123456789 .-'’")

# Cyrillic and Greek letters that look like Latin ones, both cases (applied before case folding, because
# Greek "Ν" looks like "N" but "ν" like "v"). Plus Latin letters that NFKD does not decompose.
_HOMOGLYPHS = str.maketrans(
    {
        # Cyrillic
        "а": "a", "А": "A", "в": "b", "В": "B", "е": "e", "Е": "E", "һ": "h", "н": "h", "Н": "H", "і": "i",
        "І": "I", "ј": "j", "Ј": "J", "к": "k", "К": "K", "м": "m", "М": "M", "о": "o", "О": "O", "р": "p",
        "Р": "P", "с": "c", "С": "C", "т": "t", "Т": "T", "у": "y", "У": "Y", "х": "x", "Х": "X", "ѕ": "s",
        "Ѕ": "S", "ԁ": "d", "ԛ": "q", "Ԛ": "Q", "ԝ": "w", "Ԝ": "W", "ь": "b", "Ь": "b",
        # Greek
        "α": "a", "Α": "A", "β": "b", "Β": "B", "ε": "e", "Ε": "E", "Ζ": "Z", "η": "n", "Η": "H", "ι": "i",
        "Ι": "I", "κ": "k", "Κ": "K", "Μ": "M", "ν": "v", "Ν": "N", "ο": "o", "Ο": "O", "ρ": "p", "Ρ": "P",
        "τ": "t", "Τ": "T", "υ": "u", "Υ": "Y", "χ": "x", "Χ": "X",
        # Latin (and IPA) letters without a decomposition
        "ɡ": "g", "ı": "i", "ȷ": "j", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ð": "d",
        "Ð": "D", "ħ": "h", "Ħ": "H", "ŧ": "t", "Ŧ": "T", "ƀ": "b", "æ": "ae", "Æ": "AE", "œ": "oe",
        "Œ": "OE", "þ": "th", "Þ": "TH", "ŋ": "n", "Ŋ": "N", "ɛ": "e", "Ɛ": "E", "ɔ": "o", "Ɔ": "O", "ə": "e",
        "Ə": "E", "ɑ": "a",
    }
)  # fmt: skip

# Digits and symbols that stand in for letters (after case folding). "i" goes to "l" with "1", "|" and "!".
_LOOKALIKES = str.maketrans(
    {"0": "o", "1": "l", "i": "l", "|": "l", "!": "l", "3": "e", "4": "a", "5": "s", "7": "t", "8": "b",
     "9": "g", "$": "s", "@": "a"}
)  # fmt: skip

# Letter pairs that read as one letter, replaced in this order.
_DIGRAPHS = (("rn", "m"), ("vv", "w"), ("cl", "d"))

_NOT_A_TO_Z = re.compile(r"[^a-z]+")

# Where is_reserved splits a name into words: whitespace and punctuation, but not the look-alike
# symbols (so "Ed!tor" stays one word).
_WORD_SEPARATORS = re.compile(r"[\s.,;:'’\"\-_/\\()\[\]{}]+")


def _is_allowed(ch: str) -> bool:
    if ch in _ALLOWED_OTHER:
        return True
    # A Latin letter must count in the key: one that folds to nothing ("ɦ", "ʙ", "ǀ") would let
    # "Dr S Kɦan" pass for "Dr S Khan". Compatibility characters (ligatures such as "ﬃ", "ǈ") are refused
    # so that the key fits in twice MAX_LENGTH ("ß" → "ss", "æ" → "ae" are the longest allowed).
    return (
        ch.isalpha()
        and unicodedata.name(ch, "").startswith("LATIN")
        and unicodedata.normalize("NFKC", ch) == ch
        and display_name_key(ch) != ""
    )


def validate_display_name(name: str) -> str:
    """Return ``name`` cleaned (NFC, whitespace trimmed and collapsed) or raise ValidationError.

    Allowed: Latin letters (accents are fine), ASCII digits, spaces, full
    stops, hyphens and apostrophes (' and ’), starting with a letter,
    ``MIN_LENGTH``–``MAX_LENGTH`` characters. Other scripts are refused
    because they make look-alike names easy; so are emoji, invisible
    characters, ligatures ("ﬁ") and the Latin letters that
    ``display_name_key`` cannot fold to a–z (IPA letters such as "ɦ").
    Uniqueness and reserved names are checked by the caller with
    ``display_name_key`` and ``is_reserved``.
    """
    cleaned = " ".join(unicodedata.normalize("NFC", name).split())
    if len(cleaned) < MIN_LENGTH:
        raise ValidationError(
            "Your display name must be at least %(limit)d characters long.",
            code=TOO_SHORT,
            params={"limit": MIN_LENGTH},
        )
    if len(cleaned) > MAX_LENGTH:
        raise ValidationError(
            "Your display name can be at most %(limit)d characters long.",
            code=TOO_LONG,
            params={"limit": MAX_LENGTH},
        )
    if not all(_is_allowed(ch) for ch in cleaned):
        raise ValidationError(
            "Your display name can only contain letters (accents are fine), numbers, spaces, full stops, "
            "hyphens and apostrophes.",
            code=INVALID_CHARACTERS,
        )
    if not cleaned[0].isalpha():
        raise ValidationError("Your display name must start with a letter.", code=MUST_START_WITH_LETTER)
    return cleaned


def display_name_key(name: str) -> str:
    """The key two display names are compared by: equal keys mean the names clash.

    Steps: NFKD and drop combining marks (é → e, full-width → ASCII); map
    Cyrillic/Greek look-alikes and undecomposable Latin letters (ø → o) to
    ASCII; casefold; map look-alike digits and symbols (0 → o; 1, i, |, ! →
    l; ...); drop everything but a–z; then rn → m, vv → w, cl → d. The result
    is a–z only, and ``display_name_key(display_name_key(x)) ==
    display_name_key(x)``. A name in an unlisted script has an empty key.
    """
    decomposed = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    text = text.translate(_HOMOGLYPHS).casefold()
    # Case folding can produce new combining marks or compatibility characters.
    text = "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))
    text = text.translate(_LOOKALIKES)
    # Drop separators before the digraphs so that "r.n" and "rn" give the same key.
    text = _NOT_A_TO_Z.sub("", text)
    for pair, letter in _DIGRAPHS:
        text = text.replace(pair, letter)
    return text


_RESERVED_KEYS = frozenset(display_name_key(word) for word in RESERVED_WORDS)
_RESERVED_WHOLE_KEYS = frozenset(display_name_key(name) for name in RESERVED_WHOLE_NAMES)
# is_reserved looks for reserved words in runs of up to this many words of a name: "Deleted Member"
# is two, and a word may be split once or twice to slip past ("Ed Itor", "Ad Mi N").
_WORDS_PER_RUN = 3


def is_reserved(name: str, extra_names: Iterable[str] = ()) -> bool:
    """True if a member may not take ``name`` because it passes for staff or the site.

    Reserved: a name whose key equals that of a reserved word or phrase, or
    of one of ``extra_names`` (the caller passes the site's name and staff
    members' names); and a name containing a reserved word or phrase as one
    word or a run of up to three words ("The Editor", "Editor Jane", "Ed
    Itor", "Former Deleted Member"), but not inside a longer word ("Creditor").
    """
    key = display_name_key(name)
    if not key:
        return False
    if key in _RESERVED_KEYS or key in _RESERVED_WHOLE_KEYS:
        return True
    if any(key == display_name_key(extra) for extra in extra_names):
        return True
    words = [word for word in _WORD_SEPARATORS.split(name) if word]
    for start in range(len(words)):
        for end in range(start + 1, min(start + _WORDS_PER_RUN, len(words)) + 1):
            if display_name_key(" ".join(words[start:end])) in _RESERVED_KEYS:
                return True
    return False
