"""Published cluster results on the portal: a closed period's ranking and aggregate sentences, read
through emulation's own reader of frozen results, and only once the group published them
(emulation's Period.published_at, set by services.periods.period_publish)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.http import Http404
from django.utils.translation import gettext as _

from thidua.emulation.models import Period
from thidua.emulation.presenters.dashboard import Dashboard, period_dashboard
from thidua.portal.selectors.honours import HonourEntry


@dataclass(frozen=True)
class RankedMember:
    rank: int
    name: str
    total: Decimal
    vetoed: bool


@dataclass(frozen=True)
class PublishedResult:
    period_id: int
    title: str  # "Cụm Thi đua số 1 – Sơ kết 6 tháng năm 2023"
    sentences: list[str]  # "Tổng giá trị sản xuất toàn Cụm là 31.434,47 tỷ đồng, đạt 43,31% so kế hoạch"
    illustrative: bool
    year: int
    ranking: list[RankedMember] = field(default_factory=list)
    url: str = ""


def _published() -> list[Period]:
    return list(
        Period.objects.filter(published_at__isnull=False, closed_at__isnull=False)
        .select_related("pact__group")
        .order_by("-published_at", "-pk")
    )


def _result(period: Period, dashboard: Dashboard, base_url: str) -> PublishedResult:
    return PublishedResult(
        period_id=period.pk,
        title=f"{dashboard.group_name} – {dashboard.period_title}",
        sentences=[line.sentence for line in dashboard.aggregates],
        illustrative=dashboard.illustrative,
        year=dashboard.year,
        ranking=[RankedMember(r.rank, r.name, r.total, r.vetoed) for r in dashboard.rows],
        url=f"{base_url}{period.pk}/" if base_url else "",
    )


def _results_url() -> str:
    from thidua.portal.models import ResultsPage

    page = ResultsPage.objects.live().public().first()
    return page.url if page is not None and page.url else ""


def published_results(*, limit: int) -> list[PublishedResult]:
    """The latest published periods, newest first (a handful of queries per period)."""
    base = _results_url()
    return [_result(p, period_dashboard(period=p), base) for p in _published()[:limit]]


def published_result(*, period_id: int) -> PublishedResult:
    period = next((p for p in _published() if p.pk == period_id), None)
    if period is None:
        raise Http404
    return _result(period, period_dashboard(period=period), _results_url())


def results_as_honours(*, limit: int, published: list[PublishedResult] | None = None) -> list[HonourEntry]:
    """Until the awards registry plugs in: the units that led a published period."""
    entries = []
    for result in (published if published is not None else published_results(limit=limit))[:limit]:
        leader = next((m for m in result.ranking if m.rank == 1 and not m.vetoed), None)
        if leader is not None:
            entries.append(
                HonourEntry(
                    name=leader.name,
                    # Translators: the honour of the unit ranked first in a published period.
                    honour=_("Dẫn đầu %(period)s") % {"period": result.title},
                    kind="collective",
                    year=result.year,
                    url=result.url,
                )
            )
    return entries
