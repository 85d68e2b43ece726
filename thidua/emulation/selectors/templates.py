"""Reads of the criteria templates (bộ tiêu chí mẫu), scoped by the user's capabilities.

Templates are the province's reference data, not a unit's records: the province office and the
system administrator may read and edit them, the council reads them, unit officers see none (they
meet a template only as the criteria copied into their group's pact).
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from thidua.accounts.permissions import capabilities
from thidua.accounts.roles import Cap
from thidua.emulation.models import CriteriaTemplate, TemplateCriterion


def templates_visible_to(*, user: Any) -> QuerySet[CriteriaTemplate]:
    caps = capabilities(user)
    if Cap.MANAGE_EMULATION not in caps and Cap.VIEW_ALL_EMULATION not in caps:
        return CriteriaTemplate.objects.none()
    return CriteriaTemplate.objects.select_related("province")


def templates_editable_by(*, user: Any) -> QuerySet[CriteriaTemplate]:
    if Cap.MANAGE_EMULATION not in capabilities(user):
        return CriteriaTemplate.objects.none()
    return CriteriaTemplate.objects.all()


def template_criteria(*, template: CriteriaTemplate) -> list[TemplateCriterion]:
    """The template's criteria in tree order (groups before their children)."""
    return list(template.criteria.order_by("order"))
