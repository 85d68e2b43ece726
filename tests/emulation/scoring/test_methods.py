"""Points per scoring method, one row per case, including the edges of each rule."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from tests.emulation.scoring import leaf, points_by_id, run
from thidua.emulation.scoring import load_json, parse_input, result_to_json, score


def ratio(actual: object, target: object) -> dict[str, object]:
    return {"actual": actual, "target": target}


# (criterion, value, expected points)
CASES: list[tuple[str, dict[str, Any], object, str]] = [
    # ratio_to_target: max × min(a / t, cap), cap 1.0 by default
    ("ratio half", leaf("c", "ratio_to_target"), ratio(50, 100), "50.00"),
    ("ratio over target capped at 1", leaf("c", "ratio_to_target"), ratio(150, 100), "100.00"),
    ("ratio actual 0", leaf("c", "ratio_to_target"), ratio(0, 100), "0.00"),
    ("ratio explicit cap 1.0", leaf("c", "ratio_to_target", cap=1.0), ratio(7845.12, 17800), "44.07"),
    ("ratio cap 1.2 reached", leaf("c", "ratio_to_target", cap="1.2"), ratio(150, 100), "120.00"),
    ("ratio cap 1.2 not reached", leaf("c", "ratio_to_target", cap="1.2"), ratio(110, 100), "110.00"),
    ("ratio cap below 1", leaf("c", "ratio_to_target", cap="0.5"), ratio(80, 100), "50.00"),
    ("ratio rounds per criterion", leaf("c", "ratio_to_target", 200), ratio("6420.35", "14900"), "86.18"),
    # lower_is_better: max × min(t / a, cap), max × cap when a = 0
    (
        "lower better, above target",
        leaf("c", "ratio_to_target", lower_is_better=True),
        ratio("3.6", "3.5"),
        "97.22",
    ),
    (
        "lower better, below target",
        leaf("c", "ratio_to_target", lower_is_better=True),
        ratio("2.9", "3.2"),
        "100.00",
    ),
    ("lower better, actual 0", leaf("c", "ratio_to_target", lower_is_better=True), ratio(0, "3.2"), "100.00"),
    (
        "lower better, actual 0, cap 1.5",
        leaf("c", "ratio_to_target", lower_is_better=True, cap="1.5"),
        ratio(0, 3),
        "150.00",
    ),
    (
        "lower better, cap 1.2",
        leaf("c", "ratio_to_target", lower_is_better=True, cap="1.2"),
        ratio(3, "3.3"),
        "110.00",
    ),
    (
        "lower better false is the plain rule",
        leaf("c", "ratio_to_target", lower_is_better=False),
        ratio(1, 4),
        "25.00",
    ),
    # boolean
    ("boolean true", leaf("c", "boolean", 50), True, "50.00"),
    ("boolean false", leaf("c", "boolean", 50), False, "0.00"),
    # threshold, with and without proportional_below
    ("threshold reached", leaf("c", "threshold", threshold=98), "98.6", "100.00"),
    ("threshold exactly reached", leaf("c", "threshold", threshold=98), 98, "100.00"),
    ("threshold missed", leaf("c", "threshold", threshold=98), "97.99", "0.00"),
    ("threshold negative, reached", leaf("c", "threshold", threshold=-2), "-1.5", "100.00"),
    ("threshold negative, missed", leaf("c", "threshold", threshold=-2), "-2.5", "0.00"),
    ("proportional reached", leaf("c", "threshold", threshold=98, proportional_below=True), "99.1", "100.00"),
    ("proportional below", leaf("c", "threshold", threshold=98, proportional_below=True), "97.9", "99.90"),
    ("proportional below 2", leaf("c", "threshold", threshold=98, proportional_below=True), "96.8", "98.78"),
    ("proportional at 0", leaf("c", "threshold", threshold=98, proportional_below=True), 0, "0.00"),
    ("proportional false", leaf("c", "threshold", threshold=98, proportional_below=False), "97.9", "0.00"),
    # tiers: the points of the highest minimum reached
    *[
        (f"tiers {value}", leaf("c", "tiers", tiers=[[90, 100], [80, 80], [70, 60], [50, 30]]), value, points)
        for value, points in [
            ("90", "100.00"),
            ("89.99", "80.00"),
            ("1000", "100.00"),
            ("80", "80.00"),
            ("50", "30.00"),
            ("49.99", "0.00"),
            ("-5", "0.00"),
        ]
    ],
    ("tiers unsorted", leaf("c", "tiers", tiers=[[50, 30], [90, 100], [70, 60]]), 75, "60.00"),
    ("tiers unsorted, top", leaf("c", "tiers", tiers=[[50, 30], [90, 100], [70, 60]]), 95, "100.00"),
    ("tiers points equal to max", leaf("c", "tiers", 40, tiers=[[1, 40]]), 1, "40.00"),
    ("tiers not monotonic", leaf("c", "tiers", tiers=[[10, 50], [20, 10]]), 25, "10.00"),
    # manual: the value itself, in [0, max]
    ("manual", leaf("c", "manual"), "92", "92.00"),
    ("manual 0", leaf("c", "manual"), 0, "0.00"),
    ("manual max", leaf("c", "manual"), 100, "100.00"),
    # Half-up on decimals: binary floating point would make 2.675 round down to 2.67.
    ("manual half-up", leaf("c", "manual"), "2.675", "2.68"),
    ("manual half-up, third decimal", leaf("c", "manual"), "92.555", "92.56"),
    ("manual below half", leaf("c", "manual"), "92.5549", "92.55"),
    ("manual -0 is 0", leaf("c", "manual"), "-0", "0.00"),
    ("manual exponent", leaf("c", "manual"), "9.25e1", "92.50"),
    # bonus and penalty: their points, penalty negative
    ("bonus", leaf("c", "bonus", 20), 5, "5.00"),
    ("penalty", leaf("c", "penalty", 20), 5, "-5.00"),
    ("penalty half-up away from zero", leaf("c", "penalty", 20), "5.005", "-5.01"),
    ("penalty 0 is not -0", leaf("c", "penalty", 20), 0, "0.00"),
    ("penalty small is not -0", leaf("c", "penalty", 20), "0.004", "0.00"),
]


@pytest.mark.parametrize(
    ("criterion", "value", "expected"), [case[1:] for case in CASES], ids=[c[0] for c in CASES]
)
def test_points(criterion: dict[str, Any], value: object, expected: str) -> None:
    output = run([criterion], {"a": {"c": value}})
    assert output["members"][0]["points"] == {"c": expected}


@pytest.mark.parametrize(
    ("value", "expected"),
    [(True, True), (False, False), (None, False)],
    ids=["failed", "passed", "null means not failed"],
)
def test_veto_scores_no_points(value: object, expected: bool) -> None:
    output = run([leaf("m", "manual"), leaf("v", "veto")], {"a": {"m": 10, "v": value}})
    member = output["members"][0]
    assert member["vetoed"] is expected
    assert member["points"] == {"m": "10.00"}
    assert member["total"] == "10.00"


@pytest.mark.parametrize("method", ["bonus", "penalty", "veto"])
def test_optional_methods_may_be_omitted(method: str) -> None:
    output = run([leaf("m", "manual"), leaf("x", method, 20)], {"a": {"m": 10}})
    member = output["members"][0]
    assert member["total"] == "10.00"
    assert member["vetoed"] is False
    assert member["points"] == ({"m": "10.00"} if method == "veto" else {"m": "10.00", "x": "0.00"})


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (["42.5", "55.0", "38.0"], ["77.27", "100.00", "69.09"]),
        (["0", "10", "0"], ["0.00", "100.00", "0.00"]),
        (["0", "0", "0"], ["0.00", "0.00", "0.00"]),  # best is 0: everybody 0, no division
        (["7", "7", "7"], ["100.00", "100.00", "100.00"]),
    ],
    ids=["spread", "one non-zero", "best is zero", "all equal"],
)
def test_relative_to_the_best_member(values: list[str], expected: list[str]) -> None:
    members = {f"m{i}": {"r": value} for i, value in enumerate(values)}
    points = points_by_id(run([leaf("r", "relative")], members))
    assert [points[f"m{i}"]["r"] for i in range(len(values))] == expected


def test_contract_example_relative_points() -> None:
    members = {
        "a": {"r": "42.5"},
        "b": {"r": "55.0"},
        "c": {"r": "38.0"},
        "d": {"r": "61.2"},
        "e": {"r": "33.4"},
    }
    points = points_by_id(run([leaf("r", "relative")], members))
    assert {key: value["r"] for key, value in points.items()} == {
        "a": "69.44",
        "b": "89.87",
        "c": "62.09",
        "d": "100.00",
        "e": "54.58",
    }


@pytest.mark.parametrize(
    ("as_number", "as_string"),
    [("7845.12", '"7845.12"'), ("17800", '"17800"'), ("1e2", '"1e2"'), ("0.1", '"0.1"')],
)
def test_json_numbers_and_decimal_strings_score_alike(as_number: str, as_string: str) -> None:
    template = (
        '{"criteria": [{"code": "c", "name": "c", "max_points": 100, "method": "ratio_to_target",'
        ' "params": {"cap": 1000}}, {"code": "m", "name": "m", "max_points": 100000, "method": "manual"}],'
        ' "members": [{"id": "a", "values": {"c": {"actual": %s, "target": 3}, "m": %s}}]}'
    )
    results = [
        result_to_json(score(parse_input(load_json(template % (number, number)))))
        for number in (as_number, as_string)
    ]
    assert results[0] == results[1]


def test_json_numbers_never_become_floats() -> None:
    data = load_json('{"a": 0.1, "b": 3, "c": [2.675]}')
    assert data == {"a": Decimal("0.1"), "b": Decimal(3), "c": [Decimal("2.675")]}
    output = run([leaf("m", "manual")], {"a": {"m": data["c"][0]}})  # type: ignore[index]
    assert output["members"][0]["points"]["m"] == "2.68"


def test_python_floats_from_in_process_callers_go_through_repr() -> None:
    # The float 2.675 is really 2.67499999…; repr gives back "2.675", which rounds half-up to 2.68.
    output = run([leaf("m", "manual")], {"a": {"m": 2.675}})
    assert output["members"][0]["points"]["m"] == "2.68"
