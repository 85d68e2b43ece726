from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from tests.emulation.fixtures import CRITERIA
from thidua.core.models import AuditEvent
from thidua.emulation.models import CriteriaTemplate

pytestmark = pytest.mark.django_db


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _post(client: Client, criteria: Any) -> Any:
    return client.post(
        "/admin/emulation/templates/new/",
        {
            "name": "Bộ tiêu chí cụm xã 2027",
            "kind": "cum",
            "criteria": json.dumps(criteria, ensure_ascii=False),
            "aggregates": json.dumps([{"criterion": "1.1", "kind": "sum_ratio"}]),
            "tie_break": "1.1, 2.1",
        },
    )


def test_province_creates_a_template_and_sees_its_tree(world: Any, personas: dict[str, Any]) -> None:
    client = _client(personas["province"])
    response = _post(client, CRITERIA)
    assert response.status_code == 302, response.content.decode()[:2000]
    template = CriteriaTemplate.objects.get(name="Bộ tiêu chí cụm xã 2027")
    assert template.tie_break == ["1.1", "2.1"]
    assert [c.code for c in template.criteria.order_by("order")] == ["1", "1.1", "1.2", "2.1", "B", "V"]
    assert template.criteria.get(code="1.1").evidence_required == "Báo cáo thống kê"
    body = client.get(f"/admin/emulation/templates/inspect/{template.pk}/").content.decode()
    assert "Tổng giá trị sản xuất" in body and "Tỷ lệ so chỉ tiêu" in body
    assert AuditEvent.objects.filter(action="emulation.template.create").exists()


@pytest.mark.parametrize(
    ("criteria", "message"),
    [
        ("not json", "JSON không hợp lệ"),
        ({"code": "1"}, "Phải là một danh sách JSON"),
        (
            [{"code": "1", "name": "X", "max_points": 10, "method": "ratio_to_targt"}],
            "Bộ tiêu chí không hợp lệ",
        ),
        ([{"code": "1", "name": "X", "max_points": -5, "method": "manual"}], "Bộ tiêu chí không hợp lệ"),
    ],
)
def test_bad_criteria_are_refused_with_a_message(
    personas: dict[str, Any], criteria: Any, message: str
) -> None:
    client = _client(personas["province"])
    payload = criteria if isinstance(criteria, str) else json.dumps(criteria)
    response = client.post(
        "/admin/emulation/templates/new/", {"name": "X", "kind": "cum", "criteria": payload}
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not CriteriaTemplate.objects.exists()


@pytest.mark.parametrize(
    ("persona", "listing", "create"),
    [
        ("province", 200, True),
        ("sysadmin", 200, True),
        ("council", 200, False),
        ("head", 302, False),
        ("member", 302, False),
        ("editor", 302, False),
    ],
)
def test_template_access_by_role(personas: dict[str, Any], persona: str, listing: int, create: bool) -> None:
    client = _client(personas[persona])
    assert client.get("/admin/emulation/templates/").status_code == listing
    _post(client, CRITERIA)
    assert CriteriaTemplate.objects.exists() is create
