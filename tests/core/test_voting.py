"""The shared vote arithmetic (thidua/core/voting.py), from tables; no database."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from thidua.core.voting import AT_LEAST, MORE_THAN, needed, percent_of, share_percent


@pytest.mark.parametrize(
    ("share", "electorate", "rule", "expected"),
    [
        (Fraction(9, 10), 10, AT_LEAST, 9),  # exactly 90%
        (Fraction(9, 10), 11, AT_LEAST, 10),  # 9/11 = 81.8%, 10/11 = 90.9%
        (Fraction(9, 10), 20, AT_LEAST, 18),
        (Fraction(9, 10), 21, AT_LEAST, 19),  # 18.9 -> 19
        (Fraction(4, 5), 15, AT_LEAST, 12),
        (Fraction(4, 5), 16, AT_LEAST, 13),  # 12.8 -> 13
        (Fraction(2, 3), 3, AT_LEAST, 2),
        (Fraction(2, 3), 4, AT_LEAST, 3),  # 2.67 -> 3
        (Fraction(1, 2), 10, MORE_THAN, 6),  # "trên 50%": 5 of 10 is not more than half
        (Fraction(1, 2), 11, MORE_THAN, 6),
        (Fraction(1, 2), 10, AT_LEAST, 5),
        (Fraction(1), 7, AT_LEAST, 7),
        (Fraction(9, 10), 10000, AT_LEAST, 9000),  # 8999 of 10000 is 89.99%
    ],
)
def test_needed_is_exact(share: Fraction, electorate: int, rule: str, expected: int) -> None:
    assert needed(share, electorate, rule) == expected
    # the smallest count that reaches the share, and one fewer does not
    reach = (
        (lambda votes: votes >= share * electorate)
        if rule == AT_LEAST
        else (lambda v: v > share * electorate)
    )
    assert reach(expected) and not reach(expected - 1)


def test_needed_refuses_nonsense() -> None:
    with pytest.raises(ValueError):
        needed(Fraction(1, 2), 0, AT_LEAST)
    with pytest.raises(ValueError):
        needed(Fraction(1, 2), 3, "most")


@pytest.mark.parametrize(
    ("share", "percent"),
    [
        (Fraction(9, 10), "90.00"),
        (Fraction(4, 5), "80.00"),
        (Fraction(2, 3), "66.67"),
        (Fraction(1, 2), "50.00"),
    ],
)
def test_share_percent(share: Fraction, percent: str) -> None:
    assert share_percent(share) == Decimal(percent)


def test_percent_of_is_half_up() -> None:
    assert percent_of(1, 800) == Decimal("0.13")
    assert percent_of(8999, 10000) == Decimal("89.99")
