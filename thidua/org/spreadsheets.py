"""Excel sheets for importing and exporting registry data: pure, no ORM.

The column layout of each sheet is data (SHEETS for people and units; other apps add theirs with
sheet_register(), as the awards registry does from its AppConfig.ready()); the same layout drives the
template, the reader and the export, so the three cannot drift apart. read_rows() turns an uploaded .xlsx into plain dicts
and collects every problem it finds, each naming the row as Excel shows it and the column's header,
so an officer can fix a file in one pass instead of one error per upload. Checks that need the
database (unknown codes, scope, duplicates against saved records) are in thidua.org.services.imports.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import unicodedata
import warnings
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any, Literal

import openpyxl
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from thidua.core.formatting import nfc, vn_number
from thidua.core.spreadsheet_safety import escape_formula, unescape_formula
from thidua.core.uploads import zip_refusal

Kind = Literal["people", "units"]
ColumnType = Literal["text", "date", "code", "choice", "year"]

# The defaults of a sheet's caps (Sheet.max_rows, Sheet.max_unpacked_bytes); read when a file is read,
# so a sheet that sets no cap of its own follows them.
MAX_ROWS = 5000
# An .xlsx is a zip archive; a small upload can unpack to gigabytes (a "zip bomb"). A 5,000-row
# sheet of this layout unpacks to a few megabytes, so anything far larger is refused unread.
MAX_UNPACKED_BYTES = 64 * 1024 * 1024
# Excel keeps a list validation written inline only up to 255 characters; longer lists (the award
# titles) are written on a hidden sheet the validation points at.
_INLINE_LIST_MAX = 255
# The last column of a file of failed rows (build_failed_rows). The reader ignores it, so the officer
# corrects that file and uploads it as it is.
ERRORS_HEADER = "Lỗi cần sửa"
DATE_FORMAT = "dd/mm/yyyy"
TEXT_FORMAT = "@"
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\ufeff\u00ad"))
_DATE_TEXT = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")
_OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    required: bool = False
    type: ColumnType = "text"
    # (label written in the sheet, value stored) for choice columns.
    choices: tuple[tuple[str, str], ...] = ()
    max_length: int | None = None
    digits_only: bool = False
    # Date of birth and civil-servant code: exported only to those who may see them.
    personal: bool = False
    # Written by the export for people to read (a unit's name next to its code), ignored on import.
    export_only: bool = False
    help: str | Promise = ""
    width: int = 20

    @property
    def sheet_header(self) -> str:
        """The header as written in the sheet: required columns carry a star."""
        return f"{self.header}*" if self.required else self.header

    def label_for(self, value: str) -> str:
        return next((label for label, stored in self.choices if stored == value), value)


@dataclass(frozen=True)
class Sheet:
    kind: str
    title: str | Promise
    noun: str | Promise
    columns: tuple[Column, ...]
    # None: the module's MAX_ROWS / MAX_UNPACKED_BYTES. The awards registry's history files are larger.
    max_rows: int | None = None
    max_unpacked_bytes: int | None = None
    # Called on each parsed row with (sheet, row, keys of the cells typed as numbers, errors): a sheet's
    # own repairs (the units' leading zeros).
    post_row: Callable[[Sheet, dict[str, Any], set[str], list[RowError]], None] | None = None

    @property
    def row_cap(self) -> int:
        return self.max_rows if self.max_rows is not None else MAX_ROWS

    @property
    def unpacked_cap(self) -> int:
        return self.max_unpacked_bytes if self.max_unpacked_bytes is not None else MAX_UNPACKED_BYTES

    @property
    def import_columns(self) -> tuple[Column, ...]:
        return tuple(c for c in self.columns if not c.export_only)

    def column(self, key: str) -> Column:
        return next(c for c in self.columns if c.key == key)


# Stored values are the model's choice values (Person.Gender, AdminUnit.Level); the labels are short
# because Excel's list validation separates items by commas, so the models' long labels do not fit.
# The labels, like the column headers below, are not translated: read_rows() recognises them by their
# text, so a file filled in one language must import in the other (docs/i18n.md, "What not to wrap").
GENDER_CHOICES = (("Nam", "male"), ("Nữ", "female"))
LEVEL_CHOICES = (("Tỉnh", "province"), ("Huyện", "district"), ("Xã", "commune"))
# Official codes have a fixed number of digits per level (Quyết định 124/2004/QĐ-TTg).
LEVEL_CODE_DIGITS = {"province": 2, "district": 3, "commune": 5}

# fmt: off
SHEETS: dict[str, Sheet] = {
    "people": Sheet(
        kind="people",
        title=gettext_lazy("Cá nhân"),
        noun=gettext_lazy("cá nhân"),
        columns=(
            Column("full_name", "Họ và tên", required=True, max_length=200, width=28,
                   help=gettext_lazy("Họ, chữ đệm và tên, viết có dấu. Ví dụ: Nguyễn Thị Hoà.")),
            Column("gender", "Giới tính", required=True, type="choice", choices=GENDER_CHOICES, width=10,
                   help=gettext_lazy("Chọn Nam hoặc Nữ.")),
            Column("date_of_birth", "Ngày sinh", type="date", personal=True, width=13,
                   help=gettext_lazy("Ngày/tháng/năm, ví dụ 15/03/1985. Có thể để trống.")),
            Column("civil_servant_code", "Mã số công chức, viên chức", type="code", max_length=30,
                   personal=True, width=18,
                   help=gettext_lazy("Nếu có. Không được trùng với người khác. Nếu mã đã có trong hệ thống, dòng này "
                   "cập nhật người đó thay vì tạo người mới.")),
            Column("organisation_code", "Mã đơn vị", required=True, type="code", max_length=40, width=18,
                   help=gettext_lazy("Mã của cơ quan, đơn vị nơi cá nhân công tác, như trong danh mục Cơ quan, đơn vị "
                   "(ví dụ UBND-29254, Ủy ban nhân dân phường Nguyệt Hóa).")),
            Column("position", "Chức vụ", max_length=200, width=24,
                   help=gettext_lazy("Chức vụ hiện tại, ví dụ Phó Chủ tịch UBND xã. Có thể để trống.")),
            Column("position_since", "Giữ chức vụ từ ngày", type="date", width=13,
                   help=gettext_lazy("Ngày bắt đầu giữ chức vụ trên, ví dụ 01/07/2025. Để trống thì lấy ngày nhập.")),
            Column("organisation_name", "Tên đơn vị", export_only=True, width=36),
        ),
    ),
    "units": Sheet(
        kind="units",
        title=gettext_lazy("Đơn vị hành chính"),
        noun=gettext_lazy("đơn vị hành chính"),
        columns=(
            Column("code", "Mã", required=True, type="code", max_length=10, digits_only=True, width=10,
                   help=gettext_lazy("Mã đơn vị hành chính theo danh mục của Nhà nước, chỉ gồm chữ số: 2 chữ số cho "
                   "tỉnh, 3 cho huyện, 5 cho xã (ví dụ 86 Tỉnh Vĩnh Long, 847 Huyện Châu Thành, 29254 Phường "
                   "Nguyệt Hóa).")),
            Column("name", "Tên", required=True, max_length=200, width=30,
                   help=gettext_lazy("Tên đầy đủ, ví dụ Phường Nguyệt Hóa.")),
            Column("level", "Cấp", required=True, type="choice", choices=LEVEL_CHOICES, width=8,
                   help=gettext_lazy("Chọn Tỉnh, Huyện hoặc Xã (xã gồm cả phường, thị trấn, đặc khu).")),
            Column("kind", "Loại hình", required=True, max_length=40, width=14,
                   help=gettext_lazy("Tỉnh, Thành phố, Huyện, Quận, Thị xã, Xã, Phường, Thị trấn, Đặc khu…")),
            Column("parent_code", "Mã đơn vị cấp trên", type="code", max_length=10, digits_only=True,
                   width=14,
                   help=gettext_lazy("Bỏ trống với cấp tỉnh. Huyện thuộc tỉnh; xã thuộc tỉnh (từ 01/07/2025) hoặc "
                   "huyện (trước đó). Đơn vị cấp trên có thể là một dòng khác của cùng tệp.")),
            Column("valid_from", "Hiệu lực từ ngày", type="date", width=13,
                   help=gettext_lazy("Ngày đơn vị bắt đầu tồn tại, ví dụ 01/07/2025. Có thể để trống.")),
            Column("valid_until", "Hiệu lực đến ngày", type="date", width=13,
                   help=gettext_lazy("Ngày cuối cùng đơn vị còn tồn tại. Để trống nếu đơn vị vẫn còn.")),
            Column("parent_name", "Tên đơn vị cấp trên", export_only=True, width=30),
        ),
    ),
}
# fmt: on

_TYPE_WORDS = {
    "text": gettext_lazy("Văn bản"),
    "date": gettext_lazy("Ngày (dd/mm/yyyy)"),
    "code": gettext_lazy("Mã"),
    "choice": gettext_lazy("Chọn từ danh sách"),
    "year": gettext_lazy("Năm (4 chữ số)"),
}


@dataclass(frozen=True)
class RowError:
    """One problem in a file. row is the row number Excel shows (the header is row 1); a problem with
    the file as a whole has neither row nor column."""

    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        if self.row is None:
            return self.message
        if self.column is None:
            return _("Dòng %(row)s: %(message)s") % {"row": self.row, "message": self.message}
        return _("Dòng %(row)s, cột «%(column)s»: %(message)s") % {
            "row": self.row,
            "column": self.column,
            "message": self.message,
        }

    def as_dict(self) -> dict[str, Any]:
        return {"row": self.row, "column": self.column, "message": self.message, "text": str(self)}


def merge_errors(*groups: Iterable[RowError]) -> list[RowError]:
    """Errors of several checks in row order, keeping for each cell only the errors of the first check
    that found any: a cell the reader could not parse is not also reported as empty by the next one."""
    merged: list[RowError] = []
    for group in groups:
        seen = {(e.row, e.column) for e in merged}
        merged.extend(e for e in group if (e.row, e.column) not in seen)
    return sorted(merged, key=lambda e: (e.row is not None, e.row or 0))


# Sheets of other apps (sheet_register); kept apart from SHEETS, which lists org's own.
_REGISTERED: dict[str, Sheet] = {}


def sheet_register(sheet: Sheet) -> None:
    """Add an app's sheet layout; called from its AppConfig.ready(), since org may not import the app."""
    if sheet.kind in SHEETS:
        raise ValueError(f"sheet kind {sheet.kind!r} is org's own")
    _REGISTERED[sheet.kind] = sheet


def get_sheet(kind: str) -> Sheet:
    sheet = SHEETS.get(kind) or _REGISTERED.get(kind)
    if sheet is None:
        raise ValueError(f"unknown sheet kind: {kind!r}")
    return sheet


# ---------------------------------------------------------------------------------------------------
# Template


_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_REQUIRED_FILL = PatternFill("solid", fgColor="FCE4D6")


def build_template(kind: str) -> bytes:
    """An empty sheet with the header row, date and code columns formatted, drop-down lists for choice
    columns, and a second sheet that explains every column in Vietnamese."""
    sheet = get_sheet(kind)
    columns = sheet.import_columns
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = str(sheet.title)
    last_row = sheet.row_cap + 1
    lists = None
    for index, column in enumerate(columns, start=1):
        letter = get_column_letter(index)
        cell = ws.cell(row=1, column=index, value=column.sheet_header)
        cell.font = _HEADER_FONT
        cell.fill = _REQUIRED_FILL if column.required else _HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        dimension = ws.column_dimensions[letter]
        dimension.width = column.width
        # Column styles apply to every cell the officer types into. Code columns are text so that Excel
        # keeps leading zeros (unit code 01 is Hà Nội, not 1).
        if column.type == "date":
            dimension.number_format = DATE_FORMAT
        elif column.type == "code":
            dimension.number_format = TEXT_FORMAT
        if column.type == "choice":
            labels = ",".join(label for label, _value in column.choices)
            formula = f'"{labels}"'
            if len(labels) > _INLINE_LIST_MAX or any("," in label for label, _v in column.choices):
                if lists is None:
                    lists = wb.create_sheet(_LISTS_TITLE)
                    lists.sheet_state = "hidden"
                formula = _list_range(lists, column)
            validation = DataValidation(
                type="list",
                formula1=formula,
                allow_blank=not column.required,
                showErrorMessage=True,
                errorTitle=_("Giá trị không hợp lệ"),
                error=(
                    _("Cột «%(column)s» chỉ nhận: %(labels)s.")
                    % {"column": column.header, "labels": labels.replace(",", ", ")}
                )[:_INLINE_LIST_MAX],
                showInputMessage=True,
                promptTitle=column.header,
                prompt=str(column.help)[:250],
            )
            validation.add(f"{letter}2:{letter}{last_row}")
            ws.add_data_validation(validation)
    ws.freeze_panes = "A2"
    ws.row_dimensions[1].height = 32
    _write_instructions(wb.create_sheet(_("Hướng dẫn")), sheet)
    return _save(wb)


# The hidden sheet of long drop-down lists. Not translated: the reader never looks at it.
_LISTS_TITLE = "Danh mục"


def _list_range(ws: Any, column: Column) -> str:
    """Write the column's labels down a new column of the lists sheet; the range a validation names."""
    index = ws.max_column + 1 if ws.max_row > 1 or ws["A1"].value is not None else 1
    letter = get_column_letter(index)
    for row, (label, _value) in enumerate(column.choices, start=1):
        ws.cell(row=row, column=index, value=label)
    return f"'{_LISTS_TITLE}'!${letter}$1:${letter}${len(column.choices)}"


def _write_instructions(ws: Any, sheet: Sheet) -> None:
    lines = [
        # Translators: noun is "cá nhân" (people) or "đơn vị hành chính" (administrative units).
        _("Hướng dẫn nhập danh sách %(noun)s từ Excel") % {"noun": sheet.noun},
        "",
        _(
            # Translators: noun is "cá nhân" (people) or "đơn vị hành chính" (administrative units).
            "1. Nhập dữ liệu vào trang «%(sheet)s», mỗi %(noun)s một dòng, bắt đầu từ dòng 2. "
            "Không sửa, không xóa dòng tiêu đề (dòng 1)."
        )
        % {"sheet": sheet.title, "noun": sheet.noun},
        _("2. Cột có dấu * là bắt buộc. Các cột khác có thể để trống."),
        _("3. Ngày ghi theo dạng ngày/tháng/năm, ví dụ 15/03/1985 (ô kiểu ngày của Excel cũng được)."),
        _("4. Mỗi tệp tối đa %(max)s dòng dữ liệu; dòng trống được bỏ qua.")
        % {"max": vn_number(sheet.row_cap)},
        _(
            "5. Khi tải lên, hệ thống kiểm tra toàn bộ tệp và liệt kê mọi lỗi theo số dòng, tên cột. "
            "Chỉ khi không còn lỗi nào mới có thể xác nhận nhập; khi đó mọi dòng được lưu cùng lúc, "
            "không bao giờ lưu một phần."
        ),
        "",
    ]
    for line in lines:
        ws.append([line])
    ws["A1"].font = Font(bold=True, size=14)
    ws.append([_("Cột"), _("Bắt buộc"), _("Kiểu dữ liệu"), _("Cách nhập")])
    header_row = ws.max_row
    for cell in ws[header_row]:
        cell.font = _HEADER_FONT
        cell.fill = _HEADER_FILL
    for column in sheet.import_columns:
        kind_text = str(_TYPE_WORDS[column.type])
        if column.choices:
            kind_text += ": " + ", ".join(label for label, _value in column.choices)
        ws.append([column.header, _("Có") if column.required else _("Không"), kind_text, str(column.help)])
    for letter, width in zip("ABCD", (28, 10, 24, 90), strict=True):
        ws.column_dimensions[letter].width = width
    for row in ws.iter_rows(min_row=header_row + 1):
        row[3].alignment = Alignment(wrap_text=True, vertical="top")


def _save(wb: Any) -> bytes:
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


# ---------------------------------------------------------------------------------------------------
# Reading


def _header_key(text: Any) -> str:
    """Headers are matched loosely: case, spacing, Unicode form and the required star do not matter."""
    if text is None:
        return ""
    cleaned = " ".join(nfc(str(text)).translate(_INVISIBLE).split()).rstrip("* ").strip()
    return cleaned.casefold()


def _clean_text(value: str) -> str:
    text = nfc(value).translate(_INVISIBLE).strip(" ")
    # Undo the export's protection against formulas, so a file exported and imported again keeps the
    # same values.
    return " ".join(unescape_formula(text).split())


def _shown(value: Any) -> str:
    if isinstance(value, dt.datetime | dt.date):
        return f"{value:%d/%m/%Y}"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return _clean_text(str(value))


class _CellError(Exception):
    pass


def _parse_text(column: Column, value: Any) -> str:
    if isinstance(value, bool):
        raise _CellError(_("«%(value)s» không phải là văn bản.") % {"value": value})
    return _shown(value)


def _parse_code(column: Column, value: Any) -> str:
    if isinstance(value, bool) or isinstance(value, dt.date | dt.datetime | dt.time):
        raise _CellError(_("«%(value)s» không phải là một mã.") % {"value": _shown(value)})
    if isinstance(value, float) and not value.is_integer():
        raise _CellError(_("«%(value)s» không phải là một mã.") % {"value": value})
    text = _shown(value)
    if any(ch.isspace() for ch in text):
        raise _CellError(_("«%(value)s» có khoảng trắng; mã không được chứa khoảng trắng.") % {"value": text})
    if column.digits_only and not (text.isascii() and text.isdigit()):
        raise _CellError(_("«%(value)s» không hợp lệ; mã này chỉ được gồm chữ số.") % {"value": text})
    return text


def _parse_date(column: Column, value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        day = value.date()
    elif isinstance(value, dt.date):
        day = value
    elif isinstance(value, str):
        text = _clean_text(value)
        match = _DATE_TEXT.match(text)
        if match is None:
            raise _CellError(_("«%(value)s» không phải là ngày hợp lệ (dd/mm/yyyy).") % {"value": text})
        d, m, y = (int(part) for part in match.groups())
        try:
            day = dt.date(y, m, d)
        except ValueError:
            raise _CellError(
                _("«%(value)s» không phải là ngày hợp lệ (dd/mm/yyyy).") % {"value": text}
            ) from None
    else:
        # A bare number is not accepted as a date: 1990 typed for a year would silently become a day
        # in 1905 if read as an Excel serial number.
        raise _CellError(_("«%(value)s» không phải là ngày hợp lệ (dd/mm/yyyy).") % {"value": _shown(value)})
    if not 1900 <= day.year <= 2100:
        raise _CellError(_("«%(value)s» có năm ngoài khoảng 1900–2100.") % {"value": f"{day:%d/%m/%Y}"})
    return day


def _parse_choice(column: Column, value: Any) -> str:
    text = _shown(value)
    wanted = text.casefold()
    for label, stored in column.choices:
        if wanted in (label.casefold(), stored.casefold()):
            return stored
    labels = ", ".join(label for label, _value in column.choices)
    raise _CellError(
        _("«%(value)s» không phải là giá trị hợp lệ; chọn một trong: %(labels)s.")
        % {"value": text, "labels": labels}
    )


def _parse_year(column: Column, value: Any) -> int:
    if isinstance(value, bool) or isinstance(value, dt.date | dt.datetime | dt.time):
        raise _CellError(_("«%(value)s» không phải là một năm (4 chữ số).") % {"value": _shown(value)})
    text = _shown(value)
    if not (len(text) == 4 and text.isascii() and text.isdigit()):
        raise _CellError(_("«%(value)s» không phải là một năm (4 chữ số).") % {"value": text})
    year = int(text)
    if not 1900 <= year <= 2100:
        raise _CellError(_("Năm %(value)s nằm ngoài khoảng 1900–2100.") % {"value": text})
    return year


_PARSERS: dict[str, Callable[[Column, Any], Any]] = {
    "text": _parse_text,
    "code": _parse_code,
    "date": _parse_date,
    "choice": _parse_choice,
    "year": _parse_year,
}


def _is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.translate(_INVISIBLE).strip())


def _open_workbook(data: bytes, unpacked_cap: int | None = None) -> tuple[Any, list[RowError]]:
    if not data:
        return None, [RowError(None, None, _("Tệp rỗng: không có nội dung nào."))]
    if data.startswith(_OLE_SIGNATURE):
        return None, [
            RowError(
                None,
                None,
                _(
                    "Tệp không phải là tệp Excel .xlsx (có thể là tệp .xls của Excel 97–2003 hoặc tệp có "
                    "mật khẩu). Hãy mở tệp trong Excel và lưu lại dạng «Excel Workbook (.xlsx)»."
                ),
            )
        ]
    not_xlsx = RowError(None, None, _("Tệp không phải là tệp Excel .xlsx hợp lệ. Hãy dùng tệp mẫu."))
    # The sizes the archive declares, before openpyxl unpacks anything (zip bombs): the shared guard.
    refusal = zip_refusal(data, max_unpacked=unpacked_cap if unpacked_cap is not None else MAX_UNPACKED_BYTES)
    if refusal == "not_zip":
        return None, [not_xlsx]
    if refusal == "too_big":
        return None, [RowError(None, None, _("Tệp quá lớn. Hãy chia thành nhiều tệp nhỏ hơn."))]
    try:
        with warnings.catch_warnings():
            # openpyxl warns about Excel extensions it does not read (slicers, extra validations).
            warnings.simplefilter("ignore")
            workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:
        # Any failure to parse an uploaded file means it is not a usable workbook; the officer needs
        # that sentence, not the parser's exception.
        return None, [not_xlsx]
    return workbook, []


def _data_sheet(workbook: Any, sheet: Sheet) -> Any:
    """The workbook's data sheet, its rows read to the last one actually in the file.

    The sheet's title follows the language of whoever made the file; the data sheet comes first. In
    read-only mode openpyxl stops iter_rows() at the range the file DECLARES (its <dimension>), and some
    tools write a stale one: rows and columns past it would be dropped without a word. Forgetting the
    declared range makes it read every row and cell there is."""
    title = str(sheet.title)
    ws = workbook[title] if title in workbook.sheetnames else workbook.worksheets[0]
    ws.reset_dimensions()
    return ws


def data_rows_over(kind: str, data: bytes, limit: int) -> bool:
    """Whether the file has more than `limit` non-blank data rows, reading at most limit + 1 of them.

    Decides whether the import screen checks a file in the request or as a background job; a file that
    cannot be opened counts as small (the request reports why it cannot be read)."""
    sheet = get_sheet(kind)
    workbook, _errors = _open_workbook(data, sheet.unpacked_cap)
    if workbook is None:
        return False
    try:
        rows = _data_sheet(workbook, sheet).iter_rows(values_only=True)
        next(rows, None)
        count = 0
        for values in rows:
            if all(_is_blank(v) for v in values):
                continue
            count += 1
            if count > limit:
                return True
    finally:
        workbook.close()
    return False


def declared_rows(kind: str, data: bytes) -> int:
    """The data rows the file's data sheet declares (its dimension), without reading them; 0 when
    unknown. Only an estimate, for a progress bar: blank and formatted rows count too."""
    sheet = get_sheet(kind)
    workbook, _errors = _open_workbook(data, sheet.unpacked_cap)
    if workbook is None:
        return 0
    try:
        title = str(sheet.title)
        ws = workbook[title] if title in workbook.sheetnames else workbook.worksheets[0]
        return max(0, (ws.max_row or 1) - 1)
    finally:
        workbook.close()


def read_rows(
    kind: str, data: bytes, on_progress: Callable[[int], None] | None = None
) -> tuple[list[dict[str, Any]], list[RowError]]:
    """Parse an uploaded workbook into one dict per non-blank data row, keyed by column key, plus
    "row" (the row number Excel shows). Text is stripped, NFC-normalised and its inner spacing
    collapsed; dates become datetime.date; choices become their stored value; empty optional cells
    become "" (None for dates).

    Every problem is collected, each once, in sheet order. When the file as a whole cannot be read
    (not an .xlsx, no header, wrong header, too many rows) no rows are returned.
    on_progress(rows read so far) is called every 1,000 data rows (the background dry run's bar).
    """
    sheet = get_sheet(kind)
    workbook, errors = _open_workbook(data, sheet.unpacked_cap)
    if workbook is None:
        return [], errors
    max_rows = sheet.row_cap
    try:
        rows = _data_sheet(workbook, sheet).iter_rows(values_only=True)
        header = next(rows, None)
        positions, errors = _match_header(sheet, header)
        if errors:
            return [], errors
        parsed: list[dict[str, Any]] = []
        count = 0
        for number, values in enumerate(rows, start=2):
            cells = {key: (values[i] if i < len(values) else None) for key, i in positions.items()}
            if all(_is_blank(v) for v in cells.values()):
                continue
            count += 1
            if count > max_rows:
                return [], [
                    RowError(
                        None,
                        None,
                        _(
                            "Tệp có hơn %(max)s dòng dữ liệu. Hãy chia thành nhiều tệp, mỗi tệp tối đa "
                            "%(max)s dòng."
                        )
                        % {"max": vn_number(max_rows)},
                    )
                ]
            parsed.append(_parse_row(sheet, number, cells, errors))
            if on_progress is not None and count % 1000 == 0:
                on_progress(count)
    finally:
        workbook.close()
    if not parsed and not errors:
        errors.append(RowError(None, None, _("Tệp không có dòng dữ liệu nào (chỉ có dòng tiêu đề).")))
    return parsed, errors


def _match_header(sheet: Sheet, header: tuple[Any, ...] | None) -> tuple[dict[str, int], list[RowError]]:
    if header is None or all(_is_blank(v) for v in header):
        return {}, [
            RowError(
                None,
                None,
                _("Không tìm thấy dòng tiêu đề ở dòng 1. Hãy tải tệp mẫu và nhập dữ liệu từ dòng 2."),
            )
        ]
    known = {_header_key(c.header): c for c in sheet.columns}
    positions: dict[str, int] = {}
    errors: list[RowError] = []
    ignored = _header_key(ERRORS_HEADER)
    for index, text in enumerate(header):
        key = _header_key(text)
        if not key or key == ignored:
            continue
        column = known.get(key)
        if column is None:
            errors.append(
                RowError(
                    1,
                    _clean_text(str(text)).rstrip("* "),
                    _("cột này không có trong tệp mẫu; hãy kiểm tra lại tiêu đề hoặc xóa cột."),
                )
            )
        elif column.key in positions:
            errors.append(RowError(1, column.header, _("tiêu đề này xuất hiện hai lần.")))
        elif not column.export_only:
            positions[column.key] = index
    for column in sheet.import_columns:
        if column.key not in positions:
            errors.append(
                RowError(
                    1,
                    column.header,
                    _("thiếu cột này ở dòng tiêu đề. Hãy dùng tệp mẫu và giữ nguyên dòng 1."),
                )
            )
    return positions, errors


def _parse_row(sheet: Sheet, number: int, cells: Mapping[str, Any], errors: list[RowError]) -> dict[str, Any]:
    row: dict[str, Any] = {"row": number}
    numeric: set[str] = set()
    for column in sheet.import_columns:
        value = cells[column.key]
        if _is_blank(value):
            if column.required:
                errors.append(RowError(number, column.header, _("không được để trống.")))
            row[column.key] = None if column.type in ("date", "year") else ""
            continue
        if isinstance(value, int | float) and not isinstance(value, bool):
            numeric.add(column.key)
        try:
            parsed = _PARSERS[column.type](column, value)
        except _CellError as error:
            errors.append(RowError(number, column.header, str(error)))
            row[column.key] = None if column.type in ("date", "year") else ""
            continue
        if column.max_length is not None and isinstance(parsed, str) and len(parsed) > column.max_length:
            errors.append(
                RowError(
                    number,
                    column.header,
                    _("dài %(length)s ký tự, vượt quá giới hạn %(max)s ký tự.")
                    % {"length": len(parsed), "max": column.max_length},
                )
            )
        row[column.key] = parsed
    if sheet.post_row is not None:
        sheet.post_row(sheet, row, numeric, errors)
    return row


def _restore_unit_codes(sheet: Sheet, row: dict[str, Any], numeric: set[str], errors: list[RowError]) -> None:
    """Put back the leading zeros Excel drops when a code is typed into a number cell.

    A unit's own code has the width of its level. A parent code is padded only when its width is
    certain: a district's parent is a province (2 digits); a commune's parent is a province (2) or,
    before 2025, a district (3), so a short number there is ambiguous and is refused rather than
    guessed (1 could be tỉnh 01 or huyện 001).
    """
    level = row.get("level")
    if "code" in numeric and level in LEVEL_CODE_DIGITS:
        row["code"] = row["code"].zfill(LEVEL_CODE_DIGITS[level])
    if "parent_code" in numeric and row.get("parent_code"):
        if level == "district":
            row["parent_code"] = row["parent_code"].zfill(LEVEL_CODE_DIGITS["province"])
        elif level == "commune" and len(row["parent_code"]) < LEVEL_CODE_DIGITS["district"]:
            errors.append(
                RowError(
                    row["row"],
                    sheet.column("parent_code").header,
                    _(
                        "«%(code)s» được lưu dạng số nên Excel có thể đã bỏ chữ số 0 ở đầu. Hãy định dạng ô "
                        "là Văn bản (Text) và nhập đủ mã: 2 chữ số cho tỉnh, 3 cho huyện."
                    )
                    % {"code": row["parent_code"]},
                )
            )
            row["parent_code"] = ""


SHEETS["units"] = replace(SHEETS["units"], post_row=_restore_unit_codes)


# ---------------------------------------------------------------------------------------------------
# Failed rows


def build_failed_rows(kind: str, data: bytes, errors: Iterable[RowError]) -> bytes:
    """The rows of an uploaded file that have errors, as the officer typed them, each with its errors
    in a last column («Lỗi cần sửa», which the reader ignores), so the officer corrects that file and
    uploads it again. The rows without errors are left out: they are imported with the next file, or
    were already. Problems of the file as a whole (no row) are written above the header's row."""
    sheet = get_sheet(kind)
    by_row: dict[int, list[str]] = {}
    general: list[str] = []
    for error in errors:
        text = f"«{error.column}»: {error.message}" if error.column else error.message
        if error.row is None:
            general.append(error.message)
        else:
            by_row.setdefault(error.row, []).append(text)
    workbook, _problems = _open_workbook(data, sheet.unpacked_cap)
    out = openpyxl.Workbook(write_only=True)
    ws = out.create_sheet(str(sheet.title))
    if workbook is None:
        ws.append([ERRORS_HEADER])
        for message in general:
            ws.append([message])
        return _save(out)
    try:
        title = str(sheet.title)
        source = workbook[title] if title in workbook.sheetnames else workbook.worksheets[0]
        rows = source.iter_rows(values_only=True)
        header = list(next(rows, None) or ())
        ws.append([_failed_cell(ws, v) for v in header] + [_header_cell(ws, ERRORS_HEADER)])
        width = len(header)
        for number, values in enumerate(rows, start=2):
            if number in by_row:
                cells = list(values[:width]) + [None] * (width - len(values))
                ws.append([_failed_cell(ws, v) for v in cells] + ["; ".join(by_row[number])])
    finally:
        workbook.close()
    return _save(out)


def _header_cell(ws: Any, value: str) -> Any:
    cell = WriteOnlyCell(ws, value=value)
    cell.font = _HEADER_FONT
    cell.fill = _REQUIRED_FILL
    return cell


def _failed_cell(ws: Any, value: Any) -> Any:
    """A typed value written back as it was; text is escaped like an export's, and read back the same."""
    if isinstance(value, str):
        escaped = escape_formula(value)
        cell = WriteOnlyCell(ws, value=escaped)
        cell.data_type = "s"
        if escaped != value:
            cell.quotePrefix = True
        return cell
    if isinstance(value, dt.datetime | dt.date):
        cell = WriteOnlyCell(ws, value=value)
        cell.number_format = DATE_FORMAT
        return cell
    return value


# ---------------------------------------------------------------------------------------------------
# Export


def build_export(kind: str, rows: Iterable[Mapping[str, Any]], *, omit: Collection[str] = ()) -> bytes:
    """A sheet with the template's header row (plus the export-only columns) and one row per dict.

    rows hold stored values keyed by column key: str, datetime.date or None; choice columns hold the
    stored value and are written as their label. Columns whose key is in `omit` are left out (the
    personal-data columns for those who may not see them). The file can be imported back as is.
    """
    sheet = get_sheet(kind)
    columns = [c for c in sheet.columns if c.key not in omit]
    # Write-only mode streams rows to the file: an export of every unit is tens of thousands of rows.
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet(str(sheet.title))
    for index, column in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(index)].width = column.width
    ws.freeze_panes = "A2"
    header = []
    for column in columns:
        cell = WriteOnlyCell(ws, value=column.sheet_header)
        cell.font = _HEADER_FONT
        cell.fill = _REQUIRED_FILL if column.required else _HEADER_FILL
        header.append(cell)
    ws.append(header)
    for row in rows:
        ws.append([_export_cell(ws, column, row.get(column.key)) for column in columns])
    return _save(wb)


def _export_cell(ws: Any, column: Column, value: Any) -> Any:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        cell = WriteOnlyCell(ws, value=value)
        cell.number_format = DATE_FORMAT
        return cell
    text = column.label_for(str(value)) if column.choices else str(value)
    text = unicodedata.normalize("NFC", text)
    # Names and positions come from users (thidua.core.spreadsheet_safety).
    escaped = escape_formula(text)
    cell = WriteOnlyCell(ws, value=escaped)
    # Explicit text type: openpyxl must never turn a user's value into a formula.
    cell.data_type = "s"
    if escaped != text:
        cell.quotePrefix = True
    elif column.type == "code":
        cell.number_format = TEXT_FORMAT
    return cell
