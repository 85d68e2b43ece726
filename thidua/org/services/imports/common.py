"""What the people and the units imports share: the report, bulk lookups and the all-or-nothing commit."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, TypeVar

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from thidua.org.spreadsheets import RowError, get_sheet

M = TypeVar("M", bound=models.Model)
T = TypeVar("T")
Action = Literal["create", "update", "unchanged"]
ProgressCallback = Callable[[int], None]


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
    """The outcome of planning (and saving) one file; presenters/imports.py puts it into words."""

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


class _RowFailed(Exception):
    def __init__(self, row: int, errors: list[RowError]) -> None:
        super().__init__(row)
        self.row = row
        self.errors = errors


def chunks(items: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    """Write batches (bulk_create); lookups take a whole list in one parameter (`__in_values`)."""
    for start in range(0, len(items), size):
        yield items[start : start + size]


def in_bulk(queryset: QuerySet[M], field_name: str, values: Iterable[Any]) -> list[M]:
    """Rows whose field is in values: one query whatever their number (core/lookups.py in_values)."""
    wanted = sorted({v for v in values if v not in ("", None)})
    return list(queryset.filter(**{f"{field_name}__in_values": wanted})) if wanted else []


def in_bulk_values(
    queryset: QuerySet[Any], field_name: str, values: Iterable[Any], *fields: str
) -> list[tuple[Any, ...]]:
    """As in_bulk, but plain tuples of `fields`: a file of 100,000 rows names as many people, and a
    model instance per person would cost far more memory and time than the few values planning needs."""
    wanted = sorted({v for v in values if v not in ("", None)})
    if not wanted:
        return []
    return list(queryset.filter(**{f"{field_name}__in_values": wanted}).values_list(*fields))


def day(value: dt.date | None) -> str:
    return f"{value:%d/%m/%Y}" if value else ""


def header(kind: str, key: str) -> str:
    return get_sheet(kind).column(key).header


def required_cells(kind: str, row: dict[str, Any], errors: list[RowError]) -> bool:
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
        found: list[RowError] = []
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


def commit(
    report: ImportReport,
    apply: Callable[[PlannedRow], None],
    field_columns: dict[str, str],
    on_progress: ProgressCallback | None,
    order: Callable[[PlannedRow], Any] | None = None,
) -> None:
    """Apply every planned row in one transaction; the first refusal rolls them all back.

    Durable: report.committed must mean the rows are in the database. Inside a caller's transaction a
    later rollback there would undo rows the report says were saved; the saving step runs on its own
    in the background task (thidua/org/tasks.py).
    """
    items = sorted(report.planned, key=order) if order else list(report.planned)
    try:
        with transaction.atomic(durable=True):
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


def commit_bulk(
    report: ImportReport,
    save: Callable[[ProgressCallback | None], None],
    on_progress: ProgressCallback | None,
) -> None:
    """Save a whole planned file with `save(on_progress)` in one durable transaction.

    For imports of many thousands of rows (the awards registry's history), where calling a service per
    row would take minutes: `save` writes with bulk_create under the rules the plan already checked,
    and writes its audit rows itself. A refusal of the database (a clashing row saved by someone else
    since the plan) rolls everything back and is reported against the file as a whole.
    """
    try:
        with transaction.atomic(durable=True):
            save(on_progress)
    except (ValidationError, PermissionDenied, IntegrityError) as error:
        report.errors = [
            RowError(
                None,
                None,
                _("%(message)s Vì lỗi này, không có dòng nào của tệp được lưu.")
                % {"message": " ".join(e.message for e in _service_errors(report.kind, 0, error, {}))},
            )
        ]
        return
    report.committed = True
