"""Services that change emulation groups (cụm, khối thi đua) and their yearly handover."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import models, router, transaction
from django.db.models.deletion import Collector, ProtectedError, RestrictedError
from django.utils.translation import gettext as _

from thidua.accounts.permissions import require
from thidua.accounts.roles import Cap
from thidua.core.audit import audit_record, diff, snapshot
from thidua.core.formatting import nfc
from thidua.org.models import AdminUnit, EmulationGroup, GroupMembership, Organisation, Person

if TYPE_CHECKING:
    from thidua.accounts.models import User

# The group's own fields, in the form's order (forms.GroupForm uses this list, adding the member list
# after the province), and the fields group_update accepts and audits.
GROUP_FIELDS = ["name", "kind", "year", "province", "head", "deputy", "head_person", "deputy_person", "note"]


class _Keep:
    """Marker for group_copy_to_next_year: keep last year's head or deputy."""


KEEP = _Keep()


def _validate(group: EmulationGroup, members: Sequence[Organisation]) -> None:
    """Collect every problem of the group and its member list, so the officer fixes them in one go."""
    errors: dict[str, list[str]] = {}

    def add(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    if not 2000 <= group.year <= 2100:
        add("year", _("Năm phải nằm trong khoảng 2000–2100."))
    if group.province_id and group.province.level != AdminUnit.Level.PROVINCE:
        add("province", _("Phải chọn một đơn vị hành chính cấp tỉnh."))
    clash = EmulationGroup.objects.filter(province_id=group.province_id, year=group.year, name=group.name)
    if clash.exclude(pk=group.pk).exists():
        add("name", _("Tỉnh đã có «%(name)s» trong năm %(year)s.") % {"name": group.name, "year": group.year})

    ids = [m.pk for m in members]
    duplicates = sorted({m.name for m in members if ids.count(m.pk) > 1})
    if duplicates:
        add(
            "members",
            _("Đơn vị bị lặp trong danh sách thành viên: %(names)s.") % {"names": ", ".join(duplicates)},
        )
    year_start = dt.date(group.year, 1, 1)
    for member in members:
        if member.dissolved_on and member.dissolved_on < year_start:
            add(
                "members",
                _("«%(name)s» đã giải thể ngày %(day)s, không thể là thành viên năm %(year)s.")
                % {"name": member.name, "day": f"{member.dissolved_on:%d/%m/%Y}", "year": group.year},
            )
    member_ids = set(ids)
    if group.head_id and group.head_id not in member_ids:
        add(
            "head",
            _("Đơn vị cụm trưởng «%(unit)s» không phải là thành viên của cụm, khối.") % {"unit": group.head},
        )
    if group.deputy_id and group.deputy_id not in member_ids:
        add(
            "deputy",
            _("Đơn vị cụm phó «%(unit)s» không phải là thành viên của cụm, khối.") % {"unit": group.deputy},
        )
    if group.head_id and group.head_id == group.deputy_id:
        add("deputy", _("Một đơn vị không thể vừa là cụm trưởng vừa là cụm phó."))
    for field, unit_field in (("head_person", "head"), ("deputy_person", "deputy")):
        person: Person | None = getattr(group, field)
        if person is not None and person.organisation_id != getattr(group, f"{unit_field}_id"):
            message = (
                _("«%(name)s» không công tác tại đơn vị cụm trưởng.")
                if unit_field == "head"
                else _("«%(name)s» không công tác tại đơn vị cụm phó.")
            )
            add(field, message % {"name": person.full_name})
    if errors:
        raise ValidationError(errors)


def _set_members(group: EmulationGroup, members: Sequence[Organisation]) -> None:
    group.memberships.all().delete()
    GroupMembership.objects.bulk_create(
        GroupMembership(group=group, organisation=member, order=index)
        for index, member in enumerate(members, 1)
    )


@transaction.atomic
def group_create(
    *,
    actor: User,
    name: str,
    kind: str,
    year: int,
    province: AdminUnit,
    members: Sequence[Organisation],
    head: Organisation | None = None,
    deputy: Organisation | None = None,
    head_person: Person | None = None,
    deputy_person: Person | None = None,
    note: str = "",
    previous: EmulationGroup | None = None,
) -> EmulationGroup:
    """Create a group for one year with its members; the head and deputy must be members."""
    require(actor, Cap.MANAGE_GROUPS)
    group = EmulationGroup(
        name=nfc(name.strip()),
        kind=kind,
        year=year,
        province=province,
        head=head,
        deputy=deputy,
        head_person=head_person,
        deputy_person=deputy_person,
        note=nfc(note),
        previous=previous,
    )
    _validate(group, members)
    group.full_clean(validate_unique=False, validate_constraints=False)
    group.save()
    _set_members(group, members)
    changes = diff({}, snapshot(group, GROUP_FIELDS))
    changes["members"] = [None, [m.name for m in members]]
    audit_record(actor=actor, action="org.group.create", target=group, changes=changes)
    return group


@transaction.atomic
def group_update(
    *,
    actor: User,
    group: EmulationGroup,
    members: Sequence[Organisation] | None = None,
    reason: str = "",
    **fields: Any,
) -> EmulationGroup:
    """Change a group's fields and, when given, replace its member list; all-or-nothing."""
    require(actor, Cap.MANAGE_GROUPS)
    unknown = set(fields) - set(GROUP_FIELDS)
    if unknown:
        raise TypeError(f"group_update() got unknown fields: {', '.join(sorted(unknown))}")
    group = EmulationGroup.objects.select_for_update().get(pk=group.pk)
    before = snapshot(group, GROUP_FIELDS)
    old_members = list(
        Organisation.objects.filter(group_memberships__group=group).order_by("group_memberships__order")
    )
    for name, value in fields.items():
        setattr(group, name, nfc(value) if isinstance(value, str) else value)
    new_members = list(members) if members is not None else old_members
    _validate(group, new_members)
    group.full_clean(validate_unique=False, validate_constraints=False)
    changes = diff(before, snapshot(group, GROUP_FIELDS))
    if fields:
        group.save(update_fields=[*fields, "updated_at"])
    if members is not None and [m.pk for m in new_members] != [m.pk for m in old_members]:
        _set_members(group, new_members)
        changes["members"] = [[m.name for m in old_members], [m.name for m in new_members]]
    if changes:
        audit_record(actor=actor, action="org.group.update", target=group, changes=changes, reason=reason)
    return group


# Durable: the yearly handover screen calls it on its own; group_create runs inside it.
@transaction.atomic(durable=True)
def group_copy_to_next_year(
    *,
    actor: User,
    group: EmulationGroup,
    head: Organisation | _Keep | None = KEEP,
    deputy: Organisation | _Keep | None = KEEP,
) -> EmulationGroup:
    """Start next year's group from this one: same members, and the head and deputy handed over.

    The handover is yearly (at the tổng kết the head passes the role on), so callers normally pass
    the new head and deputy; by default they stay. A member dissolved before next year is refused
    by the same validation as group_create, naming the unit, so the officer replaces it with its
    successor instead of carrying a unit that no longer exists.
    """
    require(actor, Cap.MANAGE_GROUPS)
    source = EmulationGroup.objects.select_related("province").get(pk=group.pk)
    if source.next_years.exists():
        raise ValidationError(
            _("«%(name)s» đã được chuyển sang năm %(year)s.") % {"name": source.name, "year": source.year + 1}
        )
    members = list(
        Organisation.objects.filter(group_memberships__group=source).order_by("group_memberships__order")
    )
    new_head = source.head if isinstance(head, _Keep) else head
    new_deputy = source.deputy if isinstance(deputy, _Keep) else deputy
    return group_create(
        actor=actor,
        name=source.name,
        kind=source.kind,
        year=source.year + 1,
        province=source.province,
        members=members,
        head=new_head,
        deputy=new_deputy,
        head_person=source.head_person if new_head == source.head else None,
        deputy_person=source.deputy_person if new_deputy == source.deputy else None,
        note=source.note,
        previous=source,
    )


def _delete_blockers(group: EmulationGroup) -> list[models.Model]:
    """The records whose foreign key forbids deleting the group (on_delete PROTECT or RESTRICT).

    Asked of Django's deletion collector rather than listed here: the pact and the vote of a year
    (thidua.emulation) point at the group, and org does not import the apps built on it.
    """
    collector = Collector(using=router.db_for_write(EmulationGroup, instance=group))
    try:
        collector.collect([group])
    except ProtectedError as error:
        return list(error.protected_objects)
    except RestrictedError as error:
        return list(error.restricted_objects)
    return []


@transaction.atomic(durable=True)
def group_delete(*, actor: User, group: EmulationGroup, reason: str = "") -> None:
    """Delete a group and its member list, unless emulation records of its year depend on it.

    A group with a pact or a vote is refused with a ValidationError naming them: those records are the
    history of the year and the database protects them. Next year's group that continued this one
    keeps its own data; only its link back (previous) is cleared, as the model says (SET_NULL). The
    audit row keeps the group's fields and members, since the group itself is gone afterwards.
    """
    require(actor, Cap.MANAGE_GROUPS)
    group = EmulationGroup.objects.select_for_update().get(pk=group.pk)
    blockers = _delete_blockers(group)
    if blockers:
        records = ", ".join(sorted({str(record._meta.verbose_name) for record in blockers}))
        raise ValidationError(
            _(
                "Không thể xóa «%(group)s» vì cụm, khối này đã có %(records)s. Dữ liệu thi đua phải được "
                "giữ lại; nếu cụm, khối không còn hoạt động, hãy ghi vào phần ghi chú thay vì xóa."
            )
            % {"group": group, "records": records}
        )
    members = list(
        Organisation.objects.filter(group_memberships__group=group).order_by("group_memberships__order")
    )
    changes = diff(snapshot(group, GROUP_FIELDS), {})
    changes["members"] = [[m.name for m in members], None]
    audit_record(actor=actor, action="org.group.delete", target=group, changes=changes, reason=reason)
    group.delete()
