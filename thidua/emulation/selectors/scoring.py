"""Feeds the pure scoring engine from the database.

The web UI, the export, the dashboard and the period close all score through period_score(), which
builds the engine's input in the contract's shape (docs/contracts/scoring.md) from a fixed number of
queries and hands it to the same parse_input()/score() that `thidua score` uses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal

from thidua.emulation.models import Pact, PactCriterion, Period, Report, ReportValue, Target
from thidua.emulation.scoring import ScoringInputError, ScoringResult, parse_input, score
from thidua.org.models import GroupMembership, Organisation

Source = Literal["self", "appraised"]
_MEMBER_PATH = re.compile(r"^members\[(\d+)\]")


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


@dataclass
class PeriodScore:
    result: ScoringResult | None
    # Members left out because their values are incomplete or invalid: organisation id -> problems.
    excluded: dict[int, list[str]] = field(default_factory=dict)
    members: dict[str, Organisation] = field(default_factory=dict)


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
    """The pact's criteria as the contract's nested list."""
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


def member_values(
    *, facts: PactFacts, organisation_id: int, values: dict[int, ReportValue], source: Source
) -> dict[str, Any]:
    """One member's values in the contract's shape; missing values are left out (the engine reports
    them, except for bonus, penalty and veto where absence means 0 / not failed)."""
    out: dict[str, Any] = {}
    for leaf in facts.leaves:
        row = values.get(leaf.pk)
        raw = None
        if row is not None:
            raw = (
                row.appraised_value
                if source == "appraised" and row.appraised_value is not None
                else row.value
            )
        if raw is None:
            continue
        if leaf.method == "ratio_to_target":
            target = facts.targets.get((organisation_id, leaf.pk))
            out[leaf.code] = {"actual": raw, "target": _number(target) if target is not None else None}
        else:
            out[leaf.code] = raw
    return out


def scoring_document(
    *,
    facts: PactFacts,
    reports: dict[int, dict[int, ReportValue]],
    source: Source,
    members: list[Organisation],
) -> dict[str, Any]:
    return {
        "criteria": criteria_tree(facts.criteria),
        "members": [
            {
                "id": str(org.pk),
                "name": org.name,
                "values": member_values(
                    facts=facts, organisation_id=org.pk, values=reports.get(org.pk, {}), source=source
                ),
            }
            for org in members
        ],
        # Pact aggregates may carry display labels ("label"); the engine takes only what it computes.
        "aggregates": [{"criterion": a["criterion"], "kind": a["kind"]} for a in facts.pact.aggregates],
        "tie_break": facts.pact.tie_break,
    }


def period_values(*, period: Period) -> dict[int, dict[int, ReportValue]]:
    """organisation id -> criterion id -> ReportValue, in one query."""
    out: dict[int, dict[int, ReportValue]] = {}
    rows = ReportValue.objects.filter(report__period=period).select_related("report")
    for row in rows:
        out.setdefault(row.report.organisation_id, {})[row.criterion_id] = row
    return out


def period_score(
    *,
    period: Period,
    source: Source = "appraised",
    facts: PactFacts | None = None,
    values: dict[int, dict[int, ReportValue]] | None = None,
    only_statuses: set[str] | None = None,
    override: tuple[int, dict[int, Any]] | None = None,
) -> PeriodScore:
    """Score the period's members with the engine.

    Members whose input is incomplete or invalid are left out and listed in `excluded` with the
    engine's messages, so one unfinished report does not stop the others' scores (relative criteria
    then compare the members that are scored). `only_statuses` limits scoring to reports in those
    states; `override` = (organisation id, {criterion id: value}) scores unsaved values live.
    """
    facts = facts or pact_facts(pact=period.pact)
    values = values if values is not None else period_values(period=period)
    members = facts.members
    if only_statuses is not None:
        statuses = dict(Report.objects.filter(period=period).values_list("organisation_id", "status"))
        members = [
            m for m in members if statuses.get(m.pk) in only_statuses or (override and override[0] == m.pk)
        ]
    document = scoring_document(facts=facts, reports=values, source=source, members=members)
    if override is not None:
        org_id, raw = override
        for member in document["members"]:
            if member["id"] == str(org_id):
                fake = {cid: ReportValue(criterion_id=cid, value=v) for cid, v in raw.items()}
                member["values"] = member_values(
                    facts=facts, organisation_id=org_id, values=fake, source="self"
                )
    excluded: dict[int, list[str]] = {}
    by_id = {str(m.pk): m for m in members}
    while True:
        try:
            inputs = parse_input(document)
        except ScoringInputError as error:
            bad: set[int] = set()
            general: list[str] = []
            for problem in error.problems:
                match = _MEMBER_PATH.match(problem.path)
                if match:
                    index = int(match.group(1))
                    bad.add(index)
                    org_id = int(document["members"][index]["id"])
                    excluded.setdefault(org_id, []).append(str(problem))
                else:
                    general.append(str(problem))
            if general or not bad:
                # A fault in the pact itself (criteria, aggregates, tie-break): nothing can be scored.
                for member in document["members"]:
                    excluded.setdefault(int(member["id"]), []).extend(general)
                return PeriodScore(result=None, excluded=excluded, members=by_id)
            document["members"] = [m for i, m in enumerate(document["members"]) if i not in bad]
            if not document["members"]:
                return PeriodScore(result=None, excluded=excluded, members=by_id)
            continue
        return PeriodScore(result=score(inputs), excluded=excluded, members=by_id)
