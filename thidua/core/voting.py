"""The arithmetic of a vote against a share of its electorate (pure; no models), shared by the emulation
cluster's suy tôn vote (thidua/emulation/rules/votes.py) and the awards council's vote
(thidua/awards/rules/council.py). It sits in core because both apps need it, and core imports no
domain app.

- A percentage of the electorate is computed in Decimal and rounded half-up to 2 decimals: the figure
  the minutes show (2 of 3 -> 66.67).
- "more_than" means strictly greater than the threshold; "at_least" means greater than or equal.
- `needed()` is the smallest number of votes that reaches an exact share (a Fraction, so 2/3 and 90%
  are exact): what the council's minutes compare with, with no rounding at the boundary.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from django.utils.translation import gettext as _

from thidua.core.formatting import to_decimal, vn_number

__all__ = [
    "AT_LEAST",
    "MORE_THAN",
    "RULES",
    "needed",
    "passes",
    "percent_of",
    "share_percent",
    "threshold_text",
]

MORE_THAN = "more_than"
AT_LEAST = "at_least"
RULES = (MORE_THAN, AT_LEAST)
_HUNDRED = Decimal(100)
_CENT = Decimal("0.01")
# Thresholds that stand for a fraction no 2-decimal percentage can write exactly.
_FRACTIONS = {Decimal("66.67"): "2/3", Decimal("33.33"): "1/3"}


def percent_of(votes: int, electorate: int) -> Decimal:
    """votes / electorate × 100, rounded half-up to 2 decimals: 2 of 3 -> 66.67."""
    if electorate <= 0:
        raise ValueError("electorate must be at least 1")
    return (Decimal(votes) * _HUNDRED / Decimal(electorate)).quantize(_CENT, rounding=ROUND_HALF_UP)


def share_percent(share: Fraction) -> Decimal:
    """A share as the percentage the minutes write: 9/10 -> 90.00, 2/3 -> 66.67."""
    return (Decimal(share.numerator) * _HUNDRED / Decimal(share.denominator)).quantize(
        _CENT, rounding=ROUND_HALF_UP
    )


def passes(percent: Decimal, threshold_percent: Decimal, rule: str) -> bool:
    if rule == MORE_THAN:
        return percent > threshold_percent
    if rule == AT_LEAST:
        return percent >= threshold_percent
    raise ValueError(f"unknown threshold rule: {rule!r}")


def needed(share: Fraction, electorate: int, rule: str) -> int:
    """The fewest votes that reach `share` of `electorate` under `rule`, compared exactly.

    at_least 9/10 of 10 -> 9; of 11 -> 10 (9/11 is 81.8%); more_than 1/2 of 10 -> 6; of 11 -> 6."""
    if electorate <= 0:
        raise ValueError("electorate must be at least 1")
    exact = share * electorate
    if rule == AT_LEAST:
        return -(-exact.numerator // exact.denominator)  # ceiling
    if rule == MORE_THAN:
        return exact.numerator // exact.denominator + 1
    raise ValueError(f"unknown threshold rule: {rule!r}")


def threshold_text(threshold_percent: object, rule: str) -> str:
    """The rule as the minutes word it: "trên 50%", "từ 2/3 trở lên", "từ 75% trở lên"."""
    value = to_decimal(threshold_percent)
    amount = _FRACTIONS.get(value) or f"{vn_number(value)}%"
    if rule == MORE_THAN:
        # Translators: amount is a share of the voters, such as "50%" or "2/3".
        return _("trên %(amount)s") % {"amount": amount}
    if rule == AT_LEAST:
        # Translators: amount is a share of the voters, such as "50%" or "2/3".
        return _("từ %(amount)s trở lên") % {"amount": amount}
    raise ValueError(f"unknown threshold rule: {rule!r}")
