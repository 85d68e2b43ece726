"""What a reader of a decision sees of its recipients: those whose award history the awards
selectors let the user read (everyone for the province and the council; a unit's own people and the
unit itself for a unit's officer). The people and collectives a list of proposed items names."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Q, QuerySet

from thidua.awards.models import AwardDecision, AwardRecipient
from thidua.awards.selectors.access import timeline_organisations_visible_to, timeline_people_visible_to
from thidua.org.models import Organisation, Person
from thidua.org.selectors.organisations import organisations_visible_to
from thidua.org.selectors.people import people_visible_to


def recipients_visible_to(*, user: Any, decision: AwardDecision) -> QuerySet[AwardRecipient]:
    people = timeline_people_visible_to(user=user).values("pk")
    organisations = timeline_organisations_visible_to(user=user).values("pk")
    return (
        AwardRecipient.objects.filter(decision=decision)
        .filter(Q(person_id__in=people) | Q(organisation_id__in=organisations))
        .select_related("person", "organisation")
        .order_by("pk")
    )


def item_subjects(
    *, user: Any, person_ids: Iterable[int], organisation_ids: Iterable[int]
) -> tuple[dict[int, Person], dict[int, Organisation]]:
    """The people and organisations of a list of items, by id, among those the user may see: an id
    outside them is "not found", as an id in an address is. Whether the user may propose them is the
    service's question (proposal_items_add refuses another unit's, as the screen does). Two queries
    for any number of rows."""
    people = people_visible_to(user=user).filter(pk__in_values=sorted(set(person_ids)))
    organisations = (
        organisations_visible_to(user=user)
        .select_related("admin_unit")
        .filter(pk__in_values=sorted(set(organisation_ids)))
    )
    return {p.pk: p for p in people}, {o.pk: o for o in organisations}
