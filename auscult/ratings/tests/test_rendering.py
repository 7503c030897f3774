from decimal import Decimal

import pytest

from auscult.ratings.rendering import format_average, half_stars, stars_text


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (Decimal("4.5"), "4.5"),
        (Decimal(3), "3"),
        (Decimal("3.00"), "3"),
        (Decimal(4) / Decimal(3), "1.33"),
        (Decimal(5) / Decimal(3), "1.67"),
        (Decimal("2.675"), "2.68"),  # half rounds up, not to even
        (Decimal("2.665"), "2.67"),
        (Decimal("4.996"), "5"),
        (Decimal("4.10"), "4.1"),
        (Decimal(1), "1"),
        (5, "5"),
        (2.675, "2.68"),  # a float is read as it prints, not as its binary value
        (None, ""),
    ],
)
def test_format_average(value, shown):
    assert format_average(value) == shown


def test_stars_text_is_singular_for_one():
    assert stars_text(1) == "1 star"
    assert stars_text(4) == "4 stars"


@pytest.mark.parametrize(
    ("value", "halves"), [(None, 0), (Decimal(1), 10), (Decimal("1.33"), 15), (Decimal("4.74"), 45), (Decimal(5), 50)]
)
def test_visual_stars_round_to_the_nearest_half(value, halves):
    assert half_stars(value) == halves
