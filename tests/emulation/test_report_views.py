"""The report screens in the admin, for every persona: the member's grid, live points, the head's
review, evidence files. `member` works at `other` (the deputy unit), `head` at `home` (the head unit)."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from tests.emulation.fixtures import PactWorld, build_pact, good_values
from thidua.core.formatting import vn_number
from thidua.emulation.models import Evidence, Report, ReportChange, ReportValue
from thidua.emulation.selectors.scoring import pact_facts, period_score
from thidua.emulation.services.periods import period_close
from thidua.emulation.services.reports import (
    evidence_add,
    report_appraise,
    report_open,
    report_save,
    report_submit,
)

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PERSONAS = ["province", "head", "member", "council", "editor", "chief", "sysadmin", "outsider"]


@pytest.fixture
def pw(world: Any, personas: dict[str, Any]) -> PactWorld:
    return build_pact(world, personas["province"])


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _ids(pw: PactWorld) -> dict[str, int]:
    return {c.code: c.pk for c in pw.pact.criteria.all()}


def _grid_post(
    pw: PactWorld, version: int, values: dict[str, dict[str, Any]], **extra: Any
) -> dict[str, Any]:
    """The grid's form data as the browser sends it (orig-… as loaded from an empty report)."""
    ids = _ids(pw)
    data: dict[str, Any] = {"version": str(version), "action": "save", **extra}
    for code in ("1.1", "1.2", "2.1", "B", "V"):
        entry = values.get(code, {})
        value = entry.get("value", "")
        data[f"value-{ids[code]}"] = {True: "true", False: "false"}.get(value, value)
        data[f"explanation-{ids[code]}"] = entry.get("explanation", "")
        data[f"orig-value-{ids[code]}"] = ""
        data[f"orig-explanation-{ids[code]}"] = ""
    return data


def _submitted(pw: PactWorld, user: Any, org: Any, **kw: Any) -> Report:
    report = report_open(actor=user, period=pw.period, organisation=org)
    report = report_save(actor=user, report=report, version=report.version, values=good_values(**kw))
    evidence_add(actor=user, report=report, criterion_code="1.1", upload=SimpleUploadedFile("tk.pdf", PDF))
    report.refresh_from_db()
    return report_submit(actor=user, report=report, version=report.version)


def _row(html: str, code: str) -> str:
    """The HTML of one criterion's row of a grid or review table."""
    match = re.search(rf'<tr[^>]*data-row="{re.escape(code)}".*?</tr>', html, re.S)
    assert match, f"no row {code}"
    return match.group(0)


def _row_errors(html: str, code: str) -> str:
    """The errors shown next to one criterion (without its name, which the row shows)."""
    match = re.search(rf'data-errors-for="{re.escape(code)}">(.*?)</ul>', _row(html, code), re.S)
    assert match, f"no errors at row {code}"
    return match.group(1)


# --- The member's grid: who may open it ----------------------------------------------------------
# persona -> status of GET /report/ (302 for the outsider: Wagtail sends it to the login page; 302 for
# a visible period without a member unit: Wagtail's "no permission" back to the admin home).
GRID = {
    "member": 200,
    "head": 200,
    "province": 302,
    "council": 302,
    "sysadmin": 302,
    "editor": 404,
    "chief": 404,
    "outsider": 302,
}


@pytest.mark.parametrize("persona", PERSONAS)
def test_grid_is_for_the_own_unit_only(
    pw: PactWorld, world: Any, personas: dict[str, Any], persona: str
) -> None:
    response = _client(personas[persona]).get(f"/admin/emulation/periods/{pw.period.pk}/report/")
    assert response.status_code == GRID[persona]
    if response.status_code == 200:
        unit = {"member": world.other, "head": world.home}[persona]
        assert Report.objects.filter(period=pw.period, organisation=unit, status="draft").exists()
        assert unit.name in response.content.decode()
    if persona == "outsider":
        assert "/admin/login/" in response["Location"]
    # nobody else's report is opened on the way
    assert set(Report.objects.values_list("organisation_id", flat=True)) <= {world.home.pk, world.other.pk}


def test_grid_shows_the_criteria_tree_with_inputs(
    pw: PactWorld, world: Any, personas: dict[str, Any]
) -> None:
    html = (
        _client(personas["member"]).get(f"/admin/emulation/periods/{pw.period.pk}/report/").content.decode()
    )
    ids = _ids(pw)
    # a group row, then its leaves; the target of the ratio criterion; Có/Không for boolean and veto
    assert html.index("Kinh tế") < html.index("Tổng giá trị sản xuất") < html.index("Công tác thi đua")
    assert f'name="value-{ids["1.1"]}"' in html and 'inputmode="decimal"' in html
    assert '<option value="true">Có</option>' in _row(html, "1.2") and "Không" in _row(html, "V")
    assert ">100<" in _row(html, "1.1").replace(" ", "")  # the registered target
    assert "Báo cáo thống kê" in _row(html, "1.1")  # the evidence required
    assert 'name="version"' in html and "Gửi báo cáo" in html and ">Lưu<" in html
    # the scale is the scored criteria's maximum (1.1 + 1.2 + 2.1); the total includes bonus and penalty
    assert "(thang điểm 250; tổng đã cộng điểm thưởng, trừ điểm trừ)" in html
    assert "chưa kể điểm thưởng" not in html


# --- Saving, errors, submitting ------------------------------------------------------------------
def test_member_saves_vietnamese_numbers(pw: PactWorld, world: Any, personas: dict[str, Any]) -> None:
    client = _client(personas["member"])
    url = f"/admin/emulation/periods/{pw.period.pk}/report/"
    client.get(url)
    response = client.post(url, _grid_post(pw, 1, {"1.1": {"value": "7.845,12"}, "1.2": {"value": True}}))
    assert response.status_code == 302
    report = Report.objects.get(period=pw.period, organisation=world.other)
    assert ReportValue.objects.get(report=report, criterion__code="1.1").value == "7845.12"
    assert ReportValue.objects.get(report=report, criterion__code="1.2").value is True
    assert report.version == 2
    # the page shows it back in the Vietnamese way, ready to be read again as the same number
    html = client.get(url).content.decode()
    assert 'value="7845,12"' in _row(html, "1.1")


@pytest.mark.parametrize(
    ("code", "typed", "message"),
    [
        ("2.1", "150", "điểm phải từ 0 đến 100"),  # the service's check
        ("2.1", "abc", "không phải là số"),
        ("1.1", "1e999999", "không phải là số"),  # never expanded into a million digits
        ("1.1", "-5", "không được âm"),
    ],
)
def test_a_wrong_value_is_named_at_its_row_and_at_the_top(
    pw: PactWorld, world: Any, personas: dict[str, Any], code: str, typed: str, message: str
) -> None:
    client = _client(personas["member"])
    url = f"/admin/emulation/periods/{pw.period.pk}/report/"
    client.get(url)
    response = client.post(url, _grid_post(pw, 1, {code: {"value": typed}, "B": {"value": "3"}}))
    assert response.status_code == 400
    html = response.content.decode()
    assert message in _row_errors(html, code).lower()
    top = html[html.index("data-top-errors") : html.index("</ul>", html.index("data-top-errors"))]
    assert message in top
    # what was typed stays on the screen; nothing was saved
    assert f'value="{typed}"' in _row(html, code) and 'value="3"' in _row(html, "B")
    assert not ReportValue.objects.exists()


def test_member_saves_with_evidence_then_submits(pw: PactWorld, world: Any, personas: dict[str, Any]) -> None:
    client = _client(personas["member"])
    url = f"/admin/emulation/periods/{pw.period.pk}/report/"
    client.get(url)
    data = _grid_post(pw, 1, good_values())
    data[f"evidence-{_ids(pw)['1.1']}"] = SimpleUploadedFile("thong-ke.pdf", PDF)
    data["action"] = "submit"
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    report = Report.objects.get(period=pw.period, organisation=world.other)
    assert (report.status, report.self_total) == ("submitted", Decimal("225.00"))
    assert Evidence.objects.get(value__report=report).original_name == "thong-ke.pdf"
    # once submitted the grid is read-only, with the points side by side
    html = client.get(url).content.decode()
    assert 'name="value-' not in html and "Gửi báo cáo" not in html
    assert "225,00" in html and "Điểm thẩm định" in html and "thong-ke.pdf" in html


def test_submit_refused_keeps_the_save_and_names_what_is_missing(
    pw: PactWorld, world: Any, personas: dict[str, Any]
) -> None:
    client = _client(personas["member"])
    url = f"/admin/emulation/periods/{pw.period.pk}/report/"
    client.get(url)
    response = client.post(url, _grid_post(pw, 1, {"1.1": {"value": "80"}}, action="submit"))
    assert response.status_code == 400
    html = response.content.decode()
    assert "<li>Chưa đạt chỉ tiêu, cần giải trình.</li>" in _row_errors(html, "1.1")
    assert "<li>Chưa nhập giá trị.</li>" in _row_errors(html, "2.1")
    assert "Tiêu chí 1.1 (Tổng giá trị sản xuất): chưa đạt chỉ tiêu" in html  # in full at the top
    assert "Số liệu đã được lưu" in html
    report = Report.objects.get(period=pw.period, organisation=world.other)
    assert report.status == "draft"
    assert ReportValue.objects.get(report=report, criterion__code="1.1").value == "80"
    # the page carries the new version, so the next save is not taken for a concurrent one
    assert f'name="version" value="{report.version}"' in html


def test_member_removes_evidence(pw: PactWorld, world: Any, personas: dict[str, Any]) -> None:
    member = personas["member"]
    report = report_open(actor=member, period=pw.period, organisation=world.other)
    evidence = evidence_add(
        actor=member, report=report, criterion_code="1.1", upload=SimpleUploadedFile("cu.pdf", PDF)
    )
    report.refresh_from_db()
    client = _client(member)
    url = f"/admin/emulation/periods/{pw.period.pk}/report/"
    assert f'name="remove_evidence" value="{evidence.pk}"' in client.get(url).content.decode()
    response = client.post(url, _grid_post(pw, report.version, {}, remove_evidence=[str(evidence.pk)]))
    assert response.status_code == 302
    assert not Evidence.objects.exists()


def test_a_refused_file_undoes_the_values_saved_with_it(
    pw: PactWorld, world: Any, personas: dict[str, Any]
) -> None:
    client = _client(personas["member"])
    url = f"/admin/emulation/periods/{pw.period.pk}/report/"
    client.get(url)
    data = _grid_post(pw, 1, {"2.1": {"value": "90"}})
    data[f"evidence-{_ids(pw)['2.1']}"] = SimpleUploadedFile("virus.pdf", b"MZ\x90\x00" + b"\x00" * 64)
    response = client.post(url, data)
    assert response.status_code == 400
    assert "không phải PDF, ảnh" in _row_errors(response.content.decode(), "2.1")
    assert not ReportValue.objects.exists()


def test_concurrent_edit_keeps_what_the_officer_typed(
    pw: PactWorld, world: Any, personas: dict[str, Any]
) -> None:
    member = personas["member"]
    client = _client(member)
    url = f"/admin/emulation/periods/{pw.period.pk}/report/"
    client.get(url)  # the page is loaded at version 1, every value empty
    # given a colleague saves first: 2.1 = 80 and 1.2 = Có
    report = Report.objects.get(period=pw.period, organisation=world.other)
    report_save(
        actor=member, report=report, version=1, values={"2.1": {"value": "80"}, "1.2": {"value": True}}
    )
    # when the officer saves the page loaded before: 1.1 = 95 and 2.1 = 70, 1.2 left untouched
    response = client.post(url, _grid_post(pw, 1, {"1.1": {"value": "95"}, "2.1": {"value": "70"}}))
    # then the service's message is shown, and nothing the officer typed is lost
    assert response.status_code == 409
    html = response.content.decode()
    assert "vừa được người khác cập nhật" in html
    assert 'value="95"' in _row(html, "1.1") and 'value="70"' in _row(html, "2.1")
    # what only the colleague changed is taken over; what both changed is marked with the colleague's value
    assert '<option value="true" selected>Có</option>' in _row(html, "1.2")
    assert "Người khác vừa lưu: <strong>80</strong>" in _row(html, "2.1")
    assert "Người khác" not in _row(html, "1.1")
    assert 'name="version" value="2"' in html
    assert ReportValue.objects.get(report=report, criterion__code="2.1").value == "80"
    # and saving the merged page again is accepted
    ids = _ids(pw)
    merged = _grid_post(pw, 2, {"1.1": {"value": "95"}, "1.2": {"value": True}, "2.1": {"value": "70"}})
    merged.update({f"orig-value-{ids['2.1']}": "80", f"orig-value-{ids['1.2']}": "true"})
    assert client.post(url, merged).status_code == 302
    assert ReportValue.objects.get(report=report, criterion__code="2.1").value == "70"


# --- Live points ---------------------------------------------------------------------------------
def _points(client: Client, pw: PactWorld, values: dict[str, Any]) -> Any:
    return client.post(
        f"/admin/emulation/periods/{pw.period.pk}/report/points/",
        data=json.dumps({"values": values}),
        content_type="application/json",
    )


def test_live_points_are_the_engines_and_nothing_is_saved(
    pw: PactWorld, world: Any, personas: dict[str, Any]
) -> None:
    client = _client(personas["member"])
    client.get(f"/admin/emulation/periods/{pw.period.pk}/report/")
    typed = {"1.1": "80", "1.2": "true", "2.1": "90", "B": "5", "V": "false"}
    response = _points(client, pw, typed)
    assert response.status_code == 200
    data = response.json()
    # the engine itself, scoring the same values unsaved
    ids = _ids(pw)
    engine = period_score(
        period=pw.period,
        source="self",
        facts=pact_facts(pact=pw.pact),
        override=(
            world.other.pk,
            {ids["1.1"]: "80", ids["1.2"]: True, ids["2.1"]: "90", ids["B"]: "5", ids["V"]: False},
        ),
    )
    member = next(m for m in engine.result.members if m.id == str(world.other.pk))
    assert data["points"] == {code: vn_number(p, 2) for code, p in member.points.items()}
    assert data["total"] == vn_number(member.total, 2) == "225,00"
    assert data["points"]["1"] == "130,00"  # the group: 80 + 50
    assert data["errors"] == {} and data["missing"] == [] and data["vetoed"] is False
    assert not ReportValue.objects.exists()
    assert Report.objects.get(organisation=world.other).version == 1


def test_live_points_while_values_are_missing_or_wrong(
    pw: PactWorld, world: Any, personas: dict[str, Any]
) -> None:
    client = _client(personas["member"])
    data = _points(client, pw, {"1.1": "7.845,12", "1.2": "", "2.1": "abc", "V": "true"}).json()
    # 1.1 is scored (capped at its maximum); 2.1 is wrong, 1.2 missing: no total, no points for group 1
    assert data["points"]["1.1"] == "100,00"
    assert "1.2" not in data["points"] and "1" not in data["points"] and data["total"] is None
    assert data["missing"] == ["1.2", "2.1"]
    assert "không phải là số" in data["errors"]["2.1"][0]
    assert "còn thiếu giá trị của tiêu chí 1.2, 2.1" in data["problems"][0]
    assert data["read_as"]["1.1"] == "7.845,12"
    assert data["vetoed"] is True


@pytest.mark.parametrize(
    ("persona", "status"),
    [("member", 200), ("head", 200), ("province", 403), ("council", 403), ("editor", 404), ("outsider", 302)],
)
def test_live_points_only_for_the_own_unit(
    pw: PactWorld, personas: dict[str, Any], persona: str, status: int
) -> None:
    assert _points(_client(personas[persona]), pw, {"2.1": "10"}).status_code == status


def test_live_points_refuse_a_malformed_body(pw: PactWorld, personas: dict[str, Any]) -> None:
    client = _client(personas["member"])
    url = f"/admin/emulation/periods/{pw.period.pk}/report/points/"
    assert client.post(url, data="{", content_type="application/json").status_code == 400
    assert client.post(url, data='{"values": [1]}', content_type="application/json").status_code == 400
    assert client.get(url).status_code == 405


# --- The head's review ---------------------------------------------------------------------------
# persona -> GET /reports/ and which members' rows they see, once `other` has submitted and `home` has
# a draft (a draft is the member's own until it is sent; the head sees that it is missing).
LIST = {
    "province": (200, {"Khác": "Đã gửi", "Nhà": "Đang nhập"}),
    "sysadmin": (200, {"Khác": "Đã gửi", "Nhà": "Đang nhập"}),
    "council": (200, {"Khác": "Đã gửi", "Nhà": "Đang nhập"}),
    "head": (200, {"Khác": "Đã gửi", "Nhà": "Đang nhập"}),
    "member": (200, {"Khác": "Đã gửi"}),
    "editor": (404, {}),
    "chief": (404, {}),
    "outsider": (302, {}),
}


@pytest.mark.parametrize("persona", PERSONAS)
def test_report_list_per_persona(pw: PactWorld, world: Any, personas: dict[str, Any], persona: str) -> None:
    _submitted(pw, personas["member"], world.other)
    report_open(actor=personas["head"], period=pw.period, organisation=world.home)
    response = _client(personas[persona]).get(f"/admin/emulation/periods/{pw.period.pk}/reports/")
    status, rows = LIST[persona]
    assert response.status_code == status
    if status != 200:
        return
    html = response.content.decode()
    shown = {
        name: re.search(r'data-report-status="\w+">([^<]+)<', chunk).group(1)
        if "data-report-status" in chunk
        else "Chưa gửi"
        for name, chunk in re.findall(r'data-organisation="Ủy ban nhân dân xã (\w+)">(.*?)</tr>', html, re.S)
    }
    expected = dict(rows)
    assert shown == expected


# persona -> the list's button per member once both have sent their reports (#17 item 8): "Xem, thẩm
# định" only where the review page offers the appraisal form. The head's own report is the deputy's
# (`member` works at the deputy unit) to appraise; the council only reads.
BUTTONS = {
    "head": {"Nhà": "Xem", "Khác": "Xem, thẩm định"},
    "member": {"Nhà": "Xem, thẩm định", "Khác": "Xem"},
    "province": {"Nhà": "Xem, thẩm định", "Khác": "Xem, thẩm định"},
    "council": {"Nhà": "Xem", "Khác": "Xem"},
}


@pytest.mark.parametrize("persona", sorted(BUTTONS))
def test_report_list_offers_appraisal_only_where_allowed(
    pw: PactWorld, world: Any, personas: dict[str, Any], persona: str
) -> None:
    _submitted(pw, personas["member"], world.other)
    _submitted(pw, personas["head"], world.home)
    html = (
        _client(personas[persona]).get(f"/admin/emulation/periods/{pw.period.pk}/reports/").content.decode()
    )
    buttons = {
        name: re.search(r'class="button button-small"[^>]*>([^<]+)</a>', chunk).group(1)
        for name, chunk in re.findall(r'data-organisation="Ủy ban nhân dân xã (\w+)">(.*?)</tr>', html, re.S)
    }
    assert buttons == BUTTONS[persona]


def test_head_does_not_see_a_draft_of_another_unit(
    pw: PactWorld, world: Any, personas: dict[str, Any]
) -> None:
    report = report_open(actor=personas["member"], period=pw.period, organisation=world.other)
    html = _client(personas["head"]).get(f"/admin/emulation/periods/{pw.period.pk}/reports/").content.decode()
    assert "Chưa gửi báo cáo" in html
    assert _client(personas["head"]).get(f"/admin/emulation/reports/{report.pk}/").status_code == 404


@pytest.mark.parametrize(
    ("persona", "status", "appraise"),
    [
        ("head", 200, True),
        ("province", 200, True),
        ("sysadmin", 200, True),
        ("council", 200, False),
        ("member", 200, False),  # its own report: nobody appraises their own work
        ("editor", 404, False),
        ("chief", 404, False),
        ("outsider", 302, False),
    ],
)
def test_review_page_per_persona(
    pw: PactWorld, world: Any, personas: dict[str, Any], persona: str, status: int, appraise: bool
) -> None:
    report = _submitted(pw, personas["member"], world.other)
    response = _client(personas[persona]).get(f"/admin/emulation/reports/{report.pk}/")
    assert response.status_code == status
    if status == 200:
        html = response.content.decode()
        assert ("data-appraise-form" in html) is appraise
        assert ("data-return-form" in html) is appraise
        assert "Giá nông sản giảm" in html and "tk.pdf" in html  # explanations and evidence links


def test_deputy_unit_appraises_the_head_units_report(
    pw: PactWorld, world: Any, personas: dict[str, Any]
) -> None:
    home = _submitted(pw, personas["head"], world.home, actual="100", manual="95")
    assert (
        "data-appraise-form"
        not in _client(personas["head"]).get(f"/admin/emulation/reports/{home.pk}/").content.decode()
    )
    client = _client(personas["member"])  # `other` is the deputy unit
    assert "data-appraise-form" in client.get(f"/admin/emulation/reports/{home.pk}/").content.decode()
    response = client.post(
        f"/admin/emulation/reports/{home.pk}/", {"action": "appraise", "version": home.version}
    )
    assert response.status_code == 302
    home.refresh_from_db()
    assert home.status == "appraised"


def test_head_appraises_with_a_changed_value(pw: PactWorld, world: Any, personas: dict[str, Any]) -> None:
    report = _submitted(pw, personas["member"], world.other)
    client = _client(personas["head"])
    url = f"/admin/emulation/reports/{report.pk}/"
    html = client.get(url).content.decode()
    ids = _ids(pw)
    # the appraised value is prefilled with the member's
    assert f'name="appraised-{ids["2.1"]}"' in _row(html, "2.1") and 'value="90"' in _row(html, "2.1")
    response = client.post(
        url,
        {
            "action": "appraise",
            "version": report.version,
            f"appraised-{ids['1.1']}": "80",
            f"appraised-{ids['1.2']}": "true",
            f"appraised-{ids['2.1']}": "70",
            f"note-{ids['2.1']}": "Thiếu minh chứng phong trào",
            f"appraised-{ids['B']}": "5",
            f"appraised-{ids['V']}": "false",
            "reason": "",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == f"/admin/emulation/periods/{pw.period.pk}/reports/"
    report.refresh_from_db()
    assert (report.status, report.self_total, report.appraised_total) == (
        "appraised",
        Decimal("225.00"),
        Decimal("205.00"),
    )
    change = ReportChange.objects.get(report=report, field="appraised_value")
    assert (change.old, change.new, change.reason) == ("90", "70", "Thiếu minh chứng phong trào")
    # the member sees self and appraised points side by side, and the change in the history
    html = (
        _client(personas["member"]).get(f"/admin/emulation/periods/{pw.period.pk}/report/").content.decode()
    )
    assert "225,00" in html and "205,00" in html
    history = html[html.index("data-history") :]
    assert "90 → 70" in history and "Thiếu minh chứng phong trào" in history


def test_head_appraise_error_is_named_at_the_row(pw: PactWorld, world: Any, personas: dict[str, Any]) -> None:
    report = _submitted(pw, personas["member"], world.other)
    ids = _ids(pw)
    response = _client(personas["head"]).post(
        f"/admin/emulation/reports/{report.pk}/",
        {"action": "appraise", "version": report.version, f"appraised-{ids['2.1']}": "150"},
    )
    assert response.status_code == 400
    assert "Điểm phải từ 0 đến 100" in _row_errors(response.content.decode(), "2.1")
    report.refresh_from_db()
    assert report.status == "submitted"


def test_head_returns_with_a_reason_and_the_member_sees_it(
    pw: PactWorld, world: Any, personas: dict[str, Any]
) -> None:
    report = _submitted(pw, personas["member"], world.other)
    client = _client(personas["head"])
    url = f"/admin/emulation/reports/{report.pk}/"
    response = client.post(url, {"action": "return", "return-reason": "  "})
    assert response.status_code == 400 and "Cần nêu lý do" in response.content.decode()
    response = client.post(url, {"action": "return", "return-reason": "Số liệu 1.1 chưa khớp thống kê"})
    assert response.status_code == 302
    report.refresh_from_db()
    assert (report.status, report.return_reason) == ("returned", "Số liệu 1.1 chưa khớp thống kê")
    html = (
        _client(personas["member"]).get(f"/admin/emulation/periods/{pw.period.pk}/report/").content.decode()
    )
    reason = html[html.index("data-return-reason") : html.index("</div>", html.index("data-return-reason"))]
    assert "Số liệu 1.1 chưa khớp thống kê" in reason
    # the returned report is editable again, with a reason for the change
    assert 'name="value-' in html and 'name="reason"' in html


def test_council_cannot_appraise_by_posting(pw: PactWorld, world: Any, personas: dict[str, Any]) -> None:
    report = _submitted(pw, personas["member"], world.other)
    response = _client(personas["council"]).post(
        f"/admin/emulation/reports/{report.pk}/", {"action": "appraise", "version": report.version}
    )
    assert response.status_code == 302 and response["Location"] == "/admin/"
    report.refresh_from_db()
    assert report.status == "submitted"


def test_locked_report_is_read_only_and_only_the_province_unlocks(
    pw: PactWorld, world: Any, personas: dict[str, Any]
) -> None:
    member, head, province = personas["member"], personas["head"], personas["province"]
    other = _submitted(pw, member, world.other)
    home = _submitted(pw, head, world.home, actual="100", manual="95")
    report_appraise(actor=head, report=other, version=other.version)
    report_appraise(actor=member, report=home, version=home.version)
    period_close(actor=province, period=pw.period)
    other.refresh_from_db()
    assert other.status == "locked"
    client = _client(member)
    url = f"/admin/emulation/periods/{pw.period.pk}/report/"
    html = client.get(url).content.decode()
    assert 'name="value-' not in html and "Đã khóa" in html
    response = client.post(url, _grid_post(pw, other.version, {"2.1": {"value": "100"}}))
    assert response.status_code == 400 and "khi báo cáo đã khóa" in response.content.decode()
    review = f"/admin/emulation/reports/{other.pk}/"
    for persona in ("head", "member", "council"):
        page = _client(personas[persona]).get(review).content.decode()
        assert "data-unlock-form" not in page and "data-appraise-form" not in page
    assert _client(head).post(review, {"action": "unlock", "unlock-reason": "x"}).status_code == 302
    other.refresh_from_db()
    assert other.status == "locked"
    province_client = _client(province)
    assert "data-unlock-form" in province_client.get(review).content.decode()
    response = province_client.post(review, {"action": "unlock", "unlock-reason": ""})
    assert response.status_code == 400 and "Cần nêu lý do" in response.content.decode()
    response = province_client.post(
        review, {"action": "unlock", "unlock-reason": "Đơn vị phát hiện sai số liệu"}
    )
    assert response.status_code == 302
    other.refresh_from_db()
    assert other.status == "appraised"


# --- Evidence downloads --------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("persona", "draft", "submitted"),
    [
        ("member", 200, 200),
        ("head", 404, 200),  # the head unit sees a report once it is sent
        ("province", 200, 200),
        ("sysadmin", 200, 200),
        ("council", 200, 200),
        ("editor", 404, 404),
        ("chief", 404, 404),
        ("outsider", 302, 302),
    ],
)
def test_evidence_download_per_persona(
    pw: PactWorld, world: Any, personas: dict[str, Any], persona: str, draft: int, submitted: int
) -> None:
    member = personas["member"]
    report = report_open(actor=member, period=pw.period, organisation=world.other)
    report = report_save(actor=member, report=report, version=report.version, values=good_values())
    evidence = evidence_add(
        actor=member, report=report, criterion_code="1.1", upload=SimpleUploadedFile("Báo cáo <b>.pdf", PDF)
    )
    url = f"/admin/emulation/evidence/{evidence.pk}/download/"
    client = _client(personas[persona])
    response = client.get(url)
    assert response.status_code == draft
    if draft == 200:
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"].startswith("attachment;")
        assert "sandbox" in response["Content-Security-Policy"]
        assert b"".join(response.streaming_content) == PDF
    report.refresh_from_db()
    report_submit(actor=member, report=report, version=report.version)
    assert client.get(url).status_code == submitted


def test_evidence_of_another_group_is_not_found(pw: PactWorld, world: Any, personas: dict[str, Any]) -> None:
    assert _client(personas["member"]).get("/admin/emulation/evidence/999999/download/").status_code == 404
    assert _client(personas["member"]).get("/admin/emulation/reports/999999/").status_code == 404


def test_concurrent_appraisal_keeps_the_heads_typed_values(
    pw: PactWorld, world: Any, personas: dict[str, Any]
) -> None:
    report = _submitted(pw, personas["member"], world.other)
    loaded = report.version
    # given the province appraises while the head has the page open
    report_appraise(actor=personas["province"], report=report, version=loaded)
    ids = _ids(pw)
    response = _client(personas["head"]).post(
        f"/admin/emulation/reports/{report.pk}/",
        {
            "action": "appraise",
            "version": loaded,
            f"appraised-{ids['2.1']}": "70",
            f"note-{ids['2.1']}": "Thiếu",
        },
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "vừa được người khác cập nhật" in html
    assert 'value="70"' in _row(html, "2.1") and "Thiếu</textarea>" in _row(html, "2.1")
    report.refresh_from_db()
    assert f'name="version" value="{report.version}"' in html
    assert ReportValue.objects.get(report=report, criterion__code="2.1").appraised_value == "90"
