"""The rules a member's values must meet before ``score`` may run on them, as structured problems.

Public API::

    bound_fault(method, value, *, field, max_points, proportional_below) -> Fault | None
    aggregate_fault(request, method, accepted) -> DefinitionFault | None
    tie_break_fault(code, method, accepted) -> DefinitionFault | None
    definition_problems(methods, aggregates, tie_break) -> tuple[DefinitionProblem, ...]
    member_problems(criteria, member) -> tuple[ValueProblem, ...]
    score_valid(inputs) -> PartialScore     # members with problems left out, the others scored

Pure, like the engine: no Django, no I/O, no message text. A problem says which member, which
criterion, which field ("actual", "target" or "" for the value itself) and what is wrong (a ``Fault``,
with the bound it broke); the edges word it. The JSON parser (``thidua score``, English, with a JSON
path) and the report screens (Vietnamese, naming the criterion) both render these same faults, so the
web and the command line refuse exactly the same values for the same reason.

The same holds for a pact's aggregates and tie-break: ``aggregate_fault`` and ``tie_break_fault`` are
the rules the JSON parser applies, and ``definition_problems`` applies them to a definition a screen
built from its own choices, so the pact's form refuses exactly what ``thidua score`` refuses.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from types import MappingProxyType

from thidua.emulation.scoring.engine import (
    AggregateKind,
    AggregateRequest,
    Criterion,
    Member,
    Method,
    Ratio,
    ScoringInput,
    ScoringResult,
    iter_nodes,
    score,
)

__all__ = [
    "AGGREGATE_METHOD",
    "OPTIONAL_METHODS",
    "DefinitionFault",
    "DefinitionProblem",
    "Fault",
    "PartialScore",
    "ValueProblem",
    "aggregate_fault",
    "bound_fault",
    "definition_problems",
    "member_problems",
    "score_valid",
    "tie_break_fault",
]

ZERO = Decimal(0)

# An absent bonus or penalty counts as 0 and an absent veto as "not failed" (docs/contracts/scoring.md).
OPTIONAL_METHODS = frozenset({Method.BONUS, Method.PENALTY, Method.VETO})


class Fault(StrEnum):
    MISSING = "missing"  # a required value (or a ratio's target) is absent
    NOT_A_NUMBER = "not_a_number"
    NOT_A_FLAG = "not_a_flag"  # a boolean or veto criterion got something other than true / false
    NOT_A_RATIO = "not_a_ratio"  # a ratio_to_target criterion got something other than actual / target
    NEGATIVE = "negative"  # must be at least 0
    NOT_POSITIVE = "not_positive"  # must be greater than 0 (a target: it is divided by)
    OUT_OF_RANGE = "out_of_range"  # must be between 0 and the criterion's max_points (``bound``)


# The one method each aggregate is taken over (docs/contracts/scoring.md, "Aggregates").
AGGREGATE_METHOD: Mapping[AggregateKind, Method] = MappingProxyType(
    {AggregateKind.SUM_RATIO: Method.RATIO_TO_TARGET, AggregateKind.COUNT_TRUE: Method.BOOLEAN}
)


class DefinitionFault(StrEnum):
    UNKNOWN_KIND = "unknown_kind"  # not an AggregateKind
    UNKNOWN_CRITERION = "unknown_criterion"  # no criterion with that code in the tree
    WRONG_METHOD = "wrong_method"  # the aggregate needs a criterion of AGGREGATE_METHOD[kind]
    REPEATED = "repeated"  # the same aggregate of the same criterion, or the same tie-break code, again
    VETO = "veto"  # a veto criterion scores no points, so it cannot break ties


@dataclass(frozen=True, slots=True)
class DefinitionProblem:
    """A fault of the aggregates' or the tie-break's entry number ``index`` (0-based, in the order
    given). ``field`` is "kind" or "criterion" for an aggregate, "" for a tie-break entry or a
    repeated aggregate as a whole."""

    part: str  # "aggregates" or "tie_break"
    index: int
    fault: DefinitionFault
    code: str
    field: str = ""
    kind: AggregateKind | None = None


def aggregate_fault(
    request: AggregateRequest, method: Method | None, accepted: Collection[AggregateRequest]
) -> DefinitionFault | None:
    """Whether an aggregate may be taken over a criterion scored by ``method`` (None for a group),
    given the aggregates already accepted before it."""
    if method is not AGGREGATE_METHOD[request.kind]:
        return DefinitionFault.WRONG_METHOD
    if request in accepted:
        return DefinitionFault.REPEATED
    return None


def tie_break_fault(code: str, method: Method | None, accepted: Collection[str]) -> DefinitionFault | None:
    """Whether a criterion (``method`` None for a group) may break ties after the codes accepted."""
    if method is Method.VETO:
        return DefinitionFault.VETO
    if code in accepted:
        return DefinitionFault.REPEATED
    return None


def definition_problems(
    methods: Mapping[str, Method | None],
    aggregates: Sequence[tuple[str, str]],
    tie_break: Sequence[str],
) -> tuple[DefinitionProblem, ...]:
    """Every fault of a definition's aggregates, given as (criterion code, kind) pairs, and tie-break
    codes, over a tree whose codes map to their methods (None for a group). Empty when the parser
    would take them."""
    problems: list[DefinitionProblem] = []
    requests: list[AggregateRequest] = []
    for index, (code, raw_kind) in enumerate(aggregates):
        try:
            kind = AggregateKind(raw_kind)
        except ValueError:
            problems.append(
                DefinitionProblem("aggregates", index, DefinitionFault.UNKNOWN_KIND, code, "kind")
            )
            kind = None
        if code not in methods:
            problems.append(
                DefinitionProblem(
                    "aggregates", index, DefinitionFault.UNKNOWN_CRITERION, code, "criterion", kind
                )
            )
            continue
        if kind is None:
            continue
        request = AggregateRequest(code, kind)
        fault = aggregate_fault(request, methods[code], requests)
        if fault is None:
            requests.append(request)
        else:
            where = "criterion" if fault is DefinitionFault.WRONG_METHOD else ""
            problems.append(DefinitionProblem("aggregates", index, fault, code, where, kind))
    codes: list[str] = []
    for index, code in enumerate(tie_break):
        if code not in methods:
            problems.append(DefinitionProblem("tie_break", index, DefinitionFault.UNKNOWN_CRITERION, code))
            continue
        fault = tie_break_fault(code, methods[code], codes)
        if fault is None:
            codes.append(code)
        else:
            problems.append(DefinitionProblem("tie_break", index, fault, code))
    return tuple(problems)


@dataclass(frozen=True, slots=True)
class ValueProblem:
    member: str
    criterion: str
    fault: Fault
    field: str = ""  # "actual" or "target" inside a ratio; "" for the value itself
    bound: Decimal | None = None  # the max_points an OUT_OF_RANGE value exceeded


@dataclass(frozen=True, slots=True)
class PartialScore:
    """The engine's result over the members whose values are complete and valid (None when there are
    none), and the problems of every member left out, keyed by member id in input order."""

    result: ScoringResult | None
    excluded: Mapping[str, tuple[ValueProblem, ...]] = field(default_factory=dict)


def bound_fault(
    method: Method,
    value: Decimal,
    *,
    field: str = "",
    max_points: Decimal | None,
    proportional_below: bool | None = False,
) -> Fault | None:
    """The bound a number breaks for this method, or None. ``max_points`` None means it is unknown
    (itself invalid), so only the lower bound is checked.

    The bounds are those of docs/contracts/scoring.md: scores typed by hand (manual, bonus, penalty)
    lie in [0, max_points]; relative values and proportional thresholds are divided into points, so
    they are at least 0; a ratio's actual is at least 0 and its target, the divisor, greater than 0.
    """
    if method is Method.RATIO_TO_TARGET:
        if field == "target":
            return None if value > 0 else Fault.NOT_POSITIVE
        return None if value >= 0 else Fault.NEGATIVE
    if method in (Method.MANUAL, Method.BONUS, Method.PENALTY):
        if max_points is None:
            return None if value >= 0 else Fault.NEGATIVE
        return None if ZERO <= value <= max_points else Fault.OUT_OF_RANGE
    if method is Method.RELATIVE or (method is Method.THRESHOLD and proportional_below):
        return None if value >= 0 else Fault.NEGATIVE
    return None


def _leaf_problems(leaf: Criterion, member_id: str, value: object) -> list[ValueProblem]:
    method = leaf.method
    assert method is not None
    if value is None:
        if method in OPTIONAL_METHODS:
            return []
        return [ValueProblem(member_id, leaf.code, Fault.MISSING)]
    if method in (Method.BOOLEAN, Method.VETO):
        return [] if isinstance(value, bool) else [ValueProblem(member_id, leaf.code, Fault.NOT_A_FLAG)]
    if method is Method.RATIO_TO_TARGET:
        if not isinstance(value, Ratio):
            return [ValueProblem(member_id, leaf.code, Fault.NOT_A_RATIO)]
        problems = []
        for name in ("actual", "target"):
            fault = bound_fault(method, getattr(value, name), field=name, max_points=leaf.max_points)
            if fault:
                problems.append(ValueProblem(member_id, leaf.code, fault, name))
        return problems
    if not isinstance(value, Decimal) or isinstance(value, bool) or not value.is_finite():
        return [ValueProblem(member_id, leaf.code, Fault.NOT_A_NUMBER)]
    fault = bound_fault(method, value, max_points=leaf.max_points, proportional_below=leaf.proportional_below)
    bound = leaf.max_points if fault is Fault.OUT_OF_RANGE else None
    return [ValueProblem(member_id, leaf.code, fault, bound=bound)] if fault else []


def leaves_of(criteria: Sequence[Criterion]) -> tuple[Criterion, ...]:
    """The leaf criteria in tree order (compute once, check many members)."""
    return tuple(node for node in iter_nodes(tuple(criteria)) if not node.is_group)


def member_problems(
    criteria: Sequence[Criterion], member: Member, *, leaves: tuple[Criterion, ...] | None = None
) -> tuple[ValueProblem, ...]:
    """Every problem of one member's values, in tree order; empty when ``score`` may take the member.
    ``leaves`` (leaves_of(criteria)) saves walking the tree again for each member."""
    problems: list[ValueProblem] = []
    values = member.values
    for leaf in leaves if leaves is not None else leaves_of(criteria):
        problems.extend(_leaf_problems(leaf, member.id, values.get(leaf.code)))
    return tuple(problems)


def score_valid(inputs: ScoringInput) -> PartialScore:
    """Score the members whose values are valid and list the others with their problems.

    One unfinished report must not stop the group's ranking, so a member with a problem is left out
    rather than failing the whole run; relative criteria then compare the members that are scored.
    """
    excluded: dict[str, tuple[ValueProblem, ...]] = {}
    valid: list[Member] = []
    leaves = leaves_of(inputs.criteria)
    for member in inputs.members:
        problems = member_problems(inputs.criteria, member, leaves=leaves)
        if problems:
            excluded[member.id] = problems
        else:
            valid.append(member)
    frozen = MappingProxyType(excluded)
    if not valid:
        return PartialScore(result=None, excluded=frozen)
    kept = ScoringInput(
        criteria=inputs.criteria,
        members=tuple(valid),
        aggregates=inputs.aggregates,
        tie_break=inputs.tie_break,
    )
    return PartialScore(result=score(kept), excluded=frozen)
