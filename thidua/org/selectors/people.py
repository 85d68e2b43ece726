"""Reads of people, scoped to what the user may see."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from thidua.accounts.permissions import capabilities
from thidua.accounts.roles import Cap
from thidua.core.formatting import fold_name
from thidua.org.models import Person
from thidua.org.selectors.scope import user_scope_ids


def people_visible_to(*, user: Any) -> QuerySet[Person]:
    """Everyone for the province and the council; only the own unit's people for unit officers."""
    caps = capabilities(user)
    people = Person.objects.select_related("organisation")
    if Cap.VIEW_ALL_PEOPLE in caps:
        return people
    if Cap.VIEW_OWN_PEOPLE in caps:
        return people.filter(organisation_id__in=user_scope_ids(user=user))
    return people.none()


def people_editable_by(*, user: Any) -> QuerySet[Person]:
    caps = capabilities(user)
    people = Person.objects.select_related("organisation")
    if Cap.MANAGE_ALL_PEOPLE in caps:
        return people
    if Cap.MANAGE_OWN_PEOPLE in caps:
        return people.filter(organisation_id__in=user_scope_ids(user=user))
    return people.none()


def person_get_for_user(*, user: Any, pk: int) -> Person:
    person = people_visible_to(user=user).filter(pk=pk).first()
    if person is None:
        raise PermissionDenied(_("Không tìm thấy cá nhân này trong phạm vi đơn vị của bạn."))
    return person


def can_see_personal_data(*, user: Any, person: Person) -> bool:
    """Date of birth and civil-servant code: the province office, and the person's own unit only.

    Council members vote on proposals by name, position and achievements; they do not need these
    (Luật Bảo vệ dữ liệu cá nhân 2025: process only the data the purpose needs).
    """
    caps = capabilities(user)
    if Cap.VIEW_ALL_PERSONAL_DATA in caps:
        return True
    return Cap.VIEW_OWN_PEOPLE in caps and person.organisation_id in user_scope_ids(user=user)


def can_edit_person(*, user: Any, organisation_id: int) -> bool:
    caps = capabilities(user)
    if Cap.MANAGE_ALL_PEOPLE in caps:
        return True
    return Cap.MANAGE_OWN_PEOPLE in caps and organisation_id in user_scope_ids(user=user)


def people_matching(people: QuerySet[Person], query: str) -> QuerySet[Person]:
    """Those of `people` whose name contains the query, typed with or without diacritics and in any
    case ("nguyen thi lan" finds "Nguyễn Thị Lan"), or whose civil-servant code is the query.

    The name is compared on Person.name_folded, folded as the query is; the code exactly (spaces and
    case aside), as a code is the way to one person among namesakes.
    """
    folded = fold_name(query)
    if not folded:
        return people
    condition = Q(name_folded__contains=folded)
    code = "".join(query.split())
    if code:
        condition |= Q(civil_servant_code__iexact=code)
    return people.filter(condition)
