"""The eligibility rules as they apply in this province: the engine's rule sets with the criteria the
province office has set in their place (models.ProvincialCriterion).

Every screen and service that asks the engine goes through active_overrides(), so a criterion set by
the province applies everywhere at once (proposals, the registry's checks, the CLI's "rules" object
exported from here).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from thidua.awards.eligibility import (
    RULE_SETS,
    CriterionInfo,
    EligibilityInputError,
    Overrides,
    list_criteria,
    parse_override,
)
from thidua.awards.eligibility.codes import AwardCode
from thidua.awards.eligibility.rulesets import Criterion
from thidua.awards.models import ProvincialCriterion

logger = logging.getLogger(__name__)

__all__ = ["CriterionRow", "active_overrides", "criteria_overview", "override_document"]


@dataclass(frozen=True)
class CriterionRow:
    """One criterion on the criteria screen: the engine's description, and the province's row if any."""

    info: CriterionInfo
    provincial: ProvincialCriterion | None
    # A stored criterion the engine no longer accepts (its parameters changed in an upgrade): shown
    # to the officer with the engine's problems, and left out of the evaluation until it is fixed.
    problems: tuple[str, ...] = ()


def _parsed(rows: list[ProvincialCriterion]) -> tuple[Overrides, dict[int, tuple[str, ...]]]:
    overrides: dict[str, dict[AwardCode, Criterion]] = {}
    broken: dict[int, tuple[str, ...]] = {}
    for row in rows:
        try:
            criterion = parse_override(row.rule_set, row.award, row.override_data())
        except EligibilityInputError as error:
            broken[row.pk] = tuple(map(str, error.problems))
            logger.warning("provincial criterion %s ignored: %s", row.pk, error)
            continue
        overrides.setdefault(row.rule_set, {})[AwardCode(row.award)] = criterion
    return overrides, broken


def active_overrides() -> Overrides | None:
    """The province's criteria in the engine's form (one query), or None when there are none."""
    overrides, _broken = _parsed(list(ProvincialCriterion.objects.all()))
    return overrides or None


def override_document() -> dict[str, dict[str, dict[str, object]]]:
    """The province's criteria as the contract's top-level "rules" object, for `thidua eligibility`."""
    document: dict[str, dict[str, dict[str, object]]] = {}
    for row in ProvincialCriterion.objects.all():
        document.setdefault(row.rule_set, {})[row.award] = row.override_data()
    return document


def criteria_overview(rule_set_id: str) -> list[CriterionRow]:
    """Every criterion of a rule set as it applies here, in award order (two queries at most)."""
    if rule_set_id not in RULE_SETS:
        raise KeyError(rule_set_id)
    rows = list(ProvincialCriterion.objects.filter(rule_set=rule_set_id))
    overrides, broken = _parsed(rows)
    by_award = {row.award: row for row in rows}
    result = []
    for info in list_criteria(rule_set_id, overrides or None):
        row = by_award.get(info.award.value)
        # The province's row stands for the award's criterion as a whole (list_criteria shows it in
        # place of the versions it covers); a version it does not cover keeps the software's rule.
        mine = row if row is not None and info.source is not None else None
        result.append(CriterionRow(info=info, provincial=mine))
    for row in rows:
        if row.pk in broken:
            base = next(i for i in list_criteria(rule_set_id) if i.award.value == row.award)
            result.append(CriterionRow(info=base, provincial=row, problems=broken[row.pk]))
    return result
