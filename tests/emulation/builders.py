"""Test data for the results dashboard, written straight into the models (not through the report
workflow services, so these tests do not move when the workflow does).

A pact is described in the scoring contract's shape (criteria tree, members with values, aggregates,
tie-break), the same document `thidua score` reads; `build_pact` stores it and `fill_period` stores one
period's reports. `close_period` freezes a period as the close service does (results and aggregates
from the appraised values), so the dashboard's "final" path can be tested on its own.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.utils import timezone

from thidua.emulation.models import Pact, PactCriterion, Period, Report, ReportValue, Target
from thidua.emulation.presenters.dashboard import (
    AggregateLine,
    CriterionInfo,
    Dashboard,
    ExcludedMember,
    RankingRow,
    VetoFailure,
)
from thidua.emulation.services.periods import _results_freeze
from thidua.org.models import AdminUnit, EmulationGroup, GroupMembership, Organisation

DATA = Path(__file__).parent / "data"
SEED_LABELS = {
    ("1.1", "sum_ratio"): "Tổng giá trị sản xuất toàn Cụm là {display}",
    ("1.2", "count_true"): "{count} huyện đạt chuẩn nông thôn mới: {members}",
}
PERIOD_DATES = {
    Period.Kind.SO_KET: (dt.date(2023, 6, 1), dt.date(2023, 7, 15)),
    Period.Kind.TONG_KET: (dt.date(2023, 11, 15), dt.date(2023, 12, 15)),
}


def seed_document() -> dict[str, Any]:
    """The shared demo's illustrative pact of Cụm Thi đua số 1 (2023), in the scoring contract's shape."""
    return json.loads((DATA / "scoring-cum-1-2023.json").read_text("utf-8"))


@dataclass
class Built:
    group: EmulationGroup
    pact: Pact
    document: dict[str, Any]
    organisations: dict[str, Organisation]  # document member id -> organisation
    criteria: dict[str, PactCriterion]  # code -> criterion
    periods: dict[str, Period] = field(default_factory=dict)

    def org(self, member_id: str) -> Organisation:
        return self.organisations[member_id]


def build_pact(
    *,
    document: dict[str, Any],
    group: EmulationGroup | None = None,
    province: AdminUnit | None = None,
    organisations: dict[str, Organisation] | None = None,
    labels: dict[tuple[str, str], str] | None = None,
    illustrative: bool = False,
) -> Built:
    """Store the document's criteria, members (as group members, in document order) and targets.

    Members already given in `organisations` (document id -> Organisation) are reused; the others are
    created. Without a group, a new one of 2023 is made in `province`.
    """
    document = copy.deepcopy(document)
    organisations = dict(organisations or {})
    if group is None:
        assert province is not None, "give a group or a province"
        group = EmulationGroup.objects.create(
            name=f"Cụm Thi đua số {EmulationGroup.objects.count() + 1}",
            kind=EmulationGroup.Kind.CUM,
            year=2023,
            province=province,
        )
    existing = set(GroupMembership.objects.filter(group=group).values_list("organisation_id", flat=True))
    pending = [member for member in document["members"] if member["id"] not in organisations]
    created = Organisation.objects.bulk_create(
        Organisation(
            code=f"T-{group.pk}-{member['id']}"[:40],
            name=member.get("name", member["id"]),
            kind=Organisation.Kind.LOCAL_GOVERNMENT,
            province=group.province,
        )
        for member in pending
    )
    organisations.update({member["id"]: org for member, org in zip(pending, created, strict=True)})
    GroupMembership.objects.bulk_create(
        GroupMembership(group=group, organisation=organisations[member["id"]], order=index)
        for index, member in enumerate(document["members"], start=1)
        if organisations[member["id"]].pk not in existing
    )
    aggregates = []
    for entry in document.get("aggregates", []):
        label = (labels or {}).get((entry["criterion"], entry["kind"]))
        aggregates.append({**entry, "label": label} if label else dict(entry))
    pact = Pact.objects.create(
        group=group,
        title=f"Giao ước thi đua {group.name} năm {group.year}",
        status=Pact.Status.SIGNED,
        tie_break=document.get("tie_break", []),
        aggregates=aggregates,
        illustrative=illustrative,
    )
    criteria: dict[str, PactCriterion] = {}
    order = 0

    def store(nodes: list[dict[str, Any]], parent: PactCriterion | None) -> None:
        nonlocal order
        for node in nodes:
            order += 1
            criterion = PactCriterion.objects.create(
                pact=pact,
                parent=parent,
                code=node["code"],
                name=node["name"],
                unit=node.get("unit", ""),
                max_points=Decimal(str(node["max_points"])) if "max_points" in node else None,
                method=node.get("method", ""),
                params=node.get("params", {}),
                order=order,
            )
            criteria[node["code"]] = criterion
            store(node.get("children", []), criterion)

    store(document["criteria"], None)
    Target.objects.bulk_create(
        Target(
            pact=pact,
            organisation=organisations[member["id"]],
            criterion=criteria[code],
            value=Decimal(str(value["target"])),
        )
        for member in document["members"]
        for code, value in member["values"].items()
        if isinstance(value, dict) and value.get("target") is not None
    )
    return Built(group=group, pact=pact, document=document, organisations=organisations, criteria=criteria)


def _raw(value: Any) -> Any:
    """A member value as ReportValue stores it: the actual value for ratio_to_target."""
    return value["actual"] if isinstance(value, dict) else value


def fill_period(
    built: Built,
    *,
    kind: str = Period.Kind.SO_KET,
    statuses: dict[str, str] | None = None,
    default_status: str = Report.Status.SUBMITTED,
    appraised: dict[str, dict[str, Any]] | None = None,
    values: dict[str, dict[str, Any]] | None = None,
    skip: set[str] = frozenset(),  # type: ignore[assignment]
) -> Period:
    """One period with a report per member holding the document's values.

    `statuses`: member id -> report status (default `default_status`); `appraised`: member id ->
    {code: appraised value}; `values`: member id -> {code: value} replacing the document's;
    `skip`: member ids without any report.
    """
    opens_on, closes_on = PERIOD_DATES[Period.Kind(kind)]
    period = Period.objects.create(pact=built.pact, kind=kind, opens_on=opens_on, closes_on=closes_on)
    built.periods[kind] = period
    members = [m for m in built.document["members"] if m["id"] not in skip]
    reports = Report.objects.bulk_create(
        Report(
            period=period,
            organisation=built.org(member["id"]),
            status=(statuses or {}).get(member["id"], default_status),
        )
        for member in members
    )
    rows = []
    for member, report in zip(members, reports, strict=True):
        member_values = {**member["values"], **(values or {}).get(member["id"], {})}
        extra = (appraised or {}).get(member["id"], {})
        for code, value in member_values.items():
            if value is None:
                continue
            rows.append(
                ReportValue(
                    report=report,
                    criterion=built.criteria[code],
                    value=_raw(value),
                    appraised_value=_raw(extra[code]) if code in extra else None,
                )
            )
    ReportValue.objects.bulk_create(rows)
    return period


def close_period(period: Period, *, closed_at: dt.datetime | None = None) -> Period:
    """Freeze the period's results as the close service does, without its workflow checks."""
    _results_freeze(period=period)
    Report.objects.filter(period=period).update(status=Report.Status.LOCKED)
    period.closed_at = closed_at or timezone.now()
    period.save(update_fields=["aggregates", "closed_at"])
    return period


# ---------------------------------------------------------------------------------------------------
# A synthetic pact of any size, for query counts and the benchmark


def synthetic_document(*, members: int, groups: int = 3, per_group: int = 3, seed: int = 7) -> dict[str, Any]:
    """`groups` groups of `per_group` leaves mixing methods, then bonus, penalty and veto; deterministic."""
    import random

    rng = random.Random(seed)
    kinds = [
        ("ratio_to_target", {"cap": 1.0}),
        ("boolean", {}),
        ("manual", {}),
        ("threshold", {"threshold": 90, "proportional_below": True}),
        ("tiers", {"tiers": [[90, 10], [70, 6], [50, 3]]}),
        ("relative", {}),
    ]
    criteria: list[dict[str, Any]] = []
    leaves: list[tuple[str, str]] = []
    for g in range(1, groups + 1):
        children = []
        for i in range(1, per_group + 1):
            method, params = kinds[(g * per_group + i) % len(kinds)]
            code = f"{g}.{i}"
            node: dict[str, Any] = {
                "code": code,
                "name": f"Tiêu chí {code}",
                "max_points": 10,
                "method": method,
            }
            if params:
                node["params"] = params
            if method == "ratio_to_target":
                node["unit"] = "tỷ đồng"
            children.append(node)
            leaves.append((code, method))
        criteria.append({"code": str(g), "name": f"Nhóm tiêu chí {g}", "children": children})
    criteria += [
        {"code": "B", "name": "Điểm thưởng", "max_points": 10, "method": "bonus"},
        {"code": "P", "name": "Điểm trừ", "max_points": 10, "method": "penalty"},
        {"code": "V", "name": "Vụ việc phức tạp về an ninh, trật tự", "method": "veto"},
    ]

    def value(method: str) -> Any:
        if method == "ratio_to_target":
            return {"actual": str(rng.randint(100, 2000)), "target": str(rng.randint(1000, 2000))}
        if method == "boolean":
            return rng.random() < 0.5
        if method == "manual":
            return str(rng.randint(0, 10))
        return str(rng.randint(0, 100))  # threshold, tiers, relative

    people = []
    for n in range(1, members + 1):
        values = {code: value(method) for code, method in leaves}
        values.update({"B": str(rng.randint(0, 5)), "P": str(rng.randint(0, 3)), "V": n % 10 == 0})
        people.append({"id": f"m{n}", "name": f"Ủy ban nhân dân xã Số {n:03d}", "values": values})
    ratio = next(code for code, method in leaves if method == "ratio_to_target")
    aggregates = [{"criterion": ratio, "kind": "sum_ratio"}]
    boolean = next((code for code, method in leaves if method == "boolean"), None)
    if boolean:
        aggregates.append({"criterion": boolean, "kind": "count_true"})
    return {"criteria": criteria, "members": people, "aggregates": aggregates, "tie_break": [ratio]}


# ---------------------------------------------------------------------------------------------------
# A dashboard without the database, for the pure renderers


CRITERIA = (
    CriterionInfo(code="1", name="Kinh tế", method="", max_points=Decimal("150"), depth=0),
    CriterionInfo(
        code="1.1", name="Tổng giá trị sản xuất", method="ratio_to_target", max_points=Decimal("100"), depth=1
    ),
    CriterionInfo(code="1.2", name="Nông thôn mới", method="boolean", max_points=Decimal("50"), depth=1),
    CriterionInfo(code="B", name="Điểm thưởng", method="bonus", max_points=None, depth=0),
    CriterionInfo(code="P", name="Điểm trừ", method="penalty", max_points=None, depth=0),
)


def ranking_row(rank: int, name: str, total: str, **kwargs: Any) -> RankingRow:
    values = {
        "organisation_id": rank,
        "rank": rank,
        "name": name,
        "total": Decimal(total),
        "self_total": Decimal(total),
        "gap": Decimal("0.00"),
        "appraised": True,
        "vetoed": False,
        "failed_vetoes": (),
        "points": {
            "1.1": Decimal("80.50"),
            "1.2": Decimal("50.00"),
            "1": Decimal("130.50"),
            "B": Decimal("5.00"),
            "P": Decimal("-2.00"),
        },
        "change": None,
    }
    values.update(kwargs)
    return RankingRow(**values)


def plain_dashboard(**kwargs: Any) -> Dashboard:
    """A dashboard built by hand, without the database: a closed sơ kết of two ranked members (the
    second vetoed) and one left out, for the pure renderers (chart, workbook)."""
    values: dict[str, Any] = {
        "period_id": 1,
        "group_name": "Cụm Thi đua số 1",
        "group_kind": "cum",
        "year": 2023,
        "period_kind": "so_ket",
        "period_kind_label": "Sơ kết 6 tháng",
        "pact_title": "Giao ước thi đua năm 2023",
        "illustrative": False,
        "final": True,
        "closed_on": dt.date(2023, 8, 4),
        "basis": "Điểm đã chốt khi khóa kỳ.",
        "member_count": 3,
        "aggregates": (AggregateLine("1.1", "sum_ratio", "Tổng giá trị sản xuất toàn Cụm là 1,00 tỷ đồng"),),
        "rows": (
            ranking_row(1, "Huyện Cầu Ngang", "1133.50", self_total=Decimal("1140.00")),
            ranking_row(
                2,
                "Huyện Trà Cú",
                "133.50",
                vetoed=True,
                failed_vetoes=(VetoFailure("V", "Vụ việc phức tạp về an ninh, trật tự"),),
            ),
        ),
        "criteria": CRITERIA,
        "criterion_rows": (),
        "excluded": (ExcludedMember(3, "Thị xã Duyên Hải", "Chưa có báo cáo."),),
        "problems": (),
        "compared_label": None,
    }
    values.update(kwargs)
    return Dashboard(**values)
