"""Services that keep the yearly facts of people and collectives: ratings, initiatives, discipline
and matters under consideration.

A unit's officer keeps them for the own organisation's people; the province office for everyone,
and alone for collectives (a unit is rated by its superior, not by itself). Each service checks,
writes and audits in one transaction; refusals are ValidationErrors keyed by the form's field.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.awards.eligibility.codes import DisciplineLevel, InitiativeScope, PendingKind, Rating
from thidua.awards.models import AwardRecipient, Discipline, Initiative, PendingMatter, TaskRating
from thidua.awards.models.choices import RATING_LABELS
from thidua.awards.rules.registry import interval_problem, year_problem
from thidua.awards.selectors.access import can_manage_organisation_records, can_manage_person_records
from thidua.core.audit import audit_record, diff, snapshot
from thidua.core.formatting import nfc
from thidua.org.models import Organisation, Person

if TYPE_CHECKING:
    from thidua.accounts.models import User

INITIATIVE_FIELDS = ["person", "title", "scope", "recognised_on", "recognised_by", "used_for"]
INITIATIVE_EDITABLE = [name for name in INITIATIVE_FIELDS if name != "person"]
DISCIPLINE_FIELDS = ["person", "level", "start", "end", "decision"]
PENDING_FIELDS = ["person", "organisation", "kind", "since", "closed_on", "note"]
_OUT_OF_SCOPE = gettext_lazy("Bạn chỉ được cập nhật hồ sơ khen thưởng của cá nhân thuộc đơn vị mình.")
_COLLECTIVE = gettext_lazy(
    "Xếp loại và vụ việc của tập thể do cơ quan cấp trên (Ban Thi đua – Khen thưởng tỉnh) cập nhật."
)


def _require_subject(*, actor: User, person: Person | None, organisation: Organisation | None) -> None:
    """Exactly one subject, which the actor may keep records of."""
    if (person is None) == (organisation is None):
        raise ValidationError({"person": [_("Hãy chọn một cá nhân hoặc một tập thể.")]})
    if person is not None and not can_manage_person_records(
        user=actor, organisation_id=person.organisation_id
    ):
        raise PermissionDenied(_OUT_OF_SCOPE)
    if organisation is not None and not can_manage_organisation_records(user=actor):
        raise PermissionDenied(_COLLECTIVE)


def _future(day: dt.date | None, field: str, errors: dict[str, list[str]]) -> None:
    if day is not None and day > timezone.localdate():
        errors.setdefault(field, []).append(_("Ngày không thể ở tương lai."))


def _raise(errors: dict[str, list[str]]) -> None:
    if errors:
        raise ValidationError(errors)


# --- Ratings ---------------------------------------------------------------------------------------
@transaction.atomic
def rating_set(
    *,
    actor: User,
    year: int,
    rating: str,
    person: Person | None = None,
    organisation: Organisation | None = None,
) -> TaskRating:
    """Record (or correct) a person's or a collective's rating for a year: one per subject and year."""
    _require_subject(actor=actor, person=person, organisation=organisation)
    errors: dict[str, list[str]] = {}
    if rating not in {code.value for code in Rating}:
        errors["rating"] = [
            _("Xếp loại «%(value)s» không hợp lệ; chỉ có: %(allowed)s.")
            % {"value": rating, "allowed": "; ".join(str(label) for label in RATING_LABELS.values())}
        ]
    problem = year_problem(year, today=timezone.localdate())
    if problem:
        errors["year"] = [problem]
    _raise(errors)
    existing = (
        TaskRating.objects.select_for_update()
        .filter(person=person, organisation=organisation, year=year)
        .first()
    )
    before = snapshot(existing, ["rating"]) if existing else {}
    if existing is None:
        existing = TaskRating.objects.create(
            person=person, organisation=organisation, year=year, rating=rating
        )
        changes = diff({}, {"year": year, "rating": rating})
    else:
        existing.rating = rating
        changes = diff(before, {"rating": rating})
        if changes:
            existing.save(update_fields=["rating", "updated_at"])
    if changes:
        audit_record(actor=actor, action="awards.rating.set", target=existing, changes=changes)
    return existing


# --- Initiatives -----------------------------------------------------------------------------------
def _check_initiative(initiative: Initiative) -> None:
    errors: dict[str, list[str]] = {}
    if not initiative.title:
        errors["title"] = [_("Hãy ghi tên sáng kiến.")]
    if initiative.scope not in {code.value for code in InitiativeScope}:
        errors["scope"] = [_("Phạm vi ảnh hưởng «%(value)s» không hợp lệ.") % {"value": initiative.scope}]
    _future(initiative.recognised_on, "recognised_on", errors)
    used: AwardRecipient | None = initiative.used_for
    if used is not None:
        if used.person_id != initiative.person_id:
            errors.setdefault("used_for", []).append(
                _("Khen thưởng được chọn không phải của «%(name)s».") % {"name": initiative.person}
            )
        elif initiative.recognised_on and used.decision.signed_on < initiative.recognised_on:
            # A decision cannot rest on an initiative recognised after it was signed.
            errors.setdefault("used_for", []).append(
                _("Sáng kiến được công nhận ngày %(recognised)s, sau ngày ký %(decision)s.")
                % {
                    "recognised": f"{initiative.recognised_on:%d/%m/%Y}",
                    "decision": used.decision,
                }
            )
    _raise(errors)


@transaction.atomic
def initiative_create(
    *,
    actor: User,
    person: Person,
    title: str,
    scope: str,
    recognised_on: dt.date,
    recognised_by: str = "",
    used_for: AwardRecipient | None = None,
) -> Initiative:
    _require_subject(actor=actor, person=person, organisation=None)
    initiative = Initiative(
        person=person,
        title=nfc(" ".join(title.split())),
        scope=scope,
        recognised_on=recognised_on,
        recognised_by=nfc(recognised_by.strip()),
        used_for=used_for,
    )
    _check_initiative(initiative)
    initiative.full_clean(validate_unique=False)
    initiative.save()
    audit_record(
        actor=actor,
        action="awards.initiative.create",
        target=initiative,
        changes=diff({}, snapshot(initiative, INITIATIVE_FIELDS)),
    )
    return initiative


@transaction.atomic
def initiative_update(*, actor: User, initiative: Initiative, **fields: Any) -> Initiative:
    """Correct an initiative, or record the honour it supported (`used_for`); the person stays."""
    unknown = set(fields) - set(INITIATIVE_EDITABLE)
    if unknown:
        raise TypeError(f"initiative_update() got unknown fields: {', '.join(sorted(unknown))}")
    initiative = Initiative.objects.select_for_update().select_related("person").get(pk=initiative.pk)
    _require_subject(actor=actor, person=initiative.person, organisation=None)
    before = snapshot(initiative, INITIATIVE_FIELDS)
    for name, value in fields.items():
        if isinstance(value, str):
            value = nfc(" ".join(value.split()))
        setattr(initiative, name, value)
    _check_initiative(initiative)
    initiative.full_clean(validate_unique=False)
    changes = diff(before, snapshot(initiative, INITIATIVE_FIELDS))
    if changes:
        initiative.save(update_fields=[*fields, "updated_at"])
        audit_record(actor=actor, action="awards.initiative.update", target=initiative, changes=changes)
    return initiative


# --- Discipline ------------------------------------------------------------------------------------
@transaction.atomic
def discipline_create(
    *,
    actor: User,
    person: Person,
    level: str,
    start: dt.date,
    end: dt.date,
    decision: str = "",
) -> Discipline:
    """Record a disciplinary measure; achievements count again only after `end` (gate G4)."""
    _require_subject(actor=actor, person=person, organisation=None)
    errors: dict[str, list[str]] = {}
    if level not in {code.value for code in DisciplineLevel}:
        errors["level"] = [_("Hình thức kỷ luật «%(value)s» không hợp lệ.") % {"value": level}]
    _future(start, "start", errors)
    problem = interval_problem(start, end)
    if problem:
        errors.setdefault("end", []).append(problem)
    _raise(errors)
    discipline = Discipline(person=person, level=level, start=start, end=end, decision=nfc(decision.strip()))
    discipline.full_clean(validate_unique=False)
    discipline.save()
    audit_record(
        actor=actor,
        action="awards.discipline.create",
        target=discipline,
        changes=diff({}, snapshot(discipline, DISCIPLINE_FIELDS)),
    )
    return discipline


# --- Matters under consideration -------------------------------------------------------------------
@transaction.atomic
def pending_open(
    *,
    actor: User,
    kind: str,
    since: dt.date,
    person: Person | None = None,
    organisation: Organisation | None = None,
    note: str = "",
) -> PendingMatter:
    """Record an open matter: while it is open, no award may be proposed (gate G3, NĐ 152/2025 Điều 4)."""
    _require_subject(actor=actor, person=person, organisation=organisation)
    errors: dict[str, list[str]] = {}
    if kind not in {code.value for code in PendingKind}:
        errors["kind"] = [_("Loại vụ việc «%(value)s» không hợp lệ.") % {"value": kind}]
    _future(since, "since", errors)
    _raise(errors)
    matter = PendingMatter(
        person=person, organisation=organisation, kind=kind, since=since, note=nfc(note.strip())
    )
    matter.full_clean(validate_unique=False)
    matter.save()
    audit_record(
        actor=actor,
        action="awards.pending.open",
        target=matter,
        changes=diff({}, snapshot(matter, PENDING_FIELDS)),
    )
    return matter


@transaction.atomic
def pending_close(
    *, actor: User, matter: PendingMatter, closed_on: dt.date, note: str | None = None
) -> PendingMatter:
    """Close an open matter on the day it was settled."""
    matter = PendingMatter.objects.select_for_update(of=("self",)).select_related("person").get(pk=matter.pk)
    _require_subject(actor=actor, person=matter.person, organisation=matter.organisation)
    errors: dict[str, list[str]] = {}
    if matter.closed_on is not None:
        errors["closed_on"] = [
            _("Vụ việc đã kết thúc ngày %(day)s.") % {"day": f"{matter.closed_on:%d/%m/%Y}"}
        ]
    else:
        _future(closed_on, "closed_on", errors)
        problem = interval_problem(matter.since, closed_on)
        if problem:
            errors.setdefault("closed_on", []).append(problem)
    _raise(errors)
    before = snapshot(matter, ["closed_on", "note"])
    matter.closed_on = closed_on
    if note is not None:
        matter.note = nfc(note.strip())
    matter.save(update_fields=["closed_on", "note", "updated_at"])
    audit_record(
        actor=actor,
        action="awards.pending.close",
        target=matter,
        changes=diff(before, snapshot(matter, ["closed_on", "note"])),
    )
    return matter


# --- Corrections: a record entered by mistake is deleted, with a reason ----------------------------
RATING_FIELDS = ["person", "organisation", "year", "rating"]


def _reason(reason: str) -> str:
    text = nfc(" ".join(reason.split()))
    if not text:
        raise ValidationError({"reason": [_("Hãy ghi lý do xoá, ví dụ: ghi nhầm người hoặc nhầm năm.")]})
    return text


def _gone(record: Any, fields: list[str]) -> dict[str, list[Any]]:
    """What the audit row of a deletion keeps: the record's values, old → nothing."""
    return diff(snapshot(record, fields), {})


@transaction.atomic
def rating_delete(*, actor: User, rating: TaskRating, reason: str) -> None:
    """Delete a rating recorded for the wrong person, collective or year (a wrong value is corrected
    with rating_set). Refused while a decision in the register rewards the subject's achievement of
    that year: the decision rests on it, and the register would no longer show why it was given."""
    rating = (
        TaskRating.objects.select_for_update(of=("self",))
        .select_related("person", "organisation")
        .get(pk=rating.pk)
    )
    _require_subject(actor=actor, person=rating.person, organisation=rating.organisation)
    text = _reason(reason)
    subject = Q(person_id=rating.person_id) if rating.person_id else Q(organisation_id=rating.organisation_id)
    honour = (
        AwardRecipient.objects.filter(
            subject, decision__period_from_year__lte=rating.year, decision__period_to_year__gte=rating.year
        )
        .select_related("decision")
        .order_by("decision__signed_on", "pk")
        .first()
    )
    if honour is not None:
        raise ValidationError(
            _(
                "Không xoá được xếp loại năm %(year)s của «%(subject)s»: %(decision)s (%(award)s) khen "
                "thành tích năm đó. Nếu xếp loại ghi sai, hãy sửa xếp loại thay vì xoá."
            )
            % {
                "year": rating.year,
                "subject": rating.person or rating.organisation,
                "decision": honour.decision,
                "award": honour.decision.get_award_display(),
            }
        )
    audit_record(
        actor=actor,
        action="awards.rating.delete",
        target=rating,
        changes=_gone(rating, RATING_FIELDS),
        reason=text,
    )
    rating.delete()


@transaction.atomic
def initiative_delete(*, actor: User, initiative: Initiative, reason: str) -> None:
    """Delete an initiative recorded by mistake. Refused while it is the ground of an honour already
    decided (`used_for`, set when the decision was recorded: gate G8 counts it as spent)."""
    initiative = (
        Initiative.objects.select_for_update(of=("self",))
        .select_related("person", "used_for__decision")
        .get(pk=initiative.pk)
    )
    _require_subject(actor=actor, person=initiative.person, organisation=None)
    text = _reason(reason)
    used = initiative.used_for
    if used is not None:
        raise ValidationError(
            _(
                "Không xoá được sáng kiến «%(title)s»: sáng kiến đã dùng để khen thưởng «%(award)s» theo "
                "%(decision)s. Nếu việc ghi «đã dùng để khen» là nhầm, hãy sửa sáng kiến, bỏ ô đó trước."
            )
            % {
                "title": initiative.title,
                "award": used.decision.get_award_display(),
                "decision": used.decision,
            }
        )
    audit_record(
        actor=actor,
        action="awards.initiative.delete",
        target=initiative,
        changes=_gone(initiative, INITIATIVE_FIELDS),
        reason=text,
    )
    initiative.delete()


@transaction.atomic
def discipline_delete(*, actor: User, discipline: Discipline, reason: str) -> None:
    """Delete a disciplinary record entered by mistake (the wrong person, a measure annulled from the
    start). Nothing rests on it: it only holds awards back (gate G4)."""
    discipline = Discipline.objects.select_for_update().select_related("person").get(pk=discipline.pk)
    _require_subject(actor=actor, person=discipline.person, organisation=None)
    text = _reason(reason)
    audit_record(
        actor=actor,
        action="awards.discipline.delete",
        target=discipline,
        changes=_gone(discipline, DISCIPLINE_FIELDS),
        reason=text,
    )
    discipline.delete()


@transaction.atomic
def pending_delete(*, actor: User, matter: PendingMatter, reason: str) -> None:
    """Delete a matter recorded by mistake (a settled matter is closed with pending_close instead).
    Nothing rests on it: while open it only holds awards back (gate G3)."""
    matter = (
        PendingMatter.objects.select_for_update(of=("self",))
        .select_related("person", "organisation")
        .get(pk=matter.pk)
    )
    _require_subject(actor=actor, person=matter.person, organisation=matter.organisation)
    text = _reason(reason)
    audit_record(
        actor=actor,
        action="awards.pending.delete",
        target=matter,
        changes=_gone(matter, PENDING_FIELDS),
        reason=text,
    )
    matter.delete()
