"""Which organisations a user acts for: the own organisation and every department below it."""

from __future__ import annotations

from typing import Any

from thidua.org.models import Organisation


def organisation_subtree_ids(*, organisation_id: int | None) -> frozenset[int]:
    """The organisation and its departments, at any depth (one query per level; trees are shallow)."""
    if organisation_id is None:
        return frozenset()
    found = {organisation_id}
    frontier = {organisation_id}
    while frontier:
        frontier = (
            set(Organisation.objects.filter(parent_id__in=frontier).values_list("id", flat=True)) - found
        )
        found |= frontier
    return frozenset(found)


def user_scope_ids(*, user: Any) -> frozenset[int]:
    """The organisations whose records a unit-scoped user may see, cached on the user for the request."""
    cached = getattr(user, "_thidua_scope_ids", None)
    if cached is None:
        cached = organisation_subtree_ids(organisation_id=getattr(user, "organisation_id", None))
        user._thidua_scope_ids = cached
    return cached
