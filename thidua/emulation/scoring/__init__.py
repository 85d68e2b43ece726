"""Scoring of emulation pacts (giao ước thi đua): a pure engine, its JSON adapter and `thidua score`.

Public API (see docs/contracts/scoring.md for the rules)::

    from thidua.emulation.scoring import parse_input, score, result_to_json, ScoringInputError

    try:
        inputs = parse_input(data)          # plain dict in the contract's shape -> ScoringInput
    except ScoringInputError as error:
        error.problems                      # every (path, message), e.g. ('members[2].values["1.1"].target',
                                            #                                 'must be greater than 0')
    result = score(inputs)                  # ScoringResult: members in rank order, aggregates, leading
    result_to_json(result)                  # the contract's output document (decimals as "0.00" strings)

Nothing in this package imports Django, so `thidua score` starts in milliseconds; keep it that way
(tests/emulation/scoring/test_cli.py checks it).
"""

from __future__ import annotations

from thidua.emulation.scoring.check import Fault, PartialScore, ValueProblem, member_problems, score_valid
from thidua.emulation.scoring.engine import (
    AggregateKind,
    AggregateRequest,
    CountTrue,
    Criterion,
    Member,
    MemberResult,
    Method,
    Ratio,
    ScoringInput,
    ScoringResult,
    SumRatio,
    Tier,
    result_to_json,
    score,
)
from thidua.emulation.scoring.parse import (
    Problem,
    ScoringInputError,
    load_json,
    parse_definition,
    parse_input,
    parse_json,
)

__all__ = [
    "AggregateKind",
    "AggregateRequest",
    "CountTrue",
    "Criterion",
    "Fault",
    "Member",
    "MemberResult",
    "Method",
    "PartialScore",
    "Problem",
    "Ratio",
    "ScoringInput",
    "ScoringInputError",
    "ScoringResult",
    "SumRatio",
    "Tier",
    "ValueProblem",
    "load_json",
    "member_problems",
    "parse_definition",
    "parse_input",
    "parse_json",
    "result_to_json",
    "score",
    "score_valid",
]
