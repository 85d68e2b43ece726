"""A small signed pact for the `world` of tests/conftest.py, built through the services."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from thidua.emulation.models import Pact, Period
from thidua.emulation.services.pacts import pact_create, pact_sign, targets_register
from thidua.emulation.services.periods import period_open

CRITERIA = [
    {
        "code": "1",
        "name": "Kinh tế",
        "children": [
            {
                "code": "1.1",
                "name": "Tổng giá trị sản xuất",
                "unit": "tỷ đồng",
                "max_points": "100",
                "method": "ratio_to_target",
                "evidence_required": "Báo cáo thống kê",
            },
            {"code": "1.2", "name": "Đạt chuẩn nông thôn mới", "max_points": "50", "method": "boolean"},
        ],
    },
    {"code": "2.1", "name": "Công tác thi đua", "max_points": "100", "method": "manual"},
    {"code": "B", "name": "Điểm thưởng", "max_points": "20", "method": "bonus"},
    {"code": "V", "name": "Vụ việc phức tạp về an ninh, trật tự", "method": "veto"},
]


@dataclass
class PactWorld:
    pact: Pact
    period: Period


def good_values(actual: str = "80", manual: str = "90") -> dict[str, dict[str, Any]]:
    return {
        "1.1": {"value": actual, "explanation": "" if actual == "100" else "Giá nông sản giảm"},
        "1.2": {"value": True},
        "2.1": {"value": manual},
        "B": {"value": "5"},
        "V": {"value": False},
    }


def build_pact(world: Any, province_officer: Any) -> PactWorld:
    pact = pact_create(
        actor=province_officer,
        group=world.group,
        criteria=CRITERIA,
        aggregates=[
            {"criterion": "1.1", "kind": "sum_ratio", "label": "Tổng giá trị sản xuất toàn Cụm là {display}"}
        ],
        tie_break=["1.1"],
    )
    for org in (world.home, world.other):
        targets_register(actor=province_officer, pact=pact, organisation=org, targets={"1.1": "100"})
    pact_sign(actor=province_officer, pact=pact, signed_on=dt.date(2026, 3, 20))
    period = period_open(
        actor=province_officer,
        pact=pact,
        kind="so_ket",
        opens_on=dt.date(2026, 6, 1),
        closes_on=dt.date(2026, 7, 15),
    )
    return PactWorld(pact=pact, period=period)
