"""Registers the criteria template screens in the "Thi đua" menu."""

from __future__ import annotations

from wagtail import hooks

from thidua.emulation.views_templates import CriteriaTemplateViewSet


@hooks.register("register_admin_viewset")
def register_template_viewset() -> CriteriaTemplateViewSet:
    return CriteriaTemplateViewSet()
