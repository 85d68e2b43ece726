"""Import administrative units: plan every row (a parent may be another row of the file), then create
them all through adminunit_create, provinces first."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext as _

from thidua.accounts.permissions import require
from thidua.accounts.roles import Cap
from thidua.org.models import LEVEL_ORDER, AdminUnit
from thidua.org.selectors.units import LEVEL_WORDS
from thidua.org.services.imports.common import (
    ImportReport,
    PlannedRow,
    ProgressCallback,
    commit,
    day,
    header,
    in_bulk,
    required_cells,
)
from thidua.org.services.units import PARENT_LEVELS, adminunit_create
from thidua.org.spreadsheets import RowError

if TYPE_CHECKING:
    from thidua.accounts.models import User

_UNIT_FIELD_COLUMNS = {"parent": "parent_code"}


@dataclass(frozen=True)
class _UnitCandidate:
    """A possible parent: a saved unit or a unit created by another row of the file."""

    source: str
    key: int
    code: str
    name: str
    level: str
    valid_from: dt.date | None
    valid_until: dt.date | None

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


def _covers(outer: _UnitCandidate, start: dt.date | None, end: dt.date | None) -> bool:
    """Whether outer exists on every day of [start, end] (None: no limit on that side)."""
    starts_in_time = outer.valid_from is None or (start is not None and outer.valid_from <= start)
    ends_in_time = outer.valid_until is None or (end is not None and end <= outer.valid_until)
    return starts_in_time and ends_in_time


def _overlaps(
    a_from: dt.date | None, a_until: dt.date | None, b_from: dt.date | None, b_until: dt.date | None
) -> bool:
    return (a_until is None or b_from is None or b_from <= a_until) and (
        b_until is None or a_from is None or a_from <= b_until
    )


def _interval(start: dt.date | None, end: dt.date | None) -> str:
    # Translators: a unit's period of validity, inserted into messages ("valid from … to …").
    return _("từ %(start)s đến %(end)s") % {"start": day(start) or "…", "end": day(end) or "…"}


def import_units(
    *,
    actor: User,
    rows: Sequence[dict[str, Any]],
    dry_run: bool,
    on_progress: ProgressCallback | None = None,
) -> ImportReport:
    """Create administrative units from rows; a parent may be a saved unit or another row of the file.

    Only creation: a row identical to a saved unit (same level, code, name, type, parent and dates) is
    left as it is, so an exported file can be imported again; a row whose code is taken by a different
    saved unit valid at the same time is an error (edit that unit on its own screen). Units are saved
    provinces first, then districts, then communes, so a parent always exists before its children.
    """
    require(actor, Cap.MANAGE_UNITS)
    report = ImportReport(kind="units", dry_run=dry_run, total=len(rows))
    _plan_units(rows, report)
    report.errors.sort(key=lambda e: e.row or 0)
    if report.errors or dry_run:
        return report
    created: dict[int, AdminUnit] = {}
    commit(
        report,
        partial(_apply_unit, actor, created),
        _UNIT_FIELD_COLUMNS,
        on_progress,
        order=lambda item: (LEVEL_ORDER[item.values["level"]], item.row),
    )
    return report


def _plan_units(rows: Sequence[dict[str, Any]], report: ImportReport) -> None:
    h = partial(header, "units")
    codes = {r["code"] for r in rows} | {r["parent_code"] for r in rows}
    saved: dict[str, list[AdminUnit]] = defaultdict(list)
    for unit in in_bulk(AdminUnit.objects.select_related("parent"), "code", codes):
        saved[unit.code].append(unit)

    first_row: dict[tuple[str, str], int] = {}
    in_file: dict[str, list[_UnitCandidate]] = defaultdict(list)
    row_errors: dict[int, list[RowError]] = defaultdict(list)
    unchanged_rows: set[int] = set()

    # First pass: each row on its own, and against saved units with the same code.
    for row in rows:
        number, level, code = row["row"], row["level"], row["code"]
        errors = row_errors[number]
        required_cells("units", row, errors)
        if level and level not in LEVEL_ORDER:
            errors.append(
                RowError(
                    number,
                    h("level"),
                    _("«%(value)s» không hợp lệ; chọn Tỉnh, Huyện hoặc Xã.") % {"value": level},
                )
            )
            continue
        if row["valid_from"] and row["valid_until"] and row["valid_until"] < row["valid_from"]:
            errors.append(
                RowError(
                    number,
                    h("valid_until"),
                    _("ngày kết thúc hiệu lực (%(end)s) trước ngày bắt đầu (%(start)s).")
                    % {"end": day(row["valid_until"]), "start": day(row["valid_from"])},
                )
            )
        if not (code and level):
            continue
        if (level, code) in first_row:
            errors.append(
                RowError(
                    number,
                    h("code"),
                    _(
                        "mã «%(code)s» (%(level)s) trùng với dòng %(row)s; mỗi đơn vị chỉ được ghi một lần "
                        "trong tệp."
                    )
                    % {"code": code, "level": LEVEL_WORDS[level], "row": first_row[(level, code)]},
                )
            )
            continue
        first_row[(level, code)] = number
        clash = next(
            (
                u
                for u in saved.get(code, [])
                if u.level == level
                and _overlaps(u.valid_from, u.valid_until, row["valid_from"], row["valid_until"])
            ),
            None,
        )
        if clash is not None:
            if _same_unit(clash, row):
                unchanged_rows.add(number)
                continue
            errors.append(
                RowError(
                    number,
                    h("code"),
                    _(
                        "đã có đơn vị %(level)s mã «%(code)s» («%(name)s», hiệu lực %(interval)s) trùng thời "
                        "gian hiệu lực. Nhập từ Excel chỉ tạo đơn vị mới; hãy sửa đơn vị đã có trên màn hình "
                        "Đơn vị hành chính."
                    )
                    % {
                        "level": LEVEL_WORDS[level],
                        "code": code,
                        "name": clash.name,
                        "interval": _interval(clash.valid_from, clash.valid_until),
                    },
                )
            )
            continue
        in_file[code].append(
            _UnitCandidate("file", number, code, row["name"], level, row["valid_from"], row["valid_until"])
        )

    # Second pass: parents, which may be rows of the file.
    for row in rows:
        number, level = row["row"], row["level"]
        errors = row_errors[number]
        if level not in LEVEL_ORDER:
            report.errors.extend(errors)
            continue
        parent = _plan_parent(row, saved, in_file, errors)
        report.errors.extend(errors)
        if errors:
            continue
        if parent is None:
            summary = f"{row['name']} ({row['code']}, {LEVEL_WORDS[level]})"
        else:
            # Translators: a row of the import preview: a unit, its code and level, and its parent unit.
            summary = _("%(name)s (%(code)s, %(level)s), thuộc %(parent)s") % {
                "name": row["name"],
                "code": row["code"],
                "level": LEVEL_WORDS[level],
                "parent": parent,
            }
        report.planned.append(
            PlannedRow(
                number,
                "unchanged" if number in unchanged_rows else "create",
                summary,
                values=row,
                parent=(parent.source, parent.key) if parent is not None else None,
            )
        )


def _same_unit(unit: AdminUnit, row: dict[str, Any]) -> bool:
    return bool(
        unit.name == row["name"]
        and unit.kind == row["kind"]
        and (unit.parent.code if unit.parent else "") == row["parent_code"]
        and unit.valid_from == row["valid_from"]
        and unit.valid_until == row["valid_until"]
    )


def _plan_parent(
    row: dict[str, Any],
    saved: dict[str, list[AdminUnit]],
    in_file: dict[str, list[_UnitCandidate]],
    errors: list[RowError],
) -> _UnitCandidate | None:
    number, level, parent_code = row["row"], row["level"], row["parent_code"]
    column = header("units", "parent_code")
    allowed = PARENT_LEVELS[level]
    if not allowed:
        if parent_code:
            errors.append(
                RowError(number, column, _("đơn vị cấp tỉnh không có đơn vị cấp trên; hãy để trống ô này."))
            )
        return None
    if not parent_code:
        errors.append(
            RowError(
                number,
                column,
                _("đơn vị %(level)s phải có mã đơn vị cấp trên.") % {"level": LEVEL_WORDS[level]},
            )
        )
        return None
    candidates = [
        _UnitCandidate("db", u.pk, u.code, u.name, u.level, u.valid_from, u.valid_until)
        for u in saved.get(parent_code, [])
    ] + in_file.get(parent_code, [])
    if not candidates:
        errors.append(
            RowError(number, column, _("không có đơn vị hành chính mã «%(code)s».") % {"code": parent_code})
        )
        return None
    of_level = [c for c in candidates if c.level in allowed]
    if not of_level:
        other = candidates[0]
        errors.append(
            RowError(
                number,
                column,
                _("«%(other)s» là đơn vị %(other_level)s, không thể là đơn vị cấp trên của đơn vị %(level)s.")
                % {"other": other, "other_level": LEVEL_WORDS[other.level], "level": LEVEL_WORDS[level]},
            )
        )
        return None
    covering = [c for c in of_level if _covers(c, row["valid_from"], row["valid_until"])]
    if not covering:
        other = of_level[0]
        errors.append(
            RowError(
                number,
                column,
                _(
                    "đơn vị cấp trên «%(other)s» chỉ có hiệu lực %(other_interval)s, không bao trùm thời gian "
                    "hiệu lực của đơn vị này (%(interval)s)."
                )
                % {
                    "other": other,
                    "other_interval": _interval(other.valid_from, other.valid_until),
                    "interval": _interval(row["valid_from"], row["valid_until"]),
                },
            )
        )
        return None
    if len(covering) > 1:
        names = "; ".join(str(c) for c in covering)
        errors.append(
            RowError(
                number,
                column,
                _("mã «%(code)s» ứng với nhiều đơn vị (%(names)s); hãy ghi ngày hiệu lực để phân biệt.")
                % {"code": parent_code, "names": names},
            )
        )
        return None
    return covering[0]


def _apply_unit(actor: User, created: dict[int, AdminUnit], item: PlannedRow) -> None:
    if item.action != "create":
        return
    row = item.values
    parent: AdminUnit | int | None = None
    if item.parent is not None:
        source, key = item.parent
        parent = created[key] if source == "file" else key
    created[item.row] = adminunit_create(
        actor=actor,
        code=row["code"],
        name=row["name"],
        level=row["level"],
        kind=row["kind"],
        parent=parent,
        valid_from=row["valid_from"],
        valid_until=row["valid_until"],
        source="Nhập từ Excel",
    )
