"""Values from URLs, query strings and forms, as the database will take them (auscult/core/params.py)."""

import pytest
from django.test import RequestFactory

from auscult.core.params import next_path, positive_id, query_text


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("7", 7),
        (7, 7),
        ("000123", 123),
        ("999999999999999999", 999999999999999999),  # 18 digits: fits a 64-bit column
        ("²", None),  # str.isdigit() says yes, int() says no
        ("٣", None),  # int() reads Arabic-Indic digits
        ("３", None),  # full-width
        ("9999999999999999999", None),  # 19 digits may overflow
        ("0", None),
        ("-1", None),
        ("+1", None),
        (" 1", None),
        ("1.0", None),
        ("1e3", None),
        ("", None),
        (None, None),
        ("\x00", None),
    ],
)
def test_positive_id_takes_only_ascii_digits_that_fit(value, expected):
    assert positive_id(value) == expected


def test_query_text_is_one_line_without_hidden_characters_and_cut():
    assert query_text("  flu\x00 \u202ejab\u200b\n clinics ", max_length=200) == "flu jab clinics"
    assert query_text("a" * 300, max_length=200) == "a" * 200
    assert query_text(None, max_length=10) == ""


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("/admin/moderation/?queue=held", "/admin/moderation/?queue=held"),
        ("-1", "/home/"),  # a relative reference redirect() would try as a URL name: a 500
        ("²", "/home/"),
        ("//evil.example/", "/home/"),
        ("javascript:alert(1)", "/home/"),
        ("https://evil.example/", "/home/"),
        ("", "/home/"),
        (None, "/home/"),
    ],
)
def test_next_path_is_a_path_on_this_site_or_the_default(value, expected):
    assert next_path(RequestFactory().get("/"), value, default="/home/") == expected
