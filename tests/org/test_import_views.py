"""The Excel import and export screens, over HTTP, for every role."""

from __future__ import annotations

import io
from typing import Any

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from tests.factories import PersonFactory
from thidua.core.models import Job
from thidua.org.models import AdminUnit, Person
from thidua.org.spreadsheets import SHEETS

pytestmark = pytest.mark.django_db

ROLES = ["province", "head", "member", "council", "editor", "chief", "sysadmin", "outsider"]
MAY_IMPORT = {"people": {"province", "sysadmin", "head", "member"}, "units": {"province", "sysadmin"}}
MAY_EXPORT = {
    "people": {"province", "sysadmin", "head", "member", "council"},
    "units": {"province", "sysadmin", "head", "member", "council"},
}
ALL_ITEMS = {"people-import", "people-export", "units-import", "units-export"}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _file(kind: str, *rows: list[Any], name: str = "danh-sach.xlsx") -> SimpleUploadedFile:
    wb = openpyxl.Workbook()
    wb.active.append([c.sheet_header for c in SHEETS[kind].import_columns])
    for row in rows:
        wb.active.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=XLSX)


def _sheet(response: Any) -> list[list[Any]]:
    data = b"".join(response.streaming_content) if response.streaming else response.content
    ws = openpyxl.load_workbook(io.BytesIO(data)).worksheets[0]
    return [[c.value for c in row] for row in ws.iter_rows()]


# --- Who may do what -------------------------------------------------------------------------------
@pytest.mark.parametrize("persona", ROLES)
@pytest.mark.parametrize("kind", ["people", "units"])
def test_import_screens_by_role(personas: dict[str, Any], persona: str, kind: str) -> None:
    client = _client(personas[persona])
    page = client.get(f"/admin/org/excel/{kind}/import/")
    template = client.get(f"/admin/org/excel/{kind}/template/")
    upload = client.post(f"/admin/org/excel/{kind}/import/", {"file": _file(kind)})
    confirm = client.post(f"/admin/org/excel/{kind}/import/confirm/", {"token": "x"})
    if persona in MAY_IMPORT[kind]:
        assert page.status_code == 200
        assert template.status_code == 200 and template["Content-Type"] == XLSX
        assert upload.status_code == 200
    else:
        # Wagtail answers a permission failure with a redirect (to the dashboard or the login page).
        for response in (page, template, upload, confirm):
            assert response.status_code == 302
    assert not Job.objects.exists()


@pytest.mark.parametrize("persona", ROLES)
@pytest.mark.parametrize("kind", ["people", "units"])
def test_export_by_role(world: Any, personas: dict[str, Any], persona: str, kind: str) -> None:
    response = _client(personas[persona]).get(f"/admin/org/excel/{kind}/export/")
    if persona in MAY_EXPORT[kind]:
        assert response.status_code == 200 and response["Content-Type"] == XLSX
        assert "attachment" in response["Content-Disposition"]
    else:
        assert response.status_code == 302


def test_unknown_kind_is_not_found(personas: dict[str, Any]) -> None:
    assert _client(personas["province"]).get("/admin/org/excel/groups/import/").status_code == 404


@pytest.mark.parametrize(
    ("persona", "shown"),
    [
        ("province", {"people-import", "people-export", "units-import", "units-export"}),
        ("sysadmin", {"people-import", "people-export", "units-import", "units-export"}),
        ("head", {"people-import", "people-export", "units-export"}),
        ("member", {"people-import", "people-export", "units-export"}),
        ("council", {"people-export", "units-export"}),
        ("editor", set()),
        ("chief", set()),
    ],
)
def test_menu_shows_what_the_role_may_use(personas: dict[str, Any], persona: str, shown: set[str]) -> None:
    # The sidebar is rendered as JSON, so items are found by their names, not their Vietnamese labels.
    body = _client(personas[persona]).get("/admin/").content.decode()
    found = {name for name in shown | ALL_ITEMS if f'"name": "org-excel-{name}"' in body}
    assert found == shown
    assert ('"name": "org-excel"' in body) is bool(shown)


# --- Import flow -----------------------------------------------------------------------------------
def test_bad_file_shows_every_error_and_keeps_nothing(world: Any, personas: dict[str, Any]) -> None:
    client = _client(personas["province"])
    upload = _file(
        "people",
        ["An", "Nam", "31/02/1990", None, world.home.code],
        ["Bình", "Nữ", None, None, "UBND-X"],
    )
    response = client.post("/admin/org/excel/people/import/", {"file": upload})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Tệp có 2 lỗi. Chưa có gì được lưu." in body
    assert "«31/02/1990» không phải là ngày hợp lệ (dd/mm/yyyy)." in body
    assert "không có đơn vị mã «UBND-X»." in body
    assert "Xác nhận nhập" not in body
    assert "org_excel_pending" not in client.session or not client.session["org_excel_pending"]


def test_not_an_xlsx_is_refused(personas: dict[str, Any]) -> None:
    upload = SimpleUploadedFile("ds.xlsx", b"Ho va ten,Gioi tinh\n", content_type=XLSX)
    body = (
        _client(personas["province"])
        .post("/admin/org/excel/people/import/", {"file": upload})
        .content.decode()
    )
    assert "Tệp không phải là tệp Excel .xlsx hợp lệ." in body


def test_a_file_over_5_mb_is_refused_unread(personas: dict[str, Any]) -> None:
    upload = SimpleUploadedFile("to.xlsx", b"0" * (5 * 1024 * 1024 + 1), content_type=XLSX)
    body = (
        _client(personas["province"])
        .post("/admin/org/excel/people/import/", {"file": upload})
        .content.decode()
    )
    assert "Tệp lớn hơn 5 MB. Hãy chia thành nhiều tệp nhỏ hơn." in body


def test_member_officer_row_for_another_unit_is_refused_with_the_row_named(
    world: Any, personas: dict[str, Any]
) -> None:
    upload = _file(
        "people", ["An", "Nam", None, None, world.other.code], ["Bình", "Nữ", None, None, world.home.code]
    )
    body = (
        _client(personas["member"]).post("/admin/org/excel/people/import/", {"file": upload}).content.decode()
    )
    assert "Tệp có 1 lỗi." in body
    assert "<td>3</td><td>Mã đơn vị</td>" in body and "nằm ngoài phạm vi của bạn" in body


def test_upload_preview_confirm_and_job_succeeds(
    world: Any, personas: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    # given
    client = _client(personas["member"])
    upload = _file(
        "people",
        ["An", "Nam", "15/03/1985", "NEW-1", world.other.code, "Chuyên viên", "01/07/2025"],
        ["Bình", "Nữ", None, None, world.other.code],
        ["Trần Thị Khác Mới", "Nữ", None, "CS-2", world.other.code],
    )
    # when the file is checked
    preview = client.post("/admin/org/excel/people/import/", {"file": upload})
    body = preview.content.decode()
    # then nothing is saved yet and the preview says what will happen
    assert preview.status_code == 200, body[:2000]
    assert "Tệp hợp lệ: 3 dòng." in body and "Sẽ tạo mới 2, cập nhật 1, giữ nguyên 0 cá nhân." in body
    assert "Họ và tên: «Trần Thị Khác» → «Trần Thị Khác Mới»" in body
    assert not Person.objects.filter(full_name="An").exists()
    token = client.session["org_excel_pending"]["people"]["token"]
    # when the officer confirms
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/admin/org/excel/people/import/confirm/", {"token": token})
    # then the job page opens and the job succeeded with the counts
    job = Job.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/admin/jobs/{job.pk}/"
    assert job.status == Job.Status.SUCCEEDED, job.message
    assert (job.result["created"], job.result["updated"], job.result["unchanged"]) == (2, 1, 0)
    assert job.result["next_url"] == "/admin/org/people/"
    assert job.created_by == personas["member"] and job.params["filename"] == "danh-sach.xlsx"
    assert set(Person.objects.filter(organisation=world.other).values_list("full_name", flat=True)) == {
        "An",
        "Bình",
        "Trần Thị Khác Mới",
    }
    page = client.get(response["Location"])
    assert page.status_code == 200 and "Hoàn thành" in page.content.decode()
    # and the import page lists it
    assert "danh-sach.xlsx" in client.get("/admin/org/excel/people/import/").content.decode()
    # and the same token cannot be confirmed twice
    again = client.post("/admin/org/excel/people/import/confirm/", {"token": token})
    assert again.status_code == 302 and again["Location"] == "/admin/org/excel/people/import/"
    assert Job.objects.count() == 1


def test_another_users_token_is_refused(world: Any, personas: dict[str, Any]) -> None:
    owner = _client(personas["province"])
    owner.post(
        "/admin/org/excel/people/import/",
        {"file": _file("people", ["An", "Nam", None, None, world.home.code])},
    )
    token = owner.session["org_excel_pending"]["people"]["token"]
    response = _client(personas["sysadmin"]).post("/admin/org/excel/people/import/confirm/", {"token": token})
    assert response.status_code == 302 and response["Location"] == "/admin/org/excel/people/import/"
    assert not Job.objects.exists()


def test_units_import_flow(personas: dict[str, Any], django_capture_on_commit_callbacks: Any) -> None:
    client = _client(personas["province"])
    upload = _file(
        "units", ["01", "Thành phố Thử", "Tỉnh", "Thành phố"], ["00001", "Phường Một", "Xã", "Phường", "01"]
    )
    preview = client.post("/admin/org/excel/units/import/", {"file": upload})
    assert "Sẽ tạo mới 2, giữ nguyên 0 đơn vị hành chính." in preview.content.decode()
    token = client.session["org_excel_pending"]["units"]["token"]
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/admin/org/excel/units/import/confirm/", {"token": token})
    job = Job.objects.get()
    assert job.status == Job.Status.SUCCEEDED and job.result["created"] == 2
    assert job.result["next_url"] == "/admin/org/units/"
    assert AdminUnit.objects.get(code="00001").parent.code == "01"


# --- Export ----------------------------------------------------------------------------------------
def test_member_officer_exports_only_the_own_unit(world: Any, personas: dict[str, Any]) -> None:
    rows = _sheet(_client(personas["member"]).get("/admin/org/excel/people/export/"))
    names = [row[0] for row in rows[1:]]
    assert names == [world.other_person.full_name]
    assert "Mã số công chức, viên chức" in rows[0] and "CS-2" in rows[1]


def test_council_export_has_no_personal_data(world: Any, personas: dict[str, Any]) -> None:
    rows = _sheet(_client(personas["council"]).get("/admin/org/excel/people/export/"))
    assert "Ngày sinh" not in rows[0] and "Mã số công chức, viên chức" not in rows[0]
    assert {row[0] for row in rows[1:]} == {world.home_person.full_name, world.other_person.full_name}
    assert "CS-1" not in str(rows)


def test_export_escapes_formulas(world: Any, personas: dict[str, Any]) -> None:
    PersonFactory(organisation=world.home, full_name='=HYPERLINK("http://x","Bấm")')
    response = _client(personas["province"]).get("/admin/org/excel/people/export/")
    data = response.content
    ws = openpyxl.load_workbook(io.BytesIO(data)).worksheets[0]
    cells = [c for row in ws.iter_rows() for c in row]
    assert all(c.data_type != "f" for c in cells)
    assert '\'=HYPERLINK("http://x","Bấm")' in [c.value for c in cells]


def test_units_export_can_be_filtered_by_level(world: Any, personas: dict[str, Any]) -> None:
    rows = _sheet(_client(personas["council"]).get("/admin/org/excel/units/export/?level=province"))
    assert rows[0][:3] == ["Mã*", "Tên*", "Cấp*"]
    assert [row[0] for row in rows[1:]] == [world.province.code]
    assert rows[1][2] == "Tỉnh"


# --- A large file: the dry run as a background job (IMPORT_SYNC_MAX_ROWS) -----------------------------
def test_a_large_file_is_checked_in_a_job_then_shown_and_confirmed(
    world: Any, personas: dict[str, Any], settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    # given a threshold of 2 data rows and a valid file of 3
    settings.IMPORT_SYNC_MAX_ROWS = 2
    client = _client(personas["member"])
    upload = _file(
        "people",
        ["An", "Nam", "15/03/1985", "NEW-1", world.other.code, "Chuyên viên", "01/07/2025"],
        ["Bình", "Nữ", None, None, world.other.code],
        ["Trần Thị Khác Mới", "Nữ", None, "CS-2", world.other.code],
    )
    # when it is uploaded, the dry run becomes a job and its progress page opens
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/admin/org/excel/people/import/", {"file": upload})
    check = Job.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/admin/jobs/{check.pk}/"
    assert check.kind == "org.import.check" and check.status == Job.Status.SUCCEEDED, check.message
    # and the job's row keeps only a small result, never the rows or the token
    next_url = f"/admin/org/excel/people/import/checked/{check.pk}/"
    assert check.result == {"kind": "people", "total": 3, "error_count": 0, "next_url": next_url}
    assert not Person.objects.filter(full_name="An").exists()
    page = client.get(response["Location"]).content.decode()
    assert "Hoàn thành" in page and f'href="{next_url}"' in page and "<progress" in page
    # then the result screen is the small file's
    body = client.get(next_url).content.decode()
    assert "Tệp hợp lệ: 3 dòng." in body and "Sẽ tạo mới 2, cập nhật 1, giữ nguyên 0 cá nhân." in body
    assert "Họ và tên: «Trần Thị Khác» → «Trần Thị Khác Mới»" in body and "Xác nhận nhập" in body
    token = client.session["org_excel_pending"]["people"]["token"]
    assert token == check.params["token"] and f'value="{token}"' in body
    # and a reload shows it again
    assert "Tệp hợp lệ: 3 dòng." in client.get(next_url).content.decode()
    # and confirming saves through the usual job
    with django_capture_on_commit_callbacks(execute=True):
        confirm = client.post("/admin/org/excel/people/import/confirm/", {"token": token})
    saved = Job.objects.exclude(pk=check.pk).get()
    assert confirm["Location"] == f"/admin/jobs/{saved.pk}/"
    assert saved.status == Job.Status.SUCCEEDED and saved.result["created"] == 2, saved.message
    assert Person.objects.filter(full_name="An", organisation=world.other).exists()
    # and the result screen, its file saved, sends the officer back to upload
    gone = client.get(next_url)
    assert gone.status_code == 302 and gone["Location"] == "/admin/org/excel/people/import/"


def test_a_large_file_with_errors_shows_them_by_row_and_column(
    world: Any, personas: dict[str, Any], settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.IMPORT_SYNC_MAX_ROWS = 1
    client = _client(personas["province"])
    upload = _file(
        "people",
        ["An", "Nam", "31/02/1990", None, world.home.code],
        ["Bình", "Nữ", None, None, "UBND-X"],
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/admin/org/excel/people/import/", {"file": upload})
    check = Job.objects.get()
    assert check.status == Job.Status.SUCCEEDED and check.result["error_count"] == 2
    assert "có 2 lỗi" in check.message and "errors" not in check.result
    body = client.get(check.result["next_url"]).content.decode()
    assert "Tệp có 2 lỗi. Chưa có gì được lưu." in body
    assert "<td>2</td><td>Ngày sinh</td>" in body and "«31/02/1990» không phải là ngày hợp lệ" in body
    assert "<td>3</td><td>Mã đơn vị</td>" in body and "không có đơn vị mã «UBND-X»." in body
    assert "Xác nhận nhập" not in body and not client.session.get("org_excel_pending", {}).get("people")
    # the failed rows come from the job's outcome
    rows = _sheet(client.get("/admin/org/excel/people/import/failed/"))
    assert len(rows) == 3 and rows[0][-1] == "Lỗi cần sửa" and rows[2][0] == "Bình"
    assert response.status_code == 302 and not Person.objects.filter(full_name="Bình").exists()


def test_another_officer_cannot_open_a_large_files_result(
    world: Any, personas: dict[str, Any], settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.IMPORT_SYNC_MAX_ROWS = 1
    owner = _client(personas["province"])
    upload = _file(
        "people", ["An", "Nam", None, None, world.home.code], ["Bình", "Nữ", None, None, world.home.code]
    )
    with django_capture_on_commit_callbacks(execute=True):
        owner.post("/admin/org/excel/people/import/", {"file": upload})
    check = Job.objects.get()
    url = check.result["next_url"]
    # the system administrator may watch others' jobs, but not open their dry run or confirm their file
    other = _client(personas["sysadmin"])
    assert other.get(url).status_code == 404
    assert not other.session.get("org_excel_pending", {}).get("people")
    refused = other.post("/admin/org/excel/people/import/confirm/", {"token": check.params["token"]})
    assert refused.status_code == 302 and Job.objects.count() == 1
    # nor may an officer who cannot watch the job
    assert _client(personas["member"]).get(url).status_code == 404
    assert _client(personas["member"]).get(f"/admin/jobs/{check.pk}/").status_code == 404
    # and the owner still may
    assert "Tệp hợp lệ: 2 dòng." in owner.get(url).content.decode()


def test_a_file_at_the_threshold_is_still_checked_in_the_request(
    world: Any, personas: dict[str, Any], settings: Any
) -> None:
    settings.IMPORT_SYNC_MAX_ROWS = 2
    client = _client(personas["province"])
    upload = _file(
        "people", ["An", "Nam", None, None, world.home.code], [], ["Bình", "Nữ", None, None, world.home.code]
    )
    response = client.post("/admin/org/excel/people/import/", {"file": upload})
    assert response.status_code == 200 and "Tệp hợp lệ: 2 dòng." in response.content.decode()
    assert not Job.objects.exists()
