"""The reads behind the results dashboard (presenters.dashboard builds the screen from them).

A closed period is read from what was frozen when it closed (PeriodResult rows and Period.aggregates);
an open one is scored through selectors.scoring.period_figures, the one reader of a period's scores.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from thidua.accounts.models import User
from thidua.emulation.models import Method, PactCriterion, Period, PeriodResult, Report, ReportValue
from thidua.org.models import GroupMembership
from thidua.org.selectors.groups import groups_visible_to


def dashboard_period(*, user: User | Any, pk: int) -> Period:
    """The period, if the user may see its group (else Http404), with its pact and group loaded."""
    visible = groups_visible_to(user=user).values("pk")
    period = Period.objects.select_related("pact__group").filter(pk=pk, pact__group_id__in=visible).first()
    if period is None:
        raise Http404
    return period


def so_ket_results(*, period: Period) -> dict[int, tuple[int, Decimal]]:
    """The frozen mid-year results of the same pact, when this is the year-end period (one query)."""
    if period.kind != Period.Kind.TONG_KET:
        return {}
    rows: QuerySet[PeriodResult] = PeriodResult.objects.filter(
        period__pact_id=period.pact_id, period__kind=Period.Kind.SO_KET
    )
    return {
        org_id: (rank, total) for org_id, rank, total in rows.values_list("organisation_id", "rank", "total")
    }


@dataclass(frozen=True)
class FrozenPeriod:
    criteria: list[PactCriterion]
    members: list[tuple[int, str]]  # (organisation id, name) in the group's order
    results: list[PeriodResult]  # rank order, with their organisations
    statuses: dict[int, str]  # organisation id -> report state
    # (organisation id, veto criterion code, value, appraised value) of every veto answer
    veto_values: list[tuple[int, str, Any, Any]]


def frozen_period(*, period: Period) -> FrozenPeriod:
    """What a closed period froze, in five queries whatever the number of members and criteria."""
    pact = period.pact
    return FrozenPeriod(
        criteria=list(PactCriterion.objects.filter(pact=pact).order_by("order", "id")),
        members=list(
            GroupMembership.objects.filter(group_id=pact.group_id)
            .order_by("order", "organisation__name")
            .values_list("organisation_id", "organisation__name")
        ),
        results=list(
            PeriodResult.objects.filter(period=period).select_related("organisation").order_by("rank", "id")
        ),
        statuses=dict(Report.objects.filter(period=period).values_list("organisation_id", "status")),
        veto_values=list(
            ReportValue.objects.filter(
                report__period=period, criterion__pact=pact, criterion__method=Method.VETO
            ).values_list("report__organisation_id", "criterion__code", "value", "appraised_value")
        ),
    )
