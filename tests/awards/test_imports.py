"""The awards registry's Excel imports: template, dry run errors by row and column, all or nothing,
idempotence, scope, query counts. The screens and the job are in test_import_views.py."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import openpyxl
import pytest

from tests.awards.builders import decision
from tests.factories import OrganisationFactory, PersonFactory
from thidua.awards.models import AwardDecision, AwardRecipient, TaskRating
from thidua.awards.services.imports import import_award_decisions, import_ratings
from thidua.awards.spreadsheets import DECISIONS, RATINGS
from thidua.core.models import AuditEvent
from thidua.org.spreadsheets import build_template, read_rows

pytestmark = pytest.mark.django_db

DECISION_HEADER = [c.sheet_header for c in DECISIONS.import_columns]
RATING_HEADER = [c.sheet_header for c in RATINGS.import_columns]
CSTD = "Chiến sĩ thi đua cơ sở"
TAP_THE = "Tập thể lao động xuất sắc"


def _xlsx(header: list[str], *rows: list[Any]) -> bytes:
    wb = openpyxl.Workbook()
    wb.active.append(header)
    for row in rows:
        wb.active.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _row(number: str = "15/QĐ-UBND", **cells: Any) -> list[Any]:
    values = {
        "number": number,
        "signed_on": "20/01/2025",
        "issuer_code": "SO-NV",
        "signer_name": "Nguyễn Văn Ký",
        "signer_title": "Chủ tịch",
        "summary": "",
        "award": CSTD,
        "period_from": 2024,
        "period_to": 2024,
        "civil_servant_code": "CS-1",
        "organisation_code": None,
    }
    values.update(cells)
    return [values[c.key] for c in DECISIONS.import_columns]


def _decisions(actor: Any, *rows: list[Any], dry_run: bool = False) -> Any:
    parsed, errors = read_rows("award_decisions", _xlsx(DECISION_HEADER, *rows))
    assert errors == [], errors
    return import_award_decisions(actor=actor, rows=parsed, dry_run=dry_run)


def _ratings(actor: Any, *rows: list[Any], dry_run: bool = False) -> Any:
    parsed, errors = read_rows("ratings", _xlsx(RATING_HEADER, *rows))
    assert errors == [], errors
    return import_ratings(actor=actor, rows=parsed, dry_run=dry_run)


def _errors(report: Any) -> list[tuple[int | None, str | None, str]]:
    return [(e.row, e.column, e.message) for e in report.errors]


@pytest.fixture
def office(world: Any) -> Any:
    world.office.code = "SO-NV"
    world.office.save()
    return world.office


# --- Template ----------------------------------------------------------------------------------------
def test_the_decisions_template_has_vietnamese_headers_and_drop_downs() -> None:
    wb = openpyxl.load_workbook(io.BytesIO(build_template("award_decisions")))
    ws = wb.worksheets[0]
    assert ws.title == "Quyết định khen thưởng"
    headers = [c.value for c in ws[1]]
    assert headers[:3] == ["Số quyết định*", "Ngày ký*", "Mã cơ quan ban hành*"]
    assert "Hình thức, danh hiệu*" in headers and "Mã số công chức, viên chức" in headers
    (validation,) = ws.data_validations.dataValidation
    # Twelve titles do not fit Excel's 255-character inline list: they are on a hidden sheet.
    lists = wb["Danh mục"]
    assert lists.sheet_state == "hidden"
    assert validation.formula1 == "'Danh mục'!$A$1:$A$12"
    assert [lists.cell(row=i, column=1).value for i in (1, 12)] == ["Lao động tiên tiến", "Giấy khen"]
    assert "Hướng dẫn" in wb.sheetnames


def test_the_ratings_template_lists_the_four_ratings_inline() -> None:
    ws = openpyxl.load_workbook(io.BytesIO(build_template("ratings"))).worksheets[0]
    (validation,) = ws.data_validations.dataValidation
    assert validation.formula1 == (
        '"Hoàn thành xuất sắc nhiệm vụ,Hoàn thành tốt nhiệm vụ,Hoàn thành nhiệm vụ,Không hoàn thành nhiệm vụ"'
    )
    assert [c.value for c in ws[1]] == ["Mã số công chức, viên chức", "Mã tập thể", "Năm*", "Xếp loại*"]


def test_codes_are_read_as_well_as_names() -> None:
    rows, errors = read_rows(
        "ratings",
        _xlsx(RATING_HEADER, ["CS-1", None, 2024, "htxs"], ["CS-2", None, "2023", "Hoàn thành tốt nhiệm vụ"]),
    )
    assert errors == []
    assert [(r["year"], r["rating"]) for r in rows] == [(2024, "htxs"), (2023, "htt")]


# --- Dry run: errors by row and column ---------------------------------------------------------------
def test_a_good_file_is_previewed_then_saved_with_audit_rows(
    world: Any, personas: dict[str, Any], office: Any
) -> None:
    rows = [
        _row(),
        _row(civil_servant_code="CS-2"),
        _row("16/QĐ-UBND", award=TAP_THE, civil_servant_code=None, organisation_code=world.home.code),
    ]
    preview = _decisions(personas["province"], *rows, dry_run=True)
    assert preview.ok and (preview.created, preview.unchanged) == (3, 0)
    assert not AwardDecision.objects.exists()
    report = _decisions(personas["province"], *rows)
    assert report.committed
    first = AwardDecision.objects.get(number="15/QĐ-UBND")
    assert (first.issuer, first.signed_on, first.award, first.signer_name) == (
        office,
        dt.date(2025, 1, 20),
        "chien_si_thi_dua_co_so",
        "Nguyễn Văn Ký",
    )
    assert {r.person.civil_servant_code for r in first.recipients.all()} == {"CS-1", "CS-2"}
    assert AwardRecipient.objects.get(decision__number="16/QĐ-UBND").organisation == world.home
    audits = AuditEvent.objects.filter(action="awards.decision.create")
    assert audits.count() == 2 and {a.reason for a in audits} == {"Nhập từ Excel"}
    assert sorted(audits.get(target_id=str(first.pk)).changes["recipients"][1]) == [
        "Lê Văn Nhà",
        "Trần Thị Khác",
    ]


@pytest.mark.parametrize(
    ("cells", "column", "message"),
    [
        ({"issuer_code": "KHONG-CO"}, "Mã cơ quan ban hành", "không có cơ quan, đơn vị mã «KHONG-CO»"),
        ({"civil_servant_code": "CS-X"}, "Mã số công chức, viên chức", "không có cá nhân mã số «CS-X»"),
        (
            {"civil_servant_code": None, "organisation_code": "ORG-X"},
            "Mã tập thể",
            "không có cơ quan, đơn vị mã «ORG-X»",
        ),
        ({"civil_servant_code": None}, "Mã số công chức, viên chức", "hãy ghi mã số công chức"),
        ({"period_from": 2024, "period_to": 2023}, "Thành tích đến năm", "không thể trước năm bắt đầu"),
        ({"signed_on": "10/12/2023"}, "Ngày ký", "trước khi thời gian đạt thành tích bắt đầu"),
        ({"award": TAP_THE}, "Mã số công chức, viên chức", "chỉ tặng cho tập thể"),
    ],
)
def test_each_bad_decision_row_is_named_by_row_and_column_and_nothing_is_saved(
    world: Any, personas: dict[str, Any], office: Any, cells: dict[str, Any], column: str, message: str
) -> None:
    report = _decisions(personas["province"], _row(civil_servant_code="CS-2"), _row("99/QĐ-UBND", **cells))
    assert not report.committed
    assert [(e.row, e.column) for e in report.errors] == [(3, column)], _errors(report)
    assert message in report.errors[0].message
    assert (
        not AwardDecision.objects.exists()
        and not AuditEvent.objects.filter(action__startswith="awards").exists()
    )


def test_cells_the_reader_refuses_name_row_and_column() -> None:
    data = _xlsx(RATING_HEADER, ["CS-1", None, 2024, "xuất sắc"], ["CS-1", None, "năm ngoái", "ht"])
    _rows, errors = read_rows("ratings", data)
    assert [(e.row, e.column) for e in errors] == [(2, "Xếp loại"), (3, "Năm")]
    assert "chọn một trong: Hoàn thành xuất sắc nhiệm vụ" in errors[0].message


def test_a_dissolved_collective_is_refused_on_import_too(
    world: Any, personas: dict[str, Any], office: Any
) -> None:
    gone = OrganisationFactory(
        code="UBND-CU", name="Ủy ban nhân dân xã Cũ", dissolved_on=dt.date(2025, 6, 30)
    )
    report = _decisions(
        personas["province"],
        _row(award=TAP_THE, signed_on="01/07/2025", civil_servant_code=None, organisation_code=gone.code),
    )
    assert [(e.row, e.column) for e in report.errors] == [(2, "Mã tập thể")]
    assert "Thông tư 15/2025/TT-BNV" in report.errors[0].message


def test_rows_of_one_decision_must_agree(world: Any, personas: dict[str, Any], office: Any) -> None:
    report = _decisions(personas["province"], _row(), _row(civil_servant_code="CS-2", signed_on="21/01/2025"))
    assert [(e.row, e.column) for e in report.errors] == [(3, "Ngày ký")]
    assert "khác với dòng 2 của cùng quyết định số 15/QĐ-UBND" in report.errors[0].message


def test_one_late_bad_row_saves_nothing(world: Any, personas: dict[str, Any], office: Any) -> None:
    rows = [_row(f"{n}/QĐ-UBND") for n in range(1, 30)] + [_row("99/QĐ-UBND", civil_servant_code="CS-X")]
    report = _decisions(personas["province"], *rows)
    assert len(report.errors) == 1 and report.errors[0].row == 31
    assert not AwardDecision.objects.exists() and not AwardRecipient.objects.exists()


# --- Idempotence and conflicts -----------------------------------------------------------------------
def test_importing_the_same_file_twice_creates_nothing(
    world: Any, personas: dict[str, Any], office: Any
) -> None:
    rows = [_row(), _row(civil_servant_code="CS-2"), _row("16/QĐ-UBND", civil_servant_code="CS-2")]
    assert _decisions(personas["province"], *rows).committed
    counts = (AwardDecision.objects.count(), AwardRecipient.objects.count(), AuditEvent.objects.count())
    again = _decisions(personas["province"], *rows)
    assert again.committed and (again.created, again.unchanged) == (0, 3)
    assert (
        AwardDecision.objects.count(),
        AwardRecipient.objects.count(),
        AuditEvent.objects.count(),
    ) == counts


def test_a_new_recipient_joins_a_stored_decision(world: Any, personas: dict[str, Any], office: Any) -> None:
    stored = decision(
        personas["province"], issuer=office, signed_on=dt.date(2025, 1, 20), people=[world.home_person]
    )
    report = _decisions(personas["province"], _row(), _row(civil_servant_code="CS-2"))
    assert report.committed and (report.created, report.unchanged) == (1, 1)
    assert stored.recipients.count() == 2 and AwardDecision.objects.count() == 1
    assert AuditEvent.objects.filter(
        action="awards.decision.recipient_add", target_id=str(stored.pk)
    ).exists()


@pytest.mark.parametrize(
    ("cells", "column"),
    [({"signed_on": "21/01/2025"}, "Ngày ký"), ({"award": "Lao động tiên tiến"}, "Hình thức, danh hiệu")],
)
def test_a_row_that_disagrees_with_the_stored_decision_is_an_error(
    world: Any, personas: dict[str, Any], office: Any, cells: dict[str, Any], column: str
) -> None:
    decision(personas["province"], issuer=office, signed_on=dt.date(2025, 1, 20), people=[world.home_person])
    report = _decisions(personas["province"], _row(civil_servant_code="CS-2", **cells))
    assert [(e.row, e.column) for e in report.errors] == [(2, column)]
    assert "đã có trong sổ" in report.errors[0].message and "không ghi đè" in report.errors[0].message
    assert AwardRecipient.objects.count() == 1


# --- Ratings -----------------------------------------------------------------------------------------
def test_ratings_import_then_again_unchanged_and_a_conflict(world: Any, personas: dict[str, Any]) -> None:
    rows = [["CS-1", None, 2024, "htxs"], [None, world.home.code, 2024, "Hoàn thành tốt nhiệm vụ"]]
    report = _ratings(personas["province"], *rows)
    assert report.committed and report.created == 2
    assert TaskRating.objects.get(person=world.home_person).rating == "htxs"
    assert AuditEvent.objects.filter(action="awards.rating.set").count() == 2
    again = _ratings(personas["province"], *rows)
    assert (again.created, again.unchanged) == (0, 2) and TaskRating.objects.count() == 2
    conflict = _ratings(personas["province"], ["CS-1", None, 2024, "ht"])
    assert [(e.row, e.column) for e in conflict.errors] == [(2, "Xếp loại")]
    assert "đã có xếp loại năm 2024 là «Hoàn thành xuất sắc nhiệm vụ»" in conflict.errors[0].message


def test_ratings_bad_rows(world: Any, personas: dict[str, Any]) -> None:
    report = _ratings(
        personas["province"],
        ["CS-1", None, 2024, "htxs"],
        ["CS-1", None, 2024, "htt"],
        ["CS-X", None, 2024, "ht"],
        ["CS-2", None, 1900, "ht"],
    )
    assert [(e.row, e.column) for e in report.errors] == [
        (3, "Mã số công chức, viên chức"),
        (4, "Mã số công chức, viên chức"),
        (5, "Năm"),
    ]
    assert "đã có xếp loại năm 2024 ở dòng 2" in report.errors[0].message
    assert not TaskRating.objects.exists()


def test_a_unit_officer_imports_ratings_of_the_own_people_only(world: Any, personas: dict[str, Any]) -> None:
    member = personas["member"]  # works at "other"
    report = _ratings(
        member,
        ["CS-2", None, 2024, "htxs"],
        ["CS-1", None, 2024, "htt"],
        [None, world.other.code, 2024, "ht"],
    )
    assert [(e.row, e.column) for e in report.errors] == [
        (3, "Mã số công chức, viên chức"),
        (4, "Mã tập thể"),
    ]
    # The person outside the unit is not named.
    assert world.home_person.full_name not in report.errors[0].message
    ok = _ratings(member, ["CS-2", None, 2024, "htxs"])
    assert ok.committed and TaskRating.objects.get().person == world.other_person


@pytest.mark.parametrize("persona", ["head", "member", "council", "editor", "outsider"])
def test_only_the_province_and_the_administrator_import_decisions(
    world: Any, personas: dict[str, Any], persona: str
) -> None:
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        import_award_decisions(actor=personas[persona], rows=[], dry_run=True)


@pytest.mark.parametrize("persona", ["council", "editor", "chief", "outsider"])
def test_ratings_import_is_refused_to_roles_that_keep_no_records(
    world: Any, personas: dict[str, Any], persona: str
) -> None:
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        import_ratings(actor=personas[persona], rows=[], dry_run=True)


# --- Queries do not grow with rows -------------------------------------------------------------------
@pytest.mark.parametrize("size", [5, 60])
def test_planning_and_saving_take_the_same_queries_whatever_the_rows(
    world: Any, personas: dict[str, Any], office: Any, django_assert_max_num_queries: Any, size: int
) -> None:
    people = [PersonFactory(organisation=world.home, civil_servant_code=f"Q-{n}") for n in range(size)]
    rows = [_row(f"{n % 7}/QĐ", civil_servant_code=p.civil_servant_code) for n, p in enumerate(people)]
    parsed, _e = read_rows("award_decisions", _xlsx(DECISION_HEADER, *rows))
    rating_rows, _e = read_rows(
        "ratings", _xlsx(RATING_HEADER, *[[p.civil_servant_code, None, 2024, "ht"] for p in people])
    )
    actor = personas["province"]
    with django_assert_max_num_queries(20):
        assert import_award_decisions(actor=actor, rows=parsed, dry_run=False).committed
    with django_assert_max_num_queries(20):
        assert import_ratings(actor=actor, rows=rating_rows, dry_run=False).committed
    with django_assert_max_num_queries(12):
        assert import_award_decisions(actor=actor, rows=parsed, dry_run=True).unchanged == size
