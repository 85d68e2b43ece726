"""Demo of the main job, done through the services as officers would do it.

2023: Cụm Thi đua số 1 (tỉnh Trà Vinh) signs the illustrative pact of the shared demo data, each district
reports its mid-year figures, the head (huyện Châu Thành) appraises, the deputy (thị xã Duyên Hải)
appraises the head's own report, the province closes the period: the dashboard then reads "Tổng giá trị
sản xuất toàn Cụm là 31.434,47 tỷ đồng, đạt 43,31% so kế hoạch". An illustrative secret ballot then
chooses the leading unit. The districts' accounts are disabled
afterwards (by the loader, after the commendation demo), since the districts were abolished on 01/07/2025.

2026: today's cluster of communes and wards signs a pact whose mid-year period is open, with a few
reports in different states. Every per-member figure is ILLUSTRATIVE and the pact says so.
"""

from __future__ import annotations

import copy
import datetime as dt
from decimal import Decimal
from typing import Any

from thidua.accounts.models import User
from thidua.accounts.roles import RoleCode
from thidua.accounts.services import user_create
from thidua.demo.clock import StoryClock, story_clock
from thidua.emulation.models import Period
from thidua.emulation.rules.values import contract_number
from thidua.emulation.services.pacts import (
    criteria_template_create,
    pact_create,
    pact_create_from_template,
    pact_sign,
    targets_register,
)
from thidua.emulation.services.periods import period_close, period_open
from thidua.emulation.services.reports import report_appraise, report_open, report_save, report_submit
from thidua.emulation.services.votes import ballot_cast, vote_close, vote_open
from thidua.org.models import EmulationGroup, Organisation

EXPLANATIONS = {
    "1.1": "Số liệu 6 tháng đầu năm, so với chỉ tiêu cả năm (minh họa).",
    "1.2": "Đang hoàn thiện hồ sơ đề nghị công nhận (minh họa).",
    "2.1": "Một số trẻ theo gia đình đi làm ăn xa (minh họa).",
    "2.2": "Hộ tái nghèo do thiên tai (minh họa).",
}
AGGREGATE_LABELS = {
    "1.1": "Tổng giá trị sản xuất toàn Cụm là {display}",
    "1.2": "{count} huyện đạt chuẩn nông thôn mới: {members}",
}


def _values_for(member_values: dict[str, Any]) -> tuple[dict[str, dict[str, Any]], dict[str, Decimal]]:
    """Report entries and registered targets from one member of the contract-shaped demo input."""
    entries: dict[str, dict[str, Any]] = {}
    targets: dict[str, Decimal] = {}
    for code, raw in member_values.items():
        if isinstance(raw, dict):
            targets[code] = Decimal(raw["target"])
            raw = raw["actual"]
        # The contract writes numbers the machine way ("7845.12"); report_save reads strings as an
        # officer types them (Vietnamese, "7.845,12"), so the numbers go in as Decimal.
        value = raw if isinstance(raw, bool) or raw is None else contract_number(raw)
        entries[code] = {"value": value, "explanation": EXPLANATIONS.get(code, "")}
    return entries, targets


def load_2023(
    *,
    admin: User,
    province_officer: User,
    group: EmulationGroup,
    data: dict[str, Any],
    orgs: dict[str, Organisation],
) -> Period:
    with story_clock() as clock:
        return _load_2023(
            clock, admin=admin, province_officer=province_officer, group=group, data=data, orgs=orgs
        )


def _load_2023(
    clock: StoryClock,
    *,
    admin: User,
    province_officer: User,
    group: EmulationGroup,
    data: dict[str, Any],
    orgs: dict[str, Organisation],
) -> Period:
    clock.at(2023, 3, 1)
    scoring = data["illustrative_pact"]["scoring_input"]
    aggregates = [{**a, "label": AGGREGATE_LABELS[a["criterion"]]} for a in scoring["aggregates"]]
    pact = pact_create(
        actor=province_officer,
        group=group,
        criteria=copy.deepcopy(scoring["criteria"]),
        title="Giao ước thi đua năm 2023 – Cụm Thi đua số 1 (minh họa)",
        aggregates=aggregates,
        tie_break=scoring["tie_break"],
        illustrative=True,
    )
    officers: dict[str, User] = {}
    for member in group.memberships.select_related("organisation").order_by("order"):
        key = next(k for k, o in orgs.items() if o.pk == member.organisation_id)
        role = (
            RoleCode.GROUP_HEAD_OFFICER
            if member.organisation_id == group.head_id
            else RoleCode.MEMBER_OFFICER
        )
        officers[key] = user_create(
            actor=admin,
            username=f"{key.replace('-', '')}2023",
            password=None,
            full_name=f"Công chức TĐKT {member.organisation.short_name or member.organisation.name}",
            organisation=member.organisation,
            roles=[role],
            is_demo=True,
        )
    by_id = {m["id"]: m for m in scoring["members"]}
    for key, org in orgs.items():
        _entries, targets = _values_for(by_id[key]["values"])
        targets_register(actor=officers[key], pact=pact, organisation=org, targets=targets)
    clock.at(2023, 3, 10, 9)
    pact_sign(
        actor=province_officer,
        pact=pact,
        signed_on=dt.date(2023, 3, 10),
        note="Minh họa: ngày ký kết không có trong bài viết gốc.",
    )
    clock.at(2023, 6, 15)
    period = period_open(
        actor=province_officer,
        pact=pact,
        kind=Period.Kind.SO_KET,
        opens_on=dt.date(2023, 6, 15),
        closes_on=dt.date(2023, 7, 31),
    )
    reports = {}
    for day, (key, org) in enumerate(orgs.items(), start=20):
        clock.at(2023, 7, day, 9)  # each district sends its report on a day before the deadline
        entries, _targets = _values_for(by_id[key]["values"])
        report = report_open(actor=officers[key], period=period, organisation=org)
        report = report_save(actor=officers[key], report=report, version=report.version, values=entries)
        reports[key] = report_submit(actor=officers[key], report=report, version=report.version)
    head_key = next(k for k, o in orgs.items() if o.pk == group.head_id)
    deputy_key = next(k for k, o in orgs.items() if o.pk == group.deputy_id)
    clock.at(2023, 8, 1, 14)
    for key, report in reports.items():
        appraiser = officers[deputy_key] if key == head_key else officers[head_key]
        report_appraise(actor=appraiser, report=report, version=report.version)
    clock.at(2023, 8, 4, 10)
    period_close(
        actor=province_officer,
        period=period,
        reason="Hội nghị sơ kết ngày 04/8/2023 tại UBND thị xã Duyên Hải.",
    )
    # Illustrative year-end vote for the leading unit (suy tôn): four units choose Cầu Ngang, the
    # ranking's leader, one chooses Duyên Hải; more than 50% passes (the default provincial rule).
    clock.at(2023, 12, 15, 9)
    vote = vote_open(actor=officers[head_key], group=group)
    for key in orgs:
        choice = "duyen-hai" if key == "cau-ngang" else "cau-ngang"
        ballot_cast(actor=officers[key], vote=vote, choices=[orgs[choice]])
    vote_close(actor=officers[head_key], vote=vote)
    # The districts were abolished on 01/07/2025: the loader disables their officers' accounts once
    # the commendation demo (thidua/demo/awards.py) has used them for the 2024 proposal.
    return period


TEMPLATE_2026 = [
    {
        "code": "1",
        "name": "Phát triển kinh tế",
        "children": [
            {
                "code": "1.1",
                "name": "Tổng thu ngân sách nhà nước trên địa bàn so dự toán",
                "unit": "triệu đồng",
                "max_points": 200,
                "method": "ratio_to_target",
                "params": {"cap": 1.0},
                "evidence_required": "Báo cáo thu ngân sách của cơ quan thuế",
            },
            {
                "code": "1.2",
                "name": "Được công nhận đạt chuẩn nông thôn mới nâng cao, đô thị văn minh",
                "max_points": 100,
                "method": "boolean",
            },
        ],
    },
    {
        "code": "2",
        "name": "Văn hóa – xã hội",
        "children": [
            {
                "code": "2.1",
                "name": "Tỷ lệ người dân tham gia bảo hiểm y tế",
                "unit": "%",
                "max_points": 100,
                "method": "threshold",
                "params": {"threshold": 95, "proportional_below": True},
            },
            {
                "code": "2.2",
                "name": "Tỷ lệ hộ nghèo (càng thấp càng tốt)",
                "unit": "%",
                "max_points": 100,
                "method": "ratio_to_target",
                "params": {"lower_is_better": True},
            },
        ],
    },
    {
        "code": "3",
        "name": "Chuyển đổi số, cải cách hành chính",
        "children": [
            {
                "code": "3.1",
                "name": "Tỷ lệ hồ sơ thủ tục hành chính giải quyết đúng hạn",
                "unit": "%",
                "max_points": 100,
                "method": "tiers",
                "params": {"tiers": [[98, 100], [95, 80], [90, 60]]},
            },
            {
                "code": "3.2",
                "name": "Tỷ lệ hồ sơ dịch vụ công trực tuyến toàn trình",
                "unit": "%",
                "max_points": 100,
                "method": "relative",
            },
        ],
    },
    {
        "code": "4",
        "name": "Xây dựng chính quyền; công tác thi đua, khen thưởng",
        "children": [
            {
                "code": "4.1",
                "name": "Tổ chức phong trào thi đua, nhân rộng điển hình tiên tiến",
                "max_points": 100,
                "method": "manual",
            },
        ],
    },
    {"code": "B", "name": "Điểm thưởng", "max_points": 50, "method": "bonus"},
    {"code": "P", "name": "Điểm trừ", "max_points": 50, "method": "penalty"},
    {
        "code": "V",
        "name": "Để xảy ra vụ việc phức tạp về an ninh, trật tự (tiêu chí phủ quyết)",
        "method": "veto",
    },
]


def _illustrative(index: int, low: int, high: int) -> Decimal:
    """Deterministic, varied illustrative figures (no randomness: the demo is the same everywhere)."""
    span = high - low
    return Decimal(low) + Decimal((index * 37) % (span * 10 + 1)) / 10


def load_2026(
    *, admin: User, province_officer: User, group: EmulationGroup, member_officer: User, head_officer: User
) -> Period:
    template = criteria_template_create(
        actor=province_officer,
        name="Bộ tiêu chí cụm thi đua xã, phường năm 2026 (minh họa)",
        kind="cum",
        province=group.province,
        criteria=TEMPLATE_2026,
        aggregates=[
            {"criterion": "1.1", "kind": "sum_ratio", "label": "Tổng thu ngân sách toàn Cụm là {display}"},
            {
                "criterion": "1.2",
                "kind": "count_true",
                "label": "{count} đơn vị đạt chuẩn nông thôn mới nâng cao, đô thị văn minh: {members}",
            },
        ],
        tie_break=["1.1", "3.2"],
    )
    pact = pact_create_from_template(
        actor=province_officer,
        group=group,
        template=template,
        illustrative=True,
        title="Giao ước thi đua năm 2026 – Cụm Thi đua số 1 (minh họa)",
    )
    members = [m.organisation for m in group.memberships.select_related("organisation").order_by("order")]
    for index, org in enumerate(members):
        targets_register(
            actor=province_officer,
            pact=pact,
            organisation=org,
            targets={
                "1.1": _illustrative(index, 20000, 60000).quantize(Decimal(1)),
                "2.2": _illustrative(index, 1, 5),
            },
        )
    pact_sign(actor=province_officer, pact=pact, signed_on=dt.date(2026, 3, 18), note="Minh họa.")
    period = period_open(
        actor=province_officer,
        pact=pact,
        kind=Period.Kind.SO_KET,
        opens_on=dt.date(2026, 6, 15),
        closes_on=dt.date(2026, 12, 15),
        remind_days_before=30,
    )
    # The head unit has submitted; the demo member officer's unit has a draft to finish.
    head = group.head
    report = report_open(actor=head_officer, period=period, organisation=head)
    values = {
        "1.1": {"value": "31250", "explanation": "Thu 6 tháng so dự toán cả năm (minh họa)."},
        "1.2": {"value": False, "explanation": "Đang hoàn thiện hồ sơ (minh họa)."},
        "2.1": {"value": "96,4"},
        "2.2": {"value": "1,8", "explanation": "Minh họa."},
        "3.1": {"value": "98,5"},
        "3.2": {"value": "72,3"},
        "4.1": {"value": "90"},
        "B": {"value": "5"},
        "P": {"value": "0"},
        "V": {"value": False},
    }
    report = report_save(actor=head_officer, report=report, version=report.version, values=values)
    report_submit(actor=head_officer, report=report, version=report.version)
    draft = report_open(actor=member_officer, period=period, organisation=member_officer.organisation)
    report_save(
        actor=member_officer,
        report=draft,
        version=draft.version,
        values={"2.1": {"value": "94,1"}, "3.1": {"value": "96"}},
    )
    return period
