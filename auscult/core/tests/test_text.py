"""Text people type keeps what they meant and loses what hides (auscult/core/text.py)."""

from hypothesis import given
from hypothesis import strategies as st

from auscult.core.text import one_line, paragraphs, visible

HEALTH_WORKER = "\U0001f469\u200d\u2695\ufe0f"  # 👩‍⚕️: woman, zero-width joiner, staff of Aesculapius
HEALTH_WORKER_MEDIUM_SKIN = "\U0001f469\U0001f3fd\u200d\u2695\ufe0f"
RAINBOW_FLAG = "\U0001f3f3\ufe0f\u200d\U0001f308"


def test_bidi_overrides_and_zero_width_characters_go():
    assert visible("Dr \u202eNAHK\u202c S\u200b\u200c\u2066\u2069\ufeff\u00ad") == "Dr NAHK S"


def test_a_joiner_inside_an_emoji_stays_and_any_other_goes():
    for emoji in (HEALTH_WORKER, HEALTH_WORKER_MEDIUM_SKIN, RAINBOW_FLAG):
        assert visible(f"On call {emoji} today") == f"On call {emoji} today"
    assert visible("Jane\u200dSmith") == "JaneSmith"
    assert visible("\u200d\U0001f469") == "\U0001f469"


def test_one_line_turns_breaks_and_tabs_into_single_spaces():
    assert one_line(" Salaried\tGP\r\n\u2028partner ") == "Salaried GP partner"


@given(st.text())
def test_cleaning_twice_changes_nothing(text):
    assert visible(visible(text, keep="\n\t"), keep="\n\t") == visible(text, keep="\n\t")
    assert one_line(one_line(text)) == one_line(text)


def test_paragraphs_keep_line_breaks_and_lose_what_hides():
    assert paragraphs(" Complaint\r\nref\x00 12\u202e\n\n\tSee file\u200b ") == "Complaint\nref 12\n\n\tSee file"
    assert paragraphs("\u200b\ufeff\x00") == ""
    assert paragraphs(None) == ""
