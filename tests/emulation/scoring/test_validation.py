"""Invalid inputs: every problem is reported, each with the JSON path of the offending value."""

from __future__ import annotations

import copy
from decimal import Decimal
from typing import Any

import pytest

from tests.emulation.scoring import document, group, leaf, problems
from thidua.emulation.scoring import Problem, ScoringInputError, parse_input, parse_json, score

DELETE = object()


def base() -> dict[str, Any]:
    """A valid document using every method; each case below breaks it in one or more places."""
    criteria = [
        group("1", {**leaf("1.1", "ratio_to_target"), "unit": "tỷ đồng"}, leaf("1.2", "boolean", 50)),
        leaf("2", "threshold", threshold=98),
        leaf("3", "tiers", tiers=[[90, 100], [50, 30]]),
        leaf("4", "manual"),
        leaf("5", "relative"),
        leaf("B", "bonus", 20),
        leaf("P", "penalty", 20),
        leaf("V", "veto"),
    ]
    values = {"1.1": {"actual": 5, "target": 10}, "1.2": True, "2": 99, "3": 91, "4": 50, "5": 3}
    extras: list[dict[str, object]] = [{}, {"B": 5, "P": 1, "V": False}, {"V": True}]
    members = {name: {**copy.deepcopy(values), **extra} for name, extra in zip("abc", extras, strict=True)}
    aggregates = [{"criterion": "1.1", "kind": "sum_ratio"}, {"criterion": "1.2", "kind": "count_true"}]
    return document(criteria, members, aggregates=aggregates, tie_break=["1", "4"])


def test_base_document_is_valid() -> None:
    assert len(score(parse_input(base())).members) == 3


def change(data: dict[str, Any], path: tuple[str | int, ...], value: object) -> None:
    *parents, last = path
    target: Any = data
    for key in parents:
        target = target[key]
    if value is DELETE:
        del target[last]
    elif isinstance(target, list) and last == len(target):
        target.append(value)  # one past the end adds a criterion
    else:
        target[last] = value


M2 = ("members", 2, "values")
TREE_11 = ("criteria", 0, "children", 0)

# (id, changes as (path, new value or DELETE), every problem expected, in order)
CASES: list[tuple[str, list[tuple[tuple[str | int, ...], object]], list[str]]] = [
    ("target 0", [((*M2, "1.1", "target"), 0)], ['members[2].values["1.1"].target: must be greater than 0']),
    (
        "target negative",
        [((*M2, "1.1", "target"), "-3")],
        ['members[2].values["1.1"].target: must be greater than 0'],
    ),
    ("target missing", [((*M2, "1.1", "target"), DELETE)], ['members[2].values["1.1"].target: required']),
    (
        "actual negative and target 0: both",
        [((*M2, "1.1"), {"actual": -1, "target": 0})],
        [
            'members[2].values["1.1"].actual: must be at least 0',
            'members[2].values["1.1"].target: must be greater than 0',
        ],
    ),
    (
        "ratio unknown field",
        [((*M2, "1.1", "plan"), 3)],
        ['members[2].values["1.1"].plan: unknown key (expected one of: actual, target)'],
    ),
    (
        "ratio not an object",
        [((*M2, "1.1"), 5)],
        ['members[2].values["1.1"]: must be an object {"actual": …, "target": …}, not a number'],
    ),
    (
        "cap 0",
        [((*TREE_11, "params"), {"cap": 0})],
        ["criteria[0].children[0].params.cap: must be greater than 0"],
    ),
    (
        "misspelt parameter",
        [((*TREE_11, "params"), {"lower_is_beter": True})],
        [
            "criteria[0].children[0].params.lower_is_beter: unknown key (expected one of: cap, lower_is_better)"
        ],
    ),
    (
        "lower_is_better not a boolean",
        [((*TREE_11, "params"), {"lower_is_better": "yes"})],
        ["criteria[0].children[0].params.lower_is_better: must be true or false, not a string"],
    ),
    (
        "boolean as string",
        [((*M2, "1.2"), "true")],
        ['members[2].values["1.2"]: must be true or false, not a string'],
    ),
    ("veto as number", [((*M2, "V"), 1)], ['members[2].values["V"]: must be true or false, not a number']),
    (
        "tier points above max",
        [(("criteria", 2, "params", "tiers", 0, 1), 101)],
        ["criteria[2].params.tiers[0][1]: must not exceed max_points (100)"],
    ),
    (
        "tier not a pair",
        [(("criteria", 2, "params", "tiers", 1), [50])],
        ["criteria[2].params.tiers[1]: must be a pair [minimum, points], not a list of 1"],
    ),
    (
        "tier minimum repeated",
        [(("criteria", 2, "params", "tiers", 1, 0), 90)],
        ["criteria[2].params.tiers[1][0]: the same minimum as criteria[2].params.tiers[0]"],
    ),
    (
        "tiers empty",
        [(("criteria", 2, "params", "tiers"), [])],
        ["criteria[2].params.tiers: must contain at least one tier"],
    ),
    ("tiers missing", [(("criteria", 2, "params"), {})], ["criteria[2].params.tiers: required"]),
    ("threshold missing", [(("criteria", 1, "params"), {})], ["criteria[1].params.threshold: required"]),
    (
        "proportional threshold 0",
        [(("criteria", 1, "params"), {"threshold": 0, "proportional_below": True})],
        ["criteria[1].params.threshold: must be greater than 0"],
    ),
    (
        "proportional value negative",
        [(("criteria", 1, "params", "proportional_below"), True), ((*M2, "2"), -1)],
        ['members[2].values["2"]: must be at least 0'],
    ),
    ("manual above max", [((*M2, "4"), "100.01")], ['members[2].values["4"]: must be between 0 and 100']),
    ("manual negative", [((*M2, "4"), -1)], ['members[2].values["4"]: must be between 0 and 100']),
    ("bonus above max", [((*M2, "B"), 21)], ['members[2].values["B"]: must be between 0 and 20']),
    ("penalty negative", [((*M2, "P"), -5)], ['members[2].values["P"]: must be between 0 and 20']),
    ("relative negative", [((*M2, "5"), "-0.5")], ['members[2].values["5"]: must be at least 0']),
    ("unknown code", [((*M2, "9.9"), 1)], ['members[2].values["9.9"]: unknown criterion code']),
    (
        "value for a group",
        [((*M2, "1"), 1)],
        ['members[2].values["1"]: is a group; give values for its children instead'],
    ),
    *[
        (
            f"missing {method}",
            [((*M2, code), DELETE)],
            [f'members[2].values["{code}"]: missing value (required for {method})'],
        )
        for code, method in [
            ("1.1", "ratio_to_target"),
            ("1.2", "boolean"),
            ("2", "threshold"),
            ("3", "tiers"),
            ("4", "manual"),
            ("5", "relative"),
        ]
    ],
    (
        "null is missing",
        [((*M2, "4"), None)],
        ['members[2].values["4"]: missing value (required for manual)'],
    ),
    (
        "duplicate code",
        [(("criteria", 8), leaf("1.2", "bonus"))],
        ['criteria[8].code: duplicate code "1.2" (first used at criteria[0].children[1].code)'],
    ),
    (
        "duplicate of a group code",
        [(("criteria", 8), leaf("1", "bonus"))],
        ['criteria[8].code: duplicate code "1" (first used at criteria[0].code)'],
    ),
    (
        "group with a method",
        [(("criteria", 0, "method"), "manual")],
        [
            "criteria[0].method: a group (a node with children) takes no method; its points are the sum of its children's"
        ],
    ),
    (
        "group with max_points",
        [(("criteria", 0, "max_points"), 150)],
        [
            "criteria[0].max_points: a group (a node with children) takes no max_points; its points are the sum of its children's"
        ],
    ),
    (
        "group without children",
        [(("criteria", 8), {"code": "E", "name": "E", "children": []})],
        ["criteria[8].children: must contain at least one criterion"],
    ),
    (
        "leaf without method",
        [(("criteria", 3, "method"), DELETE)],
        ["criteria[3].method: required (or children, for a group)"],
    ),
    (
        "unknown method",
        [(("criteria", 3, "method"), "average")],
        [
            'criteria[3].method: unknown method "average" (expected one of: ratio_to_target, boolean, threshold, '
            "tiers, manual, relative, bonus, penalty, veto)"
        ],
    ),
    ("max_points missing", [(("criteria", 3, "max_points"), DELETE)], ["criteria[3].max_points: required"]),
    (
        "max_points 0",
        [(("criteria", 3, "max_points"), 0)],
        ["criteria[3].max_points: must be greater than 0"],
    ),
    (
        "veto with max_points",
        [(("criteria", 7, "max_points"), 10)],
        ["criteria[7].max_points: a veto criterion scores no points and takes no max_points"],
    ),
    (
        "params on manual",
        [(("criteria", 3, "params"), {"cap": 1})],
        ["criteria[3].params: the method manual takes no params"],
    ),
    (
        "code not a string",
        [(("criteria", 8), leaf(8, "bonus"))],  # type: ignore[arg-type]
        ["criteria[8].code: must be a string, not a number"],
    ),
    ("name empty", [(("criteria", 3, "name"), " ")], ["criteria[3].name: must not be empty"]),
    ("criterion not an object", [(("criteria", 8), "B2")], ["criteria[8]: must be an object, not a string"]),
    (
        "unknown criterion key",
        [(("criteria", 3, "weight"), 2)],
        [
            "criteria[3].weight: unknown key (expected one of: code, name, children, unit, max_points, method, params)"
        ],
    ),
    (
        "number with a comma",
        [((*M2, "4"), "1,5")],
        ['members[2].values["4"]: must be a number or a decimal string such as "7845.12", not "1,5"'],
    ),
    (
        "number padded",
        [((*M2, "4"), " 15")],
        ['members[2].values["4"]: must be a number or a decimal string such as "7845.12", not " 15"'],
    ),
    ("boolean as number", [((*M2, "4"), True)], ['members[2].values["4"]: must be a number, not true']),
    ("NaN", [((*M2, "4"), Decimal("NaN"))], ['members[2].values["4"]: must be a number, not NaN']),
    (
        "too large",
        [((*M2, "1.1", "actual"), "1e18")],
        ['members[2].values["1.1"].actual: must be less than 10^18 in absolute value'],
    ),
    (
        "too many decimal places",
        [((*M2, "1.1", "target"), "1e-999999")],
        ['members[2].values["1.1"].target: must have at most 20 decimal places'],
    ),
    (
        "duplicate member id",
        [(("members", 2, "id"), "a")],
        ['members[2].id: duplicate id "a" (first used at members[0])'],
    ),
    ("member id missing", [(("members", 2, "id"), DELETE)], ["members[2].id: required"]),
    ("values missing", [(("members", 2, "values"), DELETE)], ["members[2].values: required"]),
    ("members empty", [(("members",), [])], ["members: must contain at least one member"]),
    (
        "criteria missing",
        [(("criteria",), DELETE)],
        [
            "criteria: required",
            *[
                f'members[{i}].values["{code}"]: unknown criterion code'
                for i in range(3)
                for code in ["1.1", "1.2", "2", "3", "4", "5"]
                + (["B", "P", "V"] if i == 1 else ["V"] if i == 2 else [])
            ],
            'aggregates[0].criterion: unknown criterion code "1.1"',
            'aggregates[1].criterion: unknown criterion code "1.2"',
            'tie_break[0]: unknown criterion code "1"',
            'tie_break[1]: unknown criterion code "4"',
        ],
    ),
    (
        "unknown top-level key",
        [(("tiebreak",), ["4"])],
        ["tiebreak: unknown key (expected one of: criteria, members, aggregates, tie_break)"],
    ),
    (
        "sum_ratio on a boolean",
        [(("aggregates", 0, "criterion"), "1.2")],
        ['aggregates[0].criterion: sum_ratio needs a ratio_to_target criterion; "1.2" is boolean'],
    ),
    (
        "count_true on a ratio",
        [(("aggregates", 1, "criterion"), "1.1")],
        ['aggregates[1].criterion: count_true needs a boolean criterion; "1.1" is ratio_to_target'],
    ),
    (
        "aggregate of a group",
        [(("aggregates", 1, "criterion"), "1")],
        ['aggregates[1].criterion: count_true needs a boolean criterion; "1" is group'],
    ),
    (
        "aggregate unknown code",
        [(("aggregates", 0, "criterion"), "7")],
        ['aggregates[0].criterion: unknown criterion code "7"'],
    ),
    (
        "aggregate unknown kind",
        [(("aggregates", 0, "kind"), "mean")],
        ['aggregates[0].kind: unknown kind "mean" (expected one of: sum_ratio, count_true)'],
    ),
    (
        "aggregate repeated",
        [(("aggregates", 1), {"criterion": "1.1", "kind": "sum_ratio"})],
        ['aggregates[1]: sum_ratio of "1.1" is already requested'],
    ),
    ("tie_break unknown code", [(("tie_break", 1), "4.4")], ['tie_break[1]: unknown criterion code "4.4"']),
    (
        "tie_break veto",
        [(("tie_break", 1), "V")],
        ['tie_break[1]: "V" is a veto criterion; it scores no points, so it cannot break ties'],
    ),
    ("tie_break repeated", [(("tie_break", 1), "1")], ['tie_break[1]: "1" is already listed']),
    ("tie_break not a list", [(("tie_break",), "1")], ["tie_break: must be a list, not a string"]),
]


@pytest.mark.parametrize(
    ("changes", "expected"), [case[1:] for case in CASES], ids=[case[0] for case in CASES]
)
def test_problem_is_reported_with_its_path(
    changes: list[tuple[tuple[str | int, ...], object]], expected: list[str]
) -> None:
    data = base()
    for path, value in changes:
        change(data, path, value)
    assert problems(data) == expected


def test_every_problem_is_reported_not_only_the_first() -> None:
    data = base()
    for path, value in [
        (("criteria", 0, "method"), "manual"),
        ((*M2, "1.1", "target"), 0),
        (("members", 0, "values", "4"), 101),
        (("members", 1, "values", "X"), 1),
        (("tie_break", 0), "nope"),
    ]:
        change(data, path, value)
    assert [problem.split(":")[0] for problem in problems(data)] == [
        "criteria[0].method",
        'members[0].values["4"]',
        'members[1].values["X"]',
        'members[2].values["1.1"].target',
        "tie_break[0]",
    ]


def test_a_lost_code_is_reported_wherever_it_is_used() -> None:
    # Renaming "4" to a duplicate leaves the members' values for "4" without a criterion: each is said.
    data = base()
    change(data, ("criteria", 3, "code"), "1.2")
    assert problems(data) == [
        'criteria[3].code: duplicate code "1.2" (first used at criteria[0].children[1].code)',
        *[f'members[{index}].values["4"]: unknown criterion code' for index in range(3)],
        'tie_break[1]: unknown criterion code "4"',
    ]


def test_values_are_checked_even_under_a_faulty_criterion() -> None:
    data = base()
    change(data, ("criteria", 3, "max_points"), "lots")
    change(data, (*M2, "4"), -1)
    assert problems(data) == [
        'criteria[3].max_points: must be a number or a decimal string such as "7845.12", not "lots"',
        'members[2].values["4"]: must be at least 0',
    ]


@pytest.mark.parametrize(
    ("data", "message"), [([], "$: must be an object, not a list"), (None, "$: must be an object, not null")]
)
def test_top_level_must_be_an_object(data: object, message: str) -> None:
    assert problems(data) == [message]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('{"criteria": [', "$: invalid JSON at line 1, column 15: Expecting value"),
        ("[1]", "$: must be an object, not a list"),
        (b"\xff\xfe{", "$: the file is not UTF-8 text"),
        ('{"criteria": [], "criteria": []}', '$: the key "criteria" appears more than once'),
        ("[" * 100_000, "$: invalid JSON: nested too deeply"),
    ],
    ids=["syntax", "not an object", "not utf-8", "repeated key", "deep"],
)
def test_json_text_problems(text: str | bytes, expected: str) -> None:
    with pytest.raises(ScoringInputError) as caught:
        parse_json(text)
    assert str(caught.value.problems[0]) == expected


def test_repeated_key_in_values_is_reported_where_it_happens() -> None:
    text = (
        '{"criteria": [{"code": "m", "name": "m", "max_points": 10, "method": "manual"}],'
        ' "members": [{"id": "a", "values": {"m": 1, "m": 2}}]}'
    )
    with pytest.raises(ScoringInputError) as caught:
        parse_json(text)
    assert caught.value.problems == (Problem("members[0].values", 'the key "m" appears more than once'),)


def test_criteria_nested_too_deep() -> None:
    node: dict[str, Any] = leaf("x", "manual")
    for depth in range(20):
        node = group(f"g{depth}", node)
    assert problems(document([node], {"a": {"x": 1}})) == [
        "criteria[0].children[0].children[0].children[0].children[0].children[0].children[0].children[0]"
        ".children[0].children[0].children[0].children[0].children[0].children[0].children[0].children[0]"
        ".children: criteria are nested more than 16 levels deep",
        # The leaf below the cut is never read, so its value is unknown too.
        'members[0].values["x"]: unknown criterion code',
    ]


def test_the_error_carries_problems_and_reads_as_lines() -> None:
    data = base()
    change(data, (*M2, "1.1", "target"), 0)
    with pytest.raises(ScoringInputError) as caught:
        parse_input(data)
    assert caught.value.problems == (Problem('members[2].values["1.1"].target', "must be greater than 0"),)
    assert str(caught.value) == 'members[2].values["1.1"].target: must be greater than 0'
    path, message = caught.value.problems[0]
    assert (path, message) == ('members[2].values["1.1"].target', "must be greater than 0")
