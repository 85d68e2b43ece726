"""The rows of the Excel exports: what the user may see, in the import layout (thidua.org.spreadsheets)."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch

from thidua.accounts.permissions import capabilities
from thidua.accounts.roles import Cap
from thidua.org.models import LEVEL_ORDER, AdminUnit, PersonPosition
from thidua.org.selectors.people import can_see_personal_data, people_visible_to
from thidua.org.spreadsheets import get_sheet


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
    if level in LEVEL_ORDER:
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
