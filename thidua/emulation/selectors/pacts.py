"""Reads behind the pact and period screens (giao ước thi đua, kỳ đánh giá), scoped to the user.

A pact is visible with its group (groups_visible_to): the province office and the council see every
group's, a unit's officers those of the groups their unit belongs to, heads or deputises. Periods and
reports are scoped in selectors/access.py; this module adds what the screens list around them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet

from thidua.core.audit_actions import audit_action_label
from thidua.core.models import AuditEvent
from thidua.emulation.models import Pact, PactCriterion, PactSignature, Period, Report
from thidua.emulation.selectors.access import can_manage_group, reports_visible_to
from thidua.org.models import EmulationGroup, GroupMembership, Organisation
from thidua.org.selectors.groups import groups_visible_to
from thidua.org.selectors.scope import user_scope_ids


def pacts_visible_to(*, user: Any) -> QuerySet[Pact]:
    """The pacts of the groups the user may see, with the group's province, head and deputy."""
    return Pact.objects.select_related("group__province", "group__head", "group__deputy").filter(
        group__in=groups_visible_to(user=user)
    )


def pact_listing(*, user: Any) -> QuerySet[Pact]:
    """The pact list: newest year first, then by group name, with each pact's periods."""
    return pacts_visible_to(user=user).prefetch_related("periods").order_by("-group__year", "group__name")


def groups_for_new_pact(*, user: Any) -> list[EmulationGroup]:
    """Groups the user may set up (can_manage_group) that have no pact yet, newest year first."""
    groups = groups_visible_to(user=user).filter(pact__isnull=True).order_by("-year", "name")
    return [group for group in groups if can_manage_group(user=user, group=group)]


def member_unit(*, user: Any, group: EmulationGroup) -> Organisation | None:
    """The member unit the user reports for in this group: the own organisation if it is a member,
    else the first member among its departments; None when the user's unit is not a member."""
    scope = user_scope_ids(user=user)
    memberships = (
        GroupMembership.objects.filter(group=group, organisation_id__in=scope)
        .select_related("organisation")
        .order_by("order")
    )
    units = [m.organisation for m in memberships]
    own = next((u for u in units if u.pk == getattr(user, "organisation_id", None)), None)
    return own or (units[0] if units else None)


def member_group_ids(*, user: Any) -> set[int]:
    """The groups in which one of the user's units (own organisation or a department) is a member."""
    scope = user_scope_ids(user=user)
    return set(GroupMembership.objects.filter(organisation_id__in=scope).values_list("group_id", flat=True))


def pact_member(*, pact: Pact, organisation_id: int) -> Organisation | None:
    """The organisation if it is a member of the pact's group, else None."""
    membership = (
        GroupMembership.objects.filter(group_id=pact.group_id, organisation_id=organisation_id)
        .select_related("organisation")
        .first()
    )
    return membership.organisation if membership else None


def pact_criteria_in_order(*, pact: Pact) -> list[PactCriterion]:
    """Every criterion of the pact, groups before their children."""
    return list(pact.criteria.order_by("order", "id"))


def target_criteria(*, pact: Pact) -> list[PactCriterion]:
    """The criteria scored against a registered target (tỷ lệ so chỉ tiêu), in order."""
    return list(pact.criteria.filter(method="ratio_to_target").order_by("order"))


def registered_targets(*, pact: Pact, organisation: Organisation) -> dict[int, Decimal]:
    """The unit's registered targets: criterion id -> value."""
    return {t.criterion_id: t.value for t in pact.targets.filter(organisation=organisation)}


def pact_signatures(*, pact: Pact) -> QuerySet[PactSignature]:
    """The signings of the pact, latest version first, with who recorded them."""
    return pact.signatures.select_related("signed_by").order_by("-version")


@dataclass(frozen=True)
class PactEvent:
    """A row of the pact's audit log as its page lists it."""

    at: dt.datetime  # aware
    action: str  # in words (core.audit_actions)
    actor: str
    reason: str


def pact_history(*, pact: Pact) -> list[PactEvent]:
    """The audit rows recorded on the pact (created, criteria, signed, reopened…), newest first."""
    events = AuditEvent.objects.filter(target_type=Pact._meta.label_lower, target_id=str(pact.pk)).order_by(
        "-created_at", "-pk"
    )
    return [
        PactEvent(at=e.created_at, action=audit_action_label(e.action), actor=e.actor_name, reason=e.reason)
        for e in events
    ]


def pact_periods(*, pact: Pact) -> list[Period]:
    return list(pact.periods.order_by("opens_on"))


@dataclass(frozen=True)
class PeriodOverview:
    """What the period screen shows the user: the unit it reports for and that unit's report, how
    many visible reports are in each state, and whether any visible report is still unlocked."""

    unit: Organisation | None
    own: Report | None
    counts: dict[str, int]  # state label -> number of visible reports, every state listed
    member_count: int
    has_unlocked: bool


def period_overview(*, user: Any, period: Period) -> PeriodOverview:
    group = period.pact.group
    unit = member_unit(user=user, group=group)
    own = Report.objects.filter(period=period, organisation=unit).first() if unit else None
    visible = reports_visible_to(user=user, period=period)
    counts = {str(label): 0 for _value, label in Report.Status.choices}
    for status in visible.values_list("status", flat=True):
        counts[str(Report.Status(status).label)] += 1
    return PeriodOverview(
        unit=unit,
        own=own,
        counts=counts,
        member_count=group.memberships.count(),
        has_unlocked=visible.exclude(status=Report.Status.LOCKED).exists(),
    )
