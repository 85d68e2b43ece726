"""The adapters from Emulation to the renderers: read what the screens read, return plain data.

The report reads the results screen's own view model (presenters.dashboard.period_dashboard, which
reads selectors.scoring.period_figures), so the paper and the screen cannot disagree; the minutes read
selectors.votes.vote_minutes, the tally stored at each count.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from thidua.documents.render.compose import (
    MinutesData,
    MinutesRound,
    PactCriterionLine,
    PactData,
    RankLine,
    ReportData,
)
from thidua.emulation.models import Method, Pact, Period, Vote
from thidua.emulation.presenters.dashboard import Dashboard, period_dashboard
from thidua.emulation.selectors.scoring import pact_facts
from thidua.emulation.selectors.votes import vote_minutes
from thidua.org.models import EmulationGroup, GroupMembership

__all__ = ["minutes_data", "pact_data", "place_name", "report_data", "review_dashboard"]


def place_name(province_name: str) -> str:
    """The place in the date line (NĐ 30/2020 Phụ lục I, mục II.4.a): the unit's name, "Trà Vinh";
    a city keeps its word ("Thành phố Hồ Chí Minh")."""
    for word in ("Tỉnh ", "tỉnh "):
        if province_name.startswith(word):
            return province_name[len(word) :]
    return province_name


def _parent_authority(group: EmulationGroup) -> str:
    return f"UBND TỈNH {place_name(group.province.name).upper()}"


def _group_word(group: EmulationGroup) -> str:
    return "Cụm" if group.kind == EmulationGroup.Kind.CUM else "Khối"


def _members(group: EmulationGroup) -> tuple[str, ...]:
    rows = GroupMembership.objects.filter(group=group).select_related("organisation").order_by("order")
    return tuple(m.organisation.name for m in rows)


def review_dashboard(*, period: Period) -> Dashboard:
    return period_dashboard(period=period)


def report_data(*, period: Period, dashboard: Dashboard | None = None) -> ReportData:
    """The report of a period (sơ kết or tổng kết): dated the day the period was closed (the review
    meeting); an open period gives an undated draft of the live figures."""
    dashboard = dashboard or period_dashboard(period=period)
    group = period.pact.group
    return ReportData(
        group_name=group.name,
        group_word=_group_word(group),
        province_name=place_name(group.province.name),
        parent_authority=_parent_authority(group),
        year=group.year,
        mid_year=period.kind == Period.Kind.SO_KET,
        final=dashboard.final,
        issued_on=dashboard.closed_on,
        members=_members(group),
        head_name=group.head.name if group.head else "",
        aggregates=tuple(line.sentence for line in dashboard.aggregates),
        ranking=tuple(
            RankLine(rank=r.rank, name=r.name, total=r.total, self_total=r.self_total, vetoed=r.vetoed)
            for r in dashboard.rows
        ),
        not_scored=tuple(e.name for e in dashboard.excluded),
        pact_title=dashboard.pact_title,
        illustrative=dashboard.illustrative,
    )


def _local_date(value: dt.datetime | None) -> dt.date | None:
    return timezone.localtime(value).date() if value is not None else None


def minutes_data(*, vote: Vote) -> MinutesData:
    """The minutes of a counted vote. Raises ValueError for a vote not counted yet."""
    minutes = vote_minutes(vote=vote)
    group = vote.group
    rounds = tuple(
        MinutesRound(
            number=r.number,
            counted_at=timezone.localtime(r.closed_at) if r.closed_at else None,
            electorate=minutes.electorate,
            cast=r.cast,
            valid=r.valid,
            blank=r.blank,
            invalid=r.invalid,
            not_voted=r.not_voted,
            rows=tuple((row.name, row.votes, row.percent, row.passed) for row in r.rows),
        )
        for r in minutes.rounds
    )
    opened = _local_date(minutes.opened_at)
    assert opened is not None
    return MinutesData(
        group_name=group.name,
        group_word=_group_word(group),
        province_name=place_name(group.province.name),
        parent_authority=_parent_authority(group),
        year=group.year,
        seats=minutes.seats,
        threshold=minutes.threshold_text,
        ruleset=minutes.ruleset,
        rounds=rounds,
        leaders=minutes.leaders,
        flag_candidates=minutes.flag_candidates,
        opened_on=opened,
        closed_on=_local_date(minutes.closed_at),
        members=_members(group),
        head_name=group.head.name if group.head else "",
    )


_UNSCORED = frozenset({Method.BONUS, Method.PENALTY, Method.VETO})


def _method_text(method: str) -> str:
    if not method:
        return ""
    return str(Method(method).label)


def pact_data(*, pact: Pact) -> PactData:
    """The pact as signed: its criteria in tree order with points, and the members who sign it."""
    facts = pact_facts(pact=pact)
    children: dict[int | None, list[Any]] = {}
    ids = {c.pk for c in facts.criteria}
    for criterion in facts.criteria:
        parent = criterion.parent_id if criterion.parent_id in ids else None
        children.setdefault(parent, []).append(criterion)
    lines: list[PactCriterionLine] = []

    def walk(parent: int | None, depth: int) -> None:
        for node in children.get(parent, []):
            lines.append(
                PactCriterionLine(
                    code=node.code,
                    name=node.name,
                    unit=node.unit,
                    max_points=node.max_points,
                    depth=depth,
                    method=_method_text(node.method),
                    scored=bool(node.method) and node.method not in _UNSCORED,
                )
            )
            walk(node.pk, depth + 1)

    walk(None, 0)
    group = pact.group
    signature = pact.signatures.order_by("-version").first()
    return PactData(
        title=pact.title,
        group_name=group.name,
        group_word=_group_word(group),
        province_name=place_name(group.province.name),
        parent_authority=_parent_authority(group),
        year=group.year,
        signed_on=signature.signed_on if signature else None,
        members=tuple(m.name for m in facts.members),
        head_name=group.head.name if group.head else "",
        criteria=tuple(lines),
        illustrative=pact.illustrative,
    )
