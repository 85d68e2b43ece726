"""The admin's screens of login security: URLs, the account menu's item, the Settings menu's item, the
Users listing's link to reset an account's second factor."""

from __future__ import annotations

from typing import Any

from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from thidua.accounts import views
from thidua.accounts.permissions import has_capability
from thidua.accounts.roles import Cap
from thidua.accounts.viewsets import two_factor_reset_button
from thidua.core.admin.menu import LinkMenuItem


@hooks.register("register_admin_urls")  # type: ignore[untyped-decorator]
def register_login_security_urls() -> list[Any]:
    return [
        path("xac-thuc-hai-buoc/", views.two_factor_view, name="accounts_two_factor"),
        path("xac-thuc-hai-buoc/nhap-ma/", views.two_factor_verify_view, name="accounts_two_factor_verify"),
        path("dang-nhap-that-bai/", views.login_failures_view, name="accounts_login_failures"),
    ]


@hooks.register("register_account_menu_item")  # type: ignore[untyped-decorator]
def register_two_factor_account_item(request: Any) -> dict[str, Any]:
    return {
        "url": reverse("accounts_two_factor"),
        "label": _("Xác thực hai bước"),
        "help_text": _("Bật, xem hoặc gỡ ứng dụng xác thực (mã 6 chữ số) dùng khi đăng nhập."),
    }


@hooks.register("register_settings_menu_item")  # type: ignore[untyped-decorator]
def register_login_failures_item() -> MenuItem:
    return LinkMenuItem(
        gettext_lazy("Đăng nhập thất bại"),
        "accounts_login_failures",
        shown=lambda user: has_capability(user, Cap.VIEW_AUDIT),
        icon_name="lock",
        order=910,
    )


@hooks.register("register_user_listing_buttons")  # type: ignore[untyped-decorator]
def register_two_factor_reset_button(user: Any, request_user: Any) -> list[Any]:
    # Beside Wagtail's own items (edit, delete) in the Users listing's "More" menu.
    button = two_factor_reset_button(user=user, request_user=request_user, priority=40)
    return [button] if button else []
