"""The Cờ thi đua proposal button on a cluster's vote result (a one-line addition to the emulation
vote's minutes template, so emulation's views need not know the awards app)."""

from __future__ import annotations

from typing import Any

from django import template

from thidua.awards.selectors.proposals import flag_proposal_candidates

register = template.Library()


@register.inclusion_tag("awards/flag_proposal_buttons.html", takes_context=True)
def flag_proposal_buttons(context: Any, vote: Any) -> dict[str, Any]:
    user = context["request"].user
    return {
        "vote": vote,
        "candidates": flag_proposal_candidates(user=user, vote=vote),
        "csrf_token": context.get("csrf_token"),
    }
