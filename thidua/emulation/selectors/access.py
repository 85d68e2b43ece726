"""Who may do what with a group's pact and reports (roles in the workflow, scoping)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from thidua.accounts.permissions import capabilities
from thidua.accounts.roles import Cap
from thidua.emulation.models import Period, Report
from thidua.emulation.rules import pact_workflow
from thidua.emulation.rules.workflow import Role
from thidua.org.models import EmulationGroup
from thidua.org.selectors.groups import groups_visible_to
from thidua.org.selectors.scope import user_scope_ids

EMULATION_CAPS = frozenset({Cap.MANAGE_EMULATION, Cap.REPORT_EMULATION, Cap.VIEW_ALL_EMULATION})


def can_use_emulation(user: Any) -> bool:
    """Whether the "Thi đua" menu is for this user at all."""
    return bool(EMULATION_CAPS & capabilities(user))


def workflow_roles(*, user: Any, group: EmulationGroup, organisation_id: int) -> frozenset[Role]:
    """The roles the user holds for one member's report in one group.

    The head unit appraises the members' reports; its own report is appraised by the deputy unit, so
    nobody appraises their own work. The province office may act on any report.
    """
    caps = capabilities(user)
    roles: set[Role] = set()
    if Cap.MANAGE_EMULATION in caps:
        roles.add(Role.PROVINCE)
    if Cap.REPORT_EMULATION in caps:
        scope = user_scope_ids(user=user)
        if organisation_id in scope:
            roles.add(Role.MEMBER)
        appraiser_unit = group.deputy_id if organisation_id == group.head_id else group.head_id
        if appraiser_unit in scope and organisation_id not in scope:
            roles.add(Role.APPRAISER)
    return frozenset(roles)


def pact_roles(
    *, user: Any, group: EmulationGroup, organisation_id: int | None = None
) -> frozenset[pact_workflow.Role]:
    """The roles the user holds in the group's pact workflow (rules/pact_workflow.py): the province
    office, the head unit's officer, and, for `organisation_id`, the officer of that member unit (its
    own targets). The province and head roles together are exactly can_manage_group()."""
    caps = capabilities(user)
    roles: set[pact_workflow.Role] = set()
    if Cap.MANAGE_EMULATION in caps:
        roles.add(pact_workflow.Role.PROVINCE)
    if Cap.REPORT_EMULATION in caps:
        scope = user_scope_ids(user=user)
        if group.head_id in scope:
            roles.add(pact_workflow.Role.HEAD)
        if organisation_id is not None and organisation_id in scope:
            roles.add(pact_workflow.Role.MEMBER)
    return frozenset(roles)


def can_manage_group(*, user: Any, group: EmulationGroup) -> bool:
    """Set up pacts and periods: the province office, or the head unit's officer for its group."""
    caps = capabilities(user)
    if Cap.MANAGE_EMULATION in caps:
        return True
    return Cap.REPORT_EMULATION in caps and group.head_id in user_scope_ids(user=user)


def can_manage_any_group(user: Any) -> bool:
    """Whether can_manage_group() holds for at least one group: a screen that only lists the groups
    the user manages (publishing results) refuses everyone else, and hides its menu item from them."""
    caps = capabilities(user)
    if Cap.MANAGE_EMULATION in caps:
        return True
    if Cap.REPORT_EMULATION not in caps:
        return False
    return EmulationGroup.objects.filter(head_id__in=list(user_scope_ids(user=user))).exists()


def periods_visible_to(*, user: Any) -> QuerySet[Period]:
    groups = groups_visible_to(user=user)
    return Period.objects.filter(pact__group__in=groups).select_related("pact__group__province")


def reports_visible_to(*, user: Any, period: Period) -> QuerySet[Report]:
    """Province and council see every report; the head and deputy units see their group's reports
    once submitted (a draft is the member's own until it is sent); a member sees only its own."""
    caps = capabilities(user)
    reports = Report.objects.filter(period=period).select_related("organisation")
    if Cap.VIEW_ALL_EMULATION in caps or Cap.MANAGE_EMULATION in caps:
        return reports
    scope = user_scope_ids(user=user)
    group = period.pact.group
    own = Q(organisation_id__in=scope)
    if group.head_id in scope or group.deputy_id in scope:
        return reports.filter(own | ~Q(status=Report.Status.DRAFT))
    return reports.filter(own)
