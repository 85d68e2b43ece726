"""Proposals in words: the eligibility outcome and its reasons as stored with an item, its duplicates,
the council's count; what the proposal's screen and its tests read."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.awards.eligibility import OUTCOME_NAMES, Outcome
from thidua.awards.models import ProposalItem
from thidua.awards.rules.duplicates import MatchBasis

BASIS_LABELS = {
    MatchBasis.CIVIL_SERVANT_CODE.value: gettext_lazy("cùng mã số cán bộ, công chức, viên chức"),
    MatchBasis.NAME_AND_BIRTH_DATE.value: gettext_lazy("cùng họ tên và ngày sinh"),
    MatchBasis.NAME_IN_SAME_UNIT.value: gettext_lazy("cùng họ tên trong cùng đơn vị (cần kiểm tra)"),
    MatchBasis.ORGANISATION.value: gettext_lazy("cùng tập thể"),
}
OUTCOME_CLASSES = {"eligible": "success", "needs_review": "warning", "not_eligible": "critical"}


@dataclass(frozen=True)
class ItemView:
    item: ProposalItem
    subject: str
    unit: str
    outcome: str  # the code: eligible, needs_review, not_eligible, or "" when not checked
    outcome_label: str
    outcome_class: str
    rule_set: str
    unverified: bool
    reasons: list[dict[str, Any]]
    duplicates: list[dict[str, Any]]
    council: dict[str, Any] | None


def item_view(item: ProposalItem) -> ItemView:
    data = item.eligibility or {}
    outcome = str(data.get("outcome") or "")
    duplicates = [
        {**d, "basis_label": str(BASIS_LABELS.get(d.get("basis", ""), d.get("basis", "")))}
        for d in item.duplicates or []
    ]
    person = item.person
    return ItemView(
        item=item,
        subject=person.full_name if person is not None else str(item.organisation),
        unit=str(person.organisation) if person is not None else _("Tập thể"),
        outcome=outcome,
        outcome_label=str(OUTCOME_NAMES[Outcome(outcome)]) if outcome else _("Chưa xét"),
        outcome_class=OUTCOME_CLASSES.get(outcome, "info"),
        rule_set=str(data.get("rule_set") or ""),
        unverified=bool(data.get("unverified")),
        reasons=list(data.get("reasons") or []),
        duplicates=duplicates,
        council=item.council_result,
    )
