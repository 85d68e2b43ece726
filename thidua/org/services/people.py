"""Services that change people and their position history."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.core.audit import audit_record, diff, snapshot
from thidua.core.formatting import nfc
from thidua.org.models import Organisation, Person, PersonPosition
from thidua.org.selectors.people import can_edit_person

if TYPE_CHECKING:
    from thidua.accounts.models import User

# What an officer edits on a person, in the form's order (forms.PersonForm uses this list). The unit
# and the position change only through person_change_position, which keeps the position history;
# the other fields through person_update.
PERSON_EDITABLE = [
    "full_name",
    "gender",
    "date_of_birth",
    "civil_servant_code",
    "organisation",
    "position",
    "is_active",
]
POSITION_FIELDS = ["organisation", "position"]
PERSON_FIELDS = [name for name in PERSON_EDITABLE if name not in POSITION_FIELDS]
_OUT_OF_SCOPE = gettext_lazy("Bạn chỉ được cập nhật cá nhân thuộc đơn vị của mình.")


def _check(person: Person) -> None:
    errors: dict[str, str] = {}
    if person.civil_servant_code:
        clash = (
            Person.objects.filter(civil_servant_code=person.civil_servant_code).exclude(pk=person.pk).first()
        )
        if clash is not None:
            errors["civil_servant_code"] = _("Mã số công chức «%(code)s» đã thuộc về «%(name)s».") % {
                "code": person.civil_servant_code,
                "name": clash.full_name,
            }
    if person.date_of_birth and person.date_of_birth > dt.date.today():
        errors["date_of_birth"] = _("Ngày sinh không thể ở tương lai.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def person_create(
    *,
    actor: User | None,
    full_name: str,
    gender: str,
    organisation: Organisation,
    position: str = "",
    date_of_birth: dt.date | None = None,
    civil_servant_code: str = "",
    position_since: dt.date | None = None,
) -> Person:
    """Create a person; a position given here opens their position history."""
    if not can_edit_person(user=actor, organisation_id=organisation.pk):
        raise PermissionDenied(_OUT_OF_SCOPE)
    person = Person(
        full_name=nfc(" ".join(full_name.split())),
        gender=gender,
        organisation=organisation,
        position=nfc(position.strip()),
        date_of_birth=date_of_birth,
        civil_servant_code=civil_servant_code.strip(),
    )
    _check(person)
    person.full_clean(validate_unique=False)
    person.save()
    if person.position:
        PersonPosition.objects.create(
            person=person,
            organisation=organisation,
            title=person.position,
            start_date=position_since or dt.date.today(),
        )
    audit_record(
        actor=actor,
        action="org.person.create",
        target=person,
        changes=diff({}, snapshot(person, [*PERSON_FIELDS, *POSITION_FIELDS])),
    )
    return person


@transaction.atomic
def person_update(*, actor: User | None, person: Person, **fields: Any) -> Person:
    """Change a person's own data; a change of unit or position goes through person_change_position."""
    unknown = set(fields) - set(PERSON_FIELDS)
    if unknown:
        raise TypeError(f"person_update() got unknown fields: {', '.join(sorted(unknown))}")
    person = Person.objects.select_for_update().get(pk=person.pk)
    if not can_edit_person(user=actor, organisation_id=person.organisation_id):
        raise PermissionDenied(_OUT_OF_SCOPE)
    before = snapshot(person, PERSON_FIELDS)
    for name, value in fields.items():
        setattr(person, name, nfc(value) if isinstance(value, str) else value)
    _check(person)
    person.full_clean(validate_unique=False)
    changes = diff(before, snapshot(person, PERSON_FIELDS))
    if changes:
        person.save(update_fields=[*fields, "updated_at"])
        audit_record(actor=actor, action="org.person.update", target=person, changes=changes)
    return person


@transaction.atomic
def person_change_position(
    *,
    actor: User | None,
    person: Person,
    organisation: Organisation,
    title: str,
    start_date: dt.date,
    reason: str = "",
) -> PersonPosition:
    """Close the open position the day before start_date and open the new one.

    Moving a person to another unit needs the right to edit people of both units.
    """
    person = Person.objects.select_for_update().get(pk=person.pk)
    for org_id in {person.organisation_id, organisation.pk}:
        if not can_edit_person(user=actor, organisation_id=org_id):
            raise PermissionDenied(_OUT_OF_SCOPE)
    current = person.positions.filter(end_date__isnull=True).first()
    if current is not None:
        if start_date <= current.start_date:
            raise ValidationError(
                {
                    "start_date": _("Ngày bắt đầu phải sau ngày nhận chức vụ hiện tại (%(day)s).")
                    % {"day": f"{current.start_date:%d/%m/%Y}"}
                }
            )
        current.end_date = start_date - dt.timedelta(days=1)
        current.save(update_fields=["end_date", "updated_at"])
    before = snapshot(person, POSITION_FIELDS)
    new = PersonPosition.objects.create(
        person=person, organisation=organisation, title=nfc(title.strip()), start_date=start_date
    )
    person.organisation = organisation
    person.position = new.title
    person.save(update_fields=["organisation", "position", "updated_at"])
    audit_record(
        actor=actor,
        action="org.person.change_position",
        target=person,
        changes=diff(before, snapshot(person, POSITION_FIELDS)),
        reason=reason,
    )
    return new
