"""Registers the results screen and its Excel export (thidua/emulation/views/dashboard.py).

Imported by thidua/emulation/wagtail_hooks.py, which Wagtail loads.
"""

from __future__ import annotations

from typing import Any

from django.urls import path
from wagtail import hooks

from thidua.emulation.views import dashboard as views_dashboard


@hooks.register("register_admin_urls")
def register_dashboard_urls() -> list[Any]:
    return [
        path(
            "emulation/periods/<int:pk>/dashboard/",
            views_dashboard.period_dashboard_view,
            name="emulation_period_dashboard",
        ),
        path(
            "emulation/periods/<int:pk>/export.xlsx",
            views_dashboard.period_export_view,
            name="emulation_period_export",
        ),
    ]
