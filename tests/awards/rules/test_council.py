"""The council's vote: tally boundaries, quorum, dated thresholds; pure."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from thidua.awards.eligibility.codes import AwardCode
from thidua.awards.eligibility.types import Confidence
from thidua.awards.rules.council import (
    BAC_NINH_AWARD_SESSION_QUORUM,
    DEFAULT_QUORUM,
    Choice,
    Threshold,
    ThresholdRule,
    quorum_met,
    session,
    tally,
    threshold_for,
)
from thidua.core.voting import AT_LEAST, MORE_THAN

C, Y, N, X = AwardCode, Choice.AGREE, Choice.DISAGREE, Choice.ABSTAIN
NINETY, EIGHTY, MAJORITY = (
    Threshold(Fraction(9, 10)),
    Threshold(Fraction(4, 5)),
    Threshold(Fraction(1, 2), MORE_THAN),
)


@pytest.mark.parametrize(
    ("members", "ballots", "threshold", "needed", "percent", "passed"),
    [
        (10, [Y] * 9 + [N], NINETY, 9, "90.00", True),  # exactly 90% passes
        (10, [Y] * 8 + [N] * 2, NINETY, 9, "80.00", False),
        (10000, [Y] * 8999, NINETY, 9000, "89.99", False),  # 89.99% fails
        (10000, [Y] * 9000, NINETY, 9000, "90.00", True),
        # 17999 of 20000 is 89.995%, shown as 90.00 in the minutes, and still fails: never rounded up
        (20000, [Y] * 17999, NINETY, 18000, "90.00", False),
        (11, [Y] * 9 + [N] * 2, NINETY, 10, "81.82", False),  # of 11, 90% needs 10
        (15, [Y] * 12 + [X] * 3, EIGHTY, 12, "80.00", True),
        (15, [Y] * 11 + [X] * 4, EIGHTY, 12, "73.33", False),  # abstentions do not agree
        # absent members who did not vote count against the item: the share is of ALL members
        (15, [Y] * 11, EIGHTY, 12, "73.33", False),
        (10, [Y] * 5 + [N] * 5, MAJORITY, 6, "50.00", False),  # half is not more than half
        (10, [Y] * 6, MAJORITY, 6, "60.00", True),
        (1, [], Threshold(Fraction(1, 100)), 1, "0.00", False),  # no vote never passes
    ],
)
def test_tally_boundaries(
    members: int, ballots: list[Choice], threshold: Threshold, needed: int, percent: str, passed: bool
) -> None:
    result = tally(members, ballots, threshold)
    assert (result.needed, result.percent, result.passed) == (needed, Decimal(percent), passed)
    assert result.agree + result.disagree + result.abstain + result.not_voted == members


def test_tally_counts_each_choice_and_the_missing() -> None:
    result = tally(15, [Y] * 10 + [N] * 2 + [X], EIGHTY)
    assert (result.agree, result.disagree, result.abstain, result.cast, result.not_voted) == (10, 2, 1, 13, 2)
    assert result.as_dict() == {
        "members": 15,
        "agree": 10,
        "disagree": 2,
        "abstain": 1,
        "not_voted": 2,
        "percent": "66.67",
        "threshold_share": "4/5",
        "threshold_rule": AT_LEAST,
        "threshold_text": "từ 80% trở lên",
        "needed": 12,
        "passed": False,
    }


def test_tally_refuses_impossible_counts() -> None:
    with pytest.raises(ValueError):
        tally(0, [], NINETY)
    with pytest.raises(ValueError, match="3 ballots for 2 members"):
        tally(2, [Y, Y, N], NINETY)
    with pytest.raises(ValueError):
        tally(3, ["maybe"], NINETY)  # type: ignore[list-item]
    with pytest.raises(ValueError):
        Threshold(Fraction(0))
    with pytest.raises(ValueError):
        Threshold(Fraction(11, 10))
    with pytest.raises(ValueError):
        Threshold(Fraction(1, 2), "most")


@pytest.mark.parametrize(
    ("threshold", "text"),
    [
        (NINETY, "từ 90% trở lên"),
        (EIGHTY, "từ 80% trở lên"),
        (MAJORITY, "trên 50%"),
        (Threshold(Fraction(2, 3)), "từ 2/3 trở lên"),
    ],
)
def test_threshold_text(threshold: Threshold, text: str) -> None:
    assert threshold.text == text


@given(st.integers(1, 60), st.data())
def test_passed_is_exactly_the_share(members: int, data: st.DataObject) -> None:
    agree = data.draw(st.integers(0, members))
    share = data.draw(st.sampled_from([Fraction(9, 10), Fraction(4, 5), Fraction(2, 3), Fraction(1, 2)]))
    rule = data.draw(st.sampled_from([AT_LEAST, MORE_THAN]))
    result = tally(members, [Y] * agree, Threshold(share, rule))
    exact = Fraction(agree, members)
    assert result.passed == (agree > 0 and (exact >= share if rule == AT_LEAST else exact > share))


# --- thresholds as dated data -------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("award", "on", "share", "rule", "confidence"),
    [
        # NĐ 98/2023 Điều 30 khoản 7, 01/01/2024 – 30/06/2025 [V]
        (C.CHIEN_SI_THI_DUA_CAP_TINH, date(2024, 1, 1), Fraction(9, 10), AT_LEAST, Confidence.V),
        (C.CHIEN_SI_THI_DUA_TOAN_QUOC, date(2025, 6, 30), Fraction(9, 10), AT_LEAST, Confidence.V),
        (C.CHIEN_SI_THI_DUA_CO_SO, date(2024, 12, 1), Fraction(4, 5), AT_LEAST, Confidence.V),
        (C.CO_THI_DUA_CAP_TINH, date(2024, 12, 1), Fraction(4, 5), AT_LEAST, Confidence.V),
        (C.CO_THI_DUA_CHINH_PHU, date(2024, 12, 1), Fraction(4, 5), AT_LEAST, Confidence.V),
        # from 01/07/2025 (NĐ 152/2025) unverified: the same figures carried over, marked [U]
        (C.CHIEN_SI_THI_DUA_CAP_TINH, date(2025, 7, 1), Fraction(9, 10), AT_LEAST, Confidence.U),
        (C.CO_THI_DUA_CAP_TINH, date(2026, 12, 1), Fraction(4, 5), AT_LEAST, Confidence.U),
        # other forms: more than half, the provincial default [I], at any date
        (C.BANG_KHEN_CHU_TICH_UBND_TINH, date(2024, 12, 1), Fraction(1, 2), MORE_THAN, Confidence.I),
        (C.TAP_THE_LAO_DONG_XUAT_SAC, date(2026, 12, 1), Fraction(1, 2), MORE_THAN, Confidence.I),
        # before NĐ 98 nothing verified is held: the default
        (C.CHIEN_SI_THI_DUA_CAP_TINH, date(2023, 12, 31), Fraction(1, 2), MORE_THAN, Confidence.I),
    ],
)
def test_national_thresholds_by_date(
    award: AwardCode, on: date, share: Fraction, rule: str, confidence: Confidence
) -> None:
    found = threshold_for(award, on=on)
    assert (found.threshold.share, found.threshold.rule, found.confidence) == (share, rule, confidence)
    assert found.source


PROVINCE = (
    ThresholdRule(
        Threshold(Fraction(9, 10)),
        frozenset({C.CHIEN_SI_THI_DUA_CAP_TINH}),
        date(2025, 7, 1),
        date(2026, 9, 30),
        "Quy chế Hội đồng Thi đua – Khen thưởng tỉnh (giả định)",
        Confidence.V,
    ),
    ThresholdRule(
        Threshold(Fraction(2, 3)), None, date(2026, 1, 1), None, "Quy chế (giả định)", Confidence.V
    ),
)


@pytest.mark.parametrize(
    ("award", "on", "share", "source"),
    [
        (
            C.CHIEN_SI_THI_DUA_CAP_TINH,
            date(2025, 8, 1),
            Fraction(9, 10),
            "Quy chế Hội đồng",
        ),  # the province's own
        (
            C.CHIEN_SI_THI_DUA_CAP_TINH,
            date(2026, 10, 1),
            Fraction(9, 10),
            "Nghị định 98",
        ),  # after its rule ends
        (
            C.BANG_KHEN_CHU_TICH_UBND_TINH,
            date(2026, 3, 1),
            Fraction(2, 3),
            "Quy chế (giả định)",
        ),  # its catch-all
        (C.BANG_KHEN_CHU_TICH_UBND_TINH, date(2025, 12, 31), Fraction(1, 2), "Nguyên tắc đa số"),  # not yet
        # a rule naming the award beats the province's rule for every award
        (C.CO_THI_DUA_CAP_TINH, date(2026, 3, 1), Fraction(4, 5), "Nghị định 98"),
    ],
)
def test_a_provincial_ruleset_overrides(award: AwardCode, on: date, share: Fraction, source: str) -> None:
    found = threshold_for(award, on=on, ruleset=PROVINCE)
    assert found.threshold.share == share
    assert found.source.startswith(source)


# --- quorum ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("members", "present", "met"),
    [(15, 10, True), (15, 9, False), (9, 6, True), (10, 7, True), (10, 6, False), (1, 1, True)],
)
def test_quorum_two_thirds(members: int, present: int, met: bool) -> None:
    assert quorum_met(members=members, present=present) is met


def test_bac_ninh_award_sessions_need_eighty_percent() -> None:
    assert quorum_met(members=15, present=12, quorum=BAC_NINH_AWARD_SESSION_QUORUM) is True
    assert quorum_met(members=15, present=11, quorum=BAC_NINH_AWARD_SESSION_QUORUM) is False
    with pytest.raises(ValueError):
        quorum_met(members=15, present=16)


def test_a_session_gives_the_minutes() -> None:
    items = {
        "item:1": (NINETY, [Y] * 14 + [N]),
        "item:2": (EIGHTY, [Y] * 11 + [X] * 4),
        "item:3": (MAJORITY, [Y] * 8 + [N] * 7),
    }
    sat = session(members=15, present=11, items=items)
    assert (sat.quorum_needed, sat.quorum_met, sat.quorum) == (10, True, DEFAULT_QUORUM)
    assert list(sat.items) == ["item:1", "item:2", "item:3"]
    assert sat.passed == ("item:1", "item:3")
    # without a quorum the counts are kept for the minutes and nothing passes
    short = session(members=15, present=9, items=items)
    assert short.quorum_met is False and short.passed == ()
    assert short.items["item:1"].passed is True
