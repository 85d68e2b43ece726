"""Each endpoint, allowed and denied per role, and scoped to the caller's units: a member unit's
token never sees the other unit's reports, proposals or people, and asking for one by id is a 404."""

from __future__ import annotations

from typing import Any

import pytest
from rest_framework.test import APIClient

from tests.api.conftest import ApiData

pytestmark = pytest.mark.django_db


def ids(response: Any) -> set[int]:
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


def test_no_credentials_is_401_with_a_vietnamese_message(data: ApiData) -> None:
    response = APIClient().get("/api/v1/people/")
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert "mã truy cập" in response.json()["detail"]


@pytest.mark.parametrize(
    "path",
    ["/api/v1/units/", "/api/v1/organisations/", "/api/v1/groups/", "/api/v1/pacts/", "/api/v1/periods/"],
)
def test_reference_lists_for_staff_and_none_for_an_account_without_role(
    clients: dict[str, APIClient], data: ApiData, path: str
) -> None:
    assert ids(clients["province"].get(path))
    assert ids(clients["member"].get(path))
    assert ids(clients["outsider"].get(path)) == set()
    assert ids(clients["editor"].get(path)) == set()


def test_people_are_scoped_to_the_units(clients: dict[str, APIClient], world: Any, data: ApiData) -> None:
    assert ids(clients["province"].get("/api/v1/people/")) == {world.home_person.pk, world.other_person.pk}
    assert ids(clients["member"].get("/api/v1/people/")) == {world.other_person.pk}
    assert ids(clients["head"].get("/api/v1/people/")) == {world.home_person.pk}
    assert ids(clients["outsider"].get("/api/v1/people/")) == set()


def test_another_units_person_by_id_is_not_found(clients: dict[str, APIClient], world: Any) -> None:
    assert clients["member"].get(f"/api/v1/people/{world.home_person.pk}/").status_code == 404
    own = clients["member"].get(f"/api/v1/people/{world.other_person.pk}/")
    assert own.status_code == 200
    assert own.json()["civil_servant_code"] == "CS-2"


def test_personal_data_is_withheld_from_the_council(clients: dict[str, APIClient], world: Any) -> None:
    row = clients["council"].get(f"/api/v1/people/{world.home_person.pk}/").json()
    assert row["full_name"] == "Lê Văn Nhà"
    assert row["civil_servant_code"] is None
    assert (
        clients["province"].get(f"/api/v1/people/{world.home_person.pk}/").json()["civil_servant_code"]
        == "CS-1"
    )


def test_group_detail_lists_members_head_and_deputy(clients: dict[str, APIClient], world: Any) -> None:
    group = clients["member"].get(f"/api/v1/groups/{world.group.pk}/").json()
    assert group["head"] == world.home.pk and group["deputy"] == world.other.pk
    assert [m["organisation"] for m in group["members"]] == [world.home.pk, world.other.pk]
    assert clients["outsider"].get(f"/api/v1/groups/{world.group.pk}/").status_code == 404


def test_year_filter(clients: dict[str, APIClient], world: Any, data: ApiData) -> None:
    year = world.group.year
    assert ids(clients["province"].get(f"/api/v1/groups/?year={year}")) == {world.group.pk}
    assert ids(clients["province"].get(f"/api/v1/groups/?year={year + 1}")) == set()
    assert ids(clients["province"].get(f"/api/v1/pacts/?year={year}")) == {data.pact.pact.pk}
    bad = clients["province"].get("/api/v1/groups/?year=abc")
    assert bad.status_code == 400
    assert bad.json()["errors"]["year"] == ["Năm phải là số từ 1900 đến 9999."]


def test_pact_detail_has_its_criteria(clients: dict[str, APIClient], data: ApiData) -> None:
    pact = clients["member"].get(f"/api/v1/pacts/{data.pact.pact.pk}/").json()
    assert [c["code"] for c in pact["criteria"]][:3] == ["1", "1.1", "1.2"]


def test_period_reports_are_scoped(clients: dict[str, APIClient], data: ApiData) -> None:
    path = f"/api/v1/periods/{data.pact.period.pk}/reports/"
    everyone = {data.home_report.pk, data.other_report.pk}
    assert ids(clients["province"].get(path)) == everyone
    assert ids(clients["council"].get(path)) == everyone
    # The head unit sees a member's report only once it is sent; both are drafts here.
    assert ids(clients["head"].get(path)) == {data.home_report.pk}
    assert ids(clients["member"].get(path)) == {data.other_report.pk}


def test_another_units_report_by_id_is_not_found(clients: dict[str, APIClient], data: ApiData) -> None:
    assert clients["member"].get(f"/api/v1/reports/{data.home_report.pk}/").status_code == 404
    assert clients["member"].get(f"/api/v1/reports/{data.other_report.pk}/").status_code == 200
    assert clients["outsider"].get(f"/api/v1/reports/{data.other_report.pk}/").status_code == 404
    assert clients["member"].get("/api/v1/reports/999999/").status_code == 404


def test_member_saves_and_submits_its_report_through_the_services(
    clients: dict[str, APIClient], data: ApiData
) -> None:
    from tests.emulation.fixtures import good_values
    from thidua.core.models import AuditEvent

    client, report = clients["member"], data.other_report
    saved = client.put(
        f"/api/v1/reports/{report.pk}/values/",
        {"version": report.version, "values": good_values()},
        format="json",
    )
    assert saved.status_code == 200, saved.content
    body = saved.json()
    assert body["version"] == report.version + 1
    assert {v["criterion"]: v["value"] for v in body["values"]}["2.1"] == "90"
    assert body["figures"]["self_total"] is not None
    # The same version again: someone else saved first (optimistic locking), 409.
    stale = client.put(
        f"/api/v1/reports/{report.pk}/values/",
        {"version": report.version, "values": good_values()},
        format="json",
    )
    assert stale.status_code == 409
    sent = client.post(f"/api/v1/reports/{report.pk}/submit/", {"version": body["version"]}, format="json")
    assert sent.status_code == 200, sent.content
    assert sent.json()["status"] == "submitted"
    actions = set(AuditEvent.objects.filter(target_id=str(report.pk)).values_list("action", flat=True))
    assert {"emulation.report.save", "emulation.report.submit"} <= actions


def test_bad_values_are_refused_in_vietnamese_by_criterion(
    clients: dict[str, APIClient], data: ApiData
) -> None:
    report = data.other_report
    response = clients["member"].put(
        f"/api/v1/reports/{report.pk}/values/",
        {"version": report.version, "values": {"2.1": {"value": "nhiều"}, "X9": {"value": "1"}}},
        format="json",
    )
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert set(errors) == {"2.1", "X9"}
    assert "X9" in errors["X9"][0]


def test_province_may_read_but_not_fill_a_units_report(clients: dict[str, APIClient], data: ApiData) -> None:
    report = data.other_report
    response = clients["province"].put(
        f"/api/v1/reports/{report.pk}/values/", {"version": report.version, "values": {}}, format="json"
    )
    assert response.status_code == 403
    assert response.json()["detail"]


def test_decisions_and_their_recipients_are_scoped(
    clients: dict[str, APIClient], world: Any, data: ApiData
) -> None:
    assert ids(clients["province"].get("/api/v1/decisions/")) == {
        data.home_decision.pk,
        data.shared_decision.pk,
    }
    assert ids(clients["member"].get("/api/v1/decisions/")) == {data.shared_decision.pk}
    assert clients["member"].get(f"/api/v1/decisions/{data.home_decision.pk}/").status_code == 404
    shared = clients["member"].get(f"/api/v1/decisions/{data.shared_decision.pk}/").json()
    # The decision also names the home unit's person: a member unit sees only its own.
    assert [r["person"] for r in shared["recipients"]] == [world.other_person.pk]
    full = clients["province"].get(f"/api/v1/decisions/{data.shared_decision.pk}/").json()
    assert {r["person"] for r in full["recipients"]} == {world.home_person.pk, world.other_person.pk}
    assert ids(clients["province"].get("/api/v1/decisions/?year=2026")) == {data.shared_decision.pk}
    assert ids(clients["editor"].get("/api/v1/decisions/")) == set()


def test_proposals_are_scoped(clients: dict[str, APIClient], data: ApiData) -> None:
    both = {data.home_proposal.pk, data.other_proposal.pk}
    assert ids(clients["province"].get("/api/v1/proposals/")) == both
    assert ids(clients["member"].get("/api/v1/proposals/")) == {data.other_proposal.pk}
    assert clients["member"].get(f"/api/v1/proposals/{data.home_proposal.pk}/").status_code == 404
    detail = clients["member"].get(f"/api/v1/proposals/{data.other_proposal.pk}/").json()
    assert detail["items"] == [] and detail["state"] == "draft"
    # A council member sees only proposals put to a council it sits on: none here.
    assert ids(clients["council"].get("/api/v1/proposals/")) == set()


def test_proposal_creation_goes_through_the_service(
    clients: dict[str, APIClient], world: Any, data: ApiData
) -> None:
    from thidua.core.models import AuditEvent

    payload = {
        "organisation": world.other.pk,
        "title": "Đề nghị khen thưởng qua API",
        "year": data.home_proposal.year,
    }
    created = clients["member"].post("/api/v1/proposals/", payload, format="json")
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    assert AuditEvent.objects.filter(action="awards.proposal.create", target_id=str(pk)).exists()
    # For another unit the service refuses (proposal_roles), in Vietnamese.
    refused = clients["member"].post(
        "/api/v1/proposals/", {**payload, "organisation": world.home.pk}, format="json"
    )
    assert refused.status_code == 403
    assert not refused.json()["detail"].isascii()
    blank = clients["member"].post("/api/v1/proposals/", {**payload, "title": "  "}, format="json")
    assert blank.status_code == 400
    assert blank.json()["errors"]["title"]
    missing = clients["member"].post("/api/v1/proposals/", {"title": "x"}, format="json")
    assert missing.status_code == 400
    assert missing.json()["errors"]["organisation"] == ["Trường này là bắt buộc."]


def test_session_auth_needs_csrf_for_writes(personas: dict[str, Any], world: Any, data: ApiData) -> None:
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(personas["member"])
    assert client.get("/api/v1/proposals/").status_code == 200
    payload = {
        "organisation": world.other.pk,
        "title": "Qua phiên đăng nhập",
        "year": data.home_proposal.year,
    }
    assert client.post("/api/v1/proposals/", payload, format="json").status_code == 403


@pytest.mark.parametrize("value", [[1], {"a": 1}, "9" * 101])
def test_a_value_that_is_no_scalar_is_refused_before_the_rules(
    clients: dict[str, APIClient], data: ApiData, value: Any
) -> None:
    report = data.other_report
    response = clients["member"].put(
        f"/api/v1/reports/{report.pk}/values/",
        {"version": report.version, "values": {"2.1": {"value": value}}},
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["errors"]["values"]["2.1"]["value"] == [
        "Giá trị phải là số, chuỗi số, true/false hoặc null."
    ]
