"""The proposal screens' URLs and their item in the "Khen thưởng" menu (#12)."""

from __future__ import annotations

from typing import Any

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from thidua.awards.admin import menu
from thidua.awards.selectors.proposals import can_use_proposals, may_read_councils
from thidua.awards.views import council as council_views
from thidua.awards.views import proposals as views
from thidua.core.admin.menu import LinkMenuItem


@hooks.register("register_admin_urls")  # type: ignore[untyped-decorator]
def register_proposal_urls() -> list[Any]:
    return [
        path("awards/proposals/", views.proposal_index_view, name="awards_proposal_index"),
        path("awards/proposals/new/", views.proposal_create_view, name="awards_proposal_create"),
        path("awards/proposals/<int:pk>/", views.proposal_detail_view, name="awards_proposal_detail"),
        path(
            "awards/proposals/<int:pk>/items/", views.proposal_item_add_view, name="awards_proposal_item_add"
        ),
        path(
            "awards/proposals/<int:pk>/items/<int:item_id>/remove/",
            views.proposal_item_remove_view,
            name="awards_proposal_item_remove",
        ),
        path(
            "awards/proposals/<int:pk>/documents/",
            views.proposal_document_add_view,
            name="awards_proposal_document_add",
        ),
        path(
            "awards/proposals/<int:pk>/documents/<int:document_id>/remove/",
            views.proposal_document_remove_view,
            name="awards_proposal_document_remove",
        ),
        path(
            "awards/proposals/<int:pk>/documents/<int:document_id>/",
            views.proposal_document_download,
            name="awards_proposal_document_download",
        ),
        path(
            "awards/proposals/<int:pk>/do/<str:action>/",
            views.proposal_action_view,
            name="awards_proposal_action",
        ),
        path("awards/proposals/<int:pk>/ballot/", views.proposal_ballot_view, name="awards_proposal_ballot"),
        path(
            "awards/proposals/<int:pk>/written-ballot/",
            views.proposal_written_ballot_view,
            name="awards_proposal_written_ballot",
        ),
        path("awards/proposals/<int:pk>/decide/", views.proposal_decide_view, name="awards_proposal_decide"),
        path("awards/councils/", council_views.council_index_view, name="awards_council_index"),
        path("awards/councils/new/", council_views.council_create_view, name="awards_council_create"),
        path(
            "awards/councils/thresholds/",
            council_views.council_threshold_add_view,
            name="awards_council_threshold_add",
        ),
        path(
            "awards/councils/thresholds/<int:pk>/remove/",
            council_views.council_threshold_remove_view,
            name="awards_council_threshold_remove",
        ),
        path(
            "awards/proposals/from-vote/<int:vote_id>/<int:organisation_id>/",
            views.proposal_from_vote_view,
            name="awards_proposal_from_vote",
        ),
    ]


@hooks.register(menu.MENU_HOOK)  # type: ignore[untyped-decorator]
def register_council_menu() -> MenuItem:
    return LinkMenuItem(
        _("Hội đồng Thi đua – Khen thưởng"),
        "awards_council_index",
        shown=may_read_councils,
        name="awards-councils",
        icon_name="group",
        order=6,
    )


@hooks.register(menu.MENU_HOOK)  # type: ignore[untyped-decorator]
def register_proposal_menu() -> MenuItem:
    return LinkMenuItem(
        _("Đề nghị khen thưởng"),
        "awards_proposal_index",
        shown=can_use_proposals,
        name="awards-proposals",
        icon_name="form",
        order=5,
    )
