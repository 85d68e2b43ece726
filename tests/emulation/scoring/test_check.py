"""The value rules as data (scoring.check): the bounds per method, and partial scoring that leaves out
the members with problems. Pure: no database."""

from __future__ import annotations

from decimal import Decimal

import pytest

from thidua.emulation.scoring import (
    Criterion,
    Fault,
    Member,
    Method,
    Ratio,
    ScoringInput,
    ValueProblem,
    member_problems,
    parse_input,
    score_valid,
)
from thidua.emulation.scoring.check import bound_fault
from thidua.emulation.scoring.parse import ScoringInputError

D = Decimal
TOP = D(10)

BOUNDS = [
    # method, field, value, max_points, proportional_below, expected fault
    (Method.RATIO_TO_TARGET, "actual", D(0), None, False, None),
    (Method.RATIO_TO_TARGET, "actual", D("-0.01"), None, False, Fault.NEGATIVE),
    (Method.RATIO_TO_TARGET, "target", D("0.01"), None, False, None),
    (Method.RATIO_TO_TARGET, "target", D(0), None, False, Fault.NOT_POSITIVE),
    (Method.MANUAL, "", D(0), TOP, False, None),
    (Method.MANUAL, "", TOP, TOP, False, None),
    (Method.MANUAL, "", D("10.01"), TOP, False, Fault.OUT_OF_RANGE),
    (Method.MANUAL, "", D(-1), TOP, False, Fault.OUT_OF_RANGE),
    (Method.MANUAL, "", D(10**6), None, False, None),  # max_points unknown: only the lower bound
    (Method.MANUAL, "", D(-1), None, False, Fault.NEGATIVE),
    (Method.BONUS, "", D(11), TOP, False, Fault.OUT_OF_RANGE),
    (Method.PENALTY, "", D(3), TOP, False, None),
    (Method.RELATIVE, "", D(-1), TOP, False, Fault.NEGATIVE),
    (Method.RELATIVE, "", D(99), TOP, False, None),
    (Method.THRESHOLD, "", D(-1), TOP, True, Fault.NEGATIVE),
    (Method.THRESHOLD, "", D(-1), TOP, False, None),  # all-or-nothing: any number compares
    (Method.TIERS, "", D(-5), TOP, False, None),
]


@pytest.mark.parametrize(("method", "field", "value", "top", "proportional", "expected"), BOUNDS)
def test_bounds_per_method(
    method: Method,
    field: str,
    value: Decimal,
    top: Decimal | None,
    proportional: bool,
    expected: Fault | None,
) -> None:
    assert (
        bound_fault(method, value, field=field, max_points=top, proportional_below=proportional) is expected
    )


def _leaf(code: str, method: Method, **extra: object) -> Criterion:
    return Criterion(code=code, name=f"Tiêu chí {code}", method=method, max_points=TOP, **extra)  # type: ignore[arg-type]


CRITERIA = (
    Criterion(
        code="1",
        name="Nhóm",
        children=(_leaf("1.1", Method.RATIO_TO_TARGET), _leaf("1.2", Method.BOOLEAN)),
    ),
    _leaf("2", Method.MANUAL),
    _leaf("B", Method.BONUS),
    Criterion(code="V", name="Phủ quyết", method=Method.VETO),
)
GOOD = {"1.1": Ratio(D(5), D(10)), "1.2": True, "2": D(7)}

MEMBERS = [
    ("complete", GOOD, ()),
    ("optional ones null", {**GOOD, "B": None, "V": None}, ()),
    ("required absent", {"1.2": True}, (("1.1", Fault.MISSING, ""), ("2", Fault.MISSING, ""))),
    (
        "wrong types",
        {**GOOD, "1.2": "có", "2": "7", "1.1": D(5)},
        (("1.1", Fault.NOT_A_RATIO, ""), ("1.2", Fault.NOT_A_FLAG, ""), ("2", Fault.NOT_A_NUMBER, "")),
    ),
    (
        "both ratio fields bad",
        {**GOOD, "1.1": Ratio(D(-1), D(0))},
        (("1.1", Fault.NEGATIVE, "actual"), ("1.1", Fault.NOT_POSITIVE, "target")),
    ),
    (
        "above max",
        {**GOOD, "2": D(11), "B": D(12)},
        (("2", Fault.OUT_OF_RANGE, ""), ("B", Fault.OUT_OF_RANGE, "")),
    ),
    ("veto given", {**GOOD, "V": True}, ()),
    ("veto not a flag", {**GOOD, "V": D(1)}, (("V", Fault.NOT_A_FLAG, ""),)),
]


@pytest.mark.parametrize(("label", "values", "expected"), MEMBERS, ids=[m[0] for m in MEMBERS])
def test_member_problems(
    label: str, values: dict[str, object], expected: tuple[tuple[str, Fault, str], ...]
) -> None:
    problems = member_problems(CRITERIA, Member(id="m", name="M", values=values))  # type: ignore[arg-type]
    assert [(p.criterion, p.fault, p.field) for p in problems] == list(expected)
    assert all(p.member == "m" for p in problems)
    bounds = [p.bound for p in problems if p.fault is Fault.OUT_OF_RANGE]
    assert bounds == [TOP] * len(bounds)


def test_score_valid_scores_the_others_and_lists_who_was_left_out() -> None:
    members = (
        Member(id="a", name="A", values=GOOD),
        Member(id="b", name="B", values={"1.2": True, "2": D(3)}),
        Member(id="c", name="C", values={**GOOD, "2": D(9)}),
    )
    partial = score_valid(ScoringInput(criteria=CRITERIA, members=members))
    assert partial.result is not None
    assert [m.id for m in partial.result.members] == ["c", "a"]
    assert partial.excluded == {"b": (ValueProblem("b", "1.1", Fault.MISSING),)}


def test_score_valid_with_nobody_valid() -> None:
    partial = score_valid(ScoringInput(criteria=CRITERIA, members=(Member(id="x", name="X", values={}),)))
    assert partial.result is None and set(partial.excluded) == {"x"}


def test_the_parser_refuses_what_check_refuses_with_its_english_words() -> None:
    """One source of the bounds: the JSON path of `thidua score` reports the same faults."""
    document = {
        "criteria": [
            {"code": "1.1", "name": "a", "max_points": 10, "method": "ratio_to_target"},
            {"code": "2", "name": "b", "max_points": 10, "method": "manual"},
        ],
        "members": [{"id": "m", "values": {"1.1": {"actual": -1, "target": 0}, "2": 11}}],
    }
    with pytest.raises(ScoringInputError) as caught:
        parse_input(document)
    assert [str(p) for p in caught.value.problems] == [
        'members[0].values["1.1"].actual: must be at least 0',
        'members[0].values["1.1"].target: must be greater than 0',
        'members[0].values["2"]: must be between 0 and 10',
    ]
    typed = Member(id="m", name="m", values={"1.1": Ratio(D(-1), D(0)), "2": D(11)})
    criteria = (
        Criterion(code="1.1", name="a", method=Method.RATIO_TO_TARGET, max_points=TOP),
        Criterion(code="2", name="b", method=Method.MANUAL, max_points=TOP),
    )
    assert [p.fault for p in member_problems(criteria, typed)] == [
        Fault.NEGATIVE,
        Fault.NOT_POSITIVE,
        Fault.OUT_OF_RANGE,
    ]
