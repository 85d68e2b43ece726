"""The group's results dashboard (a presenter): ranking, aggregate sentences, per-criterion table, the change since
the mid-year review, and the members left out, as plain dataclasses ready for templates and exports.

A closed period shows what was frozen when it closed (PeriodResult rows and Period.aggregates) and is
never rescored, so a later fix of the engine cannot change an official result. An open period is
scored now through period_score(), on the appraised values where there are any and the members' own
values elsewhere, and only for reports that were sent: a draft (or a report returned for correction)
is still its unit's own, and the dashboard is open to every member of the group.

period_dashboard() runs a fixed number of queries whatever the number of members and criteria
(tests/emulation/test_dashboard.py counts them).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from thidua.core.formatting import vn_number, vn_percent
from thidua.emulation.models import Method, PactCriterion, Period, Report
from thidua.emulation.presenters.scoring import excluded_reason, pact_fault_text, problem_texts
from thidua.emulation.scoring import CountTrue, ScoringResult, SumRatio
from thidua.emulation.selectors.dashboard import frozen_period, so_ket_results
from thidua.emulation.selectors.scoring import (
    APPRAISED_STATUSES,
    SCORED_STATUSES,
    PeriodFigures,
    PeriodScore,
    PeriodValues,
    pact_facts,
    period_figures,
    period_values,
)

__all__ = [
    "AggregateFigure",
    "AggregateLine",
    "CriterionInfo",
    "CriterionRow",
    "Dashboard",
    "ExcludedMember",
    "MemberChange",
    "RankingRow",
    "VetoFailure",
    "aggregate_sentence",
    "period_dashboard",
    "vn_signed",
]

CENT = Decimal("0.01")
_NOT_SCORED_REASONS: dict[str | None, Any] = {
    None: gettext_lazy("Chưa có báo cáo."),
    Report.Status.DRAFT: gettext_lazy("Báo cáo đang nhập, đơn vị chưa gửi."),
    Report.Status.RETURNED: gettext_lazy("Báo cáo bị trả lại, đơn vị đang bổ sung, sửa."),
}
LIVE_BASIS = gettext_lazy(
    "Điểm tạm tính từ các báo cáo đã gửi: theo giá trị đã thẩm định nếu có, "
    "nếu chưa thì theo giá trị đơn vị tự đánh giá."
)
FINAL_BASIS = gettext_lazy("Điểm, thứ hạng và số liệu tổng hợp đã chốt khi khóa kỳ; không tính lại.")
_PLACEHOLDER = re.compile(r"\{(\w+)\}")
# "{members}" with what introduces it: ": {members}", " – {members}", " ({members})", ", {members}".
_EMPTY_MEMBERS = re.compile(r"\s*[:,–-]?\s*\(?\{members\}\)?")


def count_text(count: int) -> str:
    """A count in an aggregate sentence, padded to two digits below ten: "02 huyện".

    The seed report writes "trong Cụm có 02 huyện được công nhận đạt chuẩn" and provincial reports
    do the same; NĐ 30/2020 (Phụ lục I) pads only the day and months 1–2 of a date, to stop a digit
    being added in front, and administrative practice carries that to counts. Zero stays "0".
    """
    return f"{count:02d}" if 0 < count < 10 else str(count)


# ---------------------------------------------------------------------------------------------------
# What the dashboard holds


def vn_signed(value: Decimal | int | None, decimals: int = 2) -> str:
    """+12,50 / −3,00 / 0,00: a change, with its sign (the minus sign, not a hyphen)."""
    if value is None:
        return ""
    text = vn_number(abs(value), decimals)
    if value > 0:
        return "+" + text
    if value < 0:
        return "−" + text
    return text


@dataclass(frozen=True, slots=True)
class CriterionInfo:
    code: str
    name: str
    method: str  # "" for a group
    max_points: Decimal | None  # for a group: the sum of its scored leaves' maximums (no bonus, penalty)
    depth: int  # 0 for a top-level node, for indenting the per-criterion table

    @property
    def is_group(self) -> bool:
        return not self.method

    @property
    def label(self) -> str:
        return f"{self.code}. {self.name}"


@dataclass(frozen=True, slots=True)
class VetoFailure:
    code: str
    name: str


@dataclass(frozen=True, slots=True)
class MemberChange:
    """From the mid-year review (sơ kết) to the year-end one (tổng kết)."""

    so_ket_rank: int
    so_ket_total: Decimal
    rank_delta: int  # positive: the member moved up that many places
    total_delta: Decimal  # year-end total minus mid-year total

    @property
    def total_delta_text(self) -> str:
        return vn_signed(self.total_delta)

    @property
    def rank_delta_text(self) -> str:
        if self.rank_delta > 0:
            return ngettext("tăng %(count)s bậc", "tăng %(count)s bậc", self.rank_delta) % {
                "count": self.rank_delta
            }
        if self.rank_delta < 0:
            return ngettext("giảm %(count)s bậc", "giảm %(count)s bậc", -self.rank_delta) % {
                "count": -self.rank_delta
            }
        # Translators: a member's rank did not change since the mid-year review.
        return _("giữ nguyên")


@dataclass(frozen=True, slots=True)
class RankingRow:
    organisation_id: int
    rank: int
    name: str
    total: Decimal
    self_total: Decimal | None
    gap: Decimal | None  # total (appraised) minus self total
    appraised: bool  # an appraisal exists for the member's report
    vetoed: bool
    failed_vetoes: tuple[VetoFailure, ...]
    points: Mapping[str, Decimal]  # criterion code -> points; leaves, groups; no veto criteria
    change: MemberChange | None
    subtotals: tuple[Decimal | None, ...] = ()  # the groups' points, in the order of Dashboard.groups

    @property
    def gap_text(self) -> str:
        return vn_signed(self.gap)


@dataclass(frozen=True, slots=True)
class CriterionRow:
    criterion: CriterionInfo
    points: tuple[Decimal | None, ...]  # one per ranking row, in ranking order
    average: Decimal | None


@dataclass(frozen=True, slots=True)
class ExcludedMember:
    organisation_id: int
    name: str
    reason: str
    problems: tuple[str, ...] = ()  # the engine's problems in words, for the officer who fixes the report


@dataclass(frozen=True, slots=True)
class AggregateLine:
    criterion: str
    kind: str
    sentence: str


@dataclass(frozen=True, slots=True)
class Dashboard:
    period_id: int
    group_name: str
    group_kind: str  # "cum" or "khoi"
    year: int
    period_kind: str  # Period.Kind value
    period_kind_label: str
    pact_title: str
    illustrative: bool
    final: bool
    closed_on: dt.date | None
    basis: str  # one sentence saying what the figures are
    member_count: int
    aggregates: tuple[AggregateLine, ...]
    rows: tuple[RankingRow, ...]  # rank order, vetoed members last
    criteria: tuple[CriterionInfo, ...]  # the scored criteria in tree order (no veto criteria)
    criterion_rows: tuple[CriterionRow, ...]
    excluded: tuple[ExcludedMember, ...]
    problems: tuple[str, ...]  # faults in the pact itself, when nothing could be scored
    compared_label: str | None  # "Sơ kết 6 tháng" when rows carry a change, else None

    @property
    def period_title(self) -> str:
        """ "Sơ kết 6 tháng năm 2023", "Tổng kết năm 2023"."""
        label = self.period_kind_label
        if label.endswith(" năm"):
            return f"{label} {self.year}"
        # Translators: a period and its year: "Sơ kết 6 tháng năm 2023" (Mid-year review 2023).
        return _("%(period)s năm %(year)s") % {"period": label, "year": self.year}

    @property
    def scored_count(self) -> int:
        return len(self.rows)

    @property
    def has_changes(self) -> bool:
        return self.compared_label is not None

    @property
    def has_vetoed(self) -> bool:
        return any(row.vetoed for row in self.rows)

    @property
    def leaves(self) -> tuple[CriterionInfo, ...]:
        return tuple(c for c in self.criteria if not c.is_group)

    @property
    def groups(self) -> tuple[CriterionInfo, ...]:
        return tuple(c for c in self.criteria if c.is_group)


# ---------------------------------------------------------------------------------------------------
# Aggregate sentences (pure)


@dataclass(frozen=True, slots=True)
class AggregateFigure:
    """One computed aggregate, with member ids already turned into names."""

    criterion: str
    kind: str  # "sum_ratio" or "count_true"
    criterion_name: str
    display: str = ""  # sum_ratio: "31.434,47 tỷ đồng, đạt 43,31% so kế hoạch"
    percent: Decimal | None = None
    count: int = 0
    members: tuple[str, ...] = ()  # count_true: names, in the official list order


def aggregate_sentence(figure: AggregateFigure, label: str | None = None) -> str:
    """The sentence for one aggregate.

    `label` is the pact's template: "Tổng giá trị sản xuất toàn Cụm là {display}" or
    "{count} huyện đạt chuẩn nông thôn mới: {members}". Placeholders: {display}, {percent}, {count},
    {members} (names joined by ", "), {criterion} (the criterion's name) and {code}. Anything else in
    braces is left as written: only these names are substituted, never attributes or indexes, since
    the template is typed by users.
    """
    values = {
        "display": figure.display,
        "percent": vn_percent(figure.percent) if figure.percent is not None else "",
        "count": count_text(figure.count),
        "members": ", ".join(figure.members),
        "criterion": figure.criterion_name,
        "code": figure.criterion,
    }
    if label and label.strip():
        template = label.strip()
        if not figure.members:
            # "0 đơn vị đạt chuẩn …: {members}" would end on a bare colon: drop the list and the
            # separator that introduces it.
            template = _EMPTY_MEMBERS.sub("", template).strip()
        return _PLACEHOLDER.sub(lambda match: values.get(match.group(1), match.group(0)), template)
    if figure.kind == "sum_ratio":
        return f"{figure.criterion_name}: {figure.display}"
    if not figure.count:
        return _("%(criterion)s: chưa có đơn vị nào") % {"criterion": figure.criterion_name}
    return ngettext(
        "%(criterion)s: %(count)s đơn vị (%(members)s)",
        "%(criterion)s: %(count)s đơn vị (%(members)s)",
        figure.count,
    ) % {"criterion": figure.criterion_name, "count": values["count"], "members": values["members"]}


def _figure_from_engine(
    aggregate: SumRatio | CountTrue, *, criterion_name: str, names: Mapping[str, str]
) -> AggregateFigure:
    if isinstance(aggregate, SumRatio):
        return AggregateFigure(
            criterion=aggregate.criterion,
            kind="sum_ratio",
            criterion_name=criterion_name,
            display=aggregate.display,
            percent=aggregate.percent,
        )
    return AggregateFigure(
        criterion=aggregate.criterion,
        kind="count_true",
        criterion_name=criterion_name,
        count=aggregate.count,
        members=tuple(names.get(member, member) for member in aggregate.members),
    )


def _figure_from_frozen(
    entry: Mapping[str, Any], *, criterion_name: str, names: Mapping[str, str]
) -> AggregateFigure:
    """An entry of Period.aggregates: the contract's output shape (result_to_json), ids as strings."""
    members = tuple(names.get(str(member), str(member)) for member in entry.get("members") or ())
    percent = entry.get("percent")
    return AggregateFigure(
        criterion=str(entry.get("criterion", "")),
        kind=str(entry.get("kind", "")),
        criterion_name=criterion_name,
        display=str(entry.get("display", "")),
        percent=Decimal(str(percent)) if percent is not None else None,
        count=int(entry.get("count") or len(members)),
        members=members,
    )


def _aggregate_lines(
    figures: Iterable[AggregateFigure], pact_aggregates: Sequence[Mapping[str, Any]]
) -> tuple[AggregateLine, ...]:
    labels = {(a.get("criterion"), a.get("kind")): a.get("label") for a in pact_aggregates}
    return tuple(
        AggregateLine(
            criterion=figure.criterion,
            kind=figure.kind,
            sentence=aggregate_sentence(figure, labels.get((figure.criterion, figure.kind))),
        )
        for figure in figures
    )


# ---------------------------------------------------------------------------------------------------
# Criteria in tree order


def _criteria_infos(criteria: Sequence[PactCriterion]) -> tuple[list[CriterionInfo], dict[str, str]]:
    """The scored criteria depth first (a group before its children), and every code's name."""
    children: dict[int | None, list[PactCriterion]] = {}
    ids = {c.pk for c in criteria}
    for criterion in criteria:
        parent = criterion.parent_id if criterion.parent_id in ids else None
        children.setdefault(parent, []).append(criterion)

    def maximum(node: PactCriterion) -> Decimal | None:
        if node.method:
            scored = node.method not in (Method.BONUS, Method.PENALTY, Method.VETO)
            return node.max_points if scored and node.max_points is not None else None
        parts = [maximum(child) for child in children.get(node.pk, [])]
        known = [part for part in parts if part is not None]
        return sum(known, Decimal(0)) if known else None

    infos: list[CriterionInfo] = []

    def walk(parent: int | None, depth: int) -> None:
        for node in children.get(parent, []):
            if node.method != Method.VETO:
                infos.append(
                    CriterionInfo(
                        code=node.code,
                        name=node.name,
                        method=node.method,
                        max_points=maximum(node),
                        depth=depth,
                    )
                )
            walk(node.pk, depth + 1)

    walk(None, 0)
    return infos, {c.code: c.name for c in criteria}


def _average(values: Iterable[Decimal | None]) -> Decimal | None:
    known = [value for value in values if value is not None]
    if not known:
        return None
    return (sum(known, Decimal(0)) / len(known)).quantize(CENT, rounding=ROUND_HALF_UP)


def _criterion_rows(
    criteria: Sequence[CriterionInfo], rows: Sequence[RankingRow]
) -> tuple[CriterionRow, ...]:
    out = []
    for criterion in criteria:
        points = tuple(row.points.get(criterion.code) for row in rows)
        out.append(CriterionRow(criterion=criterion, points=points, average=_average(points)))
    return tuple(out)


def _ordered(rows: list[RankingRow]) -> list[RankingRow]:
    # The engine already lists vetoed members last; frozen rows are sorted the same way.
    return sorted(rows, key=lambda row: (row.vetoed, row.rank))


def _with_changes(rows: list[RankingRow], so_ket: Mapping[int, tuple[int, Decimal]]) -> list[RankingRow]:
    out = []
    for row in rows:
        before = so_ket.get(row.organisation_id)
        change = None
        if before is not None:
            rank, total = before
            change = MemberChange(
                so_ket_rank=rank,
                so_ket_total=total,
                rank_delta=rank - row.rank,
                total_delta=row.total - total,
            )
        out.append(dataclasses.replace(row, change=change))
    return out


# ---------------------------------------------------------------------------------------------------
# Reads


def period_dashboard(*, period: Period) -> Dashboard:
    """Everything the results screen and the Excel export show, for one period.

    Pass a period loaded with its pact and group (dashboard_period() does), or they cost two queries.
    """
    if period.closed_at is not None:
        parts = _final(period)
    else:
        parts = _live(period)
    so_ket = so_ket_results(period=period)
    rows = _with_changes(parts.rows, so_ket) if so_ket else parts.rows
    group_codes = [c.code for c in parts.criteria if c.is_group]
    rows = [
        dataclasses.replace(row, subtotals=tuple(row.points.get(code) for code in group_codes))
        for row in rows
    ]
    group = period.pact.group
    return Dashboard(
        period_id=period.pk,
        group_name=group.name,
        group_kind=group.kind,
        year=group.year,
        period_kind=period.kind,
        period_kind_label=period.get_kind_display(),
        pact_title=period.pact.title,
        illustrative=period.pact.illustrative,
        final=period.closed_at is not None,
        closed_on=timezone.localdate(period.closed_at) if period.closed_at else None,
        basis=str(FINAL_BASIS if period.closed_at is not None else LIVE_BASIS),
        member_count=parts.member_count,
        aggregates=parts.aggregates,
        rows=tuple(rows),
        criteria=tuple(parts.criteria),
        criterion_rows=_criterion_rows(parts.criteria, rows),
        excluded=tuple(parts.excluded),
        problems=tuple(parts.problems),
        compared_label=str(Period.Kind.SO_KET.label) if any(row.change for row in rows) else None,
    )


@dataclass
class _Parts:
    rows: list[RankingRow]
    criteria: list[CriterionInfo]
    aggregates: tuple[AggregateLine, ...]
    excluded: list[ExcludedMember]
    problems: list[str]
    member_count: int


def _final(period: Period) -> _Parts:
    """The frozen results: PeriodResult rows and Period.aggregates (five queries, in the selector)."""
    pact = period.pact
    frozen = frozen_period(period=period)
    criteria, members, results = frozen.criteria, frozen.members, frozen.results
    statuses, veto_rows = frozen.statuses, frozen.veto_values

    infos, names = _criteria_infos(criteria)
    failed: dict[int, list[VetoFailure]] = {}
    for org_id, code, value, appraised in veto_rows:
        if (appraised if appraised is not None else value) is True:
            failed.setdefault(org_id, []).append(VetoFailure(code=code, name=names.get(code, code)))
    order = {c.code: index for index, c in enumerate(criteria)}

    rows = []
    for result in results:
        points = {code: Decimal(str(value)) for code, value in (result.points or {}).items()}
        rows.append(
            RankingRow(
                organisation_id=result.organisation_id,
                rank=result.rank,
                name=result.organisation.name,
                total=result.total,
                self_total=result.self_total,
                gap=result.total - result.self_total if result.self_total is not None else None,
                appraised=statuses.get(result.organisation_id) in APPRAISED_STATUSES,
                vetoed=result.vetoed,
                failed_vetoes=tuple(
                    sorted(failed.get(result.organisation_id, ()), key=lambda f: order.get(f.code, 0))
                )
                if result.vetoed
                else (),
                points=points,
                change=None,
            )
        )
    member_names = {str(org_id): name for org_id, name in members}
    member_names.update({str(r.organisation_id): r.organisation.name for r in results})
    figures = [
        _figure_from_frozen(
            entry, criterion_name=names.get(str(entry.get("criterion")), ""), names=member_names
        )
        for entry in period.aggregates or ()
        if isinstance(entry, Mapping)
    ]
    with_result = {r.organisation_id for r in results}
    excluded = [
        ExcludedMember(
            organisation_id=org_id, name=name, reason=_("Không có trong kết quả đã chốt khi khóa kỳ.")
        )
        for org_id, name in members
        if org_id not in with_result
    ]
    return _Parts(
        rows=_ordered(rows),
        criteria=infos,
        aggregates=_aggregate_lines(figures, pact.aggregates or ()),
        excluded=excluded,
        problems=[],
        member_count=len(members),
    )


def _live(period: Period) -> _Parts:
    """Score the sent reports now (five queries: criteria, members, targets, reports, values)."""
    pact = period.pact
    facts = pact_facts(pact=pact)
    reports = dict(Report.objects.filter(period=period).values_list("organisation_id", "status"))
    values = period_values(period=period)
    infos, names = _criteria_infos(facts.criteria)

    excluded = [
        ExcludedMember(
            organisation_id=m.pk,
            name=m.name,
            reason=str(_NOT_SCORED_REASONS.get(reports.get(m.pk), _("Báo cáo chưa được gửi."))),
        )
        for m in facts.members
        if reports.get(m.pk) not in SCORED_STATUSES
    ]
    rows: list[RankingRow] = []
    aggregates: tuple[AggregateLine, ...] = ()
    problems: list[str] = []
    if len(excluded) < len(facts.members):
        figures = period_figures(period=period, facts=facts, values=values, statuses=reports)
        appraised = figures.appraised
        assert appraised is not None  # an open period is scored live
        if appraised.pact_problems:
            problems.append(pact_fault_text(appraised.pact_problems))
        excluded.extend(_engine_exclusions(appraised, names))
        if appraised.result is not None:
            rows = _live_rows(appraised.result, figures, values, reports, names)
            member_names = {str(m.pk): m.name for m in facts.members}
            lines = [
                _figure_from_engine(a, criterion_name=names.get(a.criterion, ""), names=member_names)
                for a in appraised.result.aggregates
            ]
            aggregates = _aggregate_lines(lines, pact.aggregates or ())
    order = {m.pk: index for index, m in enumerate(facts.members)}
    excluded.sort(key=lambda e: order.get(e.organisation_id, 0))
    return _Parts(
        rows=rows,
        criteria=infos,
        aggregates=aggregates,
        excluded=excluded,
        problems=problems,
        member_count=len(facts.members),
    )


def _engine_exclusions(scored: PeriodScore, names: Mapping[str, str]) -> list[ExcludedMember]:
    """Members the engine could not score, with a reason naming the criteria at fault and every
    problem worded for the officer who fixes the report. A fault of the pact stops every member."""
    if scored.pact_problems:
        reason = _("Giao ước có lỗi nên chưa chấm được điểm.")
        return [
            ExcludedMember(organisation_id=int(member_id), name=org.name, reason=reason)
            for member_id, org in scored.members.items()
        ]
    return [
        ExcludedMember(
            organisation_id=org_id,
            name=scored.members[str(org_id)].name,
            reason=excluded_reason(found),
            problems=tuple(problem_texts(found, names)),
        )
        for org_id, found in scored.excluded.items()
    ]


def _live_rows(
    result: ScoringResult,
    figures: PeriodFigures,
    values: PeriodValues,
    reports: Mapping[int, str],
    names: Mapping[str, str],
) -> list[RankingRow]:
    rows = []
    for member in result.members:
        org_id = int(member.id)
        self_total = figures.of(org_id).self_total
        appraised = reports.get(org_id) in APPRAISED_STATUSES or any(
            row.appraised_value is not None for row in values.get(org_id, {}).values()
        )
        rows.append(
            RankingRow(
                organisation_id=org_id,
                rank=member.rank,
                name=member.name,
                total=member.total,
                self_total=self_total,
                gap=member.total - self_total if self_total is not None else None,
                appraised=appraised,
                vetoed=member.vetoed,
                failed_vetoes=tuple(VetoFailure(code=c, name=names.get(c, c)) for c in member.failed_vetoes),
                points=dict(member.points),
                change=None,
            )
        )
    return _ordered(rows)
