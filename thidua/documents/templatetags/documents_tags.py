"""Template helpers for the papers' buttons on other apps' screens."""

from __future__ import annotations

from typing import Any

from django import template

from thidua.awards.selectors.access import can_manage_decisions
from thidua.emulation.models import Period
from thidua.emulation.selectors.access import can_manage_group

register = template.Library()


@register.simple_tag
def can_draft_article(user: Any, period_id: int) -> bool:
    """The draft article button: a closed period, and the user runs its group (as the service checks)."""
    period = Period.objects.select_related("pact__group").filter(pk=period_id).first()
    if period is None or period.closed_at is None:
        return False
    return can_manage_group(user=user, group=period.pact.group)


@register.simple_tag
def can_print_certificates(user: Any) -> bool:
    return can_manage_decisions(user)
