"""Import people and administrative units from rows parsed by thidua.org.spreadsheets.

Both imports run in two phases. Planning checks every row against the database with a few bulk
queries (never one per row) and collects every problem, each naming its row and column. Saving
happens only when planning found nothing wrong and the call is not a dry run: then every row goes
through the existing services (person_create, person_update, person_change_position,
adminunit_create), so each record gets its usual checks and audit row, all in ONE transaction. If a
service still refuses a row (someone saved a clashing record meanwhile), everything is rolled back
and that row is reported: a file is saved completely or not at all.

Uploaded files wait for the background task in a private directory (upload_stash, import_schedule),
never under MEDIA_ROOT, which may be served by URL: people files carry personal data.
"""

from __future__ import annotations

import datetime as dt
import os
import time
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any, Literal, TypeVar

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Prefetch, QuerySet
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from thidua.accounts.permissions import capabilities, require
from thidua.accounts.roles import Cap
from thidua.core.formatting import nfc
from thidua.core.jobs import job_create
from thidua.core.models import Job
from thidua.org.models import AdminUnit, Organisation, Person, PersonPosition
from thidua.org.selectors.people import can_edit_person, can_see_personal_data, people_visible_to
from thidua.org.selectors.units import LEVEL_WORDS
from thidua.org.services.people import person_change_position, person_create, person_update
from thidua.org.services.units import _PARENT_LEVELS, adminunit_create
from thidua.org.spreadsheets import GENDER_CHOICES, LEVEL_CHOICES, RowError, get_sheet

T = TypeVar("T")
Action = Literal["create", "update", "unchanged"]
ProgressCallback = Callable[[int], None]

# Far below every database's limit on query parameters (SQLite's is the lowest).
_IN_CHUNK = 900
PREVIEW_LIMIT = 200
JOB_KINDS = {"people": "org.import.people", "units": "org.import.units"}
_LEVEL_ORDER = {"province": 0, "district": 1, "commune": 2}
_GENDER_LABELS = {value: label for label, value in GENDER_CHOICES}
_LEVEL_LABELS = {value: label for label, value in LEVEL_CHOICES}


@dataclass
class PlannedRow:
    """What saving will do with one row: create a record, update one, or leave one as it is."""

    row: int
    action: Action
    summary: str
    # Updates only: column header -> (old, new), as shown to the officer.
    changes: dict[str, tuple[str, str]] = field(default_factory=dict)
    values: dict[str, Any] = field(default_factory=dict)
    target: Any = None
    # Units only: where the parent comes from, ("db", pk) or ("file", row number).
    parent: tuple[str, int] | None = None


@dataclass
class ImportReport:
    kind: str
    dry_run: bool
    total: int = 0
    errors: list[RowError] = field(default_factory=list)
    warnings: list[RowError] = field(default_factory=list)
    planned: list[PlannedRow] = field(default_factory=list)
    committed: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors

    def count(self, action: Action) -> int:
        return sum(1 for item in self.planned if item.action == action)

    @property
    def created(self) -> int:
        return self.count("create")

    @property
    def updated(self) -> int:
        return self.count("update")

    @property
    def unchanged(self) -> int:
        return self.count("unchanged")

    def summary(self) -> str:
        if self.errors:
            count = len(self.errors)
            return ngettext(
                "Không lưu được: có %(count)s lỗi; chưa có dòng nào được lưu.",
                "Không lưu được: có %(count)s lỗi; chưa có dòng nào được lưu.",
                count,
            ) % {"count": count}
        if self.kind == "people":
            if self.committed:
                text = _("Đã tạo mới %(created)s, cập nhật %(updated)s, giữ nguyên %(unchanged)s cá nhân.")
            else:
                text = _("Sẽ tạo mới %(created)s, cập nhật %(updated)s, giữ nguyên %(unchanged)s cá nhân.")
        elif self.committed:
            text = _("Đã tạo mới %(created)s, giữ nguyên %(unchanged)s đơn vị hành chính.")
        else:
            text = _("Sẽ tạo mới %(created)s, giữ nguyên %(unchanged)s đơn vị hành chính.")
        return text % {"created": self.created, "updated": self.updated, "unchanged": self.unchanged}

    def as_result(self, *, error_limit: int = 200) -> dict[str, Any]:
        """The summary as JSON for Job.result."""
        return {
            "kind": self.kind,
            "total": self.total,
            "created": self.created if self.committed else 0,
            "updated": self.updated if self.committed else 0,
            "unchanged": self.unchanged if self.committed else 0,
            "error_count": len(self.errors),
            "errors": [e.as_dict() for e in self.errors[:error_limit]],
            "warnings": [w.as_dict() for w in self.warnings[:error_limit]],
        }


class _RowFailed(Exception):
    def __init__(self, row: int, errors: list[RowError]) -> None:
        super().__init__(row)
        self.row = row
        self.errors = errors


def _chunks(items: Sequence[T], size: int = _IN_CHUNK) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _in_bulk(queryset: QuerySet[T], field_name: str, values: Iterable[Any]) -> list[T]:
    """Rows whose field is in values, a few queries whatever their number."""
    wanted = sorted({v for v in values if v not in ("", None)})
    found: list[T] = []
    for chunk in _chunks(wanted):
        found.extend(queryset.filter(**{f"{field_name}__in": chunk}))
    return found


def _day(value: dt.date | None) -> str:
    return f"{value:%d/%m/%Y}" if value else ""


def _header(kind: str, key: str) -> str:
    return get_sheet(kind).column(key).header


def _required(kind: str, row: dict[str, Any], errors: list[RowError]) -> bool:
    """Report empty required cells; rows straight from read_rows() never have any."""
    ok = True
    for column in get_sheet(kind).import_columns:
        if column.required and row.get(column.key) in ("", None):
            errors.append(RowError(row["row"], column.header, _("không được để trống.")))
            ok = False
    return ok


def _service_errors(kind: str, row: int, error: Exception, field_columns: dict[str, str]) -> list[RowError]:
    """A service's refusal as row errors, on the column of the field it names when there is one."""
    if isinstance(error, ValidationError) and hasattr(error, "error_dict"):
        found = []
        for name, messages in error.message_dict.items():
            key = field_columns.get(name, name)
            column = next((c.header for c in get_sheet(kind).columns if c.key == key), None)
            found.extend(RowError(row, column, message) for message in messages)
        return found
    if isinstance(error, ValidationError):
        return [RowError(row, None, message) for message in error.messages]
    if isinstance(error, IntegrityError):
        return [
            RowError(row, None, _("trùng với một bản ghi vừa được lưu bởi người khác; hãy kiểm tra lại."))
        ]
    return [RowError(row, None, str(error) or _("Bạn không có quyền thực hiện thao tác này."))]


def _commit(
    report: ImportReport,
    apply: Callable[[PlannedRow], None],
    field_columns: dict[str, str],
    on_progress: ProgressCallback | None,
    order: Callable[[PlannedRow], Any] | None = None,
) -> None:
    items = sorted(report.planned, key=order) if order else list(report.planned)
    try:
        with transaction.atomic():
            for done, item in enumerate(items, start=1):
                try:
                    apply(item)
                except (ValidationError, PermissionDenied, IntegrityError) as error:
                    raise _RowFailed(
                        item.row, _service_errors(report.kind, item.row, error, field_columns)
                    ) from error
                if on_progress is not None:
                    on_progress(done)
    except _RowFailed as failed:
        report.errors = [
            RowError(
                e.row,
                e.column,
                _("%(message)s Vì lỗi ở dòng này, không có dòng nào của tệp được lưu.")
                % {"message": e.message},
            )
            for e in failed.errors
        ]
        return
    report.committed = True


# ---------------------------------------------------------------------------------------------------
# People


_PERSON_FIELD_COLUMNS = {
    "organisation": "organisation_code",
    "title": "position",
    "start_date": "position_since",
}


def import_people(
    *,
    actor: Any,
    rows: Sequence[dict[str, Any]],
    dry_run: bool,
    on_progress: ProgressCallback | None = None,
) -> ImportReport:
    """Create people from rows, or update those whose civil-servant code is already registered.

    An update changes name, gender and date of birth where the row differs, and records a change of
    unit or position through person_change_position (from «Giữ chức vụ từ ngày», else today). An empty
    optional cell keeps the saved value. Officers of a unit may import only people of their unit and
    its departments. on_progress(number of rows saved) is called during saving, inside the transaction.
    """
    require(actor, Cap.MANAGE_ALL_PEOPLE, Cap.MANAGE_OWN_PEOPLE)
    report = ImportReport(kind="people", dry_run=dry_run, total=len(rows))
    _plan_people(actor, rows, report)
    report.errors.sort(key=lambda e: e.row or 0)
    if report.errors or dry_run:
        return report
    _commit(report, partial(_apply_person, actor), _PERSON_FIELD_COLUMNS, on_progress)
    return report


def _plan_people(actor: Any, rows: Sequence[dict[str, Any]], report: ImportReport) -> None:
    organisations = {
        o.code: o
        for o in _in_bulk(Organisation.objects.all(), "code", (r["organisation_code"] for r in rows))
    }
    existing = {
        p.civil_servant_code: p
        for p in _in_bulk(
            Person.objects.select_related("organisation"),
            "civil_servant_code",
            (r["civil_servant_code"] for r in rows),
        )
    }
    open_positions = {
        p.person_id: p
        for p in _in_bulk(
            PersonPosition.objects.filter(end_date__isnull=True),
            "person_id",
            (p.pk for p in existing.values()),
        )
    }
    # Same name in the same unit without a code: probably the same person imported twice.
    namesakes: set[tuple[str, int]] = set()
    names = sorted({r["full_name"] for r in rows if r["full_name"] and not r["civil_servant_code"]})
    for org_chunk in _chunks(sorted(o.pk for o in organisations.values())):
        for name_chunk in _chunks(names):
            namesakes.update(
                Person.objects.filter(organisation_id__in=org_chunk, full_name__in=name_chunk).values_list(
                    "full_name", "organisation_id"
                )
            )
    first_row_of_code: dict[str, int] = {}
    today = dt.date.today()
    h = partial(_header, "people")

    for row in rows:
        number = row["row"]
        errors: list[RowError] = []
        complete = _required("people", row, errors)
        organisation = None
        code = row["organisation_code"]
        if code:
            organisation = organisations.get(code)
            if organisation is None:
                errors.append(
                    RowError(
                        number, h("organisation_code"), _("không có đơn vị mã «%(code)s».") % {"code": code}
                    )
                )
            elif not can_edit_person(user=actor, organisation_id=organisation.pk):
                errors.append(
                    RowError(
                        number,
                        h("organisation_code"),
                        _(
                            "đơn vị «%(unit)s» (mã «%(code)s») nằm ngoài phạm vi của bạn; bạn chỉ được nhập "
                            "cá nhân thuộc đơn vị của mình."
                        )
                        % {"unit": organisation, "code": code},
                    )
                )
                organisation = None
        if row["gender"] and row["gender"] not in _GENDER_LABELS:
            errors.append(
                RowError(
                    number,
                    h("gender"),
                    _("«%(value)s» không hợp lệ; chọn Nam hoặc Nữ.") % {"value": row["gender"]},
                )
            )
        if row["date_of_birth"] and row["date_of_birth"] > today:
            errors.append(RowError(number, h("date_of_birth"), _("ngày sinh không thể ở tương lai.")))
        if row["position_since"] and not row["position"]:
            errors.append(
                RowError(
                    number,
                    h("position_since"),
                    _("có ngày nhưng cột «%(column)s» để trống.") % {"column": h("position")},
                )
            )
        person = None
        cs_code = row["civil_servant_code"]
        if cs_code:
            if cs_code in first_row_of_code:
                errors.append(
                    RowError(
                        number,
                        h("civil_servant_code"),
                        _("mã «%(code)s» trùng với dòng %(row)s; mỗi mã chỉ được ghi một lần trong tệp.")
                        % {"code": cs_code, "row": first_row_of_code[cs_code]},
                    )
                )
            else:
                first_row_of_code[cs_code] = number
            person = existing.get(cs_code)
            if person is not None and not can_edit_person(user=actor, organisation_id=person.organisation_id):
                # The name is not shown: the person belongs to a unit whose records the officer may not see.
                errors.append(
                    RowError(
                        number,
                        h("civil_servant_code"),
                        _("mã «%(code)s» đã được dùng cho một cá nhân ngoài phạm vi đơn vị của bạn.")
                        % {"code": cs_code},
                    )
                )
                person = None
        if errors or not complete or organisation is None:
            report.errors.extend(errors)
            continue
        if person is None:
            report.planned.append(
                PlannedRow(
                    number, "create", f"{row['full_name']} – {organisation}", values=row, target=organisation
                )
            )
            if not cs_code and (row["full_name"], organisation.pk) in namesakes:
                report.warnings.append(
                    RowError(
                        number,
                        h("full_name"),
                        _(
                            "đơn vị «%(unit)s» đã có người tên «%(name)s»; nếu là cùng một người, hãy bỏ dòng "
                            "này hoặc ghi mã số công chức để cập nhật thay vì tạo mới."
                        )
                        % {"unit": organisation, "name": row["full_name"]},
                    )
                )
            continue
        item = _plan_person_update(row, person, organisation, open_positions.get(person.pk), today)
        if isinstance(item, RowError):
            report.errors.append(item)
        else:
            report.planned.append(item)


def _plan_person_update(
    row: dict[str, Any],
    person: Person,
    organisation: Organisation,
    current: PersonPosition | None,
    today: dt.date,
) -> PlannedRow | RowError:
    h = partial(_header, "people")
    own: dict[str, Any] = {"full_name": row["full_name"], "gender": row["gender"]}
    if row["date_of_birth"]:
        own["date_of_birth"] = row["date_of_birth"]
    own = {name: value for name, value in own.items() if getattr(person, name) != value}
    title = row["position"] or person.position
    moves = organisation.pk != person.organisation_id or nfc(title) != person.position
    start = row["position_since"] or today
    if moves and current is not None and start <= current.start_date:
        return RowError(
            row["row"],
            h("position_since"),
            _("phải sau ngày nhận chức vụ hiện tại của «%(name)s» (%(day)s); để trống thì lấy ngày nhập.")
            % {"name": person.full_name, "day": _day(current.start_date)},
        )
    shown = {
        "full_name": lambda v: v,
        "gender": lambda v: _GENDER_LABELS.get(v, v),
        "date_of_birth": _day,
    }
    changes = {
        h(name): (shown[name](getattr(person, name)), shown[name](value)) for name, value in own.items()
    }
    if organisation.pk != person.organisation_id:
        changes[h("organisation_code")] = (person.organisation.code, organisation.code)
    if nfc(title) != person.position:
        changes[h("position")] = (person.position, title)
    return PlannedRow(
        row["row"],
        "update" if changes else "unchanged",
        f"{person.full_name} – {person.organisation}",
        changes=changes,
        values={**row, "_own": own, "_moves": moves, "_title": title, "_start": start},
        target=(person, organisation),
    )


def _apply_person(actor: Any, item: PlannedRow) -> None:
    row = item.values
    if item.action == "create":
        person_create(
            actor=actor,
            full_name=row["full_name"],
            gender=row["gender"],
            organisation=item.target,
            position=row["position"],
            date_of_birth=row["date_of_birth"],
            civil_servant_code=row["civil_servant_code"],
            position_since=row["position_since"],
        )
    elif item.action == "update":
        person, organisation = item.target
        if row["_own"]:
            person = person_update(actor=actor, person=person, **row["_own"])
        if row["_moves"]:
            person_change_position(
                actor=actor,
                person=person,
                organisation=organisation,
                title=row["_title"],
                start_date=row["_start"],
            )


# ---------------------------------------------------------------------------------------------------
# Administrative units


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
    return _("từ %(start)s đến %(end)s") % {"start": _day(start) or "…", "end": _day(end) or "…"}


def import_units(
    *,
    actor: Any,
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
    _commit(
        report,
        partial(_apply_unit, actor, created),
        _UNIT_FIELD_COLUMNS,
        on_progress,
        order=lambda item: (_LEVEL_ORDER[item.values["level"]], item.row),
    )
    return report


def _plan_units(rows: Sequence[dict[str, Any]], report: ImportReport) -> None:
    h = partial(_header, "units")
    codes = {r["code"] for r in rows} | {r["parent_code"] for r in rows}
    saved: dict[str, list[AdminUnit]] = defaultdict(list)
    for unit in _in_bulk(AdminUnit.objects.select_related("parent"), "code", codes):
        saved[unit.code].append(unit)

    first_row: dict[tuple[str, str], int] = {}
    in_file: dict[str, list[_UnitCandidate]] = defaultdict(list)
    row_errors: dict[int, list[RowError]] = defaultdict(list)
    unchanged_rows: set[int] = set()

    # First pass: each row on its own, and against saved units with the same code.
    for row in rows:
        number, level, code = row["row"], row["level"], row["code"]
        errors = row_errors[number]
        _required("units", row, errors)
        if level and level not in _LEVEL_ORDER:
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
                    % {"end": _day(row["valid_until"]), "start": _day(row["valid_from"])},
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
        if level not in _LEVEL_ORDER:
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
    return (
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
    header = _header("units", "parent_code")
    allowed = _PARENT_LEVELS[level]
    if not allowed:
        if parent_code:
            errors.append(
                RowError(number, header, _("đơn vị cấp tỉnh không có đơn vị cấp trên; hãy để trống ô này."))
            )
        return None
    if not parent_code:
        errors.append(
            RowError(
                number,
                header,
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
            RowError(number, header, _("không có đơn vị hành chính mã «%(code)s».") % {"code": parent_code})
        )
        return None
    of_level = [c for c in candidates if c.level in allowed]
    if not of_level:
        other = candidates[0]
        errors.append(
            RowError(
                number,
                header,
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
                header,
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
                header,
                _("mã «%(code)s» ứng với nhiều đơn vị (%(names)s); hãy ghi ngày hiệu lực để phân biệt.")
                % {"code": parent_code, "names": names},
            )
        )
        return None
    return covering[0]


def _apply_unit(actor: Any, created: dict[int, AdminUnit], item: PlannedRow) -> None:
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


# ---------------------------------------------------------------------------------------------------
# Exports (reads)


def people_export_rows(*, user: Any) -> tuple[list[dict[str, Any]], frozenset[str]]:
    """The people the user may see, as export rows, and the columns to leave out.

    Date of birth and civil-servant code are filled only for people whose personal data the user may
    see (can_see_personal_data); when that is nobody, the two columns are left out altogether.
    """
    people = people_visible_to(user=user).prefetch_related(
        Prefetch(
            "positions",
            queryset=PersonPosition.objects.filter(end_date__isnull=True),
            to_attr="open_positions",
        )
    )
    rows: list[dict[str, Any]] = []
    any_personal = False
    for person in people.order_by("organisation__name", "full_name", "pk"):
        personal = can_see_personal_data(user=user, person=person)
        any_personal |= personal
        opened = person.open_positions[0].start_date if person.open_positions else None
        rows.append(
            {
                "full_name": person.full_name,
                "gender": person.gender,
                "date_of_birth": person.date_of_birth if personal else None,
                "civil_servant_code": person.civil_servant_code if personal else "",
                "organisation_code": person.organisation.code,
                "position": person.position,
                "position_since": opened if person.position else None,
                "organisation_name": person.organisation.name,
            }
        )
    omit = (
        frozenset() if any_personal else frozenset(c.key for c in get_sheet("people").columns if c.personal)
    )
    return rows, omit


def units_export_rows(*, user: Any, level: str | None = None) -> list[dict[str, Any]]:
    """Every administrative unit (reference data, readable by every staff role), as export rows."""
    if Cap.VIEW_REGISTRY not in capabilities(user):
        return []
    units = AdminUnit.objects.select_related("parent").order_by("level", "code", "valid_until")
    if level in _LEVEL_ORDER:
        units = units.filter(level=level)
    return [
        {
            "code": u.code,
            "name": u.name,
            "level": u.level,
            "kind": u.kind,
            "parent_code": u.parent.code if u.parent else "",
            "valid_from": u.valid_from,
            "valid_until": u.valid_until,
            "parent_name": u.parent.name if u.parent else "",
        }
        for u in units.iterator(chunk_size=2000)
    ]


# ---------------------------------------------------------------------------------------------------
# The uploaded file, between the preview and the background task


_PENDING = "pending"
_PENDING_MAX_AGE = 24 * 3600


def upload_dir() -> Path:
    return Path(settings.VAR_DIR) / "imports"


def upload_path(*, name: str) -> Path:
    return upload_dir() / name


def _pending_path(token: str) -> Path:
    # The token is a UUID made here; parsing it again keeps a forged value from naming another path.
    return upload_dir() / _PENDING / f"{uuid.UUID(token)}.xlsx"


def upload_stash(*, data: bytes) -> str:
    """Keep an uploaded file until the officer confirms the import; returns its token.

    Files never confirmed are deleted a day later, when the next file is stashed.
    """
    directory = upload_dir() / _PENDING
    directory.mkdir(parents=True, exist_ok=True)
    cutoff = time.time() - _PENDING_MAX_AGE
    for old in directory.glob("*.xlsx"):
        if old.stat().st_mtime < cutoff:
            old.unlink(missing_ok=True)
    token = str(uuid.uuid4())
    _pending_path(token).write_bytes(data)
    return token


def upload_discard(*, token: str) -> None:
    _pending_path(token).unlink(missing_ok=True)


@transaction.atomic
def import_schedule(*, actor: Any, kind: str, token: str, filename: str) -> Job:
    """Create the progress record of an import and queue its saving step once this transaction commits.

    The stashed file moves to imports/<job id>.xlsx, where the task finds it (and deletes it).
    """
    if kind == "people":
        require(actor, Cap.MANAGE_ALL_PEOPLE, Cap.MANAGE_OWN_PEOPLE)
    elif kind == "units":
        require(actor, Cap.MANAGE_UNITS)
    else:
        raise ValueError(f"unknown import kind: {kind!r}")
    pending = _pending_path(token)
    if not pending.exists():
        raise ValidationError(
            _("Tệp tải lên không còn trên máy chủ (đã quá hạn hoặc đã được nhập). Hãy tải lên lại.")
        )
    # The job's title is stored and shown later, so it stays Vietnamese whatever the officer's language
    # (docs/i18n.md, "What not to wrap"); the sheet's noun is translated, so it is taken in Vietnamese.
    with translation.override(settings.LANGUAGE_CODE):
        noun = str(get_sheet(kind).noun)
    job = job_create(
        actor=actor,
        kind=JOB_KINDS[kind],
        title=f"Nhập {noun} từ tệp «{filename[:200]}»",
        params={"kind": kind, "filename": filename, "actor_id": actor.pk},
    )
    os.replace(pending, upload_path(name=f"{job.pk}.xlsx"))

    # Imported late so that the task module (which imports this one) can be loaded first.
    from thidua.org.tasks import import_commit

    # After commit: the worker must find the Job row, and the immediate backend used in tests and
    # the demo runs the task right away.
    transaction.on_commit(partial(import_commit.enqueue, job_id=str(job.pk)))
    return job


def import_jobs_recent(*, user: Any, kind: str, limit: int = 5) -> QuerySet[Job]:
    """The user's latest imports of this kind, for the import screen."""
    return Job.objects.filter(created_by_id=user.pk, kind=JOB_KINDS[kind]).order_by("-created_at")[:limit]
