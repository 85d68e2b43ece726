"""One report by id, for the API, through the emulation selectors' scoping."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from thidua.emulation.models import Report, ReportValue
from thidua.emulation.selectors.access import periods_visible_to, reports_visible_to


def report_for_user(*, user: Any, pk: Any) -> Report:
    """The report if reports_visible_to() of its period lets the user see it, else Http404: another
    unit's report is not found, whether it exists or not (no id probing)."""
    report = Report.objects.select_related("period__pact__group", "organisation").filter(pk=pk).first()
    if report is None or not periods_visible_to(user=user).filter(pk=report.period_id).exists():
        raise Http404
    if not reports_visible_to(user=user, period=report.period).filter(pk=report.pk).exists():
        raise Http404
    return report


def report_values(*, report: Report) -> QuerySet[ReportValue]:
    return report.values.select_related("criterion").order_by("criterion__order", "criterion_id")
