"""The province office sets, changes and withdraws its own criteria (models.ProvincialCriterion).

The engine checks what the officer typed (eligibility.override_problems) before anything is saved, so
a stored criterion is always one the engine can apply; the engine's problems are worded in Vietnamese
by presenters/criteria.py and keyed by the form's fields.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from thidua.accounts.permissions import require
from thidua.accounts.roles import Cap
from thidua.awards.eligibility import RULE_SETS, override_problems
from thidua.awards.eligibility.codes import AwardCode
from thidua.awards.models import ProvincialCriterion
from thidua.awards.presenters.criteria import problem_field_text
from thidua.core.audit import audit_record, diff, snapshot
from thidua.core.formatting import nfc

if TYPE_CHECKING:
    from thidua.accounts.models import User

__all__ = ["CRITERION_FIELDS", "provincial_criterion_delete", "provincial_criterion_save"]

CRITERION_FIELDS = [
    "rule_set",
    "award",
    "params",
    "source_type",
    "source_number",
    "source_date",
    "source_article",
    "valid_from",
    "valid_to",
    "note",
]


@transaction.atomic
def provincial_criterion_save(
    *,
    actor: User | None,
    rule_set: str,
    award: str,
    params: Mapping[str, Any],
    source_number: str,
    source_date: dt.date,
    source_article: str,
    source_type: str = "",
    valid_from: dt.date | None = None,
    valid_to: dt.date | None = None,
    note: str = "",
) -> ProvincialCriterion:
    """Set the province's criterion for an award under a rule set, replacing the one it had (if any).

    Plain atomic, not durable: the demo loader sets a criterion inside its own load.
    """
    if actor is not None:
        require(actor, Cap.MANAGE_AWARD_DECISIONS)
    if rule_set not in RULE_SETS:
        raise ValidationError({"rule_set": [_("Bộ quy tắc «%(value)s» không có.") % {"value": rule_set}]})
    if award not in AwardCode._value2member_map_:
        raise ValidationError({"award": [_("Hình thức «%(value)s» không có.") % {"value": award}]})
    row = ProvincialCriterion.objects.select_for_update().filter(
        rule_set=rule_set, award=award
    ).first() or ProvincialCriterion(rule_set=rule_set, award=award)
    before = snapshot(row, CRITERION_FIELDS) if row.pk else {}
    row.params = dict(params)
    row.source_type = nfc(source_type.strip())
    row.source_number = nfc(source_number.strip())
    row.source_date = source_date
    row.source_article = nfc(source_article.strip())
    row.valid_from = valid_from
    row.valid_to = valid_to
    row.note = nfc(note.strip())
    errors: dict[str, list[str]] = {}
    for problem in override_problems(rule_set, award, row.override_data()):
        field, message = problem_field_text(problem)
        errors.setdefault(field, []).append(message)
    if errors:
        raise ValidationError(errors)
    action = "awards.criterion.update" if row.pk else "awards.criterion.create"
    row.full_clean()
    row.save()
    audit_record(
        actor=actor, action=action, target=row, changes=diff(before, snapshot(row, CRITERION_FIELDS))
    )
    return row


@transaction.atomic(durable=True)
def provincial_criterion_delete(*, actor: User, criterion: ProvincialCriterion, reason: str = "") -> None:
    """Withdraw the province's criterion: the software's rule (and its citation) applies again."""
    require(actor, Cap.MANAGE_AWARD_DECISIONS)
    row = ProvincialCriterion.objects.select_for_update().get(pk=criterion.pk)
    before = snapshot(row, CRITERION_FIELDS)
    audit_record(
        actor=actor,
        action="awards.criterion.delete",
        target=row,
        changes=diff(before, {}),
        reason=nfc(reason.strip()),
    )
    row.delete()
