"""Listing columns that show a field's value in words (thidua.core.display), not as Python prints it.

Wagtail ships no type information, so its classes are Any to mypy: hence the ignores on subclassing.
"""

from __future__ import annotations

from typing import Any

from wagtail.admin.ui.tables import BooleanColumn, Column

from thidua.core.display import display_value


class ValueColumn(Column):  # type: ignore[misc]
    """Wagtail's column, with Có / Không for a boolean and a dash for an empty value."""

    empty_value_display = display_value(None)

    def get_cell_context_data(self, instance: Any, parent_context: Any) -> dict[str, Any]:
        context: dict[str, Any] = super().get_cell_context_data(instance, parent_context)
        raw = context["raw_value"]
        if raw is None or isinstance(raw, bool):
            context["value"] = display_value(raw)
        return context


class YesNoColumn(BooleanColumn):  # type: ignore[misc]
    """Wagtail's tick-or-cross column, whose icons a screen reader reads as Có / Không, not True / False."""

    cell_template_name = "core/tables/boolean_cell.html"

    def get_cell_context_data(self, instance: Any, parent_context: Any) -> dict[str, Any]:
        context: dict[str, Any] = super().get_cell_context_data(instance, parent_context)
        context["label"] = display_value(context["value"])
        return context
