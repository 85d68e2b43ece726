"""Live points of the values a member is typing in its grid, scored as the screens will show them
once saved: nothing is written.

The values go through the same checks as a save (thidua.emulation.rules.values) and the same reader
as every other screen (selectors.scoring.period_score, with the sent reports plus this one), so the
preview, the saved grid, the review and the dashboard agree.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from thidua.emulation.models import Period
from thidua.emulation.presenters.scoring import pact_fault_text, problem_texts
from thidua.emulation.rules.values import (
    BOOLEAN_METHODS,
    OPTIONAL_METHODS,
    Entry,
    LeafSpec,
    check_entries,
    criterion_label,
    number_problem,
)
from thidua.emulation.selectors.scoring import SCORED_STATUSES, PactFacts, period_score


@dataclass(frozen=True)
class Preview:
    points: Mapping[str, Decimal] = field(default_factory=dict)  # leaves and groups that can be shown
    total: Decimal | None = None  # None while a required value is missing or wrong
    vetoed: bool = False
    errors: Mapping[str, list[str]] = field(default_factory=dict)  # by criterion code
    missing: list[str] = field(default_factory=list)  # required codes still without a valid value
    problems: list[str] = field(default_factory=list)  # why no total (yet)
    read_as: Mapping[str, Decimal] = field(default_factory=dict)  # how each typed number was read


def leaf_specs(facts: PactFacts, organisation_id: int) -> list[LeafSpec]:
    """What the value checks (thidua.emulation.rules.values) need to know of each leaf criterion, with
    the member's registered target."""
    return [
        LeafSpec(
            code=leaf.code,
            name=leaf.name,
            method=leaf.method,
            max_points=leaf.max_points,
            params=leaf.params,
            evidence_required=bool(leaf.evidence_required),
            target=facts.targets.get((organisation_id, leaf.pk)),
        )
        for leaf in facts.leaves
    ]


def _hidden(facts: PactFacts, missing: list[str]) -> set[str]:
    """The missing codes and every group above them: their points would be false."""
    by_code = {c.code: c for c in facts.criteria}
    by_id = {c.pk: c for c in facts.criteria}
    hidden = set(missing)
    for code in missing:
        parent_id = by_code[code].parent_id
        while parent_id is not None and parent_id in by_id:
            hidden.add(by_id[parent_id].code)
            parent_id = by_id[parent_id].parent_id
    return hidden


def score_preview(
    *, period: Period, facts: PactFacts, organisation_id: int, raw: Mapping[str, Any]
) -> Preview:
    """Score typed values without saving: the engine's points per criterion and the total.

    A value still missing (or wrong) is scored as 0 / Không only so that the others can be scored;
    its points, its groups' points and the total are then left out and the missing codes listed.
    """
    specs = leaf_specs(facts, organisation_id)
    numeric = {s.code for s in specs if s.method not in BOOLEAN_METHODS}
    refused = {code: number_problem(code, value) for code, value in raw.items() if code in numeric}
    entries = {code: Entry(value) for code, value in raw.items() if not refused.get(code)}
    normalised, errors = check_entries(specs, entries, for_submit=False)
    for code, problem in refused.items():
        if problem:
            errors.setdefault(code, []).append(problem)
    by_code = {c.code: c for c in facts.criteria}
    missing = [s.code for s in specs if normalised.get(s.code) is None and s.method not in OPTIONAL_METHODS]
    typed: dict[int, Any] = {}
    for spec in specs:
        value = normalised.get(spec.code)
        if value is None and spec.code in missing:
            value = False if spec.method in BOOLEAN_METHODS else "0"
        if value is not None:
            typed[by_code[spec.code].pk] = value
    outcome = period_score(
        period=period,
        source="self",
        facts=facts,
        only_statuses=SCORED_STATUSES,
        override=(organisation_id, typed),
    )
    member = outcome.member(organisation_id)
    read_as = {
        code: Decimal(value)
        for code, value in normalised.items()
        if value is not None and not isinstance(value, bool)
    }
    if member is None:
        no_target = [s for s in specs if s.method == "ratio_to_target" and not s.target]
        if no_target:
            problems = [
                _("%(criterion)s: đơn vị chưa đăng ký chỉ tiêu.")
                % {"criterion": criterion_label(s.code, s.name)}
                for s in no_target
            ]
        elif outcome.pact_problems:
            problems = [pact_fault_text(outcome.pact_problems)]
        else:
            names = {c.code: c.name for c in facts.criteria}
            problems = problem_texts(outcome.excluded.get(organisation_id, ()), names) or [
                _("Chưa tính được điểm.")
            ]
        return Preview(errors=errors, missing=missing, problems=problems, read_as=read_as)
    hidden = _hidden(facts, missing)
    problems = []
    if missing:
        problems = [
            _("Chưa tính tổng điểm: còn thiếu giá trị của tiêu chí %(codes)s.")
            % {"codes": ", ".join(missing)}
        ]
    return Preview(
        points={code: p for code, p in member.points.items() if code not in hidden},
        total=member.total if not missing else None,
        vetoed=member.vetoed,
        errors=errors,
        missing=missing,
        problems=problems,
        read_as=read_as,
    )
