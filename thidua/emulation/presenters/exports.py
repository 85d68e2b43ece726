"""The period's results as an Excel workbook: plain rows in, .xlsx bytes out (openpyxl), no queries.

Sheet "Kết quả": one row per ranked member, with rank, unit, one column per scored leaf criterion
("1.1. Tổng giá trị sản xuất…"), the group subtotals, bonus, penalty, total, self-assessed total and
the veto. Sheet "Thông tin": the group, year and period, whether the figures are final or provisional,
the illustrative-data notice, the aggregate sentences and the members left out.

Numbers are written as numbers with the format '#,##0.00', so Excel shows them in the reader's own
convention (31.434,47 in Vietnamese) and they can be summed. Text that a spreadsheet would run as a
formula is escaped by thidua.core.spreadsheet_safety.escape_formula, the one guard every export uses
(re-exported here).
"""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal

from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from thidua.core.formatting import short_date
from thidua.core.spreadsheet_safety import FORMULA_TRIGGERS, escape_formula
from thidua.emulation.models import Method
from thidua.emulation.presenters.dashboard import Dashboard

__all__ = [
    "FORMULA_TRIGGERS",
    "NUMBER_FORMAT",
    "ExportColumn",
    "ResultsExport",
    "escape_formula",
    "export_filename",
    "results_export",
    "results_workbook",
    "status_text",
]

NUMBER_FORMAT = "#,##0.00"
ILLUSTRATIVE_NOTICE = gettext_lazy("Số liệu từng đơn vị là số liệu minh họa")
_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_WRAP = Alignment(wrap_text=True, vertical="top")

Kind = Literal["integer", "number", "text"]


@dataclass(frozen=True, slots=True)
class ExportColumn:
    key: str
    header: str
    kind: Kind
    width: float = 14


@dataclass(frozen=True, slots=True)
class ResultsExport:
    columns: tuple[ExportColumn, ...]
    rows: tuple[Mapping[str, Any], ...]  # column key -> int, Decimal, str or None
    info: tuple[tuple[str, str], ...]  # (label, value) lines of the second sheet
    aggregates: tuple[str, ...]
    excluded: tuple[tuple[str, str], ...]  # (unit, reason)
    title: str


def status_text(dashboard: Dashboard) -> str:
    if dashboard.final and dashboard.closed_on is not None:
        return _("Kết quả chính thức (đã khóa ngày %(day)s)") % {"day": short_date(dashboard.closed_on)}
    return _("Kết quả tạm tính")


def export_filename(dashboard: Dashboard) -> str:
    """ "ket-qua-cum-thi-dua-so-1-2023-so-ket.xlsx": ASCII, since some mail clients mangle the rest."""
    name = slugify(dashboard.group_name.replace("đ", "d").replace("Đ", "D")) or "cum-khoi"
    kind = dashboard.period_kind.replace("_", "-")
    return f"ket-qua-{name}-{dashboard.year}-{kind}.xlsx"


def results_export(dashboard: Dashboard) -> ResultsExport:
    """The dashboard's figures laid out for the workbook (pure)."""
    leaves = [c for c in dashboard.leaves if c.method not in (Method.BONUS, Method.PENALTY)]
    bonus = [c.code for c in dashboard.leaves if c.method == Method.BONUS]
    penalty = [c.code for c in dashboard.leaves if c.method == Method.PENALTY]
    columns = [
        ExportColumn("rank", _("Hạng"), "integer", 7),
        ExportColumn("unit", _("Đơn vị"), "text", 36),
        *(ExportColumn(f"c:{c.code}", c.label, "number", 16) for c in leaves),
        *(
            # Translators: heading of the column that adds up a group of criteria.
            ExportColumn(f"c:{c.code}", _("Cộng %(group)s") % {"group": c.label}, "number", 16)
            for c in dashboard.groups
        ),
        ExportColumn("bonus", _("Điểm thưởng"), "number"),
        ExportColumn("penalty", _("Điểm trừ"), "number"),
        ExportColumn("total", _("Tổng điểm"), "number"),
        ExportColumn("self_total", _("Điểm tự chấm"), "number"),
        ExportColumn("vetoed", _("Vi phạm tiêu chí phủ quyết"), "text", 24),
    ]
    rows = []
    for row in dashboard.rows:
        values: dict[str, Any] = {
            "rank": row.rank,
            "unit": row.name,
            "bonus": _sum(row.points, bonus),
            "penalty": _sum(row.points, penalty),
            "total": row.total,
            "self_total": row.self_total,
            "vetoed": _("Có: %(criteria)s")
            % {"criteria": ", ".join(f"{f.code}. {f.name}" for f in row.failed_vetoes)}
            if row.vetoed and row.failed_vetoes
            else (_("Có") if row.vetoed else _("Không")),
        }
        for criterion in dashboard.criteria:
            values[f"c:{criterion.code}"] = row.points.get(criterion.code)
        rows.append(values)
    info = [
        (_("Cụm, khối"), dashboard.group_name),
        (_("Năm"), str(dashboard.year)),
        (_("Kỳ"), str(dashboard.period_kind_label)),
        (_("Giao ước"), dashboard.pact_title),
        (_("Kết quả"), status_text(dashboard)),
        (_("Cách tính"), str(dashboard.basis)),
        (_("Số đơn vị được tính"), f"{dashboard.scored_count}/{dashboard.member_count}"),
    ]
    if dashboard.illustrative:
        info.insert(0, (_("Lưu ý"), str(ILLUSTRATIVE_NOTICE)))
    return ResultsExport(
        columns=tuple(columns),
        rows=tuple(rows),
        info=tuple(info),
        aggregates=tuple(str(line.sentence) for line in dashboard.aggregates),
        excluded=tuple((e.name, str(e.reason)) for e in dashboard.excluded),
        title=_("Kết quả %(period)s – %(group)s")
        % {"period": dashboard.period_title.lower(), "group": dashboard.group_name},
    )


def _sum(points: Mapping[str, Decimal], codes: Sequence[str]) -> Decimal | None:
    found = [points[code] for code in codes if code in points]
    return sum(found, Decimal("0.00")) if found else None


def results_workbook(export: ResultsExport) -> bytes:
    workbook = Workbook()
    workbook.properties.title = _text(export.title)
    sheet = workbook.active
    sheet.title = _("Kết quả")
    for index, column in enumerate(export.columns, start=1):
        cell = sheet.cell(row=1, column=index)
        _put_text(cell, column.header)
        cell.font = _HEADER_FONT
        cell.fill = _HEADER_FILL
        cell.alignment = _WRAP
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    for number, values in enumerate(export.rows, start=2):
        for index, column in enumerate(export.columns, start=1):
            _put(sheet.cell(row=number, column=index), column.kind, values.get(column.key))
    sheet.freeze_panes = "C2"

    info = workbook.create_sheet(_("Thông tin"))
    info.column_dimensions["A"].width = 24
    info.column_dimensions["B"].width = 100
    line = 1
    for label, value in export.info:
        _put_text(info.cell(row=line, column=1), label).font = _HEADER_FONT
        _put_text(info.cell(row=line, column=2), value).alignment = _WRAP
        line += 1
    line = _section(info, line + 1, _("Số liệu tổng hợp"), [(sentence, "") for sentence in export.aggregates])
    if export.excluded:
        _section(info, line + 1, _("Đơn vị chưa được tính"), list(export.excluded))

    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _section(sheet: Any, line: int, heading: str, items: Sequence[tuple[str, str]]) -> int:
    _put_text(sheet.cell(row=line, column=1), heading).font = _HEADER_FONT
    line += 1
    for first, second in items:
        if second:
            _put_text(sheet.cell(row=line, column=1), first)
            _put_text(sheet.cell(row=line, column=2), second).alignment = _WRAP
        else:
            _put_text(sheet.cell(row=line, column=1), first)
        line += 1
    return line


def _text(value: str) -> str:
    return escape_formula(unicodedata.normalize("NFC", value))


def _put_text(cell: Any, value: str) -> Any:
    text = _text(value)
    cell.value = text
    # Explicit text type: openpyxl would otherwise store a string starting with "=" as a formula.
    cell.data_type = "s"
    if text != value and text.startswith("'"):
        cell.quotePrefix = True
    return cell


def _put(cell: Any, kind: Kind, value: Any) -> None:
    if value is None or value == "":
        return
    if kind == "text":
        _put_text(cell, str(value))
        return
    cell.value = value
    cell.number_format = "0" if kind == "integer" else NUMBER_FORMAT
