"""A proposal's workflow over the API, through the same services as its screen: the unit adds items
(each checked by the eligibility engine as it is saved, the reasons in the answer), removes one,
submits and withdraws; the province returns and appraises. Allowed and denied per role, another unit's
proposal by id is a 404, bad input is a 400 naming the field with nothing saved, and the audit row
names the token's account."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from tests.api.conftest import ApiData
from tests.awards.proposal_builders import AWARD, YEAR, complete_dossier, submitted
from thidua.awards.models import Proposal, ProposalItem
from thidua.awards.services.proposals import proposal_item_add
from thidua.core.models import AuditEvent

pytestmark = pytest.mark.django_db

COLLECTIVE_AWARD = "tap_the_lao_dong_tien_tien"


def url(proposal: Proposal, action: str) -> str:
    return f"/api/v1/proposals/{proposal.pk}/{action}/"


def post(client: APIClient, proposal: Proposal, action: str, body: Any = None) -> Any:
    return client.post(url(proposal, action), body if body is not None else {}, format="json")


def rows(world: Any) -> list[dict[str, Any]]:
    """The member unit's own person and the unit itself, each with an award that fits."""
    return [
        {"person": world.other_person.pk, "award": AWARD, "year_from": YEAR, "note": "Hoàn thành xuất sắc"},
        {"organisation": world.other.pk, "award": COLLECTIVE_AWARD, "year_from": YEAR},
    ]


def audit_rows(proposal: Proposal, action: str) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action=action, target_id=str(proposal.pk)))


# --- Items -----------------------------------------------------------------------------------------
def test_member_adds_items_and_gets_each_checked_with_its_reasons(
    clients: dict[str, APIClient], personas: dict[str, Any], world: Any, data: ApiData
) -> None:
    proposal = data.other_proposal

    response = post(clients["member"], proposal, "items", {"items": rows(world)})

    assert response.status_code == 201, response.content
    added = response.json()["items"]
    assert [(row["person"], row["organisation"], row["award"]) for row in added] == [
        (world.other_person.pk, None, AWARD),
        (None, world.other.pk, COLLECTIVE_AWARD),
    ]
    for row in added:
        # The engine's result as the screen shows it: an outcome and the reasons with their citations.
        assert row["eligibility"]["outcome"] in {"eligible", "needs_review", "not_eligible"}
        assert row["eligibility"]["reasons"] and all(r["message"] for r in row["eligibility"]["reasons"])
        assert row["checked_on"] == timezone.localdate().isoformat()
        assert row["duplicates"] == []
    stored = ProposalItem.objects.filter(proposal=proposal).order_by("pk")
    assert [item.pk for item in stored] == [row["id"] for row in added]
    assert stored[0].eligibility == added[0]["eligibility"]
    assert stored[0].note == "Hoàn thành xuất sắc"
    # The audit row is written as the token's account.
    (event,) = audit_rows(proposal, "awards.proposal.items_add")
    assert event.actor == personas["member"]
    assert len(event.changes["items"][1]) == 2


def test_a_bad_row_is_refused_naming_its_row_and_field_and_nothing_is_saved(
    clients: dict[str, APIClient], world: Any, data: ApiData
) -> None:
    proposal = data.other_proposal
    future = {"person": world.other_person.pk, "award": AWARD, "year_from": timezone.localdate().year + 1}

    response = post(clients["member"], proposal, "items", {"items": [rows(world)[0], future]})

    assert response.status_code == 400
    body = response.json()
    assert body["errors"]["items"][0].startswith("Dòng 2, Từ năm:")
    assert body["detail"] == body["errors"]["items"][0]
    assert not ProposalItem.objects.filter(proposal=proposal).exists()
    assert not audit_rows(proposal, "awards.proposal.items_add")


@pytest.mark.parametrize(
    ("row", "field", "message"),
    [
        ({"award": "khong_co"}, "award", "Lựa chọn không hợp lệ."),
        ({"year_from": "năm ngoái"}, "year_from", "Giá trị không hợp lệ."),
        ({"year_from": 1800}, "year_from", "Giá trị quá nhỏ."),
        ({"award": None}, "award", "Trường này không được để trống."),
        ({"person": 10**19}, "person", "Giá trị quá lớn."),
    ],
)
def test_an_invalid_value_is_a_400_naming_the_row_and_field(
    clients: dict[str, APIClient], world: Any, data: ApiData, row: dict[str, Any], field: str, message: str
) -> None:
    good = rows(world)
    response = post(clients["member"], data.other_proposal, "items", {"items": [good[0], {**good[1], **row}]})

    assert response.status_code == 400
    body = response.json()
    # DRF keys a list's invalid rows by their index; the valid first row is not named.
    assert body["errors"]["items"] == {"1": {field: [message]}}
    assert body["detail"] == message  # the first message, not the row's dictionary
    assert not ProposalItem.objects.exists()


def test_another_units_person_is_not_found_and_another_units_collective_is_refused(
    clients: dict[str, APIClient], world: Any, data: ApiData
) -> None:
    proposal = data.other_proposal
    home_person = {"person": world.home_person.pk, "award": AWARD, "year_from": YEAR}
    missing = post(clients["member"], proposal, "items", {"items": [home_person]})
    assert missing.status_code == 400
    assert missing.json()["errors"]["items"] == {"0": {"person": ["Không tìm thấy cá nhân này."]}}
    # Organisations are the register every officer reads; the service refuses another unit's.
    home_unit = {"organisation": world.home.pk, "award": COLLECTIVE_AWARD, "year_from": YEAR}
    refused = post(clients["member"], proposal, "items", {"items": [home_unit]})
    assert refused.status_code == 403
    assert "thuộc đơn vị mình" in refused.json()["detail"]
    both = post(clients["member"], proposal, "items", {"items": [{**home_person, **home_unit}]})
    assert both.status_code == 400
    assert not ProposalItem.objects.exists()


def test_an_empty_list_and_a_missing_list_are_refused(clients: dict[str, APIClient], data: ApiData) -> None:
    empty = post(clients["member"], data.other_proposal, "items", {"items": []})
    assert empty.status_code == 400
    assert empty.json()["errors"]["items"] == ["Chưa có người, tập thể nào được đề nghị."]
    missing = post(clients["member"], data.other_proposal, "items", {"rows": []})
    assert missing.status_code == 400
    assert missing.json()["errors"]["items"] == ["Trường này là bắt buộc."]


@pytest.mark.parametrize(("role", "status"), [("province", 403), ("sysadmin", 403), ("head", 404)])
@pytest.mark.parametrize("kind", ["person", "organisation"])
def test_only_the_proposing_units_officer_adds_items(
    clients: dict[str, APIClient], world: Any, data: ApiData, role: str, status: int, kind: str
) -> None:
    row = rows(world)[0 if kind == "person" else 1]
    response = post(clients[role], data.other_proposal, "items", {"items": [row]})
    assert response.status_code == status
    assert not ProposalItem.objects.exists()
    assert not AuditEvent.objects.filter(action="awards.proposal.items_add").exists()


def test_member_removes_an_item_and_the_removal_is_audited(
    clients: dict[str, APIClient], personas: dict[str, Any], world: Any, data: ApiData
) -> None:
    proposal = data.other_proposal
    item = proposal_item_add(
        actor=personas["member"], proposal=proposal, person=world.other_person, award=AWARD, year_from=YEAR
    )
    item_url = url(proposal, f"items/{item.pk}")

    assert clients["province"].delete(item_url).status_code == 403
    assert clients["head"].delete(item_url).status_code == 404
    assert ProposalItem.objects.filter(pk=item.pk).exists()

    assert clients["member"].delete(item_url).status_code == 204
    assert not ProposalItem.objects.filter(pk=item.pk).exists()
    (event,) = audit_rows(proposal, "awards.proposal.item_remove")
    assert event.actor == personas["member"]
    assert clients["member"].delete(item_url).status_code == 404


def test_another_units_item_is_not_found_through_ones_own_proposal(
    clients: dict[str, APIClient], personas: dict[str, Any], world: Any, data: ApiData
) -> None:
    theirs = proposal_item_add(
        actor=personas["head"],
        proposal=data.home_proposal,
        person=world.home_person,
        award=AWARD,
        year_from=YEAR,
    )
    # The item's id under the member's own proposal, and under its real one.
    assert clients["member"].delete(url(data.other_proposal, f"items/{theirs.pk}")).status_code == 404
    assert clients["member"].delete(url(data.home_proposal, f"items/{theirs.pk}")).status_code == 404
    assert ProposalItem.objects.filter(pk=theirs.pk).exists()


# --- Another unit's proposal -----------------------------------------------------------------------
@pytest.mark.parametrize(
    ("action", "body"),
    [
        ("items", {"items": [{"person": 1, "award": AWARD, "year_from": YEAR}]}),
        ("submit", {}),
        ("withdraw", {"reason": "Rút"}),
        ("return", {"reason": "Thiếu hồ sơ"}),
        ("appraise", {}),
    ],
)
def test_another_units_proposal_by_id_is_not_found(
    clients: dict[str, APIClient], data: ApiData, action: str, body: dict[str, Any]
) -> None:
    before = AuditEvent.objects.count()
    for role in ("member", "council", "editor", "outsider"):
        response = post(clients[role], data.home_proposal, action, body)
        assert response.status_code == 404, (role, response.content)
    assert post(APIClient(), data.home_proposal, action, body).status_code == 401
    data.home_proposal.refresh_from_db()
    assert data.home_proposal.state == "draft"
    assert AuditEvent.objects.count() == before


# --- Submit and withdraw ---------------------------------------------------------------------------
def test_member_submits_once_the_list_and_the_dossier_are_complete(
    clients: dict[str, APIClient], personas: dict[str, Any], world: Any, data: ApiData
) -> None:
    proposal, member = data.other_proposal, personas["member"]

    empty = post(clients["member"], proposal, "submit")
    assert empty.status_code == 400
    assert empty.json()["errors"]["items"] == ["Hồ sơ đề nghị chưa có người, tập thể nào."]

    proposal_item_add(actor=member, proposal=proposal, person=world.other_person, award=AWARD, year_from=YEAR)
    short = post(clients["member"], proposal, "submit")
    assert short.status_code == 400
    assert all(message.startswith("Thiếu ") for message in short.json()["errors"]["documents"])
    proposal.refresh_from_db()
    assert proposal.state == "draft" and proposal.received_on is None

    complete_dossier(member, proposal)
    assert post(clients["province"], proposal, "submit").status_code == 403
    sent = post(clients["member"], proposal, "submit")
    assert sent.status_code == 200, sent.content
    assert sent.json()["state"] == "submitted"
    assert sent.json()["received_on"] == timezone.localdate().isoformat()
    (event,) = audit_rows(proposal, "awards.proposal.submit")
    assert event.actor == member
    again = post(clients["member"], proposal, "submit")
    assert again.status_code == 400
    assert again.json()["detail"] == "Hồ sơ đề nghị đã được gửi."


def test_member_withdraws_a_draft_with_a_reason(
    clients: dict[str, APIClient], personas: dict[str, Any], data: ApiData
) -> None:
    proposal = data.other_proposal
    for body in ({}, {"reason": "   "}):
        refused = post(clients["member"], proposal, "withdraw", body)
        assert refused.status_code == 400
        assert list(refused.json()["errors"]) == ["reason"]
    assert post(clients["province"], proposal, "withdraw", {"reason": "Tỉnh rút"}).status_code == 403
    proposal.refresh_from_db()
    assert proposal.state == "draft"

    response = post(clients["member"], proposal, "withdraw", {"reason": "Đơn vị sáp nhập"})

    assert response.status_code == 200
    assert response.json()["state"] == "withdrawn"
    (event,) = audit_rows(proposal, "awards.proposal.withdraw")
    assert (event.actor, event.reason) == (personas["member"], "Đơn vị sáp nhập")


# --- The province: return and appraise -------------------------------------------------------------
@pytest.fixture
def sent(personas: dict[str, Any], world: Any) -> Proposal:
    """The member unit's proposal, sent to the province."""
    return submitted(personas["member"], world.other, world.other_person)


def test_province_returns_a_sent_proposal_with_a_reason(
    clients: dict[str, APIClient], personas: dict[str, Any], sent: Proposal
) -> None:
    assert post(clients["member"], sent, "return", {"reason": "Tự trả"}).status_code == 403
    assert post(clients["council"], sent, "return", {"reason": "x"}).status_code == 404
    blank = post(clients["province"], sent, "return", {"reason": ""})
    assert blank.status_code == 400
    assert blank.json()["errors"]["reason"] == ["Cần nêu lý do trả lại hồ sơ đề nghị."]
    sent.refresh_from_db()
    assert sent.state == "submitted"

    response = post(clients["province"], sent, "return", {"reason": "Thiếu biên bản họp xét"})

    assert response.status_code == 200
    assert (response.json()["state"], response.json()["return_reason"]) == (
        "returned",
        "Thiếu biên bản họp xét",
    )
    (event,) = audit_rows(sent, "awards.proposal.return")
    assert event.actor == personas["province"]
    # Returned, the unit may edit and withdraw it again.
    assert post(clients["member"], sent, "withdraw", {"reason": "Không đề nghị nữa"}).status_code == 200


def test_province_appraises_with_the_date_the_paper_dossier_arrived(
    clients: dict[str, APIClient], personas: dict[str, Any], sent: Proposal
) -> None:
    today = timezone.localdate()
    assert post(clients["member"], sent, "appraise").status_code == 403
    for bad, message in (
        ((today + dt.timedelta(days=1)).isoformat(), "Ngày tiếp nhận hồ sơ không thể ở tương lai."),
        ("2020-01-01", "Ngày tiếp nhận hồ sơ không thể trước ngày lập hồ sơ đề nghị."),
        ("31/12/2026", "YYYY-MM-DD"),
    ):
        refused = post(clients["province"], sent, "appraise", {"received_on": bad})
        assert refused.status_code == 400, bad
        (said,) = refused.json()["errors"]["received_on"]
        assert message in said and not said.isascii()
    sent.refresh_from_db()
    assert (sent.state, sent.received_on, sent.appraised_at) == ("submitted", today, None)

    response = post(clients["province"], sent, "appraise", {"received_on": today.isoformat()})

    assert response.status_code == 200, response.content
    assert response.json()["state"] == "appraised"
    assert response.json()["items"][0]["eligibility"]["outcome"]
    (event,) = audit_rows(sent, "awards.proposal.appraise")
    assert event.actor == personas["province"]
    assert post(clients["province"], sent, "appraise").json()["detail"] == "Hồ sơ đề nghị đã được thẩm định."


def test_session_writes_need_csrf(personas: dict[str, Any], data: ApiData) -> None:
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(personas["member"])
    assert post(client, data.other_proposal, "withdraw", {"reason": "Qua phiên"}).status_code == 403
    data.other_proposal.refresh_from_db()
    assert data.other_proposal.state == "draft"
