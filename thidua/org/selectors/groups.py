"""Reads of emulation groups, scoped to what the user may see."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, Q, QuerySet

from thidua.accounts.permissions import capabilities
from thidua.accounts.roles import Cap
from thidua.org.models import EmulationGroup, GroupMembership
from thidua.org.selectors.scope import user_scope_ids


def groups_visible_to(*, user: Any, year: int | None = None) -> QuerySet[EmulationGroup]:
    """All groups for the province and the council; for a unit's officers, the groups the unit is in."""
    caps = capabilities(user)
    groups = EmulationGroup.objects.select_related("province", "head", "deputy")
    if year is not None:
        groups = groups.filter(year=year)
    if Cap.VIEW_ALL_GROUPS in caps:
        return groups
    if Cap.VIEW_OWN_GROUPS in caps:
        scope = user_scope_ids(user=user)
        return groups.filter(
            Q(memberships__organisation_id__in=scope) | Q(head_id__in=scope) | Q(deputy_id__in=scope)
        ).distinct()
    return groups.none()


def groups_headed_by(*, user: Any, year: int | None = None) -> QuerySet[EmulationGroup]:
    """Groups whose head unit is the user's unit: the cụm trưởng's officer reviews their members."""
    groups = groups_visible_to(user=user, year=year)
    return groups.filter(head_id__in=user_scope_ids(user=user))


def group_with_members(*, group_id: int) -> EmulationGroup:
    members = GroupMembership.objects.select_related("organisation__admin_unit").order_by(
        "order", "organisation__name"
    )
    return (
        EmulationGroup.objects.select_related(
            "province", "head", "deputy", "head_person", "deputy_person", "previous"
        )
        .prefetch_related(Prefetch("memberships", queryset=members))
        .get(pk=group_id)
    )
