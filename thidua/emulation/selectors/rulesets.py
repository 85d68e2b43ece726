"""Reads of the provincial rulesets (quy chế tổ chức và hoạt động của cụm, khối thi đua)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet

from thidua.accounts.permissions import capabilities
from thidua.accounts.roles import Cap
from thidua.emulation.models import Period, Ruleset, Vote
from thidua.org.models import AdminUnit


def ruleset_for(*, province: AdminUnit, on: dt.date) -> Ruleset:
    """The province's ruleset in force on `on`: the one with the latest effective_from on or before it.

    When the province has none in force on that day, an unsaved Ruleset (pk is None,
    effective_from is None) carrying the model defaults is returned, so callers always get values:
    a 1000-point scale, a vote threshold of more than 50% of the member units, 1 leading unit per
    group, quotas off. Those defaults follow the practice observed in provinces (legal-rules §4.2:
    "> 50%" is the common threshold, one Cờ thi đua per cụm/khối) and the Ministry's answer that the
    2022 Law sets no quotas (§2.2). None of them is a national rule; callers that store a decision
    made under the default store ruleset=None, which says so.
    """
    found = (
        Ruleset.objects.filter(province=province, effective_from__lte=on).order_by("-effective_from").first()
    )
    if found is not None:
        return found
    # The field is required when saved; this unsaved stand-in says "no ruleset" with a None date.
    return Ruleset(province=province, effective_from=None)  # type: ignore[misc]


def rulesets_visible_to(*, user: Any) -> QuerySet[Ruleset]:
    """Every ruleset for the province office, the system administrator and the council; none for others."""
    caps = capabilities(user)
    if Cap.MANAGE_EMULATION in caps or Cap.VIEW_ALL_EMULATION in caps:
        return Ruleset.objects.select_related("province")
    return Ruleset.objects.none()


def rulesets_editable_by(*, user: Any) -> QuerySet[Ruleset]:
    if Cap.MANAGE_EMULATION in capabilities(user):
        return Ruleset.objects.select_related("province")
    return Ruleset.objects.none()


def ruleset_on_same_day(
    *, province: AdminUnit, effective_from: dt.date, exclude_pk: int | None = None
) -> bool:
    """Whether the province already has a ruleset taking effect that day (one per province and day)."""
    same_day = Ruleset.objects.filter(province=province, effective_from=effective_from)
    if exclude_pk is not None:
        same_day = same_day.exclude(pk=exclude_pk)
    return same_day.exists()


def ruleset_in_use(*, ruleset: Ruleset) -> bool:
    """Whether a vote or a review period has applied this ruleset."""
    if ruleset.pk is None:
        return False
    return Vote.objects.filter(ruleset=ruleset).exists() or Period.objects.filter(ruleset=ruleset).exists()
