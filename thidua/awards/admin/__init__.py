"""The awards app inside Wagtail's admin: the "Khen thưởng" menu, the registry viewsets, the award
history screens. thidua/awards/wagtail_hooks.py imports this package."""

from __future__ import annotations

from typing import Any

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from thidua.awards.admin import choosers, menu, viewsets
from thidua.awards.admin import imports as imports  # the Excel imports' screens and menu items
from thidua.awards.admin import proposals as proposals  # the proposal screens and their menu item
from thidua.awards.selectors.access import can_use_awards
from thidua.awards.views import criteria, timeline
from thidua.core.admin.menu import LinkMenuItem


@hooks.register("register_admin_viewset")  # type: ignore[untyped-decorator]
def register_registry() -> list[Any]:
    return [
        viewsets.AwardDecisionViewSet(),
        viewsets.TaskRatingViewSet(),
        viewsets.InitiativeViewSet(),
        viewsets.DisciplineViewSet(),
        viewsets.PendingMatterViewSet(),
        choosers.PersonChooserViewSet(),
        choosers.OrganisationChooserViewSet(),
    ]


@hooks.register("register_admin_urls")  # type: ignore[untyped-decorator]
def register_timeline_urls() -> list[Any]:
    return [
        path("awards/timeline/", timeline.timeline_search_view, name="awards_timeline"),
        path(
            "awards/timeline/person/<int:pk>/", timeline.person_timeline_view, name="awards_timeline_person"
        ),
        path(
            "awards/timeline/organisation/<int:pk>/",
            timeline.organisation_timeline_view,
            name="awards_timeline_organisation",
        ),
    ]


@hooks.register(menu.MENU_HOOK)  # type: ignore[untyped-decorator]
def register_timeline_menu() -> MenuItem:
    return LinkMenuItem(
        _("Quá trình khen thưởng"),
        "awards_timeline",
        shown=can_use_awards,
        name="awards-timeline",
        icon_name="history",
        order=50,
    )


@hooks.register("register_admin_urls")  # type: ignore[untyped-decorator]
def register_criteria_urls() -> list[Any]:
    return [
        path("awards/criteria/", criteria.criteria_index_view, name="awards_criteria"),
        # Before the edit pattern, whose <path:> would take "delete" for a rule set.
        path(
            "awards/criteria/delete/<int:pk>/", criteria.criterion_delete_view, name="awards_criterion_delete"
        ),
        path(
            "awards/criteria/<path:rule_set>/<slug:award>/",
            criteria.criterion_edit_view,
            name="awards_criterion_edit",
        ),
    ]


@hooks.register(menu.MENU_HOOK)  # type: ignore[untyped-decorator]
def register_criteria_menu() -> MenuItem:
    return LinkMenuItem(
        _("Tiêu chuẩn khen thưởng"),
        "awards_criteria",
        shown=can_use_awards,
        name="awards-criteria",
        icon_name="list-ul",
        order=60,
    )
