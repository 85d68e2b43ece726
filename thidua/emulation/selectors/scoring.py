"""Feeds the pure scoring engine from the database: the one adapter, and the one reader of scores.

Every screen, export and service scores through here. ``scoring_input`` builds the engine's frozen
dataclasses (thidua.emulation.scoring) straight from the rows, with no JSON in between; the engine's
own checks (scoring.check) then leave out the members whose values are incomplete or invalid and
return their problems as data (member, criterion, fault), which thidua.emulation.presenters.scoring
words in Vietnamese.

``period_figures`` is the one reader of a period's self-scores and appraised scores. An open period
is scored now, over the reports that were sent (a draft is still its unit's own) plus, when a member
looks at its own report, that report; a closed period reads what was frozen when it closed. The
grid, the review, the reports list, the dashboard and its export therefore show the same figures.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any, Literal

from thidua.emulation.models import Pact, PactCriterion, Period, PeriodResult, Report, ReportValue, Target
from thidua.emulation.scoring import (
    Criterion,
    Member,
    MemberResult,
    Method,
    Ratio,
    ScoringInput,
    ScoringInputError,
    ScoringResult,
    parse_definition,
)
from thidua.emulation.scoring.check import Fault, ValueProblem, member_problems, score_valid
from thidua.emulation.scoring.engine import Value, iter_nodes
from thidua.org.models import GroupMembership, Organisation

Source = Literal["self", "appraised"]

# Reports whose values count in an open period's scores: sent to the head's officer, or further on.
SCORED_STATUSES = frozenset({Report.Status.SUBMITTED, Report.Status.APPRAISED, Report.Status.LOCKED})
APPRAISED_STATUSES = frozenset({Report.Status.APPRAISED, Report.Status.LOCKED})


@dataclass
class PactFacts:
    """Everything about a pact the engine and the screens need, loaded once."""

    pact: Pact
    criteria: list[PactCriterion]
    members: list[Organisation]
    targets: dict[tuple[int, int], Decimal]  # (organisation id, criterion id) -> target

    @property
    def leaves(self) -> list[PactCriterion]:
        return [c for c in self.criteria if c.method]

    @property
    def scale(self) -> Decimal | None:
        """The pact's scale (thang điểm): the maximum points of the scored criteria. Bonus and penalty
        move a total above or below it; a veto scores nothing. None when no criterion has a maximum."""
        maxima = [
            c.max_points
            for c in self.leaves
            if c.max_points is not None and c.method not in (Method.BONUS, Method.PENALTY, Method.VETO)
        ]
        return sum(maxima, Decimal(0)) if maxima else None


@dataclass(frozen=True, slots=True)
class StoredValue:
    """The two fields of a ReportValue that scoring reads."""

    value: Any
    appraised_value: Any = None

    def read(self, source: Source) -> Any:
        # The appraised score takes the appraiser's value where there is one and the member's elsewhere.
        if source == "appraised" and self.appraised_value is not None:
            return self.appraised_value
        return self.value


# organisation id -> criterion id -> stored value
PeriodValues = dict[int, dict[int, StoredValue]]


@dataclass(frozen=True)
class PeriodScore:
    result: ScoringResult | None
    # Members left out, by organisation id, with the engine's problems (member ids are organisation ids).
    excluded: Mapping[int, tuple[ValueProblem, ...]] = field(default_factory=dict)
    members: Mapping[str, Organisation] = field(default_factory=dict)
    # Faults of the stored pact itself, as the contract's parser words them: nothing could be scored.
    pact_problems: tuple[str, ...] = ()

    def member(self, organisation_id: int) -> MemberResult | None:
        if self.result is None:
            return None
        return next((m for m in self.result.members if m.id == str(organisation_id)), None)


def pact_facts(*, pact: Pact) -> PactFacts:
    criteria = list(PactCriterion.objects.filter(pact=pact).order_by("order", "id"))
    members = [
        m.organisation
        for m in GroupMembership.objects.filter(group_id=pact.group_id)
        .select_related("organisation")
        .order_by("order")
    ]
    targets = {(t.organisation_id, t.criterion_id): t.value for t in Target.objects.filter(pact=pact)}
    return PactFacts(pact=pact, criteria=criteria, members=members, targets=targets)


def _number(value: Decimal) -> str:
    return format(value.normalize(), "f") if value == value.to_integral() else format(value, "f")


def criteria_tree(criteria: list[PactCriterion]) -> list[dict[str, Any]]:
    """The pact's criteria as the contract's nested list (for the editing screen and for checking an
    edited tree with the contract's parser; scoring itself never goes through JSON)."""
    nodes: dict[int, dict[str, Any]] = {}
    roots: list[dict[str, Any]] = []
    for criterion in criteria:
        node: dict[str, Any] = {"code": criterion.code, "name": criterion.name}
        if criterion.method:
            node["method"] = criterion.method
            if criterion.unit:
                node["unit"] = criterion.unit
            if criterion.max_points is not None and criterion.method != "veto":
                node["max_points"] = _number(criterion.max_points)
            if criterion.params:
                node["params"] = criterion.params
        else:
            node["children"] = []
        nodes[criterion.pk] = node
    for criterion in criteria:
        node = nodes[criterion.pk]
        if criterion.parent_id and criterion.parent_id in nodes:
            nodes[criterion.parent_id]["children"].append(node)
        else:
            roots.append(node)
    return roots


def _decimal(raw: Any) -> Decimal:
    if isinstance(raw, bool):
        raise InvalidOperation
    value = Decimal(str(raw))
    if not value.is_finite():
        raise InvalidOperation
    return value


def pact_definition(facts: PactFacts) -> ScoringInput:
    """The pact's criteria, aggregates and tie-break as the engine's types (no members yet).

    The definition is configuration stored as the contract's JSON (params, aggregates, tie-break are
    JSON fields), so it is read by the contract's own parser: a pact changed behind the services'
    back is refused with the same problems `thidua score` would print (ScoringInputError).
    """
    return parse_definition(
        {
            "criteria": criteria_tree(facts.criteria),
            # Pact aggregates may carry display labels ("label"); the engine takes what it computes.
            "aggregates": [
                {"criterion": a.get("criterion"), "kind": a.get("kind")} for a in facts.pact.aggregates or ()
            ],
            "tie_break": facts.pact.tie_break or [],
        }
    )


def _member(
    facts: PactFacts, organisation: Organisation, raw: Mapping[int, Any]
) -> tuple[Member, list[ValueProblem]]:
    """One member's values as the engine's types, and what could not be converted (those values are
    left out of the member, so the engine's checks do not report them a second time as missing)."""
    member_id = str(organisation.pk)
    values: dict[str, Value] = {}
    problems: list[ValueProblem] = []
    for leaf in facts.leaves:
        value = raw.get(leaf.pk)
        if value is None:
            continue
        if leaf.method in (Method.BOOLEAN, Method.VETO):
            if isinstance(value, bool):
                values[leaf.code] = value
            else:
                problems.append(ValueProblem(member_id, leaf.code, Fault.NOT_A_FLAG))
            continue
        try:
            number = _decimal(value)
        except (InvalidOperation, ValueError):
            problems.append(ValueProblem(member_id, leaf.code, Fault.NOT_A_NUMBER))
            continue
        if leaf.method == Method.RATIO_TO_TARGET:
            target = facts.targets.get((organisation.pk, leaf.pk))
            if target is None:
                problems.append(ValueProblem(member_id, leaf.code, Fault.MISSING, "target"))
                continue
            values[leaf.code] = Ratio(actual=number, target=target)
        else:
            values[leaf.code] = number
    return Member(id=member_id, name=organisation.name, values=values), problems


def period_values(*, period: Period) -> PeriodValues:
    """organisation id -> criterion id -> the stored values, in one query (no model instances: with
    50 members × 100 criteria building them was most of the dashboard's time)."""
    out: PeriodValues = {}
    rows = ReportValue.objects.filter(report__period=period).values_list(
        "report__organisation_id", "criterion_id", "value", "appraised_value"
    )
    for org_id, criterion_id, value, appraised in rows:
        out.setdefault(org_id, {})[criterion_id] = StoredValue(value, appraised)
    return out


def report_statuses(*, period: Period) -> dict[int, str]:
    """organisation id -> the state of its report for the period (members without one are absent)."""
    return dict(Report.objects.filter(period=period).values_list("organisation_id", "status"))


def period_score(
    *,
    period: Period,
    source: Source = "appraised",
    facts: PactFacts | None = None,
    values: PeriodValues | None = None,
    only_statuses: frozenset[str] | set[str] | None = None,
    override: tuple[int, Mapping[int, Any]] | None = None,
    statuses: Mapping[int, str] | None = None,
) -> PeriodScore:
    """Score the period's members with the engine.

    Members whose values are incomplete or invalid are left out and listed in ``excluded`` with their
    problems, so one unfinished report does not stop the others' scores. ``only_statuses`` limits
    scoring to reports in those states (``statuses``, organisation id -> state, saves the query when the
    caller has them); ``override`` = (organisation id, {criterion id: value}) scores
    one member's unsaved values (that member is scored whatever its report's state).
    """
    facts = facts or pact_facts(pact=period.pact)
    values = values if values is not None else period_values(period=period)
    members = facts.members
    extra = override[0] if override is not None else None
    if only_statuses is not None:
        statuses = statuses if statuses is not None else report_statuses(period=period)
        members = [m for m in members if statuses.get(m.pk) in only_statuses or m.pk == extra]
    by_id = {str(m.pk): m for m in members}
    try:
        definition = pact_definition(facts)
    except ScoringInputError as error:
        return PeriodScore(result=None, members=by_id, pact_problems=tuple(map(str, error.problems)))
    criteria = definition.criteria

    engine_members: list[Member] = []
    converted: dict[str, list[ValueProblem]] = {}
    for org in members:
        if org.pk == extra and override is not None:
            raw: Mapping[int, Any] = override[1]
        else:
            raw = {cid: stored.read(source) for cid, stored in values.get(org.pk, {}).items()}
        member, problems = _member(facts, org, raw)
        engine_members.append(member)
        if problems:
            converted[member.id] = problems
    # A member whose values could not all be converted is reported with every problem (the converted
    # values' checks too) but never scored.
    clean = [m for m in engine_members if m.id not in converted]
    partial = score_valid(
        ScoringInput(
            criteria=criteria,
            members=tuple(clean),
            aggregates=definition.aggregates,
            tie_break=definition.tie_break,
        )
    )
    excluded: dict[int, tuple[ValueProblem, ...]] = {}
    for member in engine_members:
        if member.id in converted:
            failed = {p.criterion for p in converted[member.id]}
            rest = [p for p in member_problems(criteria, member) if p.criterion not in failed]
            problems = sorted([*converted[member.id], *rest], key=_tree_order(criteria))
            excluded[int(member.id)] = tuple(problems)
        elif member.id in partial.excluded:
            excluded[int(member.id)] = partial.excluded[member.id]
    return PeriodScore(result=partial.result, excluded=excluded, members=by_id)


def _tree_order(criteria: tuple[Criterion, ...]) -> Callable[[ValueProblem], int]:
    order = {node.code: index for index, node in enumerate(iter_nodes(criteria))}
    return lambda problem: order.get(problem.criterion, 0)


# --- The one reader of a period's figures -------------------------------------------------------
@dataclass(frozen=True)
class MemberFigures:
    """One member's self-score and appraised score, as every screen shows them."""

    self_total: Decimal | None = None
    self_points: Mapping[str, Decimal] = field(default_factory=dict)  # leaves and groups
    appraised_total: Decimal | None = None  # None until the report is appraised
    appraised_points: Mapping[str, Decimal] = field(default_factory=dict)
    vetoed: bool = False
    failed_vetoes: tuple[str, ...] = ()

    @property
    def gap(self) -> Decimal | None:
        if self.appraised_total is None or self.self_total is None:
            return None
        return self.appraised_total - self.self_total


@dataclass(frozen=True)
class PeriodFigures:
    final: bool  # frozen when the period closed
    members: Mapping[int, MemberFigures]
    appraised: PeriodScore | None = None  # the live scores behind the figures (None once final)

    def of(self, organisation_id: int) -> MemberFigures:
        return self.members.get(organisation_id, MemberFigures())


def _points(raw: Mapping[str, Any] | None) -> dict[str, Decimal]:
    return {code: Decimal(str(value)) for code, value in (raw or {}).items()}


def period_figures(
    *,
    period: Period,
    facts: PactFacts | None = None,
    values: PeriodValues | None = None,
    including: int | None = None,
    statuses: Mapping[int, str] | None = None,
) -> PeriodFigures:
    """Every member's figures for the period (see the module's docstring for whose reports count).

    ``including`` adds one member's report whatever its state: the member's own grid shows its draft
    scored among the sent reports, so once it is sent the figures do not move.
    """
    if period.closed_at is not None:
        frozen = {
            r.organisation_id: MemberFigures(
                self_total=r.self_total,
                self_points=_points(r.self_points),
                appraised_total=r.total,
                appraised_points=_points(r.points),
                vetoed=r.vetoed,
            )
            for r in PeriodResult.objects.filter(period=period)
        }
        return PeriodFigures(final=True, members=frozen)
    facts = facts or pact_facts(pact=period.pact)
    values = values if values is not None else period_values(period=period)
    statuses = statuses if statuses is not None else report_statuses(period=period)
    override = None
    if including is not None:
        override = (including, {cid: s.value for cid, s in values.get(including, {}).items()})
    own = period_score(
        period=period,
        source="self",
        facts=facts,
        values=values,
        only_statuses=SCORED_STATUSES,
        statuses=statuses,
        override=override,
    )
    appraised = period_score(
        period=period,
        source="appraised",
        facts=facts,
        values=values,
        only_statuses=SCORED_STATUSES,
        statuses=statuses,
    )
    figures: dict[int, MemberFigures] = {}
    for org in facts.members:
        mine, theirs = own.member(org.pk), appraised.member(org.pk)
        was_appraised = statuses.get(org.pk) in APPRAISED_STATUSES or any(
            v.appraised_value is not None for v in values.get(org.pk, {}).values()
        )
        if not was_appraised:
            theirs = None
        # Vetoes as appraised once there is an appraisal, else as the member reported them.
        decisive = theirs or mine
        figures[org.pk] = MemberFigures(
            self_total=mine.total if mine else None,
            self_points=dict(mine.points) if mine else {},
            appraised_total=theirs.total if theirs else None,
            appraised_points=dict(theirs.points) if theirs else {},
            vetoed=bool(decisive and decisive.vetoed),
            failed_vetoes=decisive.failed_vetoes if decisive else (),
        )
    return PeriodFigures(final=False, members=figures, appraised=appraised)
