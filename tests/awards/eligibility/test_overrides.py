"""A province's criterion in place of a rule set's: validation with paths, the outcome and the citation."""

from __future__ import annotations

import json
import subprocess
import sys
from copy import deepcopy
from pathlib import Path
from typing import Any

import pytest

from thidua.awards.eligibility import (
    EligibilityInputError,
    list_criteria,
    override_problems,
    parse_override,
    parse_overrides,
)
from thidua.awards.eligibility.codes import AwardCode

from .helpers import codes, one, person, unit

ND_152, SD_06 = "luat-06-2022/nd-152-2025", "luat-06-2022/sd-06-2026"
SOURCE = {"number": "12/2026/QĐ-UBND", "date": "2026-10-15", "article": "Điều 5"}
CITATION = "Quyết định 12/2026/QĐ-UBND ngày 15/10/2026, Điều 5"
CSTDCS_BOTH: dict[str, Any] = {
    "params": {"requires_ldtt": False, "route": "htxs_and_initiative", "initiative_min_scope": "co_so"},
    "source": SOURCE,
}
TTLDTT_80: dict[str, Any] = {
    "params": {"min_rating": "htt", "min_ldtt_ratio": "0.80", "forbid_discipline_canh_cao_or_above": True},
    "source": {**SOURCE, "date": "2025-09-01", "number": "7/2025/QĐ-UBND"},
}
MEMBERS = {"total": 12, "completed": 12, "ldtt": 9, "cstdcs": 1, "disciplined_canh_cao_or_above": 0}


def test_a_valid_override_has_no_problems() -> None:
    assert override_problems(SD_06, "chien_si_thi_dua_co_so", CSTDCS_BOTH) == ()


def test_override_cites_its_document_and_is_verified() -> None:
    subject = person("chien_si_thi_dua_co_so", year=2026, ratings={"2026": "htxs"})
    rules = {SD_06: {"chien_si_thi_dua_co_so": CSTDCS_BOTH}}
    result = one(subject, as_of="2026-11-01", rules=rules)
    # HTXSNV alone no longer suffices: the province's text needs an initiative as well.
    assert result.outcome == "not_eligible"
    assert codes(result) == ["cstdcs.initiative"]
    assert result.reasons[0].citation == CITATION
    assert result.reasons[0].verified and not result.unverified
    assert "chưa đối chiếu" not in result.reasons[0].message
    unchanged = one(subject, as_of="2026-11-01")
    assert (unchanged.outcome, unchanged.unverified) == ("eligible", True)


def test_override_of_a_verified_rule_set_changes_the_outcome() -> None:
    subject = unit("tap_the_lao_dong_tien_tien", ratings={"2025": "htt"}, members=MEMBERS)
    assert one(subject).outcome == "eligible"
    result = one(subject, rules={ND_152: {"tap_the_lao_dong_tien_tien": TTLDTT_80}})
    assert result.outcome == "not_eligible"
    assert result.reasons[0].message == "Cần ít nhất 80% thành viên đạt Lao động tiên tiến, có 9/12 (75%)."
    assert result.reasons[0].citation == "Quyết định 7/2025/QĐ-UBND ngày 01/09/2025, Điều 5"


def test_giay_khen_criterion_set_by_the_province() -> None:
    rules = {
        ND_152: {
            "giay_khen": {
                "params": {"min_rating": "htxs", "years": 2},
                "source": {**SOURCE, "date": "2025-08-01", "type": "Quy chế"},
            }
        }
    }
    good = one(person("giay_khen", ratings={"2024": "htxs", "2025": "htxs"}), rules=rules)
    assert (good.outcome, codes(good)) == ("eligible", ["giay_khen.rating"])
    assert good.reasons[0].citation == "Quy chế 12/2026/QĐ-UBND ngày 01/08/2025, Điều 5"
    assert one(person("giay_khen", ratings={"2025": "htxs"}), rules=rules).outcome == "not_eligible"


def test_collective_bang_khen_thu_tuong_by_a_provincial_reading() -> None:
    params = {
        "prior": "bang_khen_chu_tich_ubnd_tinh",
        "years": 5,
        "min_rating": "htxs",
        "min_htxs": 0,
        "min_cstdcs": 0,
        "collective_years": 5,
    }
    rules = {ND_152: {"bang_khen_thu_tuong": {"params": params, "source": SOURCE | {"date": "2025-08-01"}}}}
    ratings = {str(y): "htxs" for y in range(2021, 2026)}
    subject = unit(
        "bang_khen_thu_tuong",
        ratings=ratings,
        honours=[{"code": "bang_khen_chu_tich_ubnd_tinh", "year": 2020}],
    )
    assert one(subject).outcome == "needs_review"
    assert one(subject, rules=rules).outcome == "eligible"


def test_override_dated_window() -> None:
    dated = {**CSTDCS_BOTH, "valid_from": "2026-11-01"}
    subject = person("chien_si_thi_dua_co_so", year=2026, ratings={"2026": "htxs"})
    rules = {SD_06: {"chien_si_thi_dua_co_so": dated}}
    assert (
        one(subject, as_of="2026-10-20", rules=rules).outcome == "eligible"
    )  # before: the carried-over rule
    assert one(subject, as_of="2026-11-01", rules=rules).outcome == "not_eligible"


@pytest.mark.parametrize(
    ("rule_set", "award", "change", "expected"),
    [
        ("luat-06-2022/nd-99", "chien_si_thi_dua_co_so", {}, [("$", "unknown rule set")]),
        (SD_06, "chien_si", {}, [("$", "unknown award code")]),
        (SD_06, "chien_si_thi_dua_co_so", {"params.route": "htxs"}, [("params.route", "unknown route")]),
        (SD_06, "chien_si_thi_dua_co_so", {"params.colour": 1}, [("params.colour", "unknown key")]),
        (
            SD_06,
            "chien_si_thi_dua_co_so",
            {"params.requires_ldtt": "yes"},
            [("params.requires_ldtt", "must be true or false")],
        ),
        (SD_06, "chien_si_thi_dua_co_so", {"source.date": "15/10/2026"}, [("source.date", "must be a date")]),
        (SD_06, "chien_si_thi_dua_co_so", {"source.article": " "}, [("source.article", "must not be empty")]),
        (SD_06, "chien_si_thi_dua_co_so", {"valid_from": "2026-09-01"}, [("valid_from", "must fall within")]),
        (
            SD_06,
            "chien_si_thi_dua_co_so",
            {"valid_from": "2026-12-01", "valid_to": "2026-11-01"},
            [("valid_to", "must not be before valid_from")],
        ),
        (SD_06, "chien_si_thi_dua_co_so", {"notes": "x"}, [("notes", "unknown key")]),
    ],
)
def test_override_problems_name_their_paths(
    rule_set: str, award: str, change: dict[str, Any], expected: list[tuple[str, str]]
) -> None:
    data: dict[str, Any] = deepcopy(CSTDCS_BOTH)
    for dotted, value in change.items():
        *parents, last = dotted.split(".")
        target = data
        for part in parents:
            target = target[part]
        target[last] = value
    problems = override_problems(rule_set, award, data)
    assert [(p.path, p.message[: len(m)]) for p, (_, m) in zip(problems, expected, strict=True)] == expected
    with pytest.raises(EligibilityInputError):
        parse_override(rule_set, award, data)


def test_override_params_for_every_award_from_the_listing() -> None:
    # What the admin does: pre-fill from list_criteria, name a document, validate.
    for info in list_criteria(ND_152):
        data = {"params": info.params, "source": SOURCE}
        assert override_problems(ND_152, info.award.value, data) == (), info.award
        criterion = parse_override(ND_152, info.award.value, data)
        assert criterion.citation() == CITATION


def test_ratio_and_numbers_are_checked() -> None:
    bad = deepcopy(TTLDTT_80)
    bad["params"]["min_ldtt_ratio"] = "1.5"
    assert [p.path for p in override_problems(ND_152, "tap_the_lao_dong_tien_tien", bad, "x")] == [
        "x.params.min_ldtt_ratio"
    ]
    chain = {"params": {"chain_years": 0, "initiative_min_scope": "tinh"}, "source": SOURCE}
    assert [p.path for p in override_problems(ND_152, "chien_si_thi_dua_cap_tinh", chain)] == [
        "params.chain_years"
    ]


def test_parse_overrides_and_listing_with_overrides() -> None:
    overrides = parse_overrides({SD_06: {"chien_si_thi_dua_co_so": CSTDCS_BOTH}})
    infos = {i.award: i for i in list_criteria(SD_06, overrides)}
    cstdcs = infos[AwardCode.CHIEN_SI_THI_DUA_CO_SO]
    assert cstdcs.verified and not cstdcs.carried_over
    assert cstdcs.citations == {"main": CITATION}
    assert cstdcs.source is not None and cstdcs.source.type == "Quyết định"
    assert not infos[AwardCode.LAO_DONG_TIEN_TIEN].verified
    with pytest.raises(EligibilityInputError) as caught:
        parse_overrides({SD_06: {"chien_si": {}}, "nd-0": {}})
    assert [p.path for p in caught.value.problems] == [
        'rules["nd-0"]',
        'rules["luat-06-2022/sd-06-2026"].chien_si',
    ]


def test_a_bad_override_exits_2_naming_its_path(tmp_path: Path) -> None:
    data = {
        "as_of": "2026-11-01",
        "subjects": [person("chien_si_thi_dua_co_so", year=2026, ratings={"2026": "htxs"})],
        "rules": {
            SD_06: {
                "chien_si_thi_dua_co_so": {
                    **CSTDCS_BOTH,
                    "params": {**CSTDCS_BOTH["params"], "route": "both"},
                }
            }
        },
    }
    path = tmp_path / "input.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    script = Path(sys.executable).with_name("thidua")
    done = subprocess.run(
        [str(script), "eligibility", str(path)], capture_output=True, timeout=60, check=False
    )
    assert (done.returncode, done.stdout) == (2, b"")
    assert done.stderr.decode().splitlines()[1:] == [
        'rules["luat-06-2022/sd-06-2026"].chien_si_thi_dua_co_so.params.route: unknown route "both" '
        "(expected one of: htxs_or_initiative, htxs_and_initiative)"
    ]
