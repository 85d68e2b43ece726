"""What a reader of a decision sees of its recipients: those whose award history the awards
selectors let the user read (everyone for the province and the council; a unit's own people and the
unit itself for a unit's officer)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from thidua.awards.models import AwardDecision, AwardRecipient
from thidua.awards.selectors.access import timeline_organisations_visible_to, timeline_people_visible_to


def recipients_visible_to(*, user: Any, decision: AwardDecision) -> QuerySet[AwardRecipient]:
    people = timeline_people_visible_to(user=user).values("pk")
    organisations = timeline_organisations_visible_to(user=user).values("pk")
    return (
        AwardRecipient.objects.filter(decision=decision)
        .filter(Q(person_id__in=people) | Q(organisation_id__in=organisations))
        .select_related("person", "organisation")
        .order_by("pk")
    )
