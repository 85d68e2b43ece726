"""Services that change organisations (cơ quan, đơn vị)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from thidua.accounts.permissions import require
from thidua.accounts.roles import Cap
from thidua.core.audit import audit_record, diff, snapshot
from thidua.core.formatting import nfc
from thidua.org.models import AdminUnit, Organisation

if TYPE_CHECKING:
    from thidua.accounts.models import User

# The fields an officer edits, in the form's order (forms.OrganisationForm uses this list) and the
# fields organisation_update accepts and audits.
ORGANISATION_FIELDS = [
    "code",
    "name",
    "short_name",
    "kind",
    "parent",
    "admin_unit",
    "province",
    "address",
    "phone",
    "email",
    "established_on",
    "dissolved_on",
]


def _check(organisation: Organisation) -> None:
    errors: dict[str, str] = {}
    clash = Organisation.objects.filter(code=organisation.code).exclude(pk=organisation.pk).first()
    if clash is not None:
        errors["code"] = _("Mã đơn vị «%(code)s» đã được dùng cho «%(name)s».") % {
            "code": organisation.code,
            "name": clash.name,
        }
    parent = organisation.parent
    seen = {organisation.pk}
    while parent is not None:
        if parent.pk in seen:
            errors["parent"] = _(
                "Cơ quan cấp trên tạo thành vòng lặp: một đơn vị không thể trực thuộc chính nó."
            )
            break
        seen.add(parent.pk)
        parent = parent.parent
    if organisation.province is not None and organisation.province.level != AdminUnit.Level.PROVINCE:
        errors["province"] = _("Phải chọn một đơn vị hành chính cấp tỉnh.")
    if (
        organisation.established_on
        and organisation.dissolved_on
        and organisation.dissolved_on < organisation.established_on
    ):
        errors["dissolved_on"] = _("Ngày giải thể không thể trước ngày thành lập.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def organisation_create(
    *,
    actor: User,
    code: str,
    name: str,
    kind: str,
    short_name: str = "",
    parent: Organisation | None = None,
    admin_unit: AdminUnit | None = None,
    province: AdminUnit | None = None,
    address: str = "",
    phone: str = "",
    email: str = "",
    established_on: dt.date | None = None,
    dissolved_on: dt.date | None = None,
) -> Organisation:
    require(actor, Cap.MANAGE_ORGANISATIONS)
    organisation = Organisation(
        code=code.strip(),
        name=nfc(name.strip()),
        short_name=nfc(short_name.strip()),
        kind=kind,
        parent=parent,
        admin_unit=admin_unit,
        province=province,
        address=nfc(address),
        phone=phone,
        email=email,
        established_on=established_on,
        dissolved_on=dissolved_on,
    )
    _check(organisation)
    organisation.full_clean(validate_unique=False)
    organisation.save()
    audit_record(
        actor=actor,
        action="org.organisation.create",
        target=organisation,
        changes=diff({}, snapshot(organisation, ORGANISATION_FIELDS)),
    )
    return organisation


@transaction.atomic
def organisation_update(*, actor: User, organisation: Organisation, **fields: Any) -> Organisation:
    require(actor, Cap.MANAGE_ORGANISATIONS)
    unknown = set(fields) - set(ORGANISATION_FIELDS)
    if unknown:
        raise TypeError(f"organisation_update() got unknown fields: {', '.join(sorted(unknown))}")
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    before = snapshot(organisation, ORGANISATION_FIELDS)
    for name, value in fields.items():
        setattr(organisation, name, nfc(value) if isinstance(value, str) else value)
    _check(organisation)
    organisation.full_clean(validate_unique=False)
    changes = diff(before, snapshot(organisation, ORGANISATION_FIELDS))
    if changes:
        organisation.save(update_fields=[*fields, "updated_at"])
        audit_record(actor=actor, action="org.organisation.update", target=organisation, changes=changes)
    return organisation
