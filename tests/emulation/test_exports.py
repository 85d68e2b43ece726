"""The results workbook, read back with openpyxl: columns, numbers as numbers, metadata, escaping."""

from __future__ import annotations

import dataclasses
import io
from decimal import Decimal
from typing import Any

import openpyxl
import pytest

from tests.emulation.builders import (
    SEED_LABELS,
    build_pact,
    close_period,
    fill_period,
    plain_dashboard,
    ranking_row,
    seed_document,
)
from tests.factories import ProvinceFactory
from thidua.emulation.models import Period
from thidua.emulation.presenters.dashboard import AggregateLine, CriterionInfo, period_dashboard
from thidua.emulation.presenters.exports import (
    NUMBER_FORMAT,
    escape_formula,
    export_filename,
    results_export,
    results_workbook,
)


def _read(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


def _values(sheet: Any) -> list[list[Any]]:
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def test_results_sheet_columns_and_numbers() -> None:
    book = _read(results_workbook(results_export(plain_dashboard())))
    assert book.sheetnames == ["Kết quả", "Thông tin"]
    sheet = book["Kết quả"]
    rows = _values(sheet)
    assert rows[0] == [
        "Hạng",
        "Đơn vị",
        "1.1. Tổng giá trị sản xuất",
        "1.2. Nông thôn mới",
        "Cộng 1. Kinh tế",
        "Điểm thưởng",
        "Điểm trừ",
        "Tổng điểm",
        "Điểm tự chấm",
        "Vi phạm tiêu chí phủ quyết",
    ]
    assert rows[1] == [1, "Huyện Cầu Ngang", 80.5, 50, 130.5, 5, -2, 1133.5, 1140, "Không"]
    assert rows[2][1] == "Huyện Trà Cú"
    assert rows[2][-1] == "Có: V. Vụ việc phức tạp về an ninh, trật tự"
    assert len(rows) == 3
    # Numbers are numbers with the thousands format; the rank an integer.
    assert sheet["H2"].data_type == "n" and sheet["H2"].number_format == NUMBER_FORMAT
    assert sheet["C2"].number_format == NUMBER_FORMAT
    assert sheet["A2"].number_format == "0"
    assert sheet.freeze_panes == "C2"


def test_information_sheet_final_results() -> None:
    rows = _values(_read(results_workbook(results_export(plain_dashboard())))["Thông tin"])
    assert rows[:7] == [
        ["Cụm, khối", "Cụm Thi đua số 1"],
        ["Năm", "2023"],
        ["Kỳ", "Sơ kết 6 tháng"],
        ["Giao ước", "Giao ước thi đua năm 2023"],
        ["Kết quả", "Kết quả chính thức (đã khóa ngày 04/08/2023)"],
        ["Cách tính", "Điểm đã chốt khi khóa kỳ."],
        ["Số đơn vị được tính", "2/3"],
    ]
    flat = [cell for row in rows for cell in row if cell]
    assert "Số liệu tổng hợp" in flat
    assert "Tổng giá trị sản xuất toàn Cụm là 1,00 tỷ đồng" in flat
    assert ["Thị xã Duyên Hải", "Chưa có báo cáo."] in rows
    assert not any("minh họa" in str(cell) for cell in flat)


def test_information_sheet_provisional_and_illustrative() -> None:
    dashboard = plain_dashboard(final=False, closed_on=None, illustrative=True, excluded=())
    rows = _values(_read(results_workbook(results_export(dashboard)))["Thông tin"])
    assert rows[0] == ["Lưu ý", "Số liệu từng đơn vị là số liệu minh họa"]
    assert ["Kết quả", "Kết quả tạm tính"] in rows
    assert not any(row[0] == "Đơn vị chưa được tính" for row in rows)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
        ("-1+1", "'-1+1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tTab", "'\tTab"),
        ("\rCR", "'\rCR"),
        ("Huyện Trà Cú", "Huyện Trà Cú"),
        ("1.1. Tổng", "1.1. Tổng"),
        ("", ""),
    ],
)
def test_escape_formula(text: str, expected: str) -> None:
    assert escape_formula(text) == expected


def test_names_that_look_like_formulas_stay_text() -> None:
    evil = '=HYPERLINK("http://evil.example","Bấm vào")'
    dashboard = plain_dashboard(
        rows=(ranking_row(1, evil, "10"),),
        criteria=(
            CriterionInfo(code="-1", name="@Tiêu chí", method="manual", max_points=Decimal(10), depth=0),
        ),
        group_name="+Cụm",
        aggregates=(AggregateLine("1", "sum_ratio", "=1+1"),),
    )
    book = _read(results_workbook(results_export(dashboard)))
    sheet = book["Kết quả"]
    assert sheet["B2"].value == "'" + evil and sheet["B2"].data_type == "s"
    assert sheet["C1"].value == "'-1. @Tiêu chí"
    info = _values(book["Thông tin"])
    assert ["Cụm, khối", "'+Cụm"] in info
    assert ["'=1+1", None] in info
    # No cell anywhere is a formula.
    for ws in book.worksheets:
        for row in ws.iter_rows():
            assert all(cell.data_type != "f" for cell in row)


def test_filename_is_ascii() -> None:
    assert export_filename(plain_dashboard()) == "ket-qua-cum-thi-dua-so-1-2023-so-ket.xlsx"
    assert export_filename(plain_dashboard(group_name="Khối Đảng, đoàn thể", period_kind="tong_ket")) == (
        "ket-qua-khoi-dang-doan-the-2023-tong-ket.xlsx"
    )


def test_missing_values_are_empty_cells() -> None:
    dashboard = plain_dashboard(
        rows=(dataclasses.replace(ranking_row(1, "A", "1"), points={}, self_total=None),)
    )
    sheet = _read(results_workbook(results_export(dashboard)))["Kết quả"]
    assert _values(sheet)[1] == [1, "A", None, None, None, None, None, 1, None, "Không"]


@pytest.mark.django_db
def test_seed_pact_export_end_to_end() -> None:
    built = build_pact(
        document=seed_document(), province=ProvinceFactory(), labels=SEED_LABELS, illustrative=True
    )
    period = close_period(fill_period(built))
    dashboard = period_dashboard(period=Period.objects.select_related("pact__group").get(pk=period.pk))
    book = _read(results_workbook(results_export(dashboard)))
    rows = _values(book["Kết quả"])
    header = rows[0]
    assert header[2] == "1.1. Tổng giá trị sản xuất so kế hoạch năm"
    # Eight scored leaves (bonus, penalty and the veto have their own columns).
    assert [h.split(".")[0] + "." + h.split(".")[1] for h in header[2:10]] == [
        "1.1",
        "1.2",
        "2.1",
        "2.2",
        "3.1",
        "3.2",
        "4.1",
        "4.2",
    ]
    assert header[14:] == [
        "Điểm thưởng",
        "Điểm trừ",
        "Tổng điểm",
        "Điểm tự chấm",
        "Vi phạm tiêu chí phủ quyết",
    ]
    assert header[10:14] == [
        "Cộng 1. Phát triển kinh tế",
        "Cộng 2. Văn hóa – xã hội",
        "Cộng 3. Cải cách hành chính",
        "Cộng 4. Xây dựng Đảng, chính quyền; công tác thi đua, khen thưởng",
    ]
    first = dict(zip(header, rows[1], strict=True))
    assert first["Đơn vị"] == "Huyện Cầu Ngang"
    assert first["Tổng điểm"] == pytest.approx(776.17)
    assert first["Điểm thưởng"] == 20 and first["Điểm trừ"] == -5
    info = [cell for row in _values(book["Thông tin"]) for cell in row if cell]
    assert "Tổng giá trị sản xuất toàn Cụm là 31.434,47 tỷ đồng, đạt 43,31% so kế hoạch" in info
    assert "Số liệu từng đơn vị là số liệu minh họa" in info
