"""Import people: plan every row against the database, then save them all through the people services."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from functools import partial
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext as _

from thidua.accounts.permissions import require
from thidua.accounts.roles import Cap
from thidua.core.formatting import nfc
from thidua.org.models import Organisation, Person, PersonPosition
from thidua.org.selectors.people import can_edit_person
from thidua.org.services.imports.common import (
    ImportReport,
    PlannedRow,
    ProgressCallback,
    commit,
    day,
    header,
    in_bulk,
    required_cells,
)
from thidua.org.services.people import person_change_position, person_create, person_update
from thidua.org.spreadsheets import GENDER_CHOICES, RowError

if TYPE_CHECKING:
    from thidua.accounts.models import User

_GENDER_LABELS = {value: label for label, value in GENDER_CHOICES}
# The fields a service may name in a refusal -> the column of the sheet that holds them.
_PERSON_FIELD_COLUMNS = {
    "organisation": "organisation_code",
    "title": "position",
    "start_date": "position_since",
}


def import_people(
    *,
    actor: User,
    rows: Sequence[dict[str, Any]],
    dry_run: bool,
    on_progress: ProgressCallback | None = None,
) -> ImportReport:
    """Create people from rows, or update those whose civil-servant code is already registered.

    An update changes name, gender and date of birth where the row differs, and records a change of
    unit or position through person_change_position (from «Giữ chức vụ từ ngày», else today). An empty
    optional cell keeps the saved value. Officers of a unit may import only people of their unit and
    its departments. on_progress(number of rows saved) is called during saving, inside the transaction.
    """
    require(actor, Cap.MANAGE_ALL_PEOPLE, Cap.MANAGE_OWN_PEOPLE)
    report = ImportReport(kind="people", dry_run=dry_run, total=len(rows))
    _plan_people(actor, rows, report)
    report.errors.sort(key=lambda e: e.row or 0)
    if report.errors or dry_run:
        return report
    commit(report, partial(_apply_person, actor), _PERSON_FIELD_COLUMNS, on_progress)
    return report


def _plan_people(actor: User | None, rows: Sequence[dict[str, Any]], report: ImportReport) -> None:
    organisations = {
        o.code: o for o in in_bulk(Organisation.objects.all(), "code", (r["organisation_code"] for r in rows))
    }
    existing = {
        p.civil_servant_code: p
        for p in in_bulk(
            Person.objects.select_related("organisation"),
            "civil_servant_code",
            (r["civil_servant_code"] for r in rows),
        )
    }
    open_positions = {
        p.person_id: p
        for p in in_bulk(
            PersonPosition.objects.filter(end_date__isnull=True),
            "person_id",
            (p.pk for p in existing.values()),
        )
    }
    # Same name in the same unit without a code: probably the same person imported twice.
    namesakes: set[tuple[str, int]] = set()
    names = sorted({r["full_name"] for r in rows if r["full_name"] and not r["civil_servant_code"]})
    if names and organisations:
        namesakes.update(
            Person.objects.filter(
                organisation_id__in_values=[o.pk for o in organisations.values()], full_name__in_values=names
            ).values_list("full_name", "organisation_id")
        )
    first_row_of_code: dict[str, int] = {}
    today = dt.date.today()
    h = partial(header, "people")

    for row in rows:
        number = row["row"]
        errors: list[RowError] = []
        complete = required_cells("people", row, errors)
        organisation = None
        code = row["organisation_code"]
        if code:
            organisation = organisations.get(code)
            if organisation is None:
                errors.append(
                    RowError(
                        number, h("organisation_code"), _("không có đơn vị mã «%(code)s».") % {"code": code}
                    )
                )
            elif not can_edit_person(user=actor, organisation_id=organisation.pk):
                errors.append(
                    RowError(
                        number,
                        h("organisation_code"),
                        _(
                            "đơn vị «%(unit)s» (mã «%(code)s») nằm ngoài phạm vi của bạn; bạn chỉ được nhập "
                            "cá nhân thuộc đơn vị của mình."
                        )
                        % {"unit": organisation, "code": code},
                    )
                )
                organisation = None
        if row["gender"] and row["gender"] not in _GENDER_LABELS:
            errors.append(
                RowError(
                    number,
                    h("gender"),
                    _("«%(value)s» không hợp lệ; chọn Nam hoặc Nữ.") % {"value": row["gender"]},
                )
            )
        if row["date_of_birth"] and row["date_of_birth"] > today:
            errors.append(RowError(number, h("date_of_birth"), _("ngày sinh không thể ở tương lai.")))
        if row["position_since"] and not row["position"]:
            errors.append(
                RowError(
                    number,
                    h("position_since"),
                    _("có ngày nhưng cột «%(column)s» để trống.") % {"column": h("position")},
                )
            )
        person = None
        cs_code = row["civil_servant_code"]
        if cs_code:
            if cs_code in first_row_of_code:
                errors.append(
                    RowError(
                        number,
                        h("civil_servant_code"),
                        _("mã «%(code)s» trùng với dòng %(row)s; mỗi mã chỉ được ghi một lần trong tệp.")
                        % {"code": cs_code, "row": first_row_of_code[cs_code]},
                    )
                )
            else:
                first_row_of_code[cs_code] = number
            person = existing.get(cs_code)
            if person is not None and not can_edit_person(user=actor, organisation_id=person.organisation_id):
                # The name is not shown: the person belongs to a unit whose records the officer may not see.
                errors.append(
                    RowError(
                        number,
                        h("civil_servant_code"),
                        _("mã «%(code)s» đã được dùng cho một cá nhân ngoài phạm vi đơn vị của bạn.")
                        % {"code": cs_code},
                    )
                )
                person = None
        if errors or not complete or organisation is None:
            report.errors.extend(errors)
            continue
        if person is None:
            report.planned.append(
                PlannedRow(
                    number, "create", f"{row['full_name']} – {organisation}", values=row, target=organisation
                )
            )
            if not cs_code and (row["full_name"], organisation.pk) in namesakes:
                report.warnings.append(
                    RowError(
                        number,
                        h("full_name"),
                        _(
                            "đơn vị «%(unit)s» đã có người tên «%(name)s»; nếu là cùng một người, hãy bỏ dòng "
                            "này hoặc ghi mã số công chức để cập nhật thay vì tạo mới."
                        )
                        % {"unit": organisation, "name": row["full_name"]},
                    )
                )
            continue
        item = _plan_person_update(row, person, organisation, open_positions.get(person.pk), today)
        if isinstance(item, RowError):
            report.errors.append(item)
        else:
            report.planned.append(item)


def _plan_person_update(
    row: dict[str, Any],
    person: Person,
    organisation: Organisation,
    current: PersonPosition | None,
    today: dt.date,
) -> PlannedRow | RowError:
    h = partial(header, "people")
    own: dict[str, Any] = {"full_name": row["full_name"], "gender": row["gender"]}
    if row["date_of_birth"]:
        own["date_of_birth"] = row["date_of_birth"]
    own = {name: value for name, value in own.items() if getattr(person, name) != value}
    title = row["position"] or person.position
    moves = organisation.pk != person.organisation_id or nfc(title) != person.position
    start = row["position_since"] or today
    if moves and current is not None and start <= current.start_date:
        return RowError(
            row["row"],
            h("position_since"),
            _("phải sau ngày nhận chức vụ hiện tại của «%(name)s» (%(day)s); để trống thì lấy ngày nhập.")
            % {"name": person.full_name, "day": day(current.start_date)},
        )
    shown = {
        "full_name": lambda v: v,
        "gender": lambda v: _GENDER_LABELS.get(v, v),
        "date_of_birth": day,
    }
    changes = {
        h(name): (shown[name](getattr(person, name)), shown[name](value)) for name, value in own.items()
    }
    if organisation.pk != person.organisation_id:
        changes[h("organisation_code")] = (person.organisation.code, organisation.code)
    if nfc(title) != person.position:
        changes[h("position")] = (person.position, title)
    return PlannedRow(
        row["row"],
        "update" if changes else "unchanged",
        f"{person.full_name} – {person.organisation}",
        changes=changes,
        values={**row, "_own": own, "_moves": moves, "_title": title, "_start": start},
        target=(person, organisation),
    )


def _apply_person(actor: User | None, item: PlannedRow) -> None:
    row = item.values
    if item.action == "create":
        person_create(
            actor=actor,
            full_name=row["full_name"],
            gender=row["gender"],
            organisation=item.target,
            position=row["position"],
            date_of_birth=row["date_of_birth"],
            civil_servant_code=row["civil_servant_code"],
            position_since=row["position_since"],
        )
    elif item.action == "update":
        person, organisation = item.target
        if row["_own"]:
            person = person_update(actor=actor, person=person, **row["_own"])
        if row["_moves"]:
            person_change_position(
                actor=actor,
                person=person,
                organisation=organisation,
                title=row["_title"],
                start_date=row["_start"],
            )
