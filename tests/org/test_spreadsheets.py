"""The Excel layer on its own: template, reader and export, with workbooks built in memory. No database."""

from __future__ import annotations

import datetime as dt
import io
import unicodedata
import zipfile
from typing import Any

import openpyxl
import pytest

from thidua.org import spreadsheets
from thidua.org.models import AdminUnit, Person
from thidua.org.spreadsheets import (
    SHEETS,
    RowError,
    build_export,
    build_template,
    merge_errors,
    read_rows,
)

PEOPLE_HEADER = [c.sheet_header for c in SHEETS["people"].import_columns]
UNITS_HEADER = [c.sheet_header for c in SHEETS["units"].import_columns]
GOOD_PERSON = ["Nguyễn Văn An", "Nam", "15/03/1985", "CS-100", "UBND-1", "Chủ tịch", "01/07/2025"]
GOOD_UNIT = ["84", "Tỉnh Thử", "Tỉnh", "Tỉnh", "", "", ""]


def workbook(header: list[Any] | None, *rows: list[Any]) -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    if header is not None:
        ws.append(header)
    for row in rows:
        ws.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def messages(errors: list[RowError]) -> list[str]:
    return [str(e) for e in errors]


# --- Layout -----------------------------------------------------------------------------------------
def test_layout_matches_the_models() -> None:
    # given the model fields the columns are saved into
    people, units = SHEETS["people"], SHEETS["units"]
    # then lengths and choice values agree, so a row the reader accepts fits the database
    for key, field in [
        ("full_name", "full_name"),
        ("civil_servant_code", "civil_servant_code"),
        ("position", "position"),
    ]:
        assert people.column(key).max_length == Person._meta.get_field(field).max_length
    for key in ["code", "name", "kind"]:
        assert units.column(key).max_length == AdminUnit._meta.get_field(key).max_length
    assert {v for _label, v in people.column("gender").choices} == set(Person.Gender.values)
    assert {v for _label, v in units.column("level").choices} == set(AdminUnit.Level.values)
    assert PEOPLE_HEADER == [
        "Họ và tên*",
        "Giới tính*",
        "Ngày sinh",
        "Mã số công chức, viên chức",
        "Mã đơn vị*",
        "Chức vụ",
        "Giữ chức vụ từ ngày",
    ]
    assert UNITS_HEADER == [
        "Mã*",
        "Tên*",
        "Cấp*",
        "Loại hình*",
        "Mã đơn vị cấp trên",
        "Hiệu lực từ ngày",
        "Hiệu lực đến ngày",
    ]


# --- Template ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("kind", ["people", "units"])
def test_template_has_header_formats_lists_and_instructions(kind: str) -> None:
    wb = openpyxl.load_workbook(io.BytesIO(build_template(kind)))
    data, guide = wb.worksheets
    sheet = SHEETS[kind]
    assert data.title == sheet.title and guide.title == "Hướng dẫn"
    assert [c.value for c in data[1]] == [c.sheet_header for c in sheet.import_columns]
    assert data.max_row == 1
    for index, column in enumerate(sheet.import_columns, start=1):
        letter = openpyxl.utils.get_column_letter(index)
        expected = {"date": "dd/mm/yyyy", "code": "@"}.get(column.type, "General")
        assert data.column_dimensions[letter].number_format == expected, column.header
    lists = {str(dv.sqref): dv.formula1 for dv in data.data_validations.dataValidation}
    if kind == "people":
        assert lists == {"B2:B5001": '"Nam,Nữ"'}
    else:
        assert lists == {"C2:C5001": '"Tỉnh,Huyện,Xã"'}
    guide_text = " ".join(str(c.value) for row in guide.iter_rows() for c in row if c.value)
    assert "Cột có dấu * là bắt buộc" in guide_text
    assert all(c.header in guide_text for c in sheet.import_columns)


def test_filled_template_reads_back() -> None:
    wb = openpyxl.load_workbook(io.BytesIO(build_template("people")))
    wb.worksheets[0].append(GOOD_PERSON)
    buffer = io.BytesIO()
    wb.save(buffer)
    rows, errors = read_rows("people", buffer.getvalue())
    assert errors == []
    assert rows == [
        {
            "row": 2,
            "full_name": "Nguyễn Văn An",
            "gender": "male",
            "date_of_birth": dt.date(1985, 3, 15),
            "civil_servant_code": "CS-100",
            "organisation_code": "UBND-1",
            "position": "Chủ tịch",
            "position_since": dt.date(2025, 7, 1),
        }
    ]


# --- Cells ------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("index", "cell", "expected"),
    [
        (2, dt.datetime(1985, 3, 15), dt.date(1985, 3, 15)),
        (2, dt.date(1985, 3, 15), dt.date(1985, 3, 15)),
        (2, "15/03/1985", dt.date(1985, 3, 15)),
        (2, " 5/3/1985 ", dt.date(1985, 3, 5)),
        (2, "05-03-1985", dt.date(1985, 3, 5)),
        (2, None, None),
        (1, "nữ", "female"),
        (1, "NAM", "male"),
        (1, "female", "female"),
        (3, 12345, "12345"),
        (3, 12345.0, "12345"),
        (0, "  Nguyễn   Thị\tHoà  ", "Nguyễn Thị Hoà"),
        (0, unicodedata.normalize("NFD", "Nguyễn Thị Hoà"), "Nguyễn Thị Hoà"),
        (0, "An\u200b", "An"),
        (5, "'=Trưởng phòng", "=Trưởng phòng"),
        (5, None, ""),
    ],
)
def test_cell_values_are_parsed(index: int, cell: Any, expected: Any) -> None:
    row = list(GOOD_PERSON)
    row[index] = cell
    rows, errors = read_rows("people", workbook(PEOPLE_HEADER, row))
    assert errors == []
    key = SHEETS["people"].import_columns[index].key
    assert rows[0][key] == expected
    if isinstance(expected, str):
        assert unicodedata.is_normalized("NFC", rows[0][key])


@pytest.mark.parametrize(
    ("index", "cell", "message"),
    [
        (2, "31/02/1990", "Dòng 2, cột «Ngày sinh»: «31/02/1990» không phải là ngày hợp lệ (dd/mm/yyyy)."),
        (2, "1990-03-15", "Dòng 2, cột «Ngày sinh»: «1990-03-15» không phải là ngày hợp lệ (dd/mm/yyyy)."),
        (2, "15/03/90", "Dòng 2, cột «Ngày sinh»: «15/03/90» không phải là ngày hợp lệ (dd/mm/yyyy)."),
        (2, 1990, "Dòng 2, cột «Ngày sinh»: «1990» không phải là ngày hợp lệ (dd/mm/yyyy)."),
        (2, "01/01/1800", "Dòng 2, cột «Ngày sinh»: «01/01/1800» có năm ngoài khoảng 1900–2100."),
        (
            1,
            "Nam giới",
            "Dòng 2, cột «Giới tính»: «Nam giới» không phải là giá trị hợp lệ; chọn một trong: Nam, Nữ.",
        ),
        (1, "  ", "Dòng 2, cột «Giới tính»: không được để trống."),
        (0, None, "Dòng 2, cột «Họ và tên»: không được để trống."),
        (
            3,
            "CS 100",
            "Dòng 2, cột «Mã số công chức, viên chức»: «CS 100» có khoảng trắng; mã không được chứa khoảng trắng.",
        ),
        (3, 1.5, "Dòng 2, cột «Mã số công chức, viên chức»: «1.5» không phải là một mã."),
        (0, "A" * 201, "Dòng 2, cột «Họ và tên»: dài 201 ký tự, vượt quá giới hạn 200 ký tự."),
    ],
)
def test_bad_cells_are_reported_by_row_and_column(index: int, cell: Any, message: str) -> None:
    row = list(GOOD_PERSON)
    row[index] = cell
    _rows, errors = read_rows("people", workbook(PEOPLE_HEADER, row))
    assert messages(errors) == [message]


def test_every_error_of_the_file_is_collected_with_excel_row_numbers() -> None:
    # given a file whose rows 2 and 5 are wrong in several cells, with a blank row 4
    bad_date = list(GOOD_PERSON)
    bad_date[2] = "31/02/1990"
    bad_date[1] = "X"
    good = list(GOOD_PERSON)
    no_unit = list(GOOD_PERSON)
    no_unit[4] = None
    no_unit[6] = "32/01/2025"
    data = workbook(PEOPLE_HEADER, bad_date, good, [None] * 7, no_unit)
    # when
    rows, errors = read_rows("people", data)
    # then every problem is listed, in sheet order, and the blank row is skipped but still counted
    assert messages(errors) == [
        "Dòng 2, cột «Giới tính»: «X» không phải là giá trị hợp lệ; chọn một trong: Nam, Nữ.",
        "Dòng 2, cột «Ngày sinh»: «31/02/1990» không phải là ngày hợp lệ (dd/mm/yyyy).",
        "Dòng 5, cột «Mã đơn vị»: không được để trống.",
        "Dòng 5, cột «Giữ chức vụ từ ngày»: «32/01/2025» không phải là ngày hợp lệ (dd/mm/yyyy).",
    ]
    assert [r["row"] for r in rows] == [2, 3, 5]


# --- Header and file --------------------------------------------------------------------------------
def test_header_is_matched_loosely_in_any_order() -> None:
    header = [h.rstrip("*").upper() + "  " for h in reversed(PEOPLE_HEADER)]
    rows, errors = read_rows("people", workbook(header, list(reversed(GOOD_PERSON))))
    assert errors == []
    assert rows[0]["full_name"] == "Nguyễn Văn An"


def test_wrong_header_names_the_missing_and_unknown_columns() -> None:
    header = list(PEOPLE_HEADER)
    header[1] = "Gioi tinh"
    rows, errors = read_rows("people", workbook(header, GOOD_PERSON))
    assert rows == []
    assert messages(errors) == [
        "Dòng 1, cột «Gioi tinh»: cột này không có trong tệp mẫu; hãy kiểm tra lại tiêu đề hoặc xóa cột.",
        "Dòng 1, cột «Giới tính»: thiếu cột này ở dòng tiêu đề. Hãy dùng tệp mẫu và giữ nguyên dòng 1.",
    ]


def test_units_file_is_not_a_people_file() -> None:
    _rows, errors = read_rows("people", workbook(UNITS_HEADER, GOOD_UNIT))
    assert (
        "Dòng 1, cột «Họ và tên»: thiếu cột này ở dòng tiêu đề. Hãy dùng tệp mẫu và giữ nguyên dòng 1."
        in messages(errors)
    )


def _zip_without_workbook() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "xin chào")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "Tệp rỗng: không có nội dung nào."),
        (b"Ho va ten;Gioi tinh\nAn;Nam\n", "Tệp không phải là tệp Excel .xlsx hợp lệ. Hãy dùng tệp mẫu."),
        (_zip_without_workbook(), "Tệp không phải là tệp Excel .xlsx hợp lệ. Hãy dùng tệp mẫu."),
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512,
            "Tệp không phải là tệp Excel .xlsx (có thể là tệp .xls",
        ),
        (workbook(None), "Không tìm thấy dòng tiêu đề ở dòng 1."),
        (workbook(PEOPLE_HEADER), "Tệp không có dòng dữ liệu nào (chỉ có dòng tiêu đề)."),
        (
            workbook(PEOPLE_HEADER, [None] * 7, ["", " "]),
            "Tệp không có dòng dữ liệu nào (chỉ có dòng tiêu đề).",
        ),
    ],
)
def test_unreadable_files_are_refused_with_one_message(data: bytes, message: str) -> None:
    rows, errors = read_rows("people", data)
    assert rows == []
    assert len(errors) == 1 and errors[0].row is None
    assert str(errors[0]).startswith(message)


def test_too_many_rows(monkeypatch: pytest.MonkeyPatch) -> None:
    # given a limit of 3 rows (the real limit is 5,000; the rule is the same)
    monkeypatch.setattr(spreadsheets, "MAX_ROWS", 3)
    assert read_rows("people", workbook(PEOPLE_HEADER, *[GOOD_PERSON] * 3))[1] == []
    rows, errors = read_rows("people", workbook(PEOPLE_HEADER, *[GOOD_PERSON] * 4))
    assert rows == []
    assert messages(errors) == ["Tệp có hơn 3 dòng dữ liệu. Hãy chia thành nhiều tệp, mỗi tệp tối đa 3 dòng."]


def test_zip_bomb_is_refused_unread(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(spreadsheets, "MAX_UNPACKED_BYTES", 1000)
    _rows, errors = read_rows("people", workbook(PEOPLE_HEADER, GOOD_PERSON))
    assert messages(errors) == ["Tệp quá lớn. Hãy chia thành nhiều tệp nhỏ hơn."]


def test_the_data_sheet_is_found_by_name() -> None:
    wb = openpyxl.Workbook()
    wb.active.title = "Ghi chú"
    ws = wb.create_sheet("Cá nhân")
    ws.append(PEOPLE_HEADER)
    ws.append(GOOD_PERSON)
    buffer = io.BytesIO()
    wb.save(buffer)
    rows, errors = read_rows("people", buffer.getvalue())
    assert errors == [] and len(rows) == 1


# --- Unit codes that Excel stored as numbers ---------------------------------------------------------
@pytest.mark.parametrize(
    ("code", "level", "parent", "expected_code", "expected_parent", "error"),
    [
        (1, "Tỉnh", None, "01", "", None),
        (1, "Huyện", 1, "001", "01", None),
        (4, "Xã", 847, "00004", "847", None),
        ("00004", "Xã", "84", "00004", "84", None),
        (4, "Xã", 84, "00004", "", "«84» được lưu dạng số nên Excel có thể đã bỏ chữ số 0 ở đầu."),
    ],
)
def test_unit_codes_get_their_leading_zeros_back(
    code: Any, level: str, parent: Any, expected_code: str, expected_parent: str, error: str | None
) -> None:
    rows, errors = read_rows("units", workbook(UNITS_HEADER, [code, "Tên", level, "Xã", parent, None, None]))
    assert (rows[0]["code"], rows[0]["parent_code"]) == (expected_code, expected_parent)
    if error is None:
        assert errors == []
    else:
        assert len(errors) == 1 and errors[0].column == "Mã đơn vị cấp trên" and error in errors[0].message


def test_unit_code_must_be_digits() -> None:
    _rows, errors = read_rows("units", workbook(UNITS_HEADER, ["84A", "Tên", "Tỉnh", "Tỉnh"]))
    assert messages(errors) == ["Dòng 2, cột «Mã»: «84A» không hợp lệ; mã này chỉ được gồm chữ số."]


# --- Export -----------------------------------------------------------------------------------------
PERSON_ROW = {
    "full_name": "Nguyễn Văn An",
    "gender": "female",
    "date_of_birth": dt.date(1985, 3, 15),
    "civil_servant_code": "007",
    "organisation_code": "UBND-1",
    "position": "Chủ tịch",
    "position_since": None,
    "organisation_name": "Ủy ban nhân dân xã Một",
}


@pytest.mark.parametrize(
    "dangerous",
    [
        '=HYPERLINK("http://x","Bấm")',
        "+1+1",
        "-2+3",
        "@SUM(A1)",
        "\t=1",
        "\r=1",
        "=cmd|' /C calc'!A0",
        " =1+1",
        "\n=1",
    ],
)
def test_export_never_writes_a_formula(dangerous: str) -> None:
    # given a name that a spreadsheet would run as a formula
    data = build_export("people", [{**PERSON_ROW, "full_name": dangerous, "position": dangerous}])
    # then the cells are text, marked with an apostrophe, and no cell is a formula
    ws = openpyxl.load_workbook(io.BytesIO(data)).worksheets[0]
    cells = [c for row in ws.iter_rows() for c in row]
    assert all(c.data_type != "f" for c in cells)
    assert ws["A2"].value.startswith("'") and ws["A2"].data_type == "s" and ws["A2"].quotePrefix
    # and importing the file again gives back the original value
    rows, errors = read_rows("people", data)
    assert errors == []
    assert rows[0]["full_name"] == " ".join(dangerous.split())


def test_export_writes_dates_labels_and_text_codes() -> None:
    data = build_export("people", [PERSON_ROW])
    ws = openpyxl.load_workbook(io.BytesIO(data)).worksheets[0]
    assert [c.value for c in ws[1]] == [*PEOPLE_HEADER, "Tên đơn vị"]
    assert ws["B2"].value == "Nữ"
    assert ws["C2"].value == dt.datetime(1985, 3, 15) and ws["C2"].number_format == "dd/mm/yyyy"
    assert ws["D2"].value == "007" and ws["D2"].data_type == "s"
    assert ws["G2"].value is None
    assert ws["H2"].value == "Ủy ban nhân dân xã Một"


def test_export_reads_back_as_an_import() -> None:
    rows, errors = read_rows("people", build_export("people", [PERSON_ROW]))
    assert errors == []
    expected = {k: v for k, v in PERSON_ROW.items() if k != "organisation_name"}
    assert rows == [{"row": 2, **expected}]


def test_export_leaves_out_omitted_columns() -> None:
    data = build_export("people", [PERSON_ROW], omit={"date_of_birth", "civil_servant_code"})
    ws = openpyxl.load_workbook(io.BytesIO(data)).worksheets[0]
    header = [c.value for c in ws[1]]
    assert "Ngày sinh" not in header and "Mã số công chức, viên chức" not in header
    assert "1985" not in str([c.value for row in ws.iter_rows() for c in row])


def test_merge_errors_keeps_one_check_per_cell() -> None:
    first = [RowError(3, "Giới tính", "«X» không phải là giá trị hợp lệ")]
    second = [RowError(3, "Giới tính", "không được để trống."), RowError(2, "Mã đơn vị", "không có đơn vị")]
    assert merge_errors(first, second) == [second[1], first[0]]


def _with_declared_range(data: bytes, ref: str) -> bytes:
    """The same workbook with its first sheet's <dimension> rewritten, as some tools write it stale."""
    source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                start = content.index(b"<dimension ")
                end = content.index(b"/>", start) + 2
                content = content[:start] + f'<dimension ref="{ref}"/>'.encode() + content[end:]
            target.writestr(info, content)
    return out.getvalue()


def test_a_stale_declared_range_loses_no_row_or_column() -> None:
    # openpyxl's read-only mode stops at the declared range: 5 rows and 2 columns here, of 13 and all.
    people = [[f"Nguyễn Văn {n}", *GOOD_PERSON[1:]] for n in range(12)]
    data = _with_declared_range(workbook(PEOPLE_HEADER, *people), "A1:B5")
    rows, errors = read_rows("people", data)
    assert errors == []
    assert [row["full_name"] for row in rows] == [person[0] for person in people]
    assert rows[0]["row"] == 2 and rows[-1]["row"] == 13
    assert spreadsheets.data_rows_over("people", data, 11) is True
