"""Aggregates over all members: sum_ratio (with its Vietnamese display) and count_true."""

from __future__ import annotations

from typing import Any

import pytest

from tests.emulation.scoring import leaf, run


def ratio_leaf(unit: str | None) -> dict[str, Any]:
    node = leaf("r", "ratio_to_target")
    if unit is not None:
        node["unit"] = unit
    return node


@pytest.mark.parametrize(
    ("ratios", "unit", "expected"),
    [
        (
            [("1234.5", "3000"), ("1000", "1000")],
            "tỷ đồng",
            ("2234.50", "4000.00", "55.86", "2.234,50 tỷ đồng, đạt 55,86% so kế hoạch"),
        ),
        (
            [("1234.5", "3000"), ("1000", "1000")],
            None,  # no unit: no unit and no space before the comma
            ("2234.50", "4000.00", "55.86", "2.234,50, đạt 55,86% so kế hoạch"),
        ),
        (
            [("12.345", "100")],  # 12.345 % exactly: half-up gives 12.35
            "%",
            ("12.35", "100.00", "12.35", "12,35 %, đạt 12,35% so kế hoạch"),
        ),
        (
            [("1234567.891", "1000000"), ("0.004", "1")],
            "triệu đồng",
            ("1234567.90", "1000001.00", "123.46", "1.234.567,90 triệu đồng, đạt 123,46% so kế hoạch"),
        ),
        (
            [("0", "5"), ("0", "7")],
            "ha",
            ("0.00", "12.00", "0.00", "0,00 ha, đạt 0,00% so kế hoạch"),
        ),
        (
            # The percentage is taken on the exact sums: 0.005 / 0.01 is 50 %, not 0.01 / 0.01.
            [("0.002", "0.004"), ("0.003", "0.006")],
            None,
            ("0.01", "0.01", "50.00", "0,01, đạt 50,00% so kế hoạch"),
        ),
    ],
    ids=["with unit", "without unit", "half-up", "thousands", "nothing done", "exact sums"],
)
def test_sum_ratio(
    ratios: list[tuple[str, str]], unit: str | None, expected: tuple[str, str, str, str]
) -> None:
    members = {
        f"m{i}": {"r": {"actual": actual, "target": target}} for i, (actual, target) in enumerate(ratios)
    }
    output = run([ratio_leaf(unit)], members, aggregates=[{"criterion": "r", "kind": "sum_ratio"}])
    actual, target, percent, display = expected
    assert output["aggregates"] == [
        {
            "criterion": "r",
            "kind": "sum_ratio",
            "actual": actual,
            "target": target,
            "percent": percent,
            "display": display,
        }
    ]


@pytest.mark.parametrize(
    ("flags", "count", "ids"),
    [
        ([True, False, True], 2, ["m0", "m2"]),
        ([False, False], 0, []),
        ([True], 1, ["m0"]),
    ],
)
def test_count_true_lists_members_in_input_order(flags: list[bool], count: int, ids: list[str]) -> None:
    # Input order, not rank order: m2 scores more than m0 but is listed after it.
    members = {f"m{i}": {"b": flag, "m": i} for i, flag in enumerate(flags)}
    output = run(
        [leaf("b", "boolean", 10), leaf("m", "manual")],
        members,
        aggregates=[{"criterion": "b", "kind": "count_true"}],
    )
    assert output["aggregates"] == [{"criterion": "b", "kind": "count_true", "count": count, "members": ids}]


def test_aggregates_keep_the_requested_order_and_vetoed_members_count() -> None:
    criteria = [ratio_leaf("ha"), leaf("b", "boolean", 10), leaf("v", "veto")]
    members = {
        "a": {"r": {"actual": 1, "target": 2}, "b": True, "v": True},
        "b": {"r": {"actual": 1, "target": 2}, "b": True},
    }
    aggregates = [{"criterion": "b", "kind": "count_true"}, {"criterion": "r", "kind": "sum_ratio"}]
    output = run(criteria, members, aggregates=aggregates)
    assert [aggregate["kind"] for aggregate in output["aggregates"]] == ["count_true", "sum_ratio"]
    assert output["aggregates"][0]["members"] == ["a", "b"]
    assert output["aggregates"][1]["actual"] == "2.00"


def test_no_aggregates_requested() -> None:
    assert run([leaf("m", "manual")], {"a": {"m": 1}})["aggregates"] == []


def test_numbers_at_the_limits_stay_exact() -> None:
    # 18 integer digits over 20 decimal places: the quotient has 38 digits and still rounds exactly.
    largest, smallest = "999999999999999999.99999999999999999999", "0.00000000000000000001"
    members = {
        "a": {"r": {"actual": largest, "target": smallest}},
        "b": {"r": {"actual": smallest, "target": largest}},
    }
    criteria = [{**leaf("r", "ratio_to_target", "999999999999999999", cap="999999999999999999"), "unit": "đ"}]
    output = run(criteria, members, aggregates=[{"criterion": "r", "kind": "sum_ratio"}])
    points = {member["id"]: member["points"]["r"] for member in output["members"]}
    assert points == {"a": "999999999999999998000000000000000001.00", "b": "0.00"}
    aggregate = output["aggregates"][0]
    assert (aggregate["actual"], aggregate["target"]) == ("1000000000000000000.00", "1000000000000000000.00")
    assert aggregate["percent"] == "100.00"
