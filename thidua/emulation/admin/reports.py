"""Registers the pact, period and report screens (views/pacts.py, views/reports.py) in Wagtail's admin,
and the "Thi đua" menu.

Imported by thidua/emulation/wagtail_hooks.py, which Wagtail loads. Other emulation screens add their
items to the same menu with the hook named by MENU_HOOK.
"""

from __future__ import annotations

from typing import Any

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from thidua.emulation.admin.menu import MENU_HOOK, EmulationMenuItem
from thidua.emulation.views import pacts as views_pacts
from thidua.emulation.views import reports as views_reports


@hooks.register("register_admin_urls")
def register_report_urls() -> list[Any]:
    return [
        path("emulation/pacts/", views_pacts.pact_list_view, name="emulation_pact_list"),
        path("emulation/pacts/new/", views_pacts.pact_create_view, name="emulation_pact_create"),
        path("emulation/pacts/<int:pk>/", views_pacts.pact_detail_view, name="emulation_pact_detail"),
        path(
            "emulation/pacts/<int:pk>/criteria/",
            views_pacts.pact_criteria_view,
            name="emulation_pact_criteria",
        ),
        path(
            "emulation/pacts/<int:pk>/targets/<int:organisation_pk>/",
            views_pacts.pact_targets_view,
            name="emulation_pact_targets",
        ),
        path("emulation/pacts/<int:pk>/sign/", views_pacts.pact_sign_view, name="emulation_pact_sign"),
        path("emulation/pacts/<int:pk>/reopen/", views_pacts.pact_reopen_view, name="emulation_pact_reopen"),
        path(
            "emulation/pacts/<int:pk>/aggregates/",
            views_pacts.pact_aggregates_view,
            name="emulation_pact_aggregates",
        ),
        path(
            "emulation/pacts/<int:pk>/periods/new/",
            views_pacts.period_open_view,
            name="emulation_period_open",
        ),
        path("emulation/periods/", views_pacts.period_list_view, name="emulation_period_list"),
        path("emulation/periods/<int:pk>/", views_pacts.period_detail_view, name="emulation_period_detail"),
        path(
            "emulation/periods/<int:pk>/close/", views_pacts.period_close_view, name="emulation_period_close"
        ),
        path("emulation/periods/<int:pk>/report/", views_reports.report_grid, name="emulation_report_grid"),
        path(
            "emulation/periods/<int:pk>/report/points/",
            views_reports.report_points,
            name="emulation_report_points",
        ),
        path("emulation/periods/<int:pk>/reports/", views_reports.report_list, name="emulation_report_list"),
        path("emulation/reports/<int:pk>/", views_reports.report_review, name="emulation_report_review"),
        path(
            "emulation/evidence/<int:pk>/download/",
            views_reports.evidence_download,
            name="emulation_evidence_download",
        ),
    ]


@hooks.register(MENU_HOOK)
def pacts_menu_item() -> MenuItem:
    return EmulationMenuItem(_("Giao ước thi đua"), "emulation_pact_list", icon_name="doc-full", order=100)


@hooks.register(MENU_HOOK)
def periods_menu_item() -> MenuItem:
    return EmulationMenuItem(
        _("Kỳ đánh giá, báo cáo"), "emulation_period_list", icon_name="calendar-check", order=200
    )
