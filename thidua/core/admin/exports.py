"""Every spreadsheet Wagtail's admin exports goes through the one formula-injection guard.

Wagtail's SpreadsheetExportMixin (the ?export=csv|xlsx of its reports: site history, aging and locked
pages, workflows; redirects; form submissions; any viewset with list_export) stops only what openpyxl
itself takes for a formula, a cell starting with "=", and only in .xlsx. A page title such as
"+cmd|' /C calc'!A0", "@SUM(…)" or "\t=…" reaches the CSV, and the .xlsx, as it was typed, and runs
when the file is opened. The mixin has one method every cell of both formats passes through,
preprocess_field_value(); it is wrapped here, once, when core's admin loads, so Wagtail's screens and
ours (the audit log, which escapes its cells itself: escaping twice changes nothing) are all covered,
including screens added later. tests/security/test_formula_injection.py checks it.
"""

from __future__ import annotations

from typing import Any

from wagtail.admin.views.mixins import SpreadsheetExportMixin

from thidua.core.spreadsheet_safety import escape_formula

_GUARDED = "_thidua_formula_guard"


def wagtail_exports_guard() -> None:
    """Wrap SpreadsheetExportMixin.preprocess_field_value with escape_formula (once)."""
    if getattr(SpreadsheetExportMixin, _GUARDED, False):
        return
    original = SpreadsheetExportMixin.preprocess_field_value

    def preprocess_field_value(self: Any, field: str, value: Any, export_format: str) -> Any:
        result = original(self, field, value, export_format)
        return escape_formula(result) if isinstance(result, str) else result

    SpreadsheetExportMixin.preprocess_field_value = preprocess_field_value
    setattr(SpreadsheetExportMixin, _GUARDED, True)
