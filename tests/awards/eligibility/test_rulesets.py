"""Rule-set selection by receipt date, the transition of Luật 06/2026/QH16, the amended set carried
over unverified, rules dated inside a set (G11), and the listing the admin shows."""

from __future__ import annotations

import pytest

from thidua.awards.eligibility import EligibilityInputError, list_criteria, rule_set_for
from thidua.awards.eligibility.codes import AwardCode
from thidua.awards.eligibility.engine import UNVERIFIED_SUFFIX

from .helpers import codes, one, person, run

ND_98, ND_152, SD_06 = "luat-06-2022/nd-98-2023", "luat-06-2022/nd-152-2025", "luat-06-2022/sd-06-2026"
LDTT = "lao_dong_tien_tien"


def ldtt(year: int = 2025, rating: str = "htt", **fields: object) -> dict[str, object]:
    return person(LDTT, year=year, ratings={str(year): rating}, **fields)


@pytest.mark.parametrize(
    ("received", "rule_set"),
    [
        ("2024-01-01", ND_98),
        ("2025-06-30", ND_98),
        ("2025-07-01", ND_152),
        ("2026-09-30", ND_152),
        ("2026-10-01", SD_06),
        ("2027-05-01", SD_06),
    ],
)
def test_rule_set_by_receipt_date(received: str, rule_set: str) -> None:
    # Decided the same day as received: no transition.
    assert one(ldtt(2023), as_of=received).rule_set == rule_set


def test_receipt_date_not_decision_date_selects() -> None:
    result = one(ldtt(2024), as_of="2025-08-01", received_on="2025-06-30")
    assert result.rule_set == ND_98


def test_before_2024_every_result_needs_review_without_a_rule_set() -> None:
    results = run(
        person(LDTT, "chien_si_thi_dua_co_so", year=2023, ratings={"2023": "htxs"}), as_of="2023-12-31"
    )
    assert [(r.outcome, r.rule_set, codes(r)) for r in results] == [
        ("needs_review", None, ["ruleset.before_2024"]),
        ("needs_review", None, ["ruleset.before_2024"]),
    ]
    assert results[0].reasons[0].citation == "Luật Thi đua, khen thưởng 2022, Điều 94, Điều 95"
    assert "31/12/2023" in results[0].reasons[0].message


def test_before_2024_even_when_decided_after_the_amendment() -> None:
    result = one(ldtt(2023), as_of="2026-10-05", received_on="2023-12-01")
    assert (result.outcome, result.rule_set) == ("needs_review", None)


def test_received_after_decided_is_refused() -> None:
    with pytest.raises(EligibilityInputError) as caught:
        one(ldtt(), as_of="2026-01-20", received_on="2026-01-21")
    assert [p.path for p in caught.value.problems] == ["received_on"]


# -- the amended rule set -------------------------------------------------------------------------


def test_amended_set_is_carried_over_and_unverified() -> None:
    result = one(ldtt(2026), as_of="2026-10-01")
    assert (result.outcome, result.rule_set, result.unverified) == ("eligible", SD_06, True)
    (reason,) = result.reasons
    assert not reason.verified
    assert reason.message.endswith(UNVERIFIED_SUFFIX)
    assert reason.message.endswith("(chưa đối chiếu văn bản Luật 06/2026/QH16)")
    # The unamended article is cited as such; no article of Luật 06/2026 is invented.
    assert reason.citation == "Luật Thi đua, khen thưởng 2022, Điều 24 khoản 1 điểm a"
    assert "06/2026" not in reason.citation


def test_amended_set_gates_stay_verified() -> None:
    # G3 is NĐ 152/2025 Điều 4, a decree still in force after 01/10/2026, not an article of the Law.
    result = one(ldtt(2026, pending=[{"kind": "audit", "since": "2026-09-01"}]), as_of="2026-10-02")
    assert (result.outcome, result.unverified) == ("not_eligible", False)


def test_every_amended_criterion_is_listed_unverified() -> None:
    infos = list_criteria(SD_06)
    assert {i.award for i in infos} == set(AwardCode)
    assert all(i.carried_over and not i.verified for i in infos)
    assert all(set(i.confidence.values()) == {"U"} for i in infos)


# -- the transition (Luật 06/2026/QH16, Điều 4 khoản 4) ------------------------------------------------


def test_transition_received_before_decided_after_keeps_the_old_law() -> None:
    result = one(ldtt(2026), as_of="2026-10-05", received_on="2026-09-30")
    assert (result.outcome, result.rule_set) == ("eligible", ND_152)
    assert codes(result) == ["transition.old_law", "ldtt.rating"]
    transition = result.reasons[0]
    assert transition.citation == "Luật số 06/2026/QH16, Điều 4 khoản 4"
    assert transition.facts["old_rule_set"] == ND_152
    assert "30/09/2026" in transition.message
    # The transition clause is known from a secondary source only [S].
    assert not transition.verified and result.unverified
    assert result.reasons[1].verified


def test_transition_from_nd_98() -> None:
    result = one(ldtt(2024, "ht"), as_of="2026-10-05", received_on="2025-06-30")
    assert (result.outcome, result.rule_set) == ("not_eligible", ND_98)
    assert codes(result)[0] == "transition.old_law"


def test_received_on_the_amendment_day_is_the_amended_set_alone() -> None:
    result = one(ldtt(2026), as_of="2026-10-05", received_on="2026-10-01")
    assert result.rule_set == SD_06
    assert "transition.old_law" not in codes(result)


OVERRIDE = {
    SD_06: {
        "chien_si_thi_dua_co_so": {
            "params": {
                "requires_ldtt": False,
                "route": "htxs_or_initiative",
                "initiative_min_scope": "co_so",
            },
            "source": {"number": "12/2026/QĐ-UBND", "date": "2026-10-15", "article": "Điều 5"},
        }
    }
}


def test_transition_takes_the_more_favourable_amended_rule() -> None:
    # Rated "ht" (not LĐTT) but with an initiative: refused under NĐ 152 (Art 23 needs LĐTT), accepted under
    # the province's reading of the amended law, which drops the LĐTT prerequisite.
    subject = person(
        "chien_si_thi_dua_co_so",
        year=2026,
        ratings={"2026": "ht"},
        initiatives=[{"id": "SK", "scope": "co_so", "year": 2026}],
    )
    result = one(subject, as_of="2026-10-20", received_on="2026-09-30", rules=OVERRIDE)
    assert (result.outcome, result.rule_set) == ("eligible", SD_06)
    assert codes(result) == ["transition.more_favourable", "cstdcs.initiative"]
    assert result.reasons[1].citation == "Quyết định 12/2026/QĐ-UBND ngày 15/10/2026, Điều 5"
    assert result.reasons[0].facts["old_outcome"] == "not_eligible"
    plain = one(subject, as_of="2026-10-20", received_on="2026-09-30")
    assert (plain.outcome, plain.rule_set) == ("not_eligible", ND_152)


# -- G11 as dated data -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("as_of", "year", "recruited", "outcome"),
    [
        # nd-98 after TT 01/2024 was issued: 6 months by 31/12 needed; 01/07 gives exactly 6.
        ("2025-03-01", 2024, "2024-07-01", "eligible"),
        ("2025-03-01", 2024, "2024-07-02", "not_eligible"),
        # nd-98 before TT 01/2024 (24/02/2024): the rule then is unknown.
        ("2024-02-01", 2023, "2023-09-01", "needs_review"),
        # nd-152 while TT 01/2024 still applied (until 04/08/2025).
        ("2025-08-04", 2024, "2024-08-01", "not_eligible"),
        # nd-152 under TT 15/2025 (from 05/08/2025): unknown [U], an officer decides.
        ("2025-08-05", 2024, "2024-08-01", "needs_review"),
        ("2026-01-20", 2025, "2025-09-01", "needs_review"),
        ("2026-01-20", 2025, "2025-06-30", "eligible"),
    ],
)
def test_g11_new_recruits_by_date(as_of: str, year: int, recruited: str, outcome: str) -> None:
    result = one(ldtt(year, recruited_on=recruited), as_of=as_of)
    assert result.outcome == outcome
    if outcome != "eligible":
        reason = next(r for r in result.reasons if r.code == "ldtt.recent_recruit")
        assert "Thông tư 01/2024/TT-BNV, Điều 1 khoản 5 điểm d" in reason.citation
        assert reason.verified == (outcome == "not_eligible")
        assert result.unverified == (outcome == "needs_review")


def test_g11_is_two_dated_versions_in_the_listing() -> None:
    versions = [i for i in list_criteria(ND_152) if i.award is AwardCode.LAO_DONG_TIEN_TIEN]
    assert [(str(v.valid_from), str(v.valid_to)) for v in versions] == [
        ("2025-07-01", "2025-08-04"),
        ("2025-08-05", "None"),
    ]
    assert [v.params["recent_recruit_outcome"] for v in versions] == ["not_eligible", "needs_review"]
    assert [v.confidence["recruitment"] for v in versions] == ["V", "U"]


def test_listing_marks_confidence_of_each_clause() -> None:
    infos = {i.award: i for i in list_criteria(ND_152)}
    bk_ttg = infos[AwardCode.BANG_KHEN_THU_TUONG]
    assert bk_ttg.confidence == {"main": "V", "judgement": "V", "collective": "R"}
    assert bk_ttg.params == {
        "prior": "bang_khen_chu_tich_ubnd_tinh",
        "years": 5,
        "min_rating": "htt",
        "min_htxs": 0,
        "min_cstdcs": 3,
        "collective_years": None,
    }
    assert infos[AwardCode.TAP_THE_LAO_DONG_TIEN_TIEN].params["min_ldtt_ratio"] == "0.70"
    assert infos[AwardCode.CHIEN_SI_THI_DUA_CO_SO].citations == {
        "main": "Luật Thi đua, khen thưởng 2022, Điều 23"
    }


def test_rule_set_for_covers_every_day_from_2024() -> None:
    from datetime import date, timedelta

    day = date(2024, 1, 1)
    while day < date(2027, 1, 1):
        assert rule_set_for(day) is not None
        day += timedelta(days=1)
    assert rule_set_for(date(2023, 12, 31)) is None
