"""Every [V] rule of the contract: a positive case, a negative case and the boundary, from a table.

Each row: the subject (contract JSON), the code requested, the outcome, and reason codes that must
appear. Decided on 20/01/2026 (luat-06-2022/nd-152-2025) unless the row says otherwise.
"""

from __future__ import annotations

from typing import Any

import pytest

from .helpers import codes, cstdcs, one, person, ratings, unit

LDTT = "lao_dong_tien_tien"
CSTDCS = "chien_si_thi_dua_co_so"
CSTD_TINH = "chien_si_thi_dua_cap_tinh"
CSTDTQ = "chien_si_thi_dua_toan_quoc"
TTLDTT = "tap_the_lao_dong_tien_tien"
TTLDXS = "tap_the_lao_dong_xuat_sac"
CO_TINH = "co_thi_dua_cap_tinh"
CO_CP = "co_thi_dua_chinh_phu"
BK_TINH = "bang_khen_chu_tich_ubnd_tinh"
BK_TTG = "bang_khen_thu_tuong"
HCLD3 = "huan_chuong_lao_dong_hang_ba"


def sk(ident: str, scope: str = "co_so", year: int = 2025, used_for: str | None = None) -> dict[str, Any]:
    return {"id": ident, "scope": scope, "year": year, "used_for": used_for}


def members(
    total: int = 12, completed: int = 12, ldtt: int = 9, cstdcs: int = 1, disciplined: int = 0
) -> dict[str, int]:
    return {
        "total": total,
        "completed": completed,
        "ldtt": ldtt,
        "cstdcs": cstdcs,
        "disciplined_canh_cao_or_above": disciplined,
    }


def honours(code: str, *years: int) -> list[dict[str, Any]]:
    return [{"code": code, "year": y} for y in years]


E, N, R = "eligible", "not_eligible", "needs_review"

CASES: list[tuple[str, dict[str, Any], str, list[str]]] = [
    # -- Lao động tiên tiến, Art 24(1) --
    ("ldtt htt", person(LDTT, ratings={"2025": "htt"}), E, ["ldtt.rating"]),
    ("ldtt htxs", person(LDTT, ratings={"2025": "htxs"}), E, ["ldtt.rating"]),
    ("ldtt ht", person(LDTT, ratings={"2025": "ht"}), N, ["ldtt.rating"]),
    ("ldtt kht", person(LDTT, ratings={"2025": "kht"}), N, ["ldtt.rating"]),
    ("ldtt no rating for the year", person(LDTT, ratings={"2024": "htxs"}), N, ["ldtt.rating"]),
    ("ldtt conduct", person(LDTT, ratings={"2025": "htt"}, conduct_ok=False), N, ["ldtt.conduct"]),
    ("ldtt conduct ok", person(LDTT, ratings={"2025": "htt"}, conduct_ok=True), E, ["ldtt.rating"]),
    # -- Chiến sĩ thi đua cơ sở, Art 23 --
    (
        "cstdcs initiative",
        person(CSTDCS, ratings={"2025": "htt"}, initiatives=[sk("SK-1")]),
        E,
        ["cstdcs.initiative"],
    ),
    ("cstdcs htxs", person(CSTDCS, ratings={"2025": "htxs"}), E, ["cstdcs.htxs"]),
    ("cstdcs neither", person(CSTDCS, ratings={"2025": "htt"}), N, ["cstdcs.htxs_or_initiative"]),
    (
        "cstdcs initiative of the year before",
        person(CSTDCS, ratings={"2025": "htt"}, initiatives=[sk("SK-1", year=2024)]),
        N,
        ["cstdcs.htxs_or_initiative"],
    ),
    (
        "cstdcs not ldtt",
        person(CSTDCS, ratings={"2025": "ht"}, initiatives=[sk("SK-1")]),
        N,
        ["ldtt.rating"],
    ),
    (
        "cstdcs initiative tagged for this title",
        person(CSTDCS, ratings={"2025": "htt"}, initiatives=[sk("SK-1", used_for=CSTDCS)]),
        E,
        ["cstdcs.initiative"],
    ),
    # -- Chiến sĩ thi đua cấp tỉnh, Art 22 --
    (
        "cstd tinh 3 in a row",
        person(CSTD_TINH, honours=cstdcs(2023, 2024, 2025), initiatives=[sk("SK-2", "tinh", 2024)]),
        E,
        ["cstd_tinh.chain", "cstd_tinh.initiative"],
    ),
    (
        "cstd tinh 2 in a row",
        person(CSTD_TINH, honours=cstdcs(2024, 2025), initiatives=[sk("SK-2", "tinh", 2024)]),
        N,
        ["cstd_tinh.chain"],
    ),
    (
        "cstd tinh broken by a gap",
        person(CSTD_TINH, honours=cstdcs(2022, 2023, 2025), initiatives=[sk("SK-2", "tinh", 2024)]),
        N,
        ["cstd_tinh.chain"],
    ),
    (
        "cstd tinh chain ends the year before",
        person(CSTD_TINH, honours=cstdcs(2022, 2023, 2024), initiatives=[sk("SK-2", "tinh", 2024)]),
        N,
        ["cstd_tinh.chain"],
    ),
    (
        "cstd tinh initiative only co so",
        person(CSTD_TINH, honours=cstdcs(2023, 2024, 2025), initiatives=[sk("SK-2", "co_so", 2024)]),
        N,
        ["cstd_tinh.initiative"],
    ),
    (
        "cstd tinh national initiative is enough",
        person(CSTD_TINH, honours=cstdcs(2023, 2024, 2025), initiatives=[sk("SK-2", "toan_quoc", 2023)]),
        E,
        ["cstd_tinh.initiative"],
    ),
    (
        "cstd tinh initiative before the chain",
        person(CSTD_TINH, honours=cstdcs(2023, 2024, 2025), initiatives=[sk("SK-2", "tinh", 2022)]),
        N,
        ["cstd_tinh.initiative"],
    ),
    (
        "cstd tinh both unmet",
        person(CSTD_TINH, honours=cstdcs(2025)),
        N,
        ["cstd_tinh.chain", "cstd_tinh.initiative"],
    ),
    # -- Chiến sĩ thi đua toàn quốc, Art 21 --
    (
        "cstdtq 2 in a row",
        person(CSTDTQ, honours=honours(CSTD_TINH, 2022, 2025), initiatives=[sk("SK-3", "toan_quoc", 2024)]),
        E,
        ["cstdtq.chain", "cstdtq.initiative"],
    ),
    (
        "cstdtq periods given",
        person(
            CSTDTQ,
            honours=[
                {"code": CSTD_TINH, "period": [2020, 2022]},
                {"code": CSTD_TINH, "period": [2023, 2025]},
            ],
            initiatives=[sk("SK-3", "toan_quoc", 2021)],
        ),
        E,
        ["cstdtq.chain"],
    ),
    (
        "cstdtq one only",
        person(CSTDTQ, honours=honours(CSTD_TINH, 2025), initiatives=[sk("SK-3", "toan_quoc", 2024)]),
        N,
        ["cstdtq.chain"],
    ),
    (
        "cstdtq not consecutive",
        person(CSTDTQ, honours=honours(CSTD_TINH, 2021, 2025), initiatives=[sk("SK-3", "toan_quoc", 2024)]),
        N,
        ["cstdtq.chain"],
    ),
    (
        "cstdtq provincial initiative",
        person(CSTDTQ, honours=honours(CSTD_TINH, 2022, 2025), initiatives=[sk("SK-3", "tinh", 2024)]),
        N,
        ["cstdtq.initiative"],
    ),
    # -- Tập thể lao động tiên tiến, Art 28(1) --
    ("ttldtt 75%", unit(TTLDTT, ratings={"2025": "htt"}, members=members()), E, ["ttldtt.ldtt_ratio"]),
    (
        "ttldtt 70% exactly",
        unit(TTLDTT, ratings={"2025": "htt"}, members=members(100, 100, 70)),
        E,
        ["ttldtt.ldtt_ratio"],
    ),
    (
        "ttldtt 7/10",
        unit(TTLDTT, ratings={"2025": "htt"}, members=members(10, 10, 7)),
        E,
        ["ttldtt.ldtt_ratio"],
    ),
    (
        "ttldtt 69%",
        unit(TTLDTT, ratings={"2025": "htt"}, members=members(100, 100, 69)),
        N,
        ["ttldtt.ldtt_ratio"],
    ),
    (
        "ttldtt 8/12",
        unit(TTLDTT, ratings={"2025": "htt"}, members=members(12, 12, 8)),
        N,
        ["ttldtt.ldtt_ratio"],
    ),
    (
        "ttldtt a member disciplined",
        unit(TTLDTT, ratings={"2025": "htt"}, members=members(disciplined=1)),
        N,
        ["ttldtt.discipline"],
    ),
    ("ttldtt rating ht", unit(TTLDTT, ratings={"2025": "ht"}, members=members()), N, ["ttldtt.rating"]),
    ("ttldtt no members", unit(TTLDTT, ratings={"2025": "htt"}), R, ["ttldtt.members_missing"]),
    # -- Tập thể lao động xuất sắc, Art 27 --
    ("ttldxs all", unit(TTLDXS, ratings={"2025": "htxs"}, members=members()), E, ["ttldxs.cstdcs"]),
    ("ttldxs htt", unit(TTLDXS, ratings={"2025": "htt"}, members=members()), N, ["ttldxs.rating"]),
    (
        "ttldxs one incomplete",
        unit(TTLDXS, ratings={"2025": "htxs"}, members=members(completed=11)),
        N,
        ["ttldxs.complete"],
    ),
    (
        "ttldxs no cstdcs",
        unit(TTLDXS, ratings={"2025": "htxs"}, members=members(cstdcs=0)),
        N,
        ["ttldxs.cstdcs"],
    ),
    (
        "ttldxs 69%",
        unit(TTLDXS, ratings={"2025": "htxs"}, members=members(100, 100, 69)),
        N,
        ["ttldxs.ldtt_ratio"],
    ),
    (
        "ttldxs has no discipline condition",
        unit(TTLDXS, ratings={"2025": "htxs"}, members=members(disciplined=2)),
        E,
        ["ttldxs.rating"],
    ),
    # -- Cờ thi đua, Art 26 and 25 --
    ("co tinh", unit(CO_TINH, leads_group=True, exceeded_targets=True), E, ["co_tinh.leads_group"]),
    (
        "co tinh not leading",
        unit(CO_TINH, leads_group=False, exceeded_targets=True),
        N,
        ["co_tinh.leads_group"],
    ),
    ("co tinh unknown", unit(CO_TINH, exceeded_targets=True), R, ["co_tinh.leads_group"]),
    ("co cp council", unit(CO_CP, leads_group=True, exceeded_targets=True), R, ["co_cp.council"]),
    ("co cp short", unit(CO_CP, leads_group=True, exceeded_targets=False), N, ["co_cp.exceeded_targets"]),
    # -- Bằng khen tỉnh, Art 74(1)(d) and 74(2) --
    ("bk tinh 2 cstdcs", person(BK_TINH, honours=cstdcs(2024, 2025)), E, ["bk_tinh.cstdcs_chain"]),
    (
        "bk tinh cstdcs gap",
        person(BK_TINH, honours=cstdcs(2023, 2025)),
        N,
        ["bk_tinh.cstdcs_chain", "bk_tinh.other_routes"],
    ),
    (
        "bk tinh htxs and 2 initiatives",
        person(BK_TINH, ratings=ratings("htxs", 2024, 2025), initiatives=[sk("A", year=2024), sk("B")]),
        E,
        ["bk_tinh.htxs_years", "bk_tinh.initiatives"],
    ),
    (
        "bk tinh htxs and 1 initiative",
        person(BK_TINH, ratings=ratings("htxs", 2024, 2025), initiatives=[sk("A")]),
        N,
        ["bk_tinh.initiatives"],
    ),
    (
        "bk tinh one htxs year",
        person(BK_TINH, ratings={"2024": "htt", "2025": "htxs"}, initiatives=[sk("A", year=2024), sk("B")]),
        N,
        ["bk_tinh.htxs_years"],
    ),
    (
        "bk tinh collective htxs then ttldxs",
        unit(BK_TINH, ratings={"2024": "htxs", "2025": "htt"}, honours=honours(TTLDXS, 2025)),
        E,
        ["bk_tinh.collective_chain"],
    ),
    ("bk tinh collective one year", unit(BK_TINH, ratings={"2025": "htxs"}), N, ["bk_tinh.collective_chain"]),
    # -- Bằng khen Thủ tướng, Art 73(1)(b), G9 --
    (
        "bk ttg",
        person(
            BK_TTG,
            ratings=ratings("htt", 2021, 2022, 2023, 2024, 2025),
            honours=[*honours(BK_TINH, 2020), *cstdcs(2021, 2023, 2025)],
        ),
        E,
        ["bk_ttg.prior", "gate.g9_period", "bk_ttg.ratings", "bk_ttg.cstdcs"],
    ),
    (
        "bk ttg 2 cstdcs",
        person(
            BK_TTG,
            ratings=ratings("htt", *range(2021, 2026)),
            honours=[*honours(BK_TINH, 2020), *cstdcs(2021, 2025)],
        ),
        N,
        ["bk_ttg.cstdcs"],
    ),
    (
        "bk ttg 4 years",
        person(
            BK_TTG,
            ratings={**ratings("htt", *range(2022, 2026)), "2021": "ht"},
            honours=[*honours(BK_TINH, 2020), *cstdcs(2022, 2023, 2025)],
        ),
        N,
        ["bk_ttg.ratings"],
    ),
    (
        "bk ttg years before the provincial one do not count (G9)",
        person(
            BK_TTG,
            ratings=ratings("htt", *range(2019, 2026)),
            honours=[*honours(BK_TINH, 2021), *cstdcs(2022, 2023, 2025)],
        ),
        N,
        ["bk_ttg.ratings", "gate.g9_period"],
    ),
    (
        "bk ttg period of the provincial decision (G9)",
        person(
            BK_TTG,
            ratings=ratings("htt", *range(2021, 2026)),
            honours=[{"code": BK_TINH, "period": [2019, 2020]}, *cstdcs(2021, 2023, 2025)],
        ),
        E,
        ["gate.g9_period"],
    ),
    (
        "bk ttg no prior",
        person(BK_TTG, ratings=ratings("htt", *range(2021, 2026)), honours=cstdcs(2021, 2023, 2025)),
        N,
        ["bk_ttg.prior"],
    ),
    (
        "bk ttg collective",
        unit(BK_TTG, ratings=ratings("htxs", *range(2021, 2026))),
        R,
        ["bk_ttg.collective"],
    ),
    # -- Huân chương Lao động hạng Ba, Art 44(1)(e) --
    (
        "hcld3",
        person(
            HCLD3,
            ratings={**ratings("htt", 2021, 2022, 2023, 2024), "2025": "htxs"},
            honours=[*honours(BK_TTG, 2020), *cstdcs(2021, 2023, 2025)],
        ),
        E,
        ["hcld3.htxs", "hcld3.cstdcs"],
    ),
    (
        "hcld3 no htxs",
        person(
            HCLD3,
            ratings=ratings("htt", *range(2021, 2026)),
            honours=[*honours(BK_TTG, 2020), *cstdcs(2021, 2023, 2025)],
        ),
        N,
        ["hcld3.htxs"],
    ),
    (
        "hcld3 after a provincial one only",
        person(
            HCLD3,
            ratings=ratings("htxs", *range(2021, 2026)),
            honours=[*honours(BK_TINH, 2020), *cstdcs(2021, 2023, 2025)],
        ),
        N,
        ["hcld3.prior"],
    ),
    ("hcld3 collective", unit(HCLD3, ratings=ratings("htxs", *range(2021, 2026))), R, ["hcld3.collective"]),
    # -- Giấy khen, Art 75(2), and the subject's kind --
    ("giay khen", person("giay_khen", ratings={"2025": "htxs"}), R, ["giay_khen.provincial"]),
    ("a collective title for a person", person(TTLDTT, ratings={"2025": "htxs"}), N, ["subject.kind"]),
    ("a personal title for a unit", unit(CSTDCS, ratings={"2025": "htxs"}), N, ["subject.kind"]),
]


@pytest.mark.parametrize(
    ("subject", "code", "outcome", "expected"),
    [(case[1], case[1]["requested"][0], case[2], case[3]) for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_rule(subject: dict[str, Any], code: str, outcome: str, expected: list[str]) -> None:
    result = one(subject)
    assert result.requested == code
    assert result.outcome == outcome, [r.message for r in result.reasons]
    assert set(expected) <= set(codes(result)), codes(result)
    assert result.reasons


def test_not_eligible_names_the_numbers() -> None:
    result = one(person(CSTD_TINH, honours=cstdcs(2024, 2025), initiatives=[sk("SK-2", "co_so", 2024)]))
    messages = [r.message for r in result.reasons]
    assert "Cần 3 năm liên tục đạt Chiến sĩ thi đua cơ sở (2023–2025), có 2: 2024, 2025." in messages
    assert any("SK-2 (cấp cơ sở, 2024)" in m for m in messages)
    ratio = one(unit(TTLDTT, ratings={"2025": "htt"}, members=members(12, 12, 8)))
    assert ratio.reasons[0].message == "Cần ít nhất 70% thành viên đạt Lao động tiên tiến, có 8/12 (66,67%)."


def test_collective_routes_judgement_note_only_on_refusal() -> None:
    assert "bk_tinh.other_routes" not in codes(one(person(BK_TINH, honours=cstdcs(2024, 2025))))
    assert "bk_ttg.other_routes" in codes(one(person(BK_TTG, ratings={"2025": "htt"})))


def test_collective_rules_marked_unverified() -> None:
    result = one(unit(BK_TTG, ratings=ratings("htxs", *range(2021, 2026))))
    assert result.unverified
    assert result.reasons[0].citation == "Luật Thi đua, khen thưởng 2022, Điều 73 khoản 2"
    assert not result.reasons[0].verified
