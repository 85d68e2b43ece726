"""Properties that hold for every valid input, on inputs nobody wrote down (Hypothesis)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from thidua.emulation.scoring import ScoringInputError, parse_input, parse_json, result_to_json, score

SETTINGS = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
CENTS = re.compile(r"-?\d+\.\d\d")
METHODS = [
    "ratio_to_target",
    "boolean",
    "threshold",
    "tiers",
    "manual",
    "relative",
    "bonus",
    "penalty",
    "veto",
]


def amounts(low: object, high: object, places: int = 3) -> st.SearchStrategy[Decimal]:
    return st.decimals(min_value=low, max_value=high, places=places, allow_nan=False, allow_infinity=False)


def as_json_number(value: Decimal) -> st.SearchStrategy[object]:
    """The same number as a decimal string, a Decimal (what load_json gives) or an int when whole."""
    options: list[object] = [str(value), value]
    if value == value.to_integral_value():
        options.append(int(value))
    return st.sampled_from(options)


@st.composite
def leaf_node(draw: st.DrawFn, code: str) -> dict[str, Any]:
    method = draw(st.sampled_from(METHODS))
    node: dict[str, Any] = {"code": code, "name": f"Tiêu chí {code}", "method": method}
    if method == "veto":
        return node
    top = draw(amounts(Decimal("0.01"), 1000, 2))
    node["max_points"] = draw(as_json_number(top))
    if draw(st.booleans()):
        node["unit"] = draw(st.sampled_from(["tỷ đồng", "%", "ha"]))
    if method == "ratio_to_target":
        node["params"] = draw(
            st.fixed_dictionaries(
                {}, optional={"cap": amounts(Decimal("0.1"), 3, 2).map(str), "lower_is_better": st.booleans()}
            )
        )
    elif method == "threshold":
        proportional = draw(st.booleans())
        low = Decimal("0.001") if proportional else -100
        node["params"] = {"threshold": str(draw(amounts(low, 200))), "proportional_below": proportional}
    elif method == "tiers":
        minimums = draw(st.lists(amounts(-10, 200, 1), min_size=1, max_size=5, unique=True))
        node["params"] = {"tiers": [[str(m), str(draw(amounts(0, top, 2)))] for m in minimums]}
    return node


@st.composite
def criteria_tree(draw: st.DrawFn, prefix: str = "", depth: int = 0) -> list[dict[str, Any]]:
    nodes = []
    for index in range(1, draw(st.integers(1, 4)) + 1):
        code = f"{prefix}{index}"
        if depth < 2 and draw(st.booleans()):
            nodes.append(
                {"code": code, "name": f"Nhóm {code}", "children": draw(criteria_tree(f"{code}.", depth + 1))}
            )
        else:
            nodes.append(draw(leaf_node(code)))
    return nodes


def leaves(nodes: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    for node in nodes:
        if "children" in node:
            yield from leaves(node["children"])
        else:
            yield node


def groups(nodes: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    for node in nodes:
        if "children" in node:
            yield node
            yield from groups(node["children"])


def member_value(draw: st.DrawFn, node: dict[str, Any]) -> object:
    method = node["method"]
    if method in ("boolean", "veto"):
        return draw(st.booleans())
    if method == "ratio_to_target":
        actual = draw(st.one_of(st.just(Decimal(0)), amounts(0, 10**6)))
        return {"actual": draw(as_json_number(actual)), "target": str(draw(amounts(Decimal("0.001"), 10**6)))}
    top = Decimal(str(node["max_points"]))
    if method in ("manual", "bonus", "penalty"):
        return draw(as_json_number(draw(amounts(0, top))))
    proportional = method == "threshold" and node["params"]["proportional_below"]
    low = 0 if method == "relative" or proportional else -50
    return draw(as_json_number(draw(st.one_of(st.just(Decimal(0)), amounts(low, 250)))))


@st.composite
def documents(draw: st.DrawFn) -> dict[str, Any]:
    criteria = draw(criteria_tree())
    members = []
    for index in range(draw(st.integers(1, 8))):
        values = {}
        for node in leaves(criteria):
            # Bonus, penalty and veto may be left out; every other value must be there.
            if node["method"] in ("bonus", "penalty", "veto") and draw(st.booleans()):
                continue
            values[node["code"]] = member_value(draw, node)
        members.append({"id": f"m{index}", "name": f"Đơn vị {index}", "values": values})
    scorable = [
        node["code"] for node in [*leaves(criteria), *groups(criteria)] if node.get("method") != "veto"
    ]
    tie_break = draw(st.lists(st.sampled_from(scorable), unique=True, max_size=3)) if scorable else []
    aggregates = [
        {
            "criterion": node["code"],
            "kind": "sum_ratio" if node["method"] == "ratio_to_target" else "count_true",
        }
        for node in leaves(criteria)
        if node["method"] in ("ratio_to_target", "boolean") and draw(st.booleans())
    ]
    return {"criteria": criteria, "members": members, "aggregates": aggregates, "tie_break": tie_break}


def children_points(node: dict[str, Any], points: dict[str, str]) -> Decimal:
    return sum((Decimal(points.get(child["code"], "0")) for child in node["children"]), Decimal(0))


@SETTINGS
@given(documents())
def test_valid_inputs_score_and_add_up(data: dict[str, Any]) -> None:
    output = result_to_json(score(parse_input(data)))
    json.dumps(output)
    scored = {node["code"]: node for node in leaves(data["criteria"]) if node["method"] != "veto"}
    group_codes = [node["code"] for node in groups(data["criteria"])]
    for member in output["members"]:
        points = member["points"]
        assert list(points) == [*scored, *group_codes]
        assert all(CENTS.fullmatch(value) for value in [*points.values(), member["total"]])
        for code, node in scored.items():
            value = Decimal(points[code])
            if node["method"] == "penalty":
                assert value <= 0
            else:
                cap = (
                    Decimal(node.get("params", {}).get("cap", 1))
                    if node["method"] == "ratio_to_target"
                    else 1
                )
                assert 0 <= value <= Decimal(str(node["max_points"])) * cap + Decimal("0.005")
        leaf_sum = sum((Decimal(points[code]) for code in scored), Decimal(0))
        assert Decimal(member["total"]) == max(leaf_sum, Decimal(0))
        for node in groups(data["criteria"]):
            assert Decimal(points[node["code"]]) == children_points(node, points)


def rank_key(member: dict[str, Any], tie_break: list[str]) -> tuple[object, ...]:
    return (member["vetoed"], -Decimal(member["total"]), *(-Decimal(member["points"][c]) for c in tie_break))


@SETTINGS
@given(documents())
def test_ranks_agree_with_totals(data: dict[str, Any]) -> None:
    output = result_to_json(score(parse_input(data)))
    members = output["members"]
    keys = [rank_key(member, data["tie_break"]) for member in members]
    assert keys == sorted(keys)
    for position, member in enumerate(members):
        if position == 0 or keys[position] != keys[position - 1]:
            assert member["rank"] == position + 1
        else:
            assert member["rank"] == members[position - 1]["rank"]
    for better in members:
        for worse in members:
            if not better["vetoed"] and worse["vetoed"]:
                assert better["rank"] < worse["rank"]
            elif better["vetoed"] == worse["vetoed"] and Decimal(better["total"]) > Decimal(worse["total"]):
                assert better["rank"] < worse["rank"]
    not_vetoed = [member for member in members if not member["vetoed"]]
    assert output["leading"] == (not_vetoed[0]["id"] if not_vetoed else None)


@SETTINGS
@given(documents(), st.randoms(use_true_random=False))
def test_member_order_changes_nothing_but_the_listing_of_full_ties(data: dict[str, Any], rng: Any) -> None:
    shuffled = dict(data, members=list(data["members"]))
    rng.shuffle(shuffled["members"])

    def by_id(document: dict[str, Any]) -> dict[str, tuple[object, ...]]:
        output = result_to_json(score(parse_input(document)))
        return {m["id"]: (m["rank"], m["total"], m["vetoed"], m["points"]) for m in output["members"]}

    assert by_id(data) == by_id(shuffled)


@SETTINGS
@given(documents())
def test_json_text_gives_the_same_result_as_plain_data(data: dict[str, Any]) -> None:
    text = json.dumps(data, default=str, ensure_ascii=False)
    assert result_to_json(score(parse_json(text))) == result_to_json(score(parse_input(data)))


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=5) | amounts(-(10**20), 10**20).map(str),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=6,
)


def paths(value: object, prefix: tuple[object, ...] = ()) -> Iterator[tuple[object, ...]]:
    yield prefix
    if isinstance(value, dict):
        for key, item in value.items():
            yield from paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from paths(item, (*prefix, index))


@SETTINGS
@given(documents(), st.data())
def test_any_single_corruption_is_reported_or_scored_never_a_crash(
    data: dict[str, Any], draw: st.DataObject
) -> None:
    path = draw.draw(st.sampled_from(list(paths(data))[1:]))
    replacement = draw.draw(JSON_VALUES)
    target: Any = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = replacement
    try:
        inputs = parse_input(data)
    except ScoringInputError as error:
        assert error.problems
        assert all(problem.path and problem.message for problem in error.problems)
        return
    json.dumps(result_to_json(score(inputs)))
