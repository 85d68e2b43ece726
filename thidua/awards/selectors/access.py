"""Who may read and keep which registry records, scoped to the user's units.

- the province office and the system administrator: every decision and record;
- a unit's officer (member or group head): the records of the own organisation's people (and its
  departments'), which they keep, and the decisions naming those people or the unit itself, which
  they read; a unit does not rate or open matters on itself: its superior does;
- a council member: reads everything;
- portal editors and accounts with no role: nothing.
"""

from __future__ import annotations

from typing import Any, TypeVar

from django.db.models import Model, Q, QuerySet

from thidua.accounts.permissions import capabilities
from thidua.accounts.roles import Cap
from thidua.awards.models import AwardDecision, Discipline, Initiative, PendingMatter, TaskRating
from thidua.org.models import Organisation, Person
from thidua.org.selectors.scope import user_scope_ids

AWARDS_CAPS = frozenset(
    {
        Cap.MANAGE_AWARD_DECISIONS,
        Cap.MANAGE_ALL_AWARD_RECORDS,
        Cap.MANAGE_OWN_AWARD_RECORDS,
        Cap.VIEW_ALL_AWARDS,
        Cap.VIEW_OWN_AWARDS,
    }
)
_VIEW_ALL = frozenset({Cap.VIEW_ALL_AWARDS, Cap.MANAGE_ALL_AWARD_RECORDS, Cap.MANAGE_AWARD_DECISIONS})
_VIEW_OWN = frozenset({Cap.VIEW_OWN_AWARDS, Cap.MANAGE_OWN_AWARD_RECORDS})

M = TypeVar("M", bound=Model)


def can_use_awards(user: Any) -> bool:
    """Whether the "Khen thưởng" menu is for this user at all."""
    return bool(AWARDS_CAPS & capabilities(user))


def can_manage_decisions(user: Any) -> bool:
    return Cap.MANAGE_AWARD_DECISIONS in capabilities(user)


def can_manage_person_records(*, user: Any, organisation_id: int) -> bool:
    """Ratings, initiatives, discipline and open matters of a person of that organisation."""
    caps = capabilities(user)
    if Cap.MANAGE_ALL_AWARD_RECORDS in caps:
        return True
    return Cap.MANAGE_OWN_AWARD_RECORDS in caps and organisation_id in user_scope_ids(user=user)


def can_manage_organisation_records(*, user: Any) -> bool:
    """A collective's rating and open matters are set by its superior, never by the unit itself."""
    return Cap.MANAGE_ALL_AWARD_RECORDS in capabilities(user)


def _by_subject(records: QuerySet[M], *, user: Any, manage: bool, collectives: bool) -> QuerySet[M]:
    """The records of people (and, where `collectives`, organisations) the user may read or keep."""
    caps = capabilities(user)
    if manage:
        if Cap.MANAGE_ALL_AWARD_RECORDS in caps:
            return records
        if Cap.MANAGE_OWN_AWARD_RECORDS in caps:
            return records.filter(person__organisation_id__in=user_scope_ids(user=user))
        return records.none()
    if _VIEW_ALL & caps:
        return records
    if _VIEW_OWN & caps:
        scope = user_scope_ids(user=user)
        own = Q(person__organisation_id__in=scope)
        if collectives:
            own |= Q(organisation_id__in=scope)
        return records.filter(own)
    return records.none()


def decisions_visible_to(*, user: Any) -> QuerySet[AwardDecision]:
    caps = capabilities(user)
    decisions = AwardDecision.objects.select_related("issuer")
    if _VIEW_ALL & caps:
        return decisions
    if _VIEW_OWN & caps:
        scope = user_scope_ids(user=user)
        own = AwardDecision.objects.filter(
            Q(recipients__person__organisation_id__in=scope) | Q(recipients__organisation_id__in=scope)
        )
        return decisions.filter(pk__in=own.values("pk"))
    return decisions.none()


def decisions_editable_by(*, user: Any) -> QuerySet[AwardDecision]:
    if not can_manage_decisions(user):
        return AwardDecision.objects.none()
    return AwardDecision.objects.select_related("issuer")


def ratings_visible_to(*, user: Any) -> QuerySet[TaskRating]:
    ratings = TaskRating.objects.select_related("person__organisation", "organisation")
    return _by_subject(ratings, user=user, manage=False, collectives=True)


def ratings_editable_by(*, user: Any) -> QuerySet[TaskRating]:
    ratings = TaskRating.objects.select_related("person__organisation", "organisation")
    return _by_subject(ratings, user=user, manage=True, collectives=True)


def initiatives_visible_to(*, user: Any) -> QuerySet[Initiative]:
    initiatives = Initiative.objects.select_related("person__organisation", "used_for__decision")
    return _by_subject(initiatives, user=user, manage=False, collectives=False)


def initiatives_editable_by(*, user: Any) -> QuerySet[Initiative]:
    initiatives = Initiative.objects.select_related("person__organisation", "used_for__decision")
    return _by_subject(initiatives, user=user, manage=True, collectives=False)


def disciplines_visible_to(*, user: Any) -> QuerySet[Discipline]:
    return _by_subject(
        Discipline.objects.select_related("person__organisation"), user=user, manage=False, collectives=False
    )


def disciplines_editable_by(*, user: Any) -> QuerySet[Discipline]:
    """The discipline records the user may correct (delete with a reason): those of the people whose
    records the user keeps, as for recording them."""
    return _by_subject(
        Discipline.objects.select_related("person__organisation"), user=user, manage=True, collectives=False
    )


def pending_visible_to(*, user: Any) -> QuerySet[PendingMatter]:
    matters = PendingMatter.objects.select_related("person__organisation", "organisation")
    return _by_subject(matters, user=user, manage=False, collectives=True)


def pending_editable_by(*, user: Any) -> QuerySet[PendingMatter]:
    matters = PendingMatter.objects.select_related("person__organisation", "organisation")
    return _by_subject(matters, user=user, manage=True, collectives=True)


def people_for_records(*, user: Any) -> QuerySet[Person]:
    """The people whose records the user keeps: the choices of the records' forms."""
    caps = capabilities(user)
    people = Person.objects.select_related("organisation").order_by("full_name", "pk")
    if Cap.MANAGE_ALL_AWARD_RECORDS in caps:
        return people
    if Cap.MANAGE_OWN_AWARD_RECORDS in caps:
        return people.filter(organisation_id__in=user_scope_ids(user=user))
    return people.none()


def organisations_for_records(*, user: Any) -> QuerySet[Organisation]:
    if not can_manage_organisation_records(user=user):
        return Organisation.objects.none()
    return Organisation.objects.order_by("name", "pk")


def people_for_decisions(*, user: Any) -> QuerySet[Person]:
    """Whom a decision may name: anyone in the register, for the province office that records
    decisions; nobody for anyone else."""
    if not can_manage_decisions(user):
        return Person.objects.none()
    return Person.objects.select_related("organisation").order_by("full_name", "pk")


def organisations_for_decisions(*, user: Any) -> QuerySet[Organisation]:
    """The collectives a decision may name, and the bodies that may issue it: every organisation, for
    the province office."""
    if not can_manage_decisions(user):
        return Organisation.objects.none()
    return Organisation.objects.order_by("name", "pk")


def timeline_people_visible_to(*, user: Any) -> QuerySet[Person]:
    """Whose award history the user may read: everyone for the province and the council; the own
    unit's people for a unit's officer."""
    caps = capabilities(user)
    people = Person.objects.select_related("organisation")
    if _VIEW_ALL & caps:
        return people
    if _VIEW_OWN & caps:
        return people.filter(organisation_id__in=user_scope_ids(user=user))
    return people.none()


def timeline_organisations_visible_to(*, user: Any) -> QuerySet[Organisation]:
    caps = capabilities(user)
    organisations = Organisation.objects.select_related("admin_unit")
    if _VIEW_ALL & caps:
        return organisations
    if _VIEW_OWN & caps:
        return organisations.filter(pk__in=user_scope_ids(user=user))
    return organisations.none()


def timeline_subjects(*, user: Any, query: str, limit: int = 50) -> tuple[list[Person], list[Organisation]]:
    """People and organisations whose name contains `query`, among those whose history the user may
    read; at most `limit` of each. Two queries."""
    query = query.strip()
    if not query:
        return [], []
    people = (
        timeline_people_visible_to(user=user).filter(full_name__icontains=query).order_by("full_name", "pk")
    )
    organisations = (
        timeline_organisations_visible_to(user=user)
        .filter(Q(name__icontains=query) | Q(short_name__icontains=query) | Q(code=query))
        .order_by("name", "pk")
    )
    return list(people[:limit]), list(organisations[:limit])
