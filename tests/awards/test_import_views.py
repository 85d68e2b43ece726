"""The awards registry's Excel import screens over HTTP: who may use them, dry run, failed rows, the
background job."""

from __future__ import annotations

import io
from typing import Any

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from thidua.awards.models import AwardDecision, AwardRecipient, TaskRating
from thidua.awards.spreadsheets import DECISIONS, RATINGS
from thidua.core.models import Job

pytestmark = pytest.mark.django_db

ROLES = ["province", "head", "member", "council", "editor", "chief", "sysadmin", "outsider"]
MAY_IMPORT = {
    "award_decisions": {"province", "sysadmin"},
    "ratings": {"province", "sysadmin", "head", "member"},
}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SHEETS = {"award_decisions": DECISIONS, "ratings": RATINGS}


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _file(kind: str, *rows: list[Any], name: str = "lich-su.xlsx") -> SimpleUploadedFile:
    wb = openpyxl.Workbook()
    wb.active.append([c.sheet_header for c in SHEETS[kind].import_columns])
    for row in rows:
        wb.active.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=XLSX)


def _decision_row(world: Any, number: str = "15/QĐ-UBND", cs: str | None = "CS-1") -> list[Any]:
    return [
        number,
        "20/01/2025",
        world.office.code,
        "Nguyễn Văn Ký",
        "Chủ tịch",
        None,
        "Chiến sĩ thi đua cơ sở",
        2024,
        2024,
        cs,
        None,
    ]


@pytest.mark.parametrize("persona", ROLES)
@pytest.mark.parametrize("kind", ["award_decisions", "ratings"])
def test_import_screens_by_role(world: Any, personas: dict[str, Any], persona: str, kind: str) -> None:
    client = _client(personas[persona])
    base = f"/admin/awards/excel/{kind}"
    page = client.get(f"{base}/import/")
    template = client.get(f"{base}/template/")
    upload = client.post(f"{base}/import/", {"file": _file(kind)})
    confirm = client.post(f"{base}/import/confirm/", {"token": "x"})
    failed = client.get(f"{base}/import/failed/")
    if persona in MAY_IMPORT[kind]:
        assert page.status_code == 200 and "Nhập" in page.content.decode()
        assert template.status_code == 200 and template["Content-Type"] == XLSX
        assert upload.status_code == 200
    else:
        for response in (page, template, upload, confirm, failed):
            assert response.status_code == 302
    assert not Job.objects.exists()


def test_the_kinds_are_served_only_under_their_own_screens(personas: dict[str, Any]) -> None:
    client = _client(personas["province"])
    assert client.get("/admin/org/excel/ratings/import/").status_code == 404
    assert client.get("/admin/awards/excel/people/import/").status_code == 404
    assert client.get("/admin/awards/excel/ratings/export/").status_code == 404


@pytest.mark.parametrize(
    ("persona", "shown"),
    [
        ("province", {"award_decisions", "ratings"}),
        ("sysadmin", {"award_decisions", "ratings"}),
        ("head", {"ratings"}),
        ("member", {"ratings"}),
        ("council", set()),
        ("editor", set()),
    ],
)
def test_the_khen_thuong_menu_lists_the_imports(
    personas: dict[str, Any], persona: str, shown: set[str]
) -> None:
    body = _client(personas[persona]).get("/admin/").content.decode()
    found = {kind for kind in ("award_decisions", "ratings") if f'"name": "awards-excel-{kind}"' in body}
    assert found == shown


def test_errors_by_row_and_column_and_the_failed_rows_download(world: Any, personas: dict[str, Any]) -> None:
    client = _client(personas["province"])
    upload = _file("award_decisions", _decision_row(world), _decision_row(world, "16/QĐ-UBND", cs="CS-X"))
    body = client.post("/admin/awards/excel/award_decisions/import/", {"file": upload}).content.decode()
    assert "Tệp có 1 lỗi. Chưa có gì được lưu." in body
    assert "<td>3</td><td>Mã số công chức, viên chức</td>" in body and "không có cá nhân mã số «CS-X»" in body
    assert "Tải các dòng lỗi (.xlsx)" in body
    response = client.get("/admin/awards/excel/award_decisions/import/failed/")
    assert response.status_code == 200 and response["Content-Type"] == XLSX
    rows = [
        [c.value for c in r]
        for r in openpyxl.load_workbook(io.BytesIO(response.content)).worksheets[0].iter_rows()
    ]
    assert rows[0][-1] == "Lỗi cần sửa" and len(rows) == 2
    assert (
        rows[1][0] == "16/QĐ-UBND"
        and "«Mã số công chức, viên chức»: không có cá nhân mã số «CS-X»" in rows[1][-1]
    )
    assert not AwardDecision.objects.exists()
    # The corrected file imports as it is: the reader ignores the errors' column.
    ws = openpyxl.load_workbook(io.BytesIO(response.content)).worksheets[0]
    ws.cell(row=2, column=10, value="CS-2")
    buffer = io.BytesIO()
    ws.parent.save(buffer)
    again = SimpleUploadedFile("sua.xlsx", buffer.getvalue(), content_type=XLSX)
    body = client.post("/admin/awards/excel/award_decisions/import/", {"file": again}).content.decode()
    assert "Tệp hợp lệ: 1 dòng." in body


def test_upload_preview_confirm_job_and_reimport(
    world: Any, personas: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    client = _client(personas["province"])
    rows = [_decision_row(world), _decision_row(world, cs="CS-2")]
    preview = client.post(
        "/admin/awards/excel/award_decisions/import/", {"file": _file("award_decisions", *rows)}
    )
    body = preview.content.decode()
    assert "Sẽ thêm 1 quyết định mới và 2 người, tập thể được khen" in body
    token = client.session["awards_excel_pending"]["award_decisions"]["token"]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/admin/awards/excel/award_decisions/import/confirm/", {"token": token})
    job = Job.objects.get()
    assert response["Location"] == f"/admin/jobs/{job.pk}/"
    assert job.status == Job.Status.SUCCEEDED, job.message
    assert job.kind == "awards.import.decisions" and job.result["created"] == 2
    assert job.result["next_url"] == "/admin/awards/decisions/"
    assert AwardRecipient.objects.count() == 2
    assert "lich-su.xlsx" in client.get("/admin/awards/excel/award_decisions/import/").content.decode()
    # The same file again: nothing new.
    client.post("/admin/awards/excel/award_decisions/import/", {"file": _file("award_decisions", *rows)})
    token = client.session["awards_excel_pending"]["award_decisions"]["token"]
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/admin/awards/excel/award_decisions/import/confirm/", {"token": token})
    second = Job.objects.order_by("-created_at").first()
    assert second is not None and second.status == Job.Status.SUCCEEDED
    assert (second.result["created"], second.result["unchanged"]) == (0, 2)
    assert (AwardDecision.objects.count(), AwardRecipient.objects.count()) == (1, 2)


def test_a_unit_officer_imports_ratings_through_the_job(
    world: Any, personas: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    client = _client(personas["member"])
    page = client.get("/admin/awards/excel/ratings/import/").content.decode()
    assert "Bạn chỉ được nhập cá nhân thuộc: Ủy ban nhân dân xã Khác." in page
    refused = client.post(
        "/admin/awards/excel/ratings/import/", {"file": _file("ratings", ["CS-1", None, 2024, "htxs"])}
    )
    assert "không thuộc đơn vị của bạn" in refused.content.decode()
    client.post(
        "/admin/awards/excel/ratings/import/", {"file": _file("ratings", ["CS-2", None, 2024, "htxs"])}
    )
    token = client.session["awards_excel_pending"]["ratings"]["token"]
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/admin/awards/excel/ratings/import/confirm/", {"token": token})
    job = Job.objects.get()
    assert job.status == Job.Status.SUCCEEDED and job.message.startswith("Đã thêm 1 xếp loại")
    assert TaskRating.objects.get().person == world.other_person


def test_a_large_registry_file_is_checked_in_a_job(
    world: Any, personas: dict[str, Any], settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    # The awards' kinds take the same path: the job, the result screen, the failed rows, the commit.
    settings.IMPORT_SYNC_MAX_ROWS = 1
    client = _client(personas["province"])
    bad = _file("award_decisions", _decision_row(world), _decision_row(world, "16/QĐ-UBND", cs="CS-X"))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/admin/awards/excel/award_decisions/import/", {"file": bad})
    check = Job.objects.get()
    assert response["Location"] == f"/admin/jobs/{check.pk}/" and check.status == Job.Status.SUCCEEDED
    body = client.get(check.result["next_url"]).content.decode()
    assert "Tệp có 1 lỗi. Chưa có gì được lưu." in body
    assert "<td>3</td><td>Mã số công chức, viên chức</td>" in body and "không có cá nhân mã số «CS-X»" in body
    failed = client.get("/admin/awards/excel/award_decisions/import/failed/")
    assert failed.status_code == 200 and failed["Content-Type"] == XLSX
    good = _file("award_decisions", _decision_row(world), _decision_row(world, cs="CS-2"))
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/admin/awards/excel/award_decisions/import/", {"file": good})
    check = Job.objects.filter(kind="org.import.check").order_by("-created_at").first()
    assert check is not None and check.result["error_count"] == 0
    body = client.get(check.result["next_url"]).content.decode()
    assert "Sẽ thêm 1 quyết định mới và 2 người, tập thể được khen" in body
    token = client.session["awards_excel_pending"]["award_decisions"]["token"]
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/admin/awards/excel/award_decisions/import/confirm/", {"token": token})
    saved = Job.objects.get(kind="awards.import.decisions")
    assert saved.status == Job.Status.SUCCEEDED and AwardRecipient.objects.count() == 2
    assert _client(personas["sysadmin"]).get(check.result["next_url"]).status_code == 404
