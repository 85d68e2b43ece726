"""The Help menu: the project's own user guide instead of Wagtail's English editor guide."""

from __future__ import annotations

from typing import Any

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from thidua.core.views import guide as guide_views

# Wagtail's own Help items that point to guide.wagtail.org (English, and for editors of Wagtail pages,
# not for this software's officers). Its keyboard shortcuts item stays.
_WAGTAIL_GUIDES = ("editor-guide", "whats-new-in-wagtail-")


@hooks.register("register_admin_urls")  # type: ignore[untyped-decorator]
def register_guide_urls() -> list[Any]:
    return [
        path("huong-dan/", guide_views.guide_view, name="core_guide"),
        path("huong-dan/<slug:slug>/", guide_views.guide_view, name="core_guide_section"),
    ]


@hooks.register("register_help_menu_item")  # type: ignore[untyped-decorator]
def register_guide_menu_item() -> MenuItem:
    return MenuItem(
        guide_views.GUIDE_TITLE, reverse("core_guide"), name="thidua-guide", icon_name="help", order=900
    )


@hooks.register("construct_help_menu")  # type: ignore[untyped-decorator]
def drop_wagtail_guides(request: Any, menu_items: list[Any]) -> None:
    menu_items[:] = [item for item in menu_items if not item.name.startswith(_WAGTAIL_GUIDES)]
