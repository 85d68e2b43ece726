"""Gates G3, G4, G8, G9 and a merger's lineage, each alone and combined."""

from __future__ import annotations

import pytest

from .helpers import codes, cstdcs, one, person, ratings, unit

CSTDCS = "chien_si_thi_dua_co_so"
LDTT = "lao_dong_tien_tien"
BK_TINH = "bang_khen_chu_tich_ubnd_tinh"
PENDING = [{"kind": "complaint", "since": "2025-12-01"}]


def canh_cao(start: str, end: str) -> list[dict[str, str]]:
    return [{"level": "canh_cao", "from": start, "to": end}]


# -- G3: an open matter ---------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["discipline_review", "investigation", "inspection", "audit", "complaint"])
def test_g3_any_open_matter_refuses_whatever_else(kind: str) -> None:
    result = one(person(CSTDCS, ratings={"2025": "htxs"}, pending=[{"kind": kind, "since": "2025-11-02"}]))
    assert result.outcome == "not_eligible"
    assert codes(result) == ["gate.g3_pending"]
    assert result.reasons[0].citation == "Nghị định 152/2025/NĐ-CP, Điều 4"


def test_g3_applies_to_every_request_of_the_subject() -> None:
    from .helpers import run

    results = run(person(CSTDCS, LDTT, ratings={"2025": "htxs"}, pending=PENDING))
    assert [r.outcome for r in results] == ["not_eligible", "not_eligible"]


def test_g3_under_nd_98_cites_its_decree() -> None:
    result = one(person(LDTT, year=2024, ratings={"2024": "htt"}, pending=PENDING), as_of="2025-03-01")
    assert result.reasons[0].citation == "Nghị định 98/2023/NĐ-CP, Điều 4"


# -- G4: years before the end of a discipline do not count -----------------------------------------


@pytest.mark.parametrize(
    ("end", "outcome"),
    [
        ("2025-01-01", "eligible"),  # 2025 began on the day the period ended: it counts
        ("2025-01-02", "not_eligible"),  # 2025 began the day before: it does not
        ("2024-06-30", "eligible"),
        ("2025-12-31", "not_eligible"),
    ],
)
def test_g4_boundary_of_the_year_under_consideration(end: str, outcome: str) -> None:
    result = one(person(LDTT, ratings={"2025": "htt"}, discipline=canh_cao("2024-01-02", end)))
    assert result.outcome == outcome
    if outcome == "not_eligible":
        assert codes(result) == ["ldtt.rating", "gate.g4_discipline"]
        assert result.reasons[1].facts["years_not_counted"] == [2025]


def test_g4_breaks_a_chain() -> None:
    subject = person(
        "chien_si_thi_dua_cap_tinh",
        honours=cstdcs(2023, 2024, 2025),
        initiatives=[{"id": "SK", "scope": "tinh", "year": 2025}],
        discipline=canh_cao("2023-03-01", "2023-09-01"),
    )
    result = one(subject)
    assert result.outcome == "not_eligible"
    assert codes(result) == ["cstd_tinh.chain", "gate.g4_discipline"]
    assert "có 2: 2024, 2025" in result.reasons[0].message
    assert "Kỷ luật đến ngày 01/09/2023" in result.reasons[1].message


def test_g4_initiative_recognised_during_discipline_does_not_count() -> None:
    subject = person(
        CSTDCS,
        ratings={"2025": "htt"},
        initiatives=[{"id": "SK", "scope": "co_so", "year": 2025}],
        discipline=canh_cao("2025-02-01", "2025-08-01"),
    )
    assert one(subject).outcome == "not_eligible"


def test_g4_the_latest_discipline_governs() -> None:
    subject = person(
        LDTT,
        ratings={"2025": "htt"},
        discipline=[*canh_cao("2025-02-01", "2025-08-01"), *canh_cao("2020-01-01", "2020-12-01")],
    )
    assert "gate.g4_discipline" in codes(one(subject))


# -- G8: an initiative supports one honour ---------------------------------------------------------


def test_g8_initiative_used_for_another_honour() -> None:
    subject = person(
        CSTDCS,
        ratings={"2025": "htt"},
        initiatives=[{"id": "SK", "scope": "co_so", "year": 2025, "used_for": BK_TINH}],
    )
    result = one(subject)
    assert result.outcome == "not_eligible"
    assert codes(result) == ["cstdcs.htxs_or_initiative", "gate.g8_initiative"]
    assert "SK đã dùng cho Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh" in result.reasons[1].message
    assert result.reasons[1].citation.startswith("Công văn 5007/BNV-TĐKT")


def test_g8_bang_khen_needs_initiatives_other_than_the_cstdcs_ones() -> None:
    used = [
        {"id": "A", "scope": "co_so", "year": 2024, "used_for": CSTDCS},
        {"id": "B", "scope": "co_so", "year": 2025, "used_for": None},
    ]
    result = one(person(BK_TINH, ratings=ratings("htxs", 2024, 2025), initiatives=used))
    assert result.outcome == "not_eligible"
    assert "gate.g8_initiative" in codes(result)
    fresh = [*used, {"id": "C", "scope": "tinh", "year": 2024}]
    assert one(person(BK_TINH, ratings=ratings("htxs", 2024, 2025), initiatives=fresh)).outcome == "eligible"


def test_g8_the_same_initiative_twice_is_refused_by_the_parser() -> None:
    from thidua.awards.eligibility import EligibilityInputError

    twice = [{"id": "A", "scope": "co_so", "year": 2025}, {"id": "A", "scope": "co_so", "year": 2025}]
    with pytest.raises(EligibilityInputError) as caught:
        one(person(BK_TINH, ratings=ratings("htxs", 2024, 2025), initiatives=twice))
    assert [p.path for p in caught.value.problems] == ["subjects[0].initiatives[1]"]


# -- G9: counted after the earlier decision's achievement period -------------------------------------


def test_g9_counts_from_the_year_after_the_period() -> None:
    subject = person(
        "bang_khen_thu_tuong",
        ratings=ratings("htt", *range(2018, 2026)),
        honours=[
            {"code": BK_TINH, "period": [2020, 2021], "decision": "15/QĐ-UBND"},
            *cstdcs(2019, 2020, 2022, 2024),
        ],
    )
    result = one(subject)
    assert result.outcome == "not_eligible"
    g9 = next(r for r in result.reasons if r.code == "gate.g9_period")
    assert g9.facts["counted_from"] == 2022
    assert "15/QĐ-UBND" in g9.message
    assert g9.citation == "Nghị định 152/2025/NĐ-CP, Điều 33 khoản 7"
    # The CSTĐCS of 2019 and 2020 fall before the window: 2 remain.
    assert "có 2: 2022, 2024" in next(r.message for r in result.reasons if r.code == "bk_ttg.cstdcs")


def test_g9_the_latest_earlier_decision_counts() -> None:
    subject = person(
        "bang_khen_thu_tuong",
        ratings=ratings("htt", *range(2015, 2026)),
        honours=[{"code": BK_TINH, "year": 2016}, {"code": BK_TINH, "year": 2022}, *cstdcs(2017, 2018, 2019)],
    )
    result = one(subject)
    assert result.outcome == "not_eligible"
    assert next(r for r in result.reasons if r.code == "gate.g9_period").facts["counted_from"] == 2023


# -- lineage: a chain across a merger ----------------------------------------------------------------

LINEAGE = [{"date": "2025-07-01", "predecessors": ["Xã An Phú", "Xã Tân Lập"]}]


def test_lineage_chain_across_a_merger_needs_review() -> None:
    result = one(unit(BK_TINH, ratings=ratings("htxs", 2024, 2025), lineage=LINEAGE))
    assert result.outcome == "needs_review"
    assert codes(result) == ["lineage.merger"]
    assert "Xã An Phú, Xã Tân Lập" in result.reasons[0].message
    assert result.reasons[0].facts["predecessors"] == ["Xã An Phú", "Xã Tân Lập"]
    assert result.unverified


def test_lineage_merger_before_the_chain_is_not_crossed() -> None:
    old = [{"date": "2023-01-01", "predecessors": ["Xã A"]}]
    assert one(unit(BK_TINH, ratings=ratings("htxs", 2024, 2025), lineage=old)).outcome == "eligible"


def test_lineage_does_not_touch_one_year_titles() -> None:
    members = {"total": 10, "completed": 10, "ldtt": 8, "cstdcs": 1, "disciplined_canh_cao_or_above": 0}
    result = one(
        unit("tap_the_lao_dong_tien_tien", ratings={"2025": "htt"}, members=members, lineage=LINEAGE)
    )
    assert result.outcome == "eligible"


# -- combined -----------------------------------------------------------------------------------------


def test_g3_wins_over_lineage_and_g4() -> None:
    subject = unit(
        BK_TINH,
        ratings=ratings("htxs", 2024, 2025),
        lineage=LINEAGE,
        pending=PENDING,
        discipline=canh_cao("2025-01-01", "2025-06-01"),
    )
    assert codes(one(subject)) == ["gate.g3_pending"]


def test_g4_and_g8_together_both_named() -> None:
    subject = person(
        CSTDCS,
        ratings={"2025": "htt"},
        initiatives=[{"id": "X", "scope": "co_so", "year": 2025, "used_for": BK_TINH}],
        discipline=canh_cao("2025-03-01", "2025-09-01"),
    )
    assert codes(one(subject)) == [
        "ldtt.rating",
        "cstdcs.htxs_or_initiative",
        "gate.g4_discipline",
        "gate.g8_initiative",
    ]


def test_g9_and_g4_together() -> None:
    subject = person(
        "bang_khen_thu_tuong",
        ratings=ratings("htt", *range(2019, 2026)),
        honours=[{"code": BK_TINH, "year": 2018}, *cstdcs(2019, 2020, 2021, 2023)],
        discipline=canh_cao("2021-05-01", "2022-01-01"),
    )
    result = one(subject)
    assert result.outcome == "not_eligible"
    # Counted from 2019 (G9) but 2019-2021 began before the discipline ended: 4 years remain (2022-2025).
    ratings_reason = next(r for r in result.reasons if r.code == "bk_ttg.ratings")
    assert ratings_reason.facts["years"] == [2022, 2023, 2024, 2025]
    assert "gate.g4_discipline" in codes(result)
