"""Services that change administrative units and their lineage.

Every function checks the MANAGE_UNITS capability, runs in one transaction and writes an audit row.
Input that does not fit is rejected with a ValidationError whose messages are Vietnamese and name the
problem; nothing is saved then. adminunits_load() is the bulk path used by `thidua org_load_units`.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.accounts.permissions import require
from thidua.accounts.roles import Cap
from thidua.core.audit import audit_record, diff, snapshot
from thidua.core.formatting import nfc
from thidua.org.models import AdminUnit, UnitLineage
from thidua.org.selectors.units import LEVEL_WORDS, MAX_LINEAGE_STEPS
from thidua.org.units_loader import PROVINCE, UnitKey, UnitsDataset

if TYPE_CHECKING:
    from thidua.accounts.models import User


# The fields adminunit_create and adminunit_update accept and audit; the unit screens edit all of them
# but the source (admin/viewsets.py).
UNIT_FIELDS = [
    "code",
    "name",
    "short_name",
    "level",
    "kind",
    "parent",
    "valid_from",
    "valid_until",
    "latitude",
    "longitude",
    "area_km2",
    "source",
]
_EDITABLE = frozenset(UNIT_FIELDS)
_LINEAGE_FIELDS = ["predecessor", "successor", "effective_on", "kind", "legal_basis"]
# The parent levels a unit of each level may have. Communes hang directly under a province since
# 01/07/2025 (two-tier local government) and under a district before.
PARENT_LEVELS: dict[str, frozenset[str]] = {
    AdminUnit.Level.PROVINCE: frozenset(),
    AdminUnit.Level.DISTRICT: frozenset({AdminUnit.Level.PROVINCE}),
    AdminUnit.Level.COMMUNE: frozenset({AdminUnit.Level.PROVINCE, AdminUnit.Level.DISTRICT}),
}


def _day(value: dt.date | None) -> str:
    return f"{value:%d/%m/%Y}" if value else "…"


def _interval(unit: AdminUnit) -> str:
    # Translators: a unit's period of validity, inserted into messages ("valid from … to …").
    return _("từ %(start)s đến %(end)s") % {"start": _day(unit.valid_from), "end": _day(unit.valid_until)}


def _clean_text(value: Any) -> str:
    return nfc(str(value).strip()) if value is not None else ""


# ---------------------------------------------------------------------------------------------------
# Units


def _resolve_unit(value: AdminUnit | int | str | None, *, what: Any, lock: bool = False) -> AdminUnit | None:
    """The saved unit that `value` (a unit or its primary key) names; ValidationError if none."""
    if value is None:
        return None
    pk = value.pk if isinstance(value, AdminUnit) else value
    units = AdminUnit.objects.select_for_update() if lock else AdminUnit.objects
    found = units.filter(pk=pk).first() if pk is not None and str(pk).isdigit() else None
    if found is None:
        if isinstance(value, AdminUnit):
            message = _("Không tìm thấy %(what)s «%(unit)s»: đơn vị chưa được lưu hoặc đã bị xóa.")
        else:
            message = _("Không tìm thấy %(what)s có khóa «%(unit)s»: đơn vị chưa được lưu hoặc đã bị xóa.")
        raise ValidationError(message % {"what": what, "unit": value})
    return found


def _overlapping_same_code(unit: AdminUnit) -> AdminUnit | None:
    """Another unit of the same level and code whose validity overlaps this unit's."""
    others = AdminUnit.objects.filter(level=unit.level, code=unit.code).exclude(pk=unit.pk)
    if unit.valid_from is not None:
        others = others.filter(Q(valid_until__isnull=True) | Q(valid_until__gte=unit.valid_from))
    if unit.valid_until is not None:
        others = others.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=unit.valid_until))
    return others.order_by("valid_from").first()


def _covers(outer: AdminUnit, inner: AdminUnit) -> bool:
    """Whether outer exists on every day inner exists (None means no limit on that side)."""
    starts_in_time = outer.valid_from is None or (
        inner.valid_from is not None and outer.valid_from <= inner.valid_from
    )
    ends_in_time = outer.valid_until is None or (
        inner.valid_until is not None and inner.valid_until <= outer.valid_until
    )
    return starts_in_time and ends_in_time


def _check_unit(unit: AdminUnit, *, dates_changed: bool) -> None:
    errors: dict[str, list[str]] = defaultdict(list)
    if not unit.code:
        errors["code"].append(_("Mã đơn vị hành chính không được để trống."))
    elif not unit.code.isdigit():
        errors["code"].append(_("Mã đơn vị hành chính «%(code)s» chỉ được gồm chữ số.") % {"code": unit.code})
    if not unit.name:
        errors["name"].append(_("Tên đơn vị hành chính không được để trống."))
    if unit.level not in AdminUnit.Level.values:
        errors["level"].append(_("Cấp đơn vị hành chính «%(level)s» không hợp lệ.") % {"level": unit.level})
    if not unit.kind:
        errors["kind"].append(_("Loại hình đơn vị (tỉnh, thành phố, xã, phường…) không được để trống."))
    if unit.valid_from and unit.valid_until and unit.valid_until < unit.valid_from:
        errors["valid_until"].append(
            _("Ngày kết thúc hiệu lực (%(end)s) không thể trước ngày bắt đầu (%(start)s).")
            % {"end": _day(unit.valid_until), "start": _day(unit.valid_from)}
        )
    if errors:
        raise ValidationError(dict(errors))

    allowed = PARENT_LEVELS[unit.level]
    parent = unit.parent
    if parent is None and allowed:
        errors["parent"].append(
            _("Đơn vị %(level)s phải thuộc một đơn vị hành chính cấp trên.")
            % {"level": LEVEL_WORDS[unit.level]}
        )
    elif parent is not None:
        if unit.pk is not None and parent.pk == unit.pk:
            errors["parent"].append(_("Một đơn vị hành chính không thể trực thuộc chính nó."))
        elif parent.level not in allowed:
            errors["parent"].append(
                _("Đơn vị %(level)s không thể trực thuộc «%(parent)s» (%(parent_level)s).")
                % {
                    "level": LEVEL_WORDS[unit.level],
                    "parent": parent,
                    "parent_level": LEVEL_WORDS.get(parent.level, parent.level),
                }
            )
        elif not _covers(parent, unit):
            errors["parent"].append(
                _(
                    "Đơn vị cấp trên «%(parent)s» chỉ có hiệu lực %(parent_interval)s, không bao trùm thời "
                    "gian hiệu lực của đơn vị này (%(interval)s)."
                )
                % {"parent": parent, "parent_interval": _interval(parent), "interval": _interval(unit)}
            )

    clash = _overlapping_same_code(unit)
    if clash is not None:
        errors["code"].append(
            _(
                "Mã «%(code)s» đã được dùng cho «%(clash)s» (%(level)s, hiệu lực %(interval)s), trùng thời "
                "gian hiệu lực với đơn vị này."
            )
            % {
                "code": unit.code,
                "clash": clash,
                "level": LEVEL_WORDS[unit.level],
                "interval": _interval(clash),
            }
        )

    if dates_changed and unit.pk is not None:
        for link in UnitLineage.objects.filter(Q(predecessor=unit) | Q(successor=unit)).select_related(
            "predecessor", "successor"
        ):
            if link.predecessor_id == unit.pk and not (
                unit.valid_until is not None and unit.valid_until < link.effective_on
            ):
                errors["valid_until"].append(
                    _(
                        "Đơn vị đã được sắp xếp vào «%(successor)s» từ %(day)s, nên phải kết thúc hiệu lực "
                        "trước ngày đó."
                    )
                    % {"successor": link.successor, "day": _day(link.effective_on)}
                )
            if link.successor_id == unit.pk and not unit.is_valid_on(link.effective_on):
                errors["valid_from"].append(
                    _(
                        "Đơn vị được hình thành từ «%(predecessor)s» từ %(day)s, nên phải có hiệu lực vào "
                        "ngày đó."
                    )
                    % {"predecessor": link.predecessor, "day": _day(link.effective_on)}
                )
        inside = Q()
        if unit.valid_from is not None:
            inside &= Q(valid_from__isnull=False, valid_from__gte=unit.valid_from)
        if unit.valid_until is not None:
            inside &= Q(valid_until__isnull=False, valid_until__lte=unit.valid_until)
        outside = AdminUnit.objects.filter(parent=unit).exclude(inside).order_by("code").first()
        if outside is not None:
            errors["valid_until"].append(
                _(
                    "Đơn vị trực thuộc «%(child)s» có hiệu lực %(child_interval)s, ngoài thời gian hiệu lực "
                    "mới của đơn vị này (%(interval)s)."
                )
                % {"child": outside, "child_interval": _interval(outside), "interval": _interval(unit)}
            )
    if errors:
        raise ValidationError(dict(errors))


@transaction.atomic
def adminunit_create(
    *,
    actor: User,
    code: str,
    name: str,
    level: str,
    kind: str,
    parent: AdminUnit | int | None = None,
    valid_from: dt.date | None = None,
    valid_until: dt.date | None = None,
    short_name: str = "",
    latitude: Decimal | None = None,
    longitude: Decimal | None = None,
    area_km2: Decimal | None = None,
    source: str = "",
    reason: str = "",
) -> AdminUnit:
    """Create an administrative unit after checking its code, parent and validity; audit it."""
    require(actor, Cap.MANAGE_UNITS)
    unit = AdminUnit(
        code=_clean_text(code),
        name=_clean_text(name),
        short_name=_clean_text(short_name),
        level=_clean_text(level),
        kind=_clean_text(kind),
        parent=_resolve_unit(parent, what=_("đơn vị hành chính cấp trên")),
        valid_from=valid_from,
        valid_until=valid_until,
        latitude=latitude,
        longitude=longitude,
        area_km2=area_km2,
        source=_clean_text(source),
    )
    _check_unit(unit, dates_changed=False)
    unit.full_clean()
    unit.save()
    audit_record(
        actor=actor,
        action="org.adminunit.create",
        target=unit,
        changes=diff({}, snapshot(unit, UNIT_FIELDS)),
        reason=reason,
    )
    return unit


@transaction.atomic
def adminunit_update(*, actor: User, unit: AdminUnit, reason: str = "", **fields: Any) -> AdminUnit:
    """Change the given fields of a unit (not its level), re-checking code, parent and validity.

    A change of dates is also checked against the unit's lineage links and its subordinate units.
    Writes an audit row with old and new values; a call that changes nothing writes nothing.
    """
    require(actor, Cap.MANAGE_UNITS)
    unknown = sorted(set(fields) - _EDITABLE)
    if unknown:
        raise TypeError(f"adminunit_update() got unknown field(s): {', '.join(unknown)}")
    locked = _resolve_unit(unit, what=_("đơn vị hành chính"), lock=True)
    assert locked is not None
    unit = locked
    before = snapshot(unit, UNIT_FIELDS)
    for name, value in fields.items():
        if name == "parent":
            value = _resolve_unit(value, what=_("đơn vị hành chính cấp trên"))
        elif name in {"code", "name", "short_name", "level", "kind", "source"}:
            value = _clean_text(value)
        setattr(unit, name, value)
    if unit.level != before["level"]:
        raise ValidationError(
            {
                "level": _(
                    "Không thể đổi cấp của đơn vị hành chính; hãy tạo đơn vị mới và ghi nhận quan hệ "
                    "sắp xếp từ đơn vị cũ."
                )
            }
        )
    after = snapshot(unit, UNIT_FIELDS)
    changes = diff(before, after)
    if not changes:
        return unit
    _check_unit(unit, dates_changed=bool({"valid_from", "valid_until"} & set(changes)))
    unit.full_clean()
    unit.save(update_fields=[*sorted(changes), "updated_at"])
    audit_record(actor=actor, action="org.adminunit.update", target=unit, changes=changes, reason=reason)
    return unit


# ---------------------------------------------------------------------------------------------------
# Lineage


def _leads_to(start: AdminUnit, goal: AdminUnit) -> bool:
    """Whether the lineage already leads from start to goal, directly or through other units.
    One query per step of the walk."""
    seen = {start.pk}
    frontier = {start.pk}
    for _step in range(MAX_LINEAGE_STEPS):
        if not frontier:
            return False
        successors = set(
            UnitLineage.objects.filter(predecessor_id__in=frontier).values_list("successor_id", flat=True)
        )
        if goal.pk in successors:
            return True
        frontier = successors - seen
        seen |= successors
    return False


@transaction.atomic(durable=True)
def lineage_add(
    *,
    actor: User,
    predecessor: AdminUnit | int,
    successor: AdminUnit | int,
    effective_on: dt.date,
    kind: str,
    legal_basis: str = "",
    reason: str = "",
) -> UnitLineage:
    """Record that `predecessor` became (wholly or partly) `successor` from `effective_on`.

    Rejected: a link of a unit to itself, a pair already linked, a link that would close a cycle
    (successor already leads to predecessor), a successor not valid on effective_on, and a
    predecessor that has not ended before effective_on (its last day must be earlier).
    """
    require(actor, Cap.MANAGE_UNITS)
    # Lock both units, in a fixed order, so that two concurrent additions cannot build a cycle
    # between them unseen (PostgreSQL; SQLite serialises writers anyway).
    wanted = [
        ("before", predecessor, _("đơn vị trước sắp xếp")),
        ("after", successor, _("đơn vị sau sắp xếp")),
    ]
    wanted.sort(key=lambda item: str(getattr(item[1], "pk", item[1])))
    resolved = {name: _resolve_unit(value, what=what, lock=True) for name, value, what in wanted}
    before, after = resolved["before"], resolved["after"]
    assert before is not None and after is not None
    kind = _clean_text(kind)
    legal_basis = _clean_text(legal_basis)

    errors: dict[str, list[str]] = defaultdict(list)
    if kind not in UnitLineage.Kind.values:
        choices = ", ".join(f"{value} ({label})" for value, label in UnitLineage.Kind.choices)
        errors["kind"].append(
            _("Loại sắp xếp «%(kind)s» không hợp lệ; chọn một trong: %(choices)s.")
            % {"kind": kind, "choices": choices}
        )
    if before.pk == after.pk:
        errors["successor"].append(
            _("Không thể ghi nhận «%(unit)s» là đơn vị kế thừa của chính nó.") % {"unit": before}
        )
    elif UnitLineage.objects.filter(predecessor=before, successor=after).exists():
        errors["successor"].append(
            _("Đã có quan hệ sắp xếp từ «%(before)s» sang «%(after)s».") % {"before": before, "after": after}
        )
    elif _leads_to(after, before):
        errors["successor"].append(
            _(
                "Không thể ghi nhận «%(before)s» → «%(after)s»: «%(after)s» đã dẫn tới «%(before)s» (trực "
                "tiếp hoặc qua các lần sắp xếp khác), nên quan hệ mới sẽ tạo thành vòng lặp."
            )
            % {"before": before, "after": after}
        )
    if not after.is_valid_on(effective_on):
        errors["effective_on"].append(
            _("Đơn vị sau sắp xếp «%(after)s» không có hiệu lực vào ngày %(day)s (hiệu lực %(interval)s).")
            % {"after": after, "day": _day(effective_on), "interval": _interval(after)}
        )
    if before.valid_until is None:
        errors["effective_on"].append(
            _(
                "Đơn vị trước sắp xếp «%(before)s» vẫn còn hiệu lực; hãy ghi ngày kết thúc (trước ngày "
                "%(day)s) trước khi ghi nhận sắp xếp."
            )
            % {"before": before, "day": _day(effective_on)}
        )
    elif before.valid_until >= effective_on:
        errors["effective_on"].append(
            _(
                "Đơn vị trước sắp xếp «%(before)s» còn hiệu lực đến %(until)s, nên phải kết thúc trước ngày "
                "sắp xếp có hiệu lực (%(day)s)."
            )
            % {"before": before, "until": _day(before.valid_until), "day": _day(effective_on)}
        )
    if errors:
        raise ValidationError(dict(errors))

    link = UnitLineage(
        predecessor=before, successor=after, effective_on=effective_on, kind=kind, legal_basis=legal_basis
    )
    link.full_clean()
    link.save()
    audit_record(
        actor=actor,
        action="org.unitlineage.add",
        target=link,
        changes=diff({}, snapshot(link, _LINEAGE_FIELDS)),
        reason=reason,
    )
    return link


# ---------------------------------------------------------------------------------------------------
# Bulk load from the package data


@dataclass
class LoadCounts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged


@dataclass
class LoadReport:
    source: str
    units: dict[str, LoadCounts] = field(
        default_factory=lambda: {level: LoadCounts() for level in AdminUnit.Level.values}
    )
    lineage: LoadCounts = field(default_factory=LoadCounts)

    @property
    def changed(self) -> bool:
        counts = [*self.units.values(), self.lineage]
        return any(c.created or c.updated for c in counts)


# The fields the loader owns; a unit's natural key (level, code, valid_until) is never changed by it.
_LOADED_FIELDS = (
    "name",
    "short_name",
    "kind",
    "parent_id",
    "valid_from",
    "latitude",
    "longitude",
    "area_km2",
    "source",
)
_LOADED_LINK_FIELDS = ("effective_on", "kind", "legal_basis")


def _existing_units(level: str, codes: Iterable[str]) -> dict[UnitKey, AdminUnit]:
    return {
        UnitKey(unit.level, unit.code, unit.valid_until): unit
        for unit in AdminUnit.objects.filter(level=level, code__in_values=sorted(set(codes)))
    }


# Durable: the whole register loads or nothing does (`thidua org_load_units`, the benchmark).
@transaction.atomic(durable=True)
def adminunits_load(*, actor: User | None, dataset: UnitsDataset, batch_size: int = 1000) -> LoadReport:
    """Create or update the units and lineage links of `dataset`, matching units by their natural
    key (level, code, valid_until) and links by (predecessor, successor).

    Idempotent: a second load of the same dataset changes nothing and reports only unchanged rows.
    Nothing is deleted: units or links that the data no longer has stay as they are. Writes in bulk,
    a few queries per level whatever the number of units. `actor` None means the system (the
    management command); a user must hold MANAGE_UNITS. One audit row is written per current
    province whose units or links changed.
    """
    if actor is not None:
        require(actor, Cap.MANAGE_UNITS)
    report = LoadReport(source=dataset.source)
    now = timezone.now()
    pk_of: dict[UnitKey, int] = {}
    changed_in: dict[str, Counter[str]] = defaultdict(Counter)

    for level in (AdminUnit.Level.PROVINCE, AdminUnit.Level.DISTRICT, AdminUnit.Level.COMMUNE):
        records = [u for u in dataset.units if u.level == level]
        existing = _existing_units(level, (r.code for r in records))
        counts = report.units[level]
        to_create: list[AdminUnit] = []
        to_update: list[AdminUnit] = []
        for record in records:
            values: dict[str, Any] = {
                "name": record.name,
                "short_name": record.short_name,
                "kind": record.kind,
                "parent_id": pk_of[record.parent] if record.parent is not None else None,
                "valid_from": record.valid_from,
                "latitude": record.latitude,
                "longitude": record.longitude,
                "area_km2": record.area_km2,
                "source": dataset.source,
            }
            unit = existing.get(record.key)
            if unit is None:
                to_create.append(
                    AdminUnit(level=record.level, code=record.code, valid_until=record.valid_until, **values)
                )
                counts.created += 1
                changed_in[record.province][f"{level}_created"] += 1
            elif any(getattr(unit, name) != value for name, value in values.items()):
                for name, value in values.items():
                    setattr(unit, name, value)
                unit.updated_at = now
                to_update.append(unit)
                counts.updated += 1
                changed_in[record.province][f"{level}_updated"] += 1
            else:
                counts.unchanged += 1
        AdminUnit.objects.bulk_create(to_create, batch_size=batch_size)
        if to_update:
            AdminUnit.objects.bulk_update(to_update, [*_LOADED_FIELDS, "updated_at"], batch_size=batch_size)
        for unit in [*existing.values(), *to_create]:
            pk_of[UnitKey(unit.level, unit.code, unit.valid_until)] = unit.pk

    predecessor_pks = sorted({pk_of[link.predecessor] for link in dataset.lineage})
    existing_links: dict[tuple[int, int], UnitLineage] = {}
    for link in UnitLineage.objects.filter(predecessor_id__in_values=predecessor_pks):
        existing_links[(link.predecessor_id, link.successor_id)] = link
    links_to_create: list[UnitLineage] = []
    links_to_update: list[UnitLineage] = []
    for lineage_record in dataset.lineage:
        pair = (pk_of[lineage_record.predecessor], pk_of[lineage_record.successor])
        link_values: dict[str, Any] = {
            "effective_on": lineage_record.effective_on,
            "kind": lineage_record.kind,
            "legal_basis": lineage_record.legal_basis,
        }
        found = existing_links.get(pair)
        if found is None:
            links_to_create.append(UnitLineage(predecessor_id=pair[0], successor_id=pair[1], **link_values))
            report.lineage.created += 1
            changed_in[lineage_record.province]["lineage_created"] += 1
        elif any(getattr(found, name) != value for name, value in link_values.items()):
            for name, value in link_values.items():
                setattr(found, name, value)
            found.updated_at = now
            links_to_update.append(found)
            report.lineage.updated += 1
            changed_in[lineage_record.province]["lineage_updated"] += 1
        else:
            report.lineage.unchanged += 1
    UnitLineage.objects.bulk_create(links_to_create, batch_size=batch_size)
    if links_to_update:
        UnitLineage.objects.bulk_update(
            links_to_update, [*_LOADED_LINK_FIELDS, "updated_at"], batch_size=batch_size
        )

    if changed_in:
        provinces = AdminUnit.objects.in_bulk(
            [pk_of[UnitKey(PROVINCE, code, None)] for code in sorted(changed_in)]
        )
        for code in sorted(changed_in):
            audit_record(
                actor=actor,
                action="org.adminunit.load",
                target=provinces[pk_of[UnitKey(PROVINCE, code, None)]],
                changes={"counts": dict(sorted(changed_in[code].items()))},
                reason=f"Nạp đơn vị hành chính và lịch sử sắp xếp từ {dataset.source}.",
            )
    return report
