"""Template tags of the public site: one-line wrappers over the portal's selectors."""

from __future__ import annotations

from typing import Any

from django import template

from thidua.portal.models import PortalSettings
from thidua.portal.selectors.pages import site_menu
from thidua.portal.selectors.stats import VisitorStats, visitor_stats

register = template.Library()


@register.simple_tag(takes_context=True)
def portal_menu(context: Any) -> list[Any]:
    return site_menu(request=context.get("request"))


@register.simple_tag(takes_context=True)
def portal_stats(context: Any) -> VisitorStats:
    request = context.get("request")
    before = PortalSettings.for_request(request).visits_before if request is not None else 0
    return visitor_stats(visits_before=before)
