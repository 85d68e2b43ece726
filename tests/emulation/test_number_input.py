"""Numbers typed the Vietnamese way through the services that read them: registered targets, report
values and their second check on submission (against the database)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from tests.emulation.fixtures import CRITERIA, PactWorld, build_pact, good_values
from thidua.emulation.models import ReportValue, Target
from thidua.emulation.services.pacts import pact_create, targets_register
from thidua.emulation.services.reports import report_open, report_save, report_submit

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("typed", "stored", "problem"),
    [
        ("16.000", Decimal("16000"), None),  # sixteen thousand, not 16
        ("1.234.567", Decimal("1234567"), None),
        ("31.434,47", Decimal("31434.47"), None),
        ("0,25", Decimal("0.25"), None),
        ("1.5", None, "Tiêu chí 1.1 (Tổng giá trị sản xuất): «1.5» viết sai dấu phân cách"),
        ("1.23.4", None, "Có phải là «1.234»?"),
        ("abc", None, "Tiêu chí 1.1 (Tổng giá trị sản xuất): «abc» không phải là số."),
        ("0", None, "chỉ tiêu phải là số lớn hơn 0"),
        ("-3", None, "chỉ tiêu phải là số lớn hơn 0"),
    ],
)
def test_targets_are_read_the_vietnamese_way(
    world: Any, personas: dict[str, Any], typed: str, stored: Decimal | None, problem: str | None
) -> None:
    pact = pact_create(actor=personas["province"], group=world.group, criteria=CRITERIA)
    if problem is None:
        targets_register(
            actor=personas["member"], pact=pact, organisation=world.other, targets={"1.1": typed}
        )
        assert Target.objects.get(pact=pact, organisation=world.other).value == stored
    else:
        with pytest.raises(ValidationError) as caught:
            targets_register(
                actor=personas["member"], pact=pact, organisation=world.other, targets={"1.1": typed}
            )
        assert any(problem in m for m in caught.value.message_dict["1.1"])
        assert not Target.objects.filter(pact=pact).exists()


def test_criteria_max_points_are_the_contracts_machine_numbers(world: Any, personas: dict[str, Any]) -> None:
    # "2.5" in the criteria JSON is two and a half (the scoring contract), never read as Vietnamese typing
    criteria = [{"code": "1", "name": "Phong trào", "max_points": "2.5", "method": "manual"}]
    pact = pact_create(actor=personas["province"], group=world.group, criteria=criteria)
    assert pact.criteria.get(code="1").max_points == Decimal("2.5")


@pytest.fixture
def pw(world: Any, personas: dict[str, Any]) -> PactWorld:
    return build_pact(world, personas["province"])


def test_report_values_round_trip_through_submission(pw: PactWorld, personas: dict[str, Any]) -> None:
    # given the member types sixteen thousand and a decimal that is stored as "1.234"
    member = personas["member"]
    report = report_open(actor=member, period=pw.period, organisation=member.organisation)
    values = {**good_values(actual="16.000"), "2.1": {"value": "1,234"}}
    report = report_save(actor=member, report=report, version=report.version, values=values)
    stored = {
        v.criterion.code: v.value
        for v in ReportValue.objects.filter(report=report).select_related("criterion")
    }
    assert stored["1.1"] == "16000" and stored["2.1"] == "1.234"
    # when it is submitted, the stored "1.234" is checked again as one and a bit, not as 1234
    report = report_submit(actor=member, report=report, version=report.version)
    assert report.status == "submitted"


def test_a_wrongly_grouped_report_value_is_refused_with_its_text(
    pw: PactWorld, personas: dict[str, Any]
) -> None:
    member = personas["member"]
    report = report_open(actor=member, period=pw.period, organisation=member.organisation)
    with pytest.raises(ValidationError) as caught:
        report_save(actor=member, report=report, version=report.version, values={"2.1": {"value": "98.6"}})
    [message] = caught.value.message_dict["2.1"]
    assert message.startswith("Tiêu chí 2.1 (Công tác thi đua): «98.6» viết sai dấu phân cách")
    assert message.endswith("Có phải là «986» hoặc «98,6»?")
