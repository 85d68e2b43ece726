"""Reads of administrative units and their lineage (which units became which, from what date).

The lineage graph is walked breadth first, one query per step, never one query per unit: a step from
old to new units is one query whatever the number of units at that step, and the 2025 reform is one
step (old commune or district -> new commune, old province -> new province).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.accounts.permissions import has_capability
from thidua.accounts.roles import Cap
from thidua.org.models import LEVEL_ORDER, AdminUnit, UnitLineage

# Far more steps than any real history has; it only bounds the walk if the data is inconsistent.
MAX_LINEAGE_STEPS = 32

# Keyed by the stored value, so a plain str from a row or a file finds its words too.
LEVEL_WORDS: dict[str, Promise] = {
    AdminUnit.Level.PROVINCE: gettext_lazy("cấp tỉnh"),
    AdminUnit.Level.DISTRICT: gettext_lazy("cấp huyện"),
    AdminUnit.Level.COMMUNE: gettext_lazy("cấp xã"),
}


@dataclass(frozen=True)
class LineageLink:
    """One link of a unit's history, seen from that unit: the unit on the other side and the event."""

    unit: AdminUnit
    effective_on: dt.date
    kind: str
    kind_label: str
    legal_basis: str


@dataclass(frozen=True)
class UnitHistory:
    unit: AdminUnit
    # Units this one came from (it is their successor), and units it became (it is their predecessor).
    predecessors: tuple[LineageLink, ...]
    successors: tuple[LineageLink, ...]


def _order(unit: AdminUnit) -> tuple[int, str, dt.date, int]:
    return (LEVEL_ORDER.get(unit.level, 9), unit.code, unit.valid_until or dt.date.max, unit.pk or 0)


def _valid_on_q(on: dt.date) -> Q:
    return (Q(valid_from__isnull=True) | Q(valid_from__lte=on)) & (
        Q(valid_until__isnull=True) | Q(valid_until__gte=on)
    )


def units_visible_to(*, user: Any) -> QuerySet[AdminUnit]:
    """The unit register is reference data: every staff role with the registry may read it."""
    if not has_capability(user, Cap.VIEW_REGISTRY):
        return AdminUnit.objects.none()
    return AdminUnit.objects.select_related("parent")


def units_editable_by(*, user: Any) -> QuerySet[AdminUnit]:
    if not has_capability(user, Cap.MANAGE_UNITS):
        return AdminUnit.objects.none()
    return AdminUnit.objects.select_related("parent")


def units_pickable_by(*, user: Any) -> QuerySet[AdminUnit]:
    """The units an officer may choose on a form: a unit's parent, an organisation's unit and province.

    The register is readable in full (units_visible_to), but an officer works for one province: its
    organisation's province, the units under it (districts, communes, communes under districts), and
    the same for the provinces that became it (tỉnh Trà Vinh for tỉnh Vĩnh Long since 01/07/2025), so
    that organisations of the old units can still be edited. A user whose organisation names no
    province (the system administrator) may choose any unit the register shows. A few queries, never
    one per unit.
    """
    units = units_visible_to(user=user)
    organisation = getattr(user, "organisation", None)
    province = getattr(organisation, "province", None)
    if province is None:
        return units
    provinces = {province.pk} | {
        unit.pk for unit in unit_predecessors(unit=province, transitive=True, level=AdminUnit.Level.PROVINCE)
    }
    return units.filter(Q(pk__in=provinces) | Q(parent_id__in=provinces) | Q(parent__parent_id__in=provinces))


def units_valid_on(
    *, on: dt.date, level: str | None = None, parent: AdminUnit | None = None
) -> QuerySet[AdminUnit]:
    """Units that existed on the given day, optionally of one level and under one parent unit.

    Ordered by level, then code; the parent is fetched with each unit.
    """
    units = AdminUnit.objects.filter(_valid_on_q(on)).select_related("parent")
    if level is not None:
        units = units.filter(level=level)
    if parent is not None:
        units = units.filter(parent=parent)
    return units.order_by("level", "code")


def unit_successors(*, unit: AdminUnit, on: dt.date) -> list[AdminUnit]:
    """The units that the given unit had become by the given day.

    A unit still valid on `on` is its own (only) successor. Otherwise the lineage is followed from the
    unit through links effective on or before `on`, through units that had also ended by then, until
    units valid on `on` are reached; those are returned, each once, ordered by level and code.
    A unit that did not yet exist on `on`, or that ended without a recorded successor, has none.

    Example: huyện Duyên Hải (850) on 01/01/2024 gives itself; on 01/01/2026 it gives the communes
    of tỉnh Vĩnh Long its communes went to.
    """
    if unit.is_valid_on(on):
        return [unit]
    if unit.valid_from is not None and on < unit.valid_from:
        return []
    found: dict[int, AdminUnit] = {}
    seen = {unit.pk}
    frontier = {unit.pk}
    for _step in range(MAX_LINEAGE_STEPS):
        if not frontier:
            break
        links = UnitLineage.objects.filter(predecessor_id__in=frontier, effective_on__lte=on).select_related(
            "successor"
        )
        next_frontier: set[int] = set()
        for link in links:
            successor = link.successor
            if successor.pk in seen:
                continue
            seen.add(successor.pk)
            if successor.is_valid_on(on):
                found[successor.pk] = successor
            elif successor.valid_until is not None and successor.valid_until < on:
                next_frontier.add(successor.pk)
        frontier = next_frontier
    return sorted(found.values(), key=_order)


def unit_predecessors(
    *, unit: AdminUnit, transitive: bool = False, level: str | None = None
) -> list[AdminUnit]:
    """The units the given unit was formed from, ordered by level and code.

    Direct predecessors only, unless `transitive`, which follows the lineage back to the oldest
    recorded units (every unit on the way is included). `level` keeps only units of that level: a
    new commune formed in 2025 has old communes and old districts as direct predecessors.
    """
    found: dict[int, AdminUnit] = {}
    seen = {unit.pk}
    frontier = {unit.pk}
    for _step in range(MAX_LINEAGE_STEPS if transitive else 1):
        if not frontier:
            break
        links = UnitLineage.objects.filter(successor_id__in=frontier).select_related("predecessor")
        next_frontier: set[int] = set()
        for link in links:
            predecessor = link.predecessor
            if predecessor.pk in seen:
                continue
            seen.add(predecessor.pk)
            found[predecessor.pk] = predecessor
            next_frontier.add(predecessor.pk)
        frontier = next_frontier
    units: Iterable[AdminUnit] = found.values()
    if level is not None:
        units = (u for u in units if u.level == level)
    return sorted(units, key=_order)


def unit_history(*, unit: AdminUnit) -> UnitHistory:
    """The unit's direct lineage links in both directions, with dates, kinds and legal bases.

    One query. Each side is ordered by effective date, then by the other unit's level and code.
    """
    links = UnitLineage.objects.filter(Q(predecessor=unit) | Q(successor=unit)).select_related(
        "predecessor", "successor"
    )
    predecessors: list[LineageLink] = []
    successors: list[LineageLink] = []
    for link in links:
        if link.successor_id == unit.pk:
            predecessors.append(_link(link, link.predecessor))
        else:
            successors.append(_link(link, link.successor))

    def key(item: LineageLink) -> tuple[dt.date, tuple[int, str, dt.date, int]]:
        return (item.effective_on, _order(item.unit))

    return UnitHistory(
        unit=unit,
        predecessors=tuple(sorted(predecessors, key=key)),
        successors=tuple(sorted(successors, key=key)),
    )


def _link(link: UnitLineage, other: AdminUnit) -> LineageLink:
    return LineageLink(
        unit=other,
        effective_on=link.effective_on,
        kind=link.kind,
        kind_label=str(link.get_kind_display()),
        legal_basis=link.legal_basis,
    )


def unit_get_by_code(*, code: str, level: str | None = None, on: dt.date | None = None) -> AdminUnit:
    """The unit with the given official code, for imports that name units by code.

    With `on`, only a unit valid on that day matches. Without it, a current unit is preferred over
    ended ones with the same code (tỉnh Vĩnh Long 86 exists before and after 01/07/2025), and an
    ended unit matches only if it is the only one with that code.
    Raises ValidationError (code "unit_not_found" or "unit_ambiguous") with a Vietnamese message.
    """
    code = (code or "").strip()
    if level is not None and level not in AdminUnit.Level.values:
        raise ValidationError(
            _("Cấp đơn vị hành chính «%(level)s» không hợp lệ.") % {"level": level}, code="invalid_level"
        )
    units = AdminUnit.objects.filter(code=code).select_related("parent")
    if level is not None:
        units = units.filter(level=level)
    if on is not None:
        units = units.filter(_valid_on_q(on))
    candidates = list(units[:10])
    if on is None and len(candidates) > 1:
        current = [u for u in candidates if u.valid_until is None]
        candidates = current or candidates
    if len(candidates) == 1:
        return candidates[0]
    if not candidates:
        params = {
            "code": code,
            "level": LEVEL_WORDS[level] if level else "",
            "day": f"{on:%d/%m/%Y}" if on else "",
        }
        if level and on:
            message = _(
                "Không tìm thấy đơn vị hành chính %(level)s có mã «%(code)s» còn hiệu lực vào ngày %(day)s."
            )
        elif level:
            message = _("Không tìm thấy đơn vị hành chính %(level)s có mã «%(code)s».")
        elif on:
            message = _("Không tìm thấy đơn vị hành chính có mã «%(code)s» còn hiệu lực vào ngày %(day)s.")
        else:
            message = _("Không tìm thấy đơn vị hành chính có mã «%(code)s».")
        raise ValidationError(message % params, code="unit_not_found")
    names = "; ".join(str(u) for u in sorted(candidates, key=_order))
    raise ValidationError(
        _("Mã «%(code)s» ứng với nhiều đơn vị hành chính (%(names)s); hãy ghi rõ cấp hoặc ngày.")
        % {"code": code, "names": names},
        code="unit_ambiguous",
    )
