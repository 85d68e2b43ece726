"""The units of a cluster or block for the administrative map page (one query)."""

from __future__ import annotations

from thidua.org.models import EmulationGroup, GroupMembership
from thidua.portal.presenters.map import UnitPoint


def group_unit_points(*, group: EmulationGroup) -> list[UnitPoint]:
    """Each member's administrative unit (name, kind, centre), in the group's order."""
    rows = (
        GroupMembership.objects.filter(group=group)
        .select_related("organisation__admin_unit")
        .order_by("order", "organisation__name")
    )
    points = []
    for row in rows:
        unit = row.organisation.admin_unit
        points.append(
            UnitPoint(
                name=unit.name if unit else row.organisation.name,
                kind=unit.kind if unit else "",
                organisation=row.organisation.name,
                latitude=unit.latitude if unit else None,
                longitude=unit.longitude if unit else None,
            )
        )
    return points
