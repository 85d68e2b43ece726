"""What the people and organisation choosers of the awards screens offer (admin/choosers.py).

A chooser serves several forms, each with its own rule of whom it may pick; the form's widget names
its rule (`Purpose`) in the modal's query string, and the modal reads the same selector the form's
field validates with. An unknown purpose, or a proposal the user may not see, offers nobody.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from django.db.models import QuerySet

from thidua.awards.selectors.access import (
    organisations_for_decisions,
    organisations_for_records,
    people_for_decisions,
    people_for_records,
)
from thidua.awards.selectors.proposals import (
    collectives_for_proposal,
    people_for_proposal,
    proposals_visible_to,
)
from thidua.org.models import Organisation, Person


class Purpose(StrEnum):
    RECORDS = "records"  # ratings, initiatives, discipline, open matters
    PROPOSAL = "proposal"  # a proposal's items (with the proposal's id)
    DECISIONS = "decisions"  # a decision's recipients and issuer; a proposal's decision's issuer


def _proposal(*, user: Any, proposal_id: int | None) -> Any:
    if proposal_id is None:
        return None
    return proposals_visible_to(user=user).filter(pk=proposal_id).first()


def people_pickable(*, user: Any, purpose: str, proposal_id: int | None = None) -> QuerySet[Person]:
    if purpose == Purpose.RECORDS:
        return people_for_records(user=user)
    if purpose == Purpose.DECISIONS:
        return people_for_decisions(user=user)
    if purpose == Purpose.PROPOSAL:
        proposal = _proposal(user=user, proposal_id=proposal_id)
        if proposal is not None:
            return people_for_proposal(user=user, proposal=proposal)
    return Person.objects.none()


def organisations_pickable(
    *, user: Any, purpose: str, proposal_id: int | None = None
) -> QuerySet[Organisation]:
    if purpose == Purpose.RECORDS:
        return organisations_for_records(user=user)
    if purpose == Purpose.DECISIONS:
        return organisations_for_decisions(user=user)
    if purpose == Purpose.PROPOSAL:
        proposal = _proposal(user=user, proposal_id=proposal_id)
        if proposal is not None:
            return collectives_for_proposal(user=user, proposal=proposal)
    return Organisation.objects.none()
