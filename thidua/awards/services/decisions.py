"""Services that record award decisions and their recipients.

Only the province office (and the system administrator) records decisions: it prepares them for
the chairman's signature and keeps the provincial register. Each service checks, writes and audits
in one transaction; a refusal raises ValidationError keyed by the form's field, and nothing is saved.
They are plain `atomic`: the admin's create and edit views call them inside Wagtail's transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.accounts.permissions import require
from thidua.accounts.roles import Cap
from thidua.awards.eligibility.codes import AwardCode, SubjectKind
from thidua.awards.models import AwardDecision, AwardRecipient
from thidua.awards.rules.registry import (
    award_fits,
    award_misfit_message,
    decision_problems,
    dissolved_by,
    dissolved_message,
)
from thidua.core.audit import audit_record, diff, snapshot
from thidua.core.formatting import nfc
from thidua.core.signing_rules import signing_errors
from thidua.org.models import Organisation, Person

if TYPE_CHECKING:
    from thidua.accounts.models import User

# The fields an officer types, in the form's order (forms.AwardDecisionForm uses this list); the
# recipients are given apart, as `people` and `organisations`.
DECISION_FIELDS = [
    "number",
    "signed_on",
    "issuer",
    "signing",
    "head_title",
    "signer_title",
    "signer_name",
    "award",
    "period_from_year",
    "period_to_year",
    "summary",
    "note",
]
_AWARD_CODES = frozenset(code.value for code in AwardCode)
_TEXT_FIELDS = {"number", "head_title", "signer_name", "signer_title", "summary", "note"}


def _clean_text(name: str, value: Any) -> Any:
    if name in _TEXT_FIELDS and isinstance(value, str):
        return nfc(value.strip())
    if name == "signing":
        # A SigningAuthority, its value or "" / None (not chosen: box 7 guessed from the signer's title).
        return str(value or "")
    return value


def _recipient_names(decision: AwardDecision) -> list[str]:
    rows = decision.recipients.select_related("person", "organisation").order_by("id")
    return [str(row.person or row.organisation) for row in rows]


def _check_decision(decision: AwardDecision) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if not decision.number:
        errors["number"] = [_("Hãy ghi số, ký hiệu của quyết định.")]
    elif (
        AwardDecision.objects.filter(issuer_id=decision.issuer_id, number=decision.number)
        .exclude(pk=decision.pk)
        .exists()
    ):
        errors["number"] = [
            _("%(issuer)s đã có quyết định số %(number)s trong sổ.")
            % {"issuer": decision.issuer, "number": decision.number}
        ]
    if decision.award not in _AWARD_CODES:
        errors["award"] = [
            _("Hình thức, danh hiệu «%(code)s» không có trong danh mục.") % {"code": decision.award}
        ]
    problems = decision_problems(
        signed_on=decision.signed_on,
        period_from_year=decision.period_from_year,
        period_to_year=decision.period_to_year,
        today=timezone.localdate(),
    )
    for field, message in problems.items():
        errors.setdefault(field, []).append(message)
    # The rules the proposal letter's signer obeys (NĐ 30/2020 Điều 13; Phụ lục I, mục II.7a).
    signing = signing_errors(
        signing=decision.signing, head_title=decision.head_title, signer_title=decision.signer_title
    )
    for field, message in signing.items():
        errors.setdefault(field, []).append(message)
    return errors


def _check_recipients(
    decision: AwardDecision, people: Iterable[Person], organisations: Iterable[Organisation]
) -> dict[str, list[str]]:
    """Each recipient fits the award's kind (individual or collective), and no collective had been
    dissolved by the day the decision was signed (TT 15/2025/TT-BNV)."""
    errors: dict[str, list[str]] = {}
    people, organisations = list(people), list(organisations)
    if not people and not organisations:
        errors["people"] = [_("Quyết định phải có ít nhất một cá nhân hoặc tập thể được khen thưởng.")]
        return errors
    if decision.award not in _AWARD_CODES:
        return errors  # already refused by _check_decision
    label = str(decision.get_award_display())
    for person in people:
        if not award_fits(decision.award, SubjectKind.INDIVIDUAL):
            errors.setdefault("people", []).append(
                award_misfit_message(label, SubjectKind.INDIVIDUAL, person.full_name)
            )
    units = {
        org.pk: org.admin_unit.valid_until if org.admin_unit_id and org.admin_unit else None
        for org in Organisation.objects.filter(pk__in=[o.pk for o in organisations]).select_related(
            "admin_unit"
        )
    }
    for organisation in organisations:
        if not award_fits(decision.award, SubjectKind.COLLECTIVE):
            errors.setdefault("organisations", []).append(
                award_misfit_message(label, SubjectKind.COLLECTIVE, organisation.name)
            )
        elif decision.signed_on and dissolved_by(
            dissolved_on=organisation.dissolved_on,
            unit_valid_until=units.get(organisation.pk),
            on=decision.signed_on,
        ):
            errors.setdefault("organisations", []).append(
                dissolved_message(organisation.name, decision.signed_on)
            )
    return errors


def _raise(errors: dict[str, list[str]]) -> None:
    if errors:
        raise ValidationError(errors)


def _unique(items: Iterable[Any]) -> list[Any]:
    seen: dict[int, Any] = {}
    for item in items:
        seen.setdefault(item.pk, item)
    return list(seen.values())


@transaction.atomic
def award_decision_create(
    *,
    actor: User,
    number: str,
    signed_on: dt.date,
    issuer: Organisation,
    award: str,
    period_from_year: int,
    period_to_year: int,
    signer_name: str = "",
    signer_title: str = "",
    signing: str = "",
    head_title: str = "",
    summary: str = "",
    note: str = "",
    people: Sequence[Person] = (),
    organisations: Sequence[Organisation] = (),
) -> AwardDecision:
    """Record a decision with its recipients, all or nothing."""
    require(actor, Cap.MANAGE_AWARD_DECISIONS)
    people, organisations = _unique(people), _unique(organisations)
    decision = AwardDecision(
        number=_clean_text("number", number),
        signed_on=signed_on,
        issuer=issuer,
        signer_name=_clean_text("signer_name", signer_name),
        signer_title=_clean_text("signer_title", signer_title),
        signing=_clean_text("signing", signing),
        head_title=_clean_text("head_title", head_title),
        award=award,
        period_from_year=period_from_year,
        period_to_year=period_to_year,
        summary=_clean_text("summary", summary),
        note=_clean_text("note", note),
    )
    errors = _check_decision(decision)
    errors.update(_check_recipients(decision, people, organisations))
    _raise(errors)
    decision.full_clean(validate_unique=False, validate_constraints=False)
    decision.save()
    AwardRecipient.objects.bulk_create(
        [AwardRecipient(decision=decision, person=p) for p in people]
        + [AwardRecipient(decision=decision, organisation=o) for o in organisations]
    )
    audit_record(
        actor=actor,
        action="awards.decision.create",
        target=decision,
        changes={
            **diff({}, snapshot(decision, DECISION_FIELDS)),
            "awardees": [[], _recipient_names(decision)],
        },
    )
    return decision


@transaction.atomic
def award_decision_update(
    *,
    actor: User,
    decision: AwardDecision,
    people: Sequence[Person] | None = None,
    organisations: Sequence[Organisation] | None = None,
    **fields: Any,
) -> AwardDecision:
    """Change a decision's fields and, when `people` or `organisations` is given, replace that list
    of recipients. The recipients that stay are checked against the changed decision too."""
    require(actor, Cap.MANAGE_AWARD_DECISIONS)
    unknown = set(fields) - set(DECISION_FIELDS)
    if unknown:
        raise TypeError(f"award_decision_update() got unknown fields: {', '.join(sorted(unknown))}")
    decision = AwardDecision.objects.select_for_update().select_related("issuer").get(pk=decision.pk)
    before = {**snapshot(decision, DECISION_FIELDS), "awardees": _recipient_names(decision)}
    for name, value in fields.items():
        setattr(decision, name, _clean_text(name, value))
    current = list(decision.recipients.select_related("person", "organisation"))
    new_people = (
        _unique(people) if people is not None else [r.person for r in current if r.person is not None]
    )
    new_organisations = (
        _unique(organisations)
        if organisations is not None
        else [r.organisation for r in current if r.organisation is not None]
    )
    errors = _check_decision(decision)
    errors.update(_check_recipients(decision, new_people, new_organisations))
    _raise(errors)
    decision.full_clean(validate_unique=False, validate_constraints=False)
    decision.save()
    keep_people = {p.pk for p in new_people}
    keep_organisations = {o.pk for o in new_organisations}
    AwardRecipient.objects.filter(
        pk__in=[
            r.pk
            for r in current
            if (r.person_id is not None and r.person_id not in keep_people)
            or (r.organisation_id is not None and r.organisation_id not in keep_organisations)
        ]
    ).delete()
    had_people = {r.person_id for r in current if r.person_id is not None}
    had_organisations = {r.organisation_id for r in current if r.organisation_id is not None}
    AwardRecipient.objects.bulk_create(
        [AwardRecipient(decision=decision, person=p) for p in new_people if p.pk not in had_people]
        + [
            AwardRecipient(decision=decision, organisation=o)
            for o in new_organisations
            if o.pk not in had_organisations
        ]
    )
    changes = diff(before, {**snapshot(decision, DECISION_FIELDS), "awardees": _recipient_names(decision)})
    if changes:
        audit_record(actor=actor, action="awards.decision.update", target=decision, changes=changes)
    return decision


@transaction.atomic
def award_decision_delete(*, actor: User, decision: AwardDecision, reason: str = "") -> None:
    """Remove a decision entered by mistake, with its recipients; initiatives it used are freed."""
    require(actor, Cap.MANAGE_AWARD_DECISIONS)
    decision = AwardDecision.objects.select_for_update().select_related("issuer").get(pk=decision.pk)
    audit_record(
        actor=actor,
        action="awards.decision.delete",
        target=decision,
        changes={
            **diff(snapshot(decision, DECISION_FIELDS), {}),
            "awardees": [_recipient_names(decision), []],
        },
        reason=reason,
    )
    decision.delete()


@transaction.atomic
def award_recipient_add(
    *,
    actor: User,
    decision: AwardDecision,
    person: Person | None = None,
    organisation: Organisation | None = None,
) -> AwardRecipient:
    require(actor, Cap.MANAGE_AWARD_DECISIONS)
    if (person is None) == (organisation is None):
        raise ValidationError({"people": [_("Hãy chọn một cá nhân hoặc một tập thể.")]})
    decision = AwardDecision.objects.select_for_update().get(pk=decision.pk)
    before = _recipient_names(decision)
    clash = (
        decision.recipients.filter(person=person)
        if person
        else decision.recipients.filter(organisation=organisation)
    )
    if clash.exists():
        field = "people" if person else "organisations"
        raise ValidationError(
            {field: [_("«%(name)s» đã có trong quyết định này.") % {"name": person or organisation}]}
        )
    _raise(_check_recipients(decision, [person] if person else [], [organisation] if organisation else []))
    recipient = AwardRecipient.objects.create(decision=decision, person=person, organisation=organisation)
    audit_record(
        actor=actor,
        action="awards.decision.recipient_add",
        target=decision,
        changes={"awardees": [before, _recipient_names(decision)]},
    )
    return recipient


@transaction.atomic
def award_recipient_remove(*, actor: User, recipient: AwardRecipient) -> None:
    """Take one recipient off a decision; the last one cannot go (delete the decision instead)."""
    require(actor, Cap.MANAGE_AWARD_DECISIONS)
    decision = AwardDecision.objects.select_for_update().get(pk=recipient.decision_id)
    before = _recipient_names(decision)
    if len(before) <= 1:
        raise ValidationError(
            {"people": [_("Không bỏ được người, tập thể cuối cùng của quyết định; hãy xoá quyết định.")]}
        )
    AwardRecipient.objects.filter(pk=recipient.pk).delete()
    audit_record(
        actor=actor,
        action="awards.decision.recipient_remove",
        target=decision,
        changes={"awardees": [before, _recipient_names(decision)]},
    )
