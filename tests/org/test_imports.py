"""Importing people and units from parsed rows: checks against the database, scope, all-or-nothing
saving through the services, and the background task that does the saving."""

from __future__ import annotations

import datetime as dt
import io
import re
from typing import Any

import openpyxl
import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.factories import CommuneFactory, OrganisationFactory, ProvinceFactory
from thidua.core.models import AuditEvent, Job
from thidua.org.models import AdminUnit, Person
from thidua.org.presenters.imports import import_result, import_summary
from thidua.org.selectors.exports import people_export_rows
from thidua.org.services.imports import people as people_import
from thidua.org.services.imports import units as units_import
from thidua.org.services.imports.common import ImportReport
from thidua.org.services.imports.jobs import import_schedule
from thidua.org.services.imports.people import import_people
from thidua.org.services.imports.stash import upload_path, upload_stash
from thidua.org.services.imports.units import import_units
from thidua.org.spreadsheets import SHEETS
from thidua.org.tasks import run_import

pytestmark = pytest.mark.django_db


def person_row(row: int, organisation: Any, **values: Any) -> dict[str, Any]:
    return {
        "row": row,
        "full_name": f"Người Nhập {row}",
        "gender": "female",
        "date_of_birth": dt.date(1990, 1, row % 28 + 1),
        "civil_servant_code": "",
        "organisation_code": organisation.code,
        "position": "",
        "position_since": None,
        **values,
    }


def unit_row(row: int, code: str, level: str, parent_code: str = "", **values: Any) -> dict[str, Any]:
    return {
        "row": row,
        "code": code,
        "name": f"Đơn vị {code}",
        "level": level,
        "kind": {"province": "Tỉnh", "district": "Huyện", "commune": "Xã"}[level],
        "parent_code": parent_code,
        "valid_from": None,
        "valid_until": None,
        **values,
    }


def texts(report: ImportReport) -> list[str]:
    return [str(e) for e in report.errors]


# --- People: creating ------------------------------------------------------------------------------
def test_people_are_created_through_the_service_with_audit_rows(world: Any, personas: dict[str, Any]) -> None:
    # given
    rows = [person_row(n, world.home, position="Chuyên viên" if n == 2 else "") for n in (2, 3, 4)]
    rows[0]["position_since"] = dt.date(2025, 7, 1)
    # when
    report = import_people(actor=personas["province"], rows=rows, dry_run=False)
    # then
    assert report.errors == [] and report.committed is True
    assert (report.created, report.updated, report.unchanged) == (3, 0, 0)
    created = Person.objects.filter(full_name__startswith="Người Nhập").order_by("full_name")
    assert [p.organisation for p in created] == [world.home] * 3
    assert created[0].positions.get().start_date == dt.date(2025, 7, 1)
    assert AuditEvent.objects.filter(action="org.person.create", actor=personas["province"]).count() == 3


def test_dry_run_saves_nothing_but_says_what_would_happen(world: Any, personas: dict[str, Any]) -> None:
    before = Person.objects.count()
    report = import_people(actor=personas["province"], rows=[person_row(2, world.home)], dry_run=True)
    assert report.ok and report.committed is False
    assert [(p.row, p.action) for p in report.planned] == [(2, "create")]
    assert import_summary(report) == "Sẽ tạo mới 1, cập nhật 0, giữ nguyên 0 cá nhân."
    assert Person.objects.count() == before


def test_checks_are_a_few_bulk_queries(
    world: Any, personas: dict[str, Any], django_assert_max_num_queries: Any
) -> None:
    # given 300 rows naming units and codes, some of them already registered
    rows = [
        person_row(n, world.home if n % 2 else world.other, civil_servant_code=f"CS-{n % 5}")
        for n in range(2, 302)
    ]
    for row in rows:
        row["civil_servant_code"] = f"NEW-{row['row']}"
    rows[0]["civil_servant_code"] = "CS-1"
    # then planning costs the same handful of queries whatever the number of rows
    actor = personas["province"]
    with django_assert_max_num_queries(8):
        report = import_people(actor=actor, rows=rows, dry_run=True)
    assert report.ok, texts(report)
    assert report.created == 299 and report.count("unchanged") + report.updated == 1


# --- People: errors --------------------------------------------------------------------------------
def test_unknown_unit_code(world: Any, personas: dict[str, Any]) -> None:
    rows = [person_row(5, world.home, organisation_code="UBND-X")]
    report = import_people(actor=personas["province"], rows=rows, dry_run=True)
    assert texts(report) == ["Dòng 5, cột «Mã đơn vị»: không có đơn vị mã «UBND-X»."]


def test_duplicate_civil_servant_code_in_the_file(world: Any, personas: dict[str, Any]) -> None:
    rows = [
        person_row(2, world.home, civil_servant_code="NEW-1"),
        person_row(3, world.home, civil_servant_code="NEW-1"),
    ]
    report = import_people(actor=personas["province"], rows=rows, dry_run=True)
    assert texts(report) == [
        "Dòng 3, cột «Mã số công chức, viên chức»: mã «NEW-1» trùng với dòng 2; mỗi mã chỉ được ghi một lần "
        "trong tệp."
    ]


def test_future_birth_date_and_date_without_position(world: Any, personas: dict[str, Any]) -> None:
    rows = [
        person_row(
            2,
            world.home,
            date_of_birth=dt.date.today() + dt.timedelta(days=1),
            position_since=dt.date(2025, 1, 1),
        )
    ]
    report = import_people(actor=personas["province"], rows=rows, dry_run=True)
    assert texts(report) == [
        "Dòng 2, cột «Ngày sinh»: ngày sinh không thể ở tương lai.",
        "Dòng 2, cột «Giữ chức vụ từ ngày»: có ngày nhưng cột «Chức vụ» để trống.",
    ]


def test_member_officer_cannot_import_people_of_another_unit(world: Any, personas: dict[str, Any]) -> None:
    # given the member officer works at "other"; row 3 is for "home"
    rows = [person_row(2, world.other), person_row(3, world.home)]
    # when
    report = import_people(actor=personas["member"], rows=rows, dry_run=False)
    # then the row is named and nothing is saved, not even the allowed row
    assert len(report.errors) == 1
    error = report.errors[0]
    assert (error.row, error.column) == (3, "Mã đơn vị")
    assert f"mã «{world.home.code}»" in error.message and "ngoài phạm vi của bạn" in error.message
    assert not Person.objects.filter(full_name__startswith="Người Nhập").exists()


def test_code_of_a_person_outside_the_scope_is_refused_without_naming_them(
    world: Any, personas: dict[str, Any]
) -> None:
    # CS-1 belongs to Lê Văn Nhà of "home"; the member officer works at "other"
    rows = [person_row(2, world.other, civil_servant_code="CS-1")]
    report = import_people(actor=personas["member"], rows=rows, dry_run=True)
    assert texts(report) == [
        "Dòng 2, cột «Mã số công chức, viên chức»: mã «CS-1» đã được dùng cho một cá nhân ngoài phạm vi đơn vị "
        "của bạn."
    ]
    assert world.home_person.full_name not in texts(report)[0]


@pytest.mark.parametrize("persona", ["council", "editor", "outsider"])
def test_only_people_managers_may_import(world: Any, personas: dict[str, Any], persona: str) -> None:
    with pytest.raises(PermissionDenied):
        import_people(actor=personas[persona], rows=[person_row(2, world.home)], dry_run=True)


# --- People: all or nothing ------------------------------------------------------------------------
def test_three_good_rows_and_one_bad_row_save_nothing(world: Any, personas: dict[str, Any]) -> None:
    before = (Person.objects.count(), AuditEvent.objects.count())
    rows = [person_row(n, world.home) for n in (2, 3, 4)] + [
        person_row(5, world.home, organisation_code="UBND-X")
    ]
    report = import_people(actor=personas["province"], rows=rows, dry_run=False)
    assert texts(report) == ["Dòng 5, cột «Mã đơn vị»: không có đơn vị mã «UBND-X»."]
    assert report.committed is False
    assert (Person.objects.count(), AuditEvent.objects.count()) == before


def test_a_failure_while_saving_rolls_back_every_row(
    world: Any, personas: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    # given a service that refuses the third row only once saving has started
    real = people_import.person_create
    calls = []

    def flaky(**kwargs: Any) -> Person:
        calls.append(kwargs["full_name"])
        if len(calls) == 3:
            raise ValidationError({"civil_servant_code": "Mã số công chức «X» đã thuộc về «Ai đó»."})
        return real(**kwargs)

    monkeypatch.setattr(people_import, "person_create", flaky)
    before = (Person.objects.count(), AuditEvent.objects.count())
    # when
    report = import_people(
        actor=personas["province"], rows=[person_row(n, world.home) for n in (2, 3, 4, 5)], dry_run=False
    )
    # then the two rows already saved are rolled back with their audit rows, and row 4 is named
    assert len(calls) == 3
    assert texts(report) == [
        "Dòng 4, cột «Mã số công chức, viên chức»: Mã số công chức «X» đã thuộc về «Ai đó». Vì lỗi ở dòng này, "
        "không có dòng nào của tệp được lưu."
    ]
    assert report.committed is False
    assert (Person.objects.count(), AuditEvent.objects.count()) == before


# --- People: updating by civil-servant code --------------------------------------------------------
def test_existing_codes_update_people_and_identical_rows_are_left_alone(
    world: Any, personas: dict[str, Any]
) -> None:
    # given CS-1 (Lê Văn Nhà, home) renamed and given a position, its date of birth left empty (kept),
    # and CS-2 exactly as saved
    other = world.other_person
    rows = [
        person_row(2, world.home, full_name="Lê Văn Nhà Mới", gender="male", civil_servant_code="CS-1",
                   position="Phó Chủ tịch", position_since=dt.date(2026, 1, 1), date_of_birth=None),
        person_row(3, world.other, full_name=other.full_name, gender=other.gender, civil_servant_code="CS-2",
                   date_of_birth=other.date_of_birth),
        person_row(4, world.home),
    ]  # fmt: skip
    # when
    preview = import_people(actor=personas["province"], rows=rows, dry_run=True)
    report = import_people(actor=personas["province"], rows=rows, dry_run=False)
    # then
    assert [p.changes for p in preview.planned if p.action == "update"] == [
        {"Họ và tên": ("Lê Văn Nhà", "Lê Văn Nhà Mới"), "Chức vụ": ("", "Phó Chủ tịch")}
    ]
    assert (report.created, report.updated, report.unchanged) == (1, 1, 1)
    assert (
        import_result(report)["created"] == 1
        and import_summary(report) == "Đã tạo mới 1, cập nhật 1, giữ nguyên 1 cá nhân."
    )
    person = Person.objects.get(civil_servant_code="CS-1")
    assert (person.full_name, person.position) == ("Lê Văn Nhà Mới", "Phó Chủ tịch")
    assert person.positions.get().start_date == dt.date(2026, 1, 1)
    assert AuditEvent.objects.filter(target_id=str(person.pk), action="org.person.update").exists()
    assert AuditEvent.objects.filter(target_id=str(person.pk), action="org.person.change_position").exists()


def test_a_new_position_must_start_after_the_current_one(world: Any, personas: dict[str, Any]) -> None:
    first = [person_row(2, world.home, full_name="Lê Văn Nhà", gender="male", civil_servant_code="CS-1",
                        position="Chuyên viên", position_since=dt.date(2025, 7, 1))]  # fmt: skip
    assert import_people(actor=personas["province"], rows=first, dry_run=False).committed
    again = [{**first[0], "position": "Trưởng phòng", "position_since": dt.date(2025, 6, 1)}]
    report = import_people(actor=personas["province"], rows=again, dry_run=True)
    assert texts(report) == [
        "Dòng 2, cột «Giữ chức vụ từ ngày»: phải sau ngày nhận chức vụ hiện tại của «Lê Văn Nhà» (01/07/2025); "
        "để trống thì lấy ngày nhập."
    ]


def test_a_namesake_in_the_same_unit_is_a_warning(world: Any, personas: dict[str, Any]) -> None:
    rows = [person_row(2, world.home, full_name=world.home_person.full_name)]
    report = import_people(actor=personas["province"], rows=rows, dry_run=True)
    assert report.ok
    assert [w.row for w in report.warnings] == [2]


# --- Units -----------------------------------------------------------------------------------------
def test_units_are_created_parents_first_even_when_listed_last(personas: dict[str, Any]) -> None:
    rows = [
        unit_row(2, "00001", "commune", "001"),
        unit_row(3, "001", "district", "01"),
        unit_row(4, "01", "province"),
    ]
    report = import_units(actor=personas["province"], rows=rows, dry_run=False)
    assert report.errors == [] and report.created == 3
    commune = AdminUnit.objects.get(code="00001")
    assert commune.parent.code == "001" and commune.parent.parent.code == "01"
    assert AuditEvent.objects.filter(action="org.adminunit.create").count() == 3


def test_unit_rows_are_checked_against_the_file_and_the_database(
    world: Any, personas: dict[str, Any]
) -> None:
    # given a saved province (the world's) and a saved commune under it
    province = world.province
    commune = CommuneFactory(parent=province, valid_from=None)
    rows = [
        unit_row(2, "70", "province", province.code),  # a province has no parent
        unit_row(3, "70001", "commune"),  # a commune needs one
        unit_row(4, "70002", "commune", "999999"),  # unknown parent
        unit_row(5, "70003", "commune", commune.code),  # a commune under a commune
        unit_row(6, commune.code, "commune", province.code),  # code taken by a current unit
        unit_row(7, "70004", "commune", province.code),
        unit_row(8, "70004", "commune", province.code),  # same code twice in the file
        unit_row(
            9,
            "70005",
            "commune",
            province.code,
            valid_from=dt.date(2025, 7, 1),
            valid_until=dt.date(2025, 1, 1),
        ),
    ]
    report = import_units(actor=personas["province"], rows=rows, dry_run=True)
    assert [(e.row, e.column) for e in report.errors] == [
        (2, "Mã đơn vị cấp trên"),
        (3, "Mã đơn vị cấp trên"),
        (4, "Mã đơn vị cấp trên"),
        (5, "Mã đơn vị cấp trên"),
        (6, "Mã"),
        (8, "Mã"),
        (9, "Hiệu lực đến ngày"),
    ]
    by_row = {e.row: e.message for e in report.errors}
    assert by_row[2] == "đơn vị cấp tỉnh không có đơn vị cấp trên; hãy để trống ô này."
    assert by_row[3] == "đơn vị cấp xã phải có mã đơn vị cấp trên."
    assert by_row[4] == "không có đơn vị hành chính mã «999999»."
    assert (
        by_row[5]
        == f"«{commune.name} ({commune.code})» là đơn vị cấp xã, không thể là đơn vị cấp trên của đơn vị cấp xã."
    )
    assert by_row[6].startswith(f"đã có đơn vị cấp xã mã «{commune.code}» («{commune.name}»")
    assert by_row[8].startswith("mã «70004» (cấp xã) trùng với dòng 7")


def test_unit_checks_are_a_few_bulk_queries(
    world: Any, personas: dict[str, Any], django_assert_max_num_queries: Any
) -> None:
    rows = [unit_row(2, "72", "province")] + [
        unit_row(n, f"72{n:03d}", "commune", "72" if n % 2 else world.province.code) for n in range(3, 303)
    ]
    with django_assert_max_num_queries(4):
        report = import_units(actor=personas["province"], rows=rows, dry_run=True)
    assert report.ok, texts(report)
    assert report.created == 301


def test_parent_must_exist_for_the_whole_validity_of_the_unit(personas: dict[str, Any]) -> None:
    old = ProvinceFactory(code="86", valid_until=dt.date(2025, 6, 30))
    rows = [unit_row(2, "86001", "commune", "86", valid_from=dt.date(2025, 7, 1))]
    report = import_units(actor=personas["province"], rows=rows, dry_run=True)
    assert texts(report) == [
        f"Dòng 2, cột «Mã đơn vị cấp trên»: đơn vị cấp trên «{old.name} (86)» chỉ có hiệu lực từ … đến "
        "30/06/2025, không bao trùm thời gian hiệu lực của đơn vị này (từ 01/07/2025 đến …)."
    ]


def test_a_unit_exactly_as_saved_is_left_alone(world: Any, personas: dict[str, Any]) -> None:
    province = world.province
    row = unit_row(2, province.code, "province", name=province.name, kind=province.kind)
    report = import_units(
        actor=personas["province"], rows=[row, unit_row(3, "71", "province")], dry_run=False
    )
    assert report.ok and (report.created, report.unchanged) == (1, 1)
    assert import_summary(report) == "Đã tạo mới 1, giữ nguyên 1 đơn vị hành chính."


def test_a_failure_while_saving_units_rolls_back_every_unit(
    personas: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    real = units_import.adminunit_create

    def flaky(**kwargs: Any) -> AdminUnit:
        if kwargs["code"] == "001":
            raise ValidationError({"parent": "Đơn vị cấp trên đã bị sửa."})
        return real(**kwargs)

    monkeypatch.setattr(units_import, "adminunit_create", flaky)
    rows = [unit_row(2, "01", "province"), unit_row(3, "001", "district", "01")]
    report = import_units(actor=personas["province"], rows=rows, dry_run=False)
    assert [(e.row, e.column) for e in report.errors] == [(3, "Mã đơn vị cấp trên")]
    assert not AdminUnit.objects.filter(code__in=["01", "001"]).exists()


@pytest.mark.parametrize("persona", ["head", "member", "council", "outsider"])
def test_only_unit_managers_may_import_units(personas: dict[str, Any], persona: str) -> None:
    with pytest.raises(PermissionDenied):
        import_units(actor=personas[persona], rows=[unit_row(2, "01", "province")], dry_run=True)


# --- Export rows -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("persona", "names", "personal"),
    [
        ("province", {"Lê Văn Nhà", "Trần Thị Khác"}, True),
        ("member", {"Trần Thị Khác"}, True),
        ("head", {"Lê Văn Nhà"}, True),
        ("council", {"Lê Văn Nhà", "Trần Thị Khác"}, False),
        ("editor", set(), False),
    ],
)
def test_export_rows_are_scoped_and_hide_personal_data(
    world: Any, personas: dict[str, Any], persona: str, names: set[str], personal: bool
) -> None:
    rows, omit = people_export_rows(user=personas[persona])
    assert {r["full_name"] for r in rows} == names
    personal_keys = {c.key for c in SHEETS["people"].columns if c.personal}
    assert (omit == frozenset()) is personal
    if not personal:
        assert omit == personal_keys
        assert all(r["date_of_birth"] is None and r["civil_servant_code"] == "" for r in rows)


# --- The background task ---------------------------------------------------------------------------
def _xlsx(rows: list[list[Any]]) -> bytes:
    wb = openpyxl.Workbook()
    wb.active.append([c.sheet_header for c in SHEETS["people"].import_columns])
    for row in rows:
        wb.active.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def test_task_saves_the_file_and_reports_on_the_job(
    world: Any, personas: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    # given a confirmed upload of two people
    token = upload_stash(
        data=_xlsx([["An", "Nam", None, None, world.home.code], ["Bình", "Nữ", None, None, world.home.code]])
    )
    # when the import is scheduled and its transaction commits (the immediate backend runs the task)
    with django_capture_on_commit_callbacks(execute=True):
        job = import_schedule(actor=personas["province"], kind="people", token=token, filename="ds.xlsx")
    # then
    job.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED, job.message
    assert (job.done, job.total) == (2, 2)
    assert job.result["created"] == 2 and job.result["next_url"] == "/admin/org/people/"
    assert job.message == "Đã tạo mới 2, cập nhật 0, giữ nguyên 0 cá nhân."
    assert not upload_path(name=f"{job.pk}.xlsx").exists()


def test_task_fails_the_job_when_the_database_changed_since_the_preview(
    world: Any, personas: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    # given a file that was valid at preview time, then its unit's code changed
    token = upload_stash(data=_xlsx([["An", "Nam", None, None, world.home.code]]))
    job = import_schedule(actor=personas["province"], kind="people", token=token, filename="ds.xlsx")
    code = world.home.code
    OrganisationFactory(code=code + "-B")
    type(world.home).objects.filter(pk=world.home.pk).update(code=code + "-A")
    # when
    assert run_import(job_id=str(job.pk)) == {"status": "failed"}
    # then
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED
    assert f"Dòng 2, cột «Mã đơn vị»: không có đơn vị mã «{code}»." in job.message
    assert job.result["error_count"] == 1 and "next_url" not in job.result
    assert not Person.objects.filter(full_name="An").exists()
    assert not upload_path(name=f"{job.pk}.xlsx").exists()


def test_a_job_claimed_by_another_worker_is_left_alone(world: Any, personas: dict[str, Any]) -> None:
    token = upload_stash(data=_xlsx([["An", "Nam", None, None, world.home.code]]))
    job = import_schedule(actor=personas["province"], kind="people", token=token, filename="ds.xlsx")
    Job.objects.filter(pk=job.pk).update(status=Job.Status.RUNNING)
    assert run_import(job_id=str(job.pk)) == {"status": "skipped"}
    assert upload_path(name=f"{job.pk}.xlsx").exists()
    upload_path(name=f"{job.pk}.xlsx").unlink()


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_progress_is_visible_while_the_rows_are_saved(
    world: Any, personas: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("SQLite has one writer at a time; progress shows when the transaction ends")
    # given an import of 100 rows that, at row 80, looks at the job from another connection
    seen: list[int] = []
    real = people_import.person_create

    def watching(**kwargs: Any) -> Person:
        if kwargs["full_name"] == "Người 80":
            seen.append(_done_seen_by_another_connection())
        return real(**kwargs)

    monkeypatch.setattr(people_import, "person_create", watching)
    token = upload_stash(data=_xlsx([[f"Người {n}", "Nam", None, None, world.home.code] for n in range(100)]))
    # when it is scheduled outside any transaction, so the immediate backend runs it at once
    job = import_schedule(actor=personas["province"], kind="people", token=token, filename="ds.xlsx")
    # then the progress page could see the bar move before the saving transaction ended
    job.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED and job.result["created"] == 100
    assert seen and 50 <= seen[0] <= 80


def _done_seen_by_another_connection() -> int:
    import time
    from concurrent.futures import ThreadPoolExecutor

    from django.db import connection

    def read() -> int:
        try:
            deadline = time.monotonic() + 5
            done = 0
            while time.monotonic() < deadline and done < 50:
                done = Job.objects.get().done
                time.sleep(0.05)
            return done
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(read).result()


def test_both_kinds_of_import_job_run_the_import_task() -> None:
    # The service queues by the job's kind (core.jobs.job_schedule); OrgConfig.ready() names the task.
    from thidua.core import jobs
    from thidua.org.selectors.imports import IMPORT_JOB_KINDS
    from thidua.org.tasks import import_commit

    assert {kind: jobs._runners[kind] for kind in IMPORT_JOB_KINDS.values()} == {
        "org.import.people": import_commit,
        "org.import.units": import_commit,
    }


@pytest.mark.django_db
def test_the_templates_examples_are_real_units() -> None:
    """#17 item 8: the template's example codes named no real unit (UBND-84-847, 29263 beside "Xã Long
    Hữu"). Every code the help texts give with its name must be that unit in the official register."""
    from django.core.management import call_command

    call_command("org_load_units", province=["86"], verbosity=0)
    help_texts = " ".join(str(column.help) for sheet in SHEETS.values() for column in sheet.columns)
    pairs = re.findall(r"(\d{2,5}) ((?:Tỉnh|Huyện|Phường|Xã) [A-ZĐÂ][^,)]*?)(?=[,)])", help_texts)
    assert len(pairs) == 3, pairs
    for code, name in pairs:
        assert AdminUnit.objects.filter(code=code, name=name.replace("\n", " ")).exists(), (code, name)
    assert "ví dụ UBND-29254, Ủy ban nhân dân phường Nguyệt Hóa" in help_texts
