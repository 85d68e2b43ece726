"""The "Thi đua" menu of Wagtail's admin. Each emulation screen adds its item with the hook MENU_HOOK."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem

from thidua.emulation.selectors.access import can_use_emulation

MENU_HOOK = "register_emulation_menu_item"


class EmulationMenuItem(MenuItem):
    def __init__(self, label: str, url_name: str, *, icon_name: str, order: int) -> None:
        self.url_name = url_name
        super().__init__(label, "", name=url_name.replace("_", "-"), icon_name=icon_name, order=order)

    def is_shown(self, request: Any) -> bool:
        return can_use_emulation(request.user)

    def render_component(self, request: Any) -> Any:
        # Resolved per request: the URLconf is not loaded yet when hooks are registered.
        self.url = reverse(self.url_name)
        return super().render_component(request)


@hooks.register("register_admin_menu_item")
def register_emulation_menu() -> SubmenuMenuItem:
    return SubmenuMenuItem(
        _("Thi đua"),
        Menu(register_hook_name=MENU_HOOK),
        name="emulation",
        icon_name="tasks",
        order=150,
    )
