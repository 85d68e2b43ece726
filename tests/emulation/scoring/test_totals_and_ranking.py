"""Totals, groups, vetoes, ranks, tie-breaks and the leading unit."""

from __future__ import annotations

from typing import Any

import pytest

from tests.emulation.scoring import group, leaf, points_by_id, run

MANUAL = leaf("m", "manual")


def ranking(output: dict[str, Any]) -> list[tuple[str, int]]:
    return [(member["id"], member["rank"]) for member in output["members"]]


# -- totals and groups -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "total"),
    [
        ({"m": 10, "b": 5, "p": 3}, "12.00"),
        ({"m": 10, "p": 10}, "0.00"),
        ({"m": 5, "p": 20}, "0.00"),  # floored at 0, never negative
        ({"m": 0, "p": "0.01"}, "0.00"),
        ({"m": 0, "b": 20}, "20.00"),
        ({"m": 100, "b": 20, "p": 0}, "120.00"),
    ],
)
def test_total_adds_bonus_subtracts_penalty_floored_at_zero(values: dict[str, object], total: str) -> None:
    output = run([MANUAL, leaf("b", "bonus", 20), leaf("p", "penalty", 20)], {"a": values})
    assert output["members"][0]["total"] == total


def test_total_is_the_sum_of_rounded_points() -> None:
    # Each criterion rounds 0.005 up to 0.01; rounding the exact sum 0.010 instead would give 0.01.
    criteria = [leaf("x", "manual", 1), leaf("y", "manual", 1)]
    member = run(criteria, {"a": {"x": "0.005", "y": "0.005"}})["members"][0]
    assert member["points"] == {"x": "0.01", "y": "0.01"}
    assert member["total"] == "0.02"


def test_group_points_are_the_sum_of_children_at_every_level() -> None:
    criteria = [
        group(
            "1", leaf("1.1", "manual"), group("1.2", leaf("1.2.1", "manual"), leaf("1.2.2", "penalty", 10))
        ),
        group("2", leaf("2.1", "boolean", 30)),
        leaf("V", "veto"),
    ]
    values = {"1.1": "10.005", "1.2.1": "20.004", "1.2.2": 3, "2.1": True}
    member = run(criteria, {"a": values})["members"][0]
    # Leaves in tree order first, then groups in tree order; the veto criterion has no entry.
    assert list(member["points"].items()) == [
        ("1.1", "10.01"),
        ("1.2.1", "20.00"),
        ("1.2.2", "-3.00"),
        ("2.1", "30.00"),
        ("1", "27.01"),
        ("1.2", "17.00"),
        ("2", "30.00"),
    ]
    assert member["total"] == "57.01"


def test_group_of_vetoes_only_scores_zero() -> None:
    member = run([group("G", leaf("V", "veto")), MANUAL], {"a": {"V": False, "m": 1}})["members"][0]
    assert member["points"] == {"m": "1.00", "G": "0.00"}


# -- ranks ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("scores", "expected"),
    [
        ({"a": 10, "b": 9, "c": 9, "d": 8}, [("a", 1), ("b", 2), ("c", 2), ("d", 4)]),
        ({"a": 5, "b": 5, "c": 5}, [("a", 1), ("b", 1), ("c", 1)]),
        ({"a": 1, "b": 2, "c": 3}, [("c", 1), ("b", 2), ("a", 3)]),
        ({"a": 7, "b": 9, "c": 7, "d": 9}, [("b", 1), ("d", 1), ("a", 3), ("c", 3)]),
        ({"a": "9.994", "b": "9.99"}, [("a", 1), ("b", 1)]),  # equal once rounded
    ],
    ids=["1-2-2-4", "all tied", "reverse input", "two pairs", "tie after rounding"],
)
def test_shared_ranks_skip_the_next(scores: dict[str, object], expected: list[tuple[str, int]]) -> None:
    output = run([MANUAL], {member: {"m": value} for member, value in scores.items()})
    # Members that stay tied keep their input order.
    assert ranking(output) == expected


@pytest.mark.parametrize(
    ("tie_break", "expected"),
    [
        ([], [("a", 1), ("b", 1), ("c", 1)]),
        (["x"], [("b", 1), ("c", 1), ("a", 3)]),
        (["x", "y"], [("b", 1), ("c", 2), ("a", 3)]),
        (["y"], [("a", 1), ("b", 2), ("c", 3)]),
        (["y", "x"], [("a", 1), ("b", 2), ("c", 3)]),
        (["G"], [("a", 1), ("b", 1), ("c", 3)]),  # a group code
        (["p", "x"], [("b", 1), ("a", 2), ("c", 3)]),  # a penalty: -1.00 loses to 0.00
        (["m"], [("c", 1), ("a", 2), ("b", 2)]),
    ],
)
def test_tie_break_compares_points_in_order(tie_break: list[str], expected: list[tuple[str, int]]) -> None:
    criteria = [group("G", leaf("x", "manual"), leaf("y", "manual")), leaf("p", "penalty", 10), MANUAL]
    members = {
        "a": {"x": 2, "y": 8, "p": 0, "m": 0},
        "b": {"x": 5, "y": 5, "p": 0, "m": 0},
        "c": {"x": 5, "y": 3, "p": 1, "m": 3},
    }
    output = run(criteria, members, tie_break=tie_break)
    assert {member["total"] for member in output["members"]} == {"10.00"}
    assert ranking(output) == expected


def test_tie_break_never_outranks_a_higher_total() -> None:
    members = {"a": {"x": 0, "m": 10}, "b": {"x": 100, "m": 0}}
    output = run([leaf("x", "manual", 100), leaf("m", "manual", 100)], members, tie_break=["x"])
    assert ranking(output) == [("b", 1), ("a", 2)]
    output = run(
        [leaf("x", "manual", 100), leaf("m", "manual", 100)],
        {**members, "b": {"x": 9, "m": 0}},
        tie_break=["x"],
    )
    assert ranking(output) == [("a", 1), ("b", 2)]


# -- vetoes and the leading unit -----------------------------------------------------------------


def vetoed(scores: dict[str, tuple[int, bool]], **extra: Any) -> dict[str, Any]:
    members = {member: {"m": value, "v": failed} for member, (value, failed) in scores.items()}
    return run([MANUAL, leaf("v", "veto")], members, **extra)


@pytest.mark.parametrize(
    ("scores", "expected", "leading"),
    [
        ({"a": (99, True), "b": (50, False), "c": (60, False)}, [("c", 1), ("b", 2), ("a", 3)], "c"),
        (
            {"a": (99, True), "b": (50, False), "c": (98, True), "d": (10, False)},
            [("b", 1), ("d", 2), ("a", 3), ("c", 4)],
            "b",
        ),
        ({"a": (99, True), "b": (99, True), "c": (1, False)}, [("c", 1), ("a", 2), ("b", 2)], "c"),
        ({"a": (99, True), "b": (50, True)}, [("a", 1), ("b", 2)], None),  # all vetoed: nobody leads
        ({"a": (50, False), "b": (50, False), "c": (99, True)}, [("a", 1), ("b", 1), ("c", 3)], "a"),
        ({"a": (50, False), "b": (40, False), "c": (40, False)}, [("a", 1), ("b", 2), ("c", 2)], "a"),
        ({"a": (0, False)}, [("a", 1)], "a"),
    ],
    ids=[
        "vetoed last",
        "vetoed ranked among themselves",
        "vetoed tie",
        "all vetoed",
        "tie at rank 1",
        "tie at 2",
        "one",
    ],
)
def test_vetoed_members_come_last_and_never_lead(
    scores: dict[str, tuple[int, bool]], expected: list[tuple[str, int]], leading: str | None
) -> None:
    output = vetoed(scores)
    assert ranking(output) == expected
    assert output["leading"] == leading
    assert {member["id"]: member["vetoed"] for member in output["members"]} == {
        member: failed for member, (_value, failed) in scores.items()
    }


def test_vetoed_member_keeps_its_points_and_total() -> None:
    member = vetoed({"a": (70, True)})["members"][0]
    assert (member["total"], member["points"], member["vetoed"]) == ("70.00", {"m": "70.00"}, True)


def test_failing_any_one_veto_is_enough() -> None:
    criteria = [MANUAL, leaf("v1", "veto"), leaf("v2", "veto")]
    output = run(criteria, {"a": {"m": 1, "v1": False, "v2": True}, "b": {"m": 0, "v1": False}})
    assert [(member["id"], member["vetoed"]) for member in output["members"]] == [("b", False), ("a", True)]


def test_tie_break_decides_the_leader() -> None:
    output = vetoed({"a": (50, False), "b": (50, False)})
    # still tied: both rank 1, listed in input order, and the first listed leads
    assert [(m["id"], m["rank"]) for m in output["members"]] == [("a", 1), ("b", 1)]
    assert output["leading"] == "a"
    criteria = [MANUAL, leaf("t", "manual"), leaf("v", "veto")]
    members = {"a": {"m": 50, "t": 0}, "b": {"m": 40, "t": 10}}
    assert run(criteria, members, tie_break=["t"])["leading"] == "b"


def test_points_of_every_member_are_independent_of_input_order() -> None:
    criteria = [leaf("r", "relative"), MANUAL]
    forward = {"a": {"r": 3, "m": 1}, "b": {"r": 6, "m": 2}}
    backward = dict(reversed(forward.items()))
    assert points_by_id(run(criteria, forward)) == points_by_id(run(criteria, backward))
