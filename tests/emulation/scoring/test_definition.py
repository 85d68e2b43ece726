"""scoring.check.definition_problems: the aggregates' and tie-break's rules as data, the same the JSON
parser applies (checked here against parse_definition on the same inputs)."""

from __future__ import annotations

import pytest

from thidua.emulation.scoring import ScoringInputError, parse_definition
from thidua.emulation.scoring.check import DefinitionFault, DefinitionProblem, definition_problems
from thidua.emulation.scoring.engine import AggregateKind, Method

F, K = DefinitionFault, AggregateKind
CRITERIA = [
    {
        "code": "1",
        "name": "Kinh tế",
        "children": [
            {
                "code": "1.1",
                "name": "Giá trị",
                "unit": "tỷ đồng",
                "max_points": 10,
                "method": "ratio_to_target",
            },
            {"code": "1.2", "name": "Nông thôn mới", "max_points": 5, "method": "boolean"},
        ],
    },
    {"code": "2", "name": "Thi đua", "max_points": 10, "method": "manual"},
    {"code": "V", "name": "An ninh", "method": "veto"},
]
METHODS = {
    "1": None,
    "1.1": Method.RATIO_TO_TARGET,
    "1.2": Method.BOOLEAN,
    "2": Method.MANUAL,
    "V": Method.VETO,
}


@pytest.mark.parametrize(
    ("aggregates", "tie_break", "problems"),
    [
        ([("1.1", "sum_ratio"), ("1.2", "count_true")], ["1.1", "1", "2"], ()),
        (
            [("1.2", "sum_ratio")],
            [],
            (DefinitionProblem("aggregates", 0, F.WRONG_METHOD, "1.2", "criterion", K.SUM_RATIO),),
        ),
        (
            [("1", "count_true")],
            [],
            (DefinitionProblem("aggregates", 0, F.WRONG_METHOD, "1", "criterion", K.COUNT_TRUE),),
        ),
        (
            [("2", "sum_ratio")],
            [],
            (DefinitionProblem("aggregates", 0, F.WRONG_METHOD, "2", "criterion", K.SUM_RATIO),),
        ),
        (
            [("1.1", "sum_ratio"), ("1.1", "sum_ratio")],
            [],
            (DefinitionProblem("aggregates", 1, F.REPEATED, "1.1", "", K.SUM_RATIO),),
        ),
        (
            [("9", "sum_ratio")],
            [],
            (DefinitionProblem("aggregates", 0, F.UNKNOWN_CRITERION, "9", "criterion", K.SUM_RATIO),),
        ),
        ([("1.1", "mean")], [], (DefinitionProblem("aggregates", 0, F.UNKNOWN_KIND, "1.1", "kind"),)),
        ([], ["V"], (DefinitionProblem("tie_break", 0, F.VETO, "V"),)),
        ([], ["2", "2"], (DefinitionProblem("tie_break", 1, F.REPEATED, "2"),)),
        ([], ["X"], (DefinitionProblem("tie_break", 0, F.UNKNOWN_CRITERION, "X"),)),
    ],
)
def test_definition_problems_agree_with_the_parser(
    aggregates: list[tuple[str, str]], tie_break: list[str], problems: tuple[DefinitionProblem, ...]
) -> None:
    assert definition_problems(METHODS, aggregates, tie_break) == problems
    document = {
        "criteria": CRITERIA,
        "aggregates": [{"criterion": code, "kind": kind} for code, kind in aggregates],
        "tie_break": tie_break,
    }
    if not problems:
        parse_definition(document)
        return
    with pytest.raises(ScoringInputError) as caught:
        parse_definition(document)
    # the parser refuses the same entries (its paths name the same part and index)
    paths = {p.path.split(".")[0] for p in caught.value.problems}
    assert paths == {f"{p.part}[{p.index}]" for p in problems}
