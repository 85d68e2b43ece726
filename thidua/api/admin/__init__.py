"""The API tokens screen in Wagtail's admin (Settings menu), for system administrators:
thidua/api/wagtail_hooks.py imports this package."""

from __future__ import annotations

from typing import Any

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from thidua.accounts.permissions import has_capability
from thidua.accounts.roles import Cap
from thidua.api.admin import views
from thidua.core.admin.menu import LinkMenuItem


@hooks.register("register_admin_urls")  # type: ignore[untyped-decorator]
def register_token_urls() -> list[Any]:
    return [
        path("api-tokens/", views.token_index_view, name="api_tokens"),
        path("api-tokens/<int:pk>/revoke/", views.token_revoke_view, name="api_token_revoke"),
    ]


@hooks.register("register_settings_menu_item")  # type: ignore[untyped-decorator]
def register_token_menu() -> MenuItem:
    return LinkMenuItem(
        _("Mã truy cập API"),
        "api_tokens",
        shown=lambda user: has_capability(user, Cap.MANAGE_USERS),
        icon_name="key",
        order=920,
    )
