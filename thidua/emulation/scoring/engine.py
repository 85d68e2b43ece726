"""The pure scoring engine: criteria and member values in, points, totals, ranks and aggregates out.

Public API::

    score(inputs: ScoringInput) -> ScoringResult
    result_to_json(result: ScoringResult) -> dict[str, object]

Everything here is a frozen dataclass or a pure function over them: no Django, no I/O, no clock, no
binary floating point. ``score`` trusts its input: build a ``ScoringInput`` with
``thidua.emulation.scoring.parse.parse_input`` (JSON: validates every rule of the contract and reports
every problem with its JSON path), or build the dataclasses directly and pass them through
``thidua.emulation.scoring.check.score_valid`` (the web UI does, from the database rows): both apply
the same value rules (check.bound_fault), so the web UI and ``thidua score`` accept and refuse the
same data. The rules themselves are documented in docs/contracts/scoring.md.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from decimal import MAX_EMAX, MIN_EMIN, ROUND_HALF_UP, Context, Decimal, localcontext
from enum import StrEnum
from types import MappingProxyType
from typing import Any, cast

from thidua.core.formatting import vn_number

__all__ = [
    "AggregateKind",
    "AggregateRequest",
    "CountTrue",
    "Criterion",
    "Member",
    "MemberResult",
    "Method",
    "Ratio",
    "ScoringInput",
    "ScoringResult",
    "SumRatio",
    "Tier",
    "Value",
    "result_to_json",
    "score",
]

ZERO = Decimal(0)
ONE = Decimal(1)
HUNDRED = Decimal(100)
CENT = Decimal("0.01")
ZERO_CENTS = Decimal("0.00")

# The parser bounds numbers to 38 digits (below 10^18, at most 20 decimal places), so 100 significant
# digits keep every product exact and leave quotients far more precise than the distance between any
# such quotient and a cent boundary: the only rounding that shows is the contract's half-up to cents.
# The huge exponent range means nothing overflows before the cap or the minimum is applied.
_CONTEXT = Context(prec=100, Emax=MAX_EMAX, Emin=MIN_EMIN)


class Method(StrEnum):
    RATIO_TO_TARGET = "ratio_to_target"
    BOOLEAN = "boolean"
    THRESHOLD = "threshold"
    TIERS = "tiers"
    MANUAL = "manual"
    RELATIVE = "relative"
    BONUS = "bonus"
    PENALTY = "penalty"
    VETO = "veto"


class AggregateKind(StrEnum):
    SUM_RATIO = "sum_ratio"
    COUNT_TRUE = "count_true"


@dataclass(frozen=True, slots=True)
class Tier:
    minimum: Decimal
    points: Decimal


@dataclass(frozen=True, slots=True)
class Criterion:
    """A node of the criteria tree: a group (``children`` non-empty, ``method`` None) or a leaf.

    Only the parameters of the leaf's own method matter: ``cap`` and ``lower_is_better`` for
    ratio_to_target, ``threshold`` and ``proportional_below`` for threshold, ``tiers`` for tiers.
    ``max_points`` is unused for veto and groups.
    """

    code: str
    name: str
    method: Method | None = None
    max_points: Decimal = ZERO
    unit: str | None = None
    children: tuple[Criterion, ...] = ()
    cap: Decimal = ONE
    lower_is_better: bool = False
    threshold: Decimal = ZERO
    proportional_below: bool = False
    tiers: tuple[Tier, ...] = ()

    @property
    def is_group(self) -> bool:
        return bool(self.children)


@dataclass(frozen=True, slots=True)
class Ratio:
    """The value of a ratio_to_target criterion."""

    actual: Decimal
    target: Decimal


# Ratio for ratio_to_target; bool for boolean and veto (True = the member FAILED a veto); Decimal otherwise.
Value = Ratio | Decimal | bool


@dataclass(frozen=True, slots=True)
class Member:
    id: str
    name: str
    # Keyed by leaf criterion code. Bonus, penalty and veto values may be absent (0, 0, not failed).
    values: Mapping[str, Value] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # A read-only view, so a frozen Member cannot be changed through its dict either.
        object.__setattr__(self, "values", MappingProxyType(dict(self.values)))


@dataclass(frozen=True, slots=True)
class AggregateRequest:
    criterion: str
    kind: AggregateKind


@dataclass(frozen=True, slots=True)
class ScoringInput:
    criteria: tuple[Criterion, ...]
    members: tuple[Member, ...]
    aggregates: tuple[AggregateRequest, ...] = ()
    # Codes (leaf or group, never veto) whose points break ties in total, in order.
    tie_break: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class MemberResult:
    id: str
    name: str
    rank: int
    total: Decimal
    vetoed: bool
    # The veto criteria the member failed, in tree order: the reason behind ``vetoed``.
    failed_vetoes: tuple[str, ...]
    # Rounded points of every scored leaf (tree order), then of every group (tree order). Veto criteria
    # score no points and are absent; penalties are negative.
    points: Mapping[str, Decimal]


@dataclass(frozen=True, slots=True)
class SumRatio:
    criterion: str
    actual: Decimal
    target: Decimal
    percent: Decimal
    display: str
    kind: AggregateKind = AggregateKind.SUM_RATIO


@dataclass(frozen=True, slots=True)
class CountTrue:
    criterion: str
    count: int
    # Member ids in input order (the order of the official list), not rank order.
    members: tuple[str, ...]
    kind: AggregateKind = AggregateKind.COUNT_TRUE


@dataclass(frozen=True, slots=True)
class ScoringResult:
    # In rank order; members that tie completely keep their input order.
    members: tuple[MemberResult, ...]
    aggregates: tuple[SumRatio | CountTrue, ...]
    # The first-ranked member that is not vetoed (of members still tied after the tie-break, the one
    # listed first); None only when every member is vetoed. See _leading.
    leading: str | None


def round_points(value: Decimal) -> Decimal:
    """Round to cents, half-up, and never return a negative zero (it would print as "-0.00")."""
    rounded = value.quantize(CENT, rounding=ROUND_HALF_UP)
    return rounded if rounded else ZERO_CENTS


def iter_nodes(criteria: tuple[Criterion, ...]) -> Iterator[Criterion]:
    """Every node of the tree, depth first, in document order (a group before its children)."""
    for node in criteria:
        yield node
        yield from iter_nodes(node.children)


def _leaf_codes(node: Criterion) -> list[str]:
    if not node.is_group:
        return [] if node.method is Method.VETO else [node.code]
    return [code for child in node.children for code in _leaf_codes(child)]


# Takes the member's value (None when omitted) and returns unrounded points. Any, because each rule only
# ever receives the value type of its own method, which the parser has checked.
Rule = Callable[[Any], Decimal]


def _rule(leaf: Criterion, members: tuple[Member, ...]) -> Rule:
    """The function from one member's value to its unrounded points for ``leaf``."""
    top = leaf.max_points
    method = leaf.method
    if method is Method.RATIO_TO_TARGET:
        ceiling = top * leaf.cap
        if leaf.lower_is_better:

            def lower_is_better(value: Ratio) -> Decimal:
                # Doing nothing wrong at all (actual 0) earns the cap rather than a division by zero.
                return ceiling if not value.actual else min(top * value.target / value.actual, ceiling)

            return lower_is_better
        return lambda value: min(top * value.actual / value.target, ceiling)
    if method is Method.BOOLEAN:
        return lambda value: top if value else ZERO
    if method is Method.THRESHOLD:
        threshold = leaf.threshold
        if leaf.proportional_below:
            return lambda value: top if value >= threshold else top * value / threshold
        return lambda value: top if value >= threshold else ZERO
    if method is Method.TIERS:
        # Highest minimum first, so the first tier reached is the one that counts.
        tiers = sorted(leaf.tiers, key=lambda tier: tier.minimum, reverse=True)

        def tiered(value: Decimal) -> Decimal:
            for tier in tiers:
                if value >= tier.minimum:
                    return tier.points
            return ZERO

        return tiered
    if method is Method.MANUAL:
        return lambda value: value
    if method is Method.BONUS:
        return lambda value: ZERO if value is None else value
    if method is Method.PENALTY:
        return lambda value: ZERO if value is None else -value
    if method is Method.RELATIVE:
        # The parser (or scoring.check) has made every relative value a Decimal.
        best = max((cast(Decimal, member.values[leaf.code]) for member in members), default=ZERO)
        if not best:
            return lambda value: ZERO
        return lambda value: top * value / best
    raise ValueError(f"criterion {leaf.code!r} has no scoring method")


def score(inputs: ScoringInput) -> ScoringResult:
    """Score, total and rank every member, and compute the requested aggregates."""
    with localcontext(_CONTEXT):
        nodes = list(iter_nodes(inputs.criteria))
        leaves = [node for node in nodes if not node.is_group]
        rules = [
            (leaf.code, _rule(leaf, inputs.members)) for leaf in leaves if leaf.method is not Method.VETO
        ]
        vetoes = [leaf.code for leaf in leaves if leaf.method is Method.VETO]
        # Summing a group's leaf descendants equals summing its children, since rounded points add exactly.
        groups = [(node.code, _leaf_codes(node)) for node in nodes if node.is_group]

        rows: list[tuple[Member, dict[str, Decimal], Decimal, tuple[str, ...]]] = []
        for member in inputs.members:
            values = member.values
            points = {code: round_points(rule(values.get(code))) for code, rule in rules}
            total = sum(points.values(), ZERO_CENTS)  # leaves only: the groups join the dict below
            for code, leaf_codes in groups:
                points[code] = sum((points[leaf] for leaf in leaf_codes), ZERO_CENTS)
            failed = tuple(code for code in vetoes if values.get(code) is True)
            rows.append((member, points, max(total, ZERO_CENTS), failed))

        members = _rank(rows, inputs.tie_break)
        aggregates = tuple(_aggregate(request, inputs) for request in inputs.aggregates)
    return ScoringResult(members=members, aggregates=aggregates, leading=_leading(members))


def _rank(
    rows: list[tuple[Member, dict[str, Decimal], Decimal, tuple[str, ...]]], tie_break: tuple[str, ...]
) -> tuple[MemberResult, ...]:
    keys = [
        (bool(failed), -total, *(-points[code] for code in tie_break))
        for _member, points, total, failed in rows
    ]
    # sorted() is stable, so members equal on every key stay in input order: deterministic output.
    order = sorted(range(len(rows)), key=keys.__getitem__)
    results: list[MemberResult] = []
    rank = 0
    for position, index in enumerate(order):
        # Equal keys share a rank and the next rank is skipped: 1, 2, 2, 4.
        if position == 0 or keys[index] != keys[order[position - 1]]:
            rank = position + 1
        member, points, total, failed = rows[index]
        results.append(
            MemberResult(
                id=member.id,
                name=member.name,
                rank=rank,
                total=total,
                vetoed=bool(failed),
                failed_vetoes=failed,
                points=MappingProxyType(points),
            )
        )
    return tuple(results)


def _leading(members: tuple[MemberResult, ...]) -> str | None:
    # The contract: "the first-ranked member that is not vetoed, or null". Members still tied after
    # the tie-break keep input order, so the first of them is listed first and leads; the group's
    # vote (suy tôn), not this field, decides the unit proposed for the flag.
    return next((member.id for member in members if not member.vetoed), None)


def _aggregate(request: AggregateRequest, inputs: ScoringInput) -> SumRatio | CountTrue:
    code = request.criterion
    if request.kind is AggregateKind.COUNT_TRUE:
        ids = tuple(member.id for member in inputs.members if member.values.get(code) is True)
        return CountTrue(criterion=code, count=len(ids), members=ids)
    criterion = next(node for node in iter_nodes(inputs.criteria) if node.code == code)
    ratios = [cast(Ratio, member.values[code]) for member in inputs.members]
    actual = sum((ratio.actual for ratio in ratios), ZERO)
    target = sum((ratio.target for ratio in ratios), ZERO)
    # The percentage is taken on the exact sums, not on the rounded ones shown beside it.
    percent = round_points(HUNDRED * actual / target) if target else ZERO_CENTS
    actual, target = round_points(actual), round_points(target)
    amount = vn_number(actual, 2) + (f" {criterion.unit}" if criterion.unit else "")
    display = f"{amount}, đạt {vn_number(percent, 2)}% so kế hoạch"
    return SumRatio(criterion=code, actual=actual, target=target, percent=percent, display=display)


def _cents(value: Decimal) -> str:
    # "f" never switches to scientific notation, and the value is already rounded to cents.
    return format(value, "f")


def result_to_json(result: ScoringResult) -> dict[str, object]:
    """The contract's output document: decimals as strings with two decimals, members in rank order."""
    aggregates: list[dict[str, object]] = []
    for aggregate in result.aggregates:
        if isinstance(aggregate, SumRatio):
            aggregates.append(
                {
                    "criterion": aggregate.criterion,
                    "kind": str(aggregate.kind),
                    "actual": _cents(aggregate.actual),
                    "target": _cents(aggregate.target),
                    "percent": _cents(aggregate.percent),
                    "display": aggregate.display,
                }
            )
        else:
            aggregates.append(
                {
                    "criterion": aggregate.criterion,
                    "kind": str(aggregate.kind),
                    "count": aggregate.count,
                    "members": list(aggregate.members),
                }
            )
    return {
        "members": [
            {
                "id": member.id,
                "rank": member.rank,
                "total": _cents(member.total),
                "vetoed": member.vetoed,
                "points": {code: _cents(points) for code, points in member.points.items()},
            }
            for member in result.members
        ],
        "aggregates": aggregates,
        "leading": result.leading,
    }
