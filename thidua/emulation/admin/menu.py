"""The "Thi đua" menu of Wagtail's admin. Each emulation screen adds its item with the hook MENU_HOOK."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, SubmenuMenuItem

from thidua.core.admin.menu import LinkMenuItem
from thidua.emulation.selectors.access import can_use_emulation

MENU_HOOK = "register_emulation_menu_item"


class EmulationMenuItem(LinkMenuItem):
    """An item of the "Thi đua" menu, for whoever may use emulation."""

    def __init__(self, label: str, url_name: str, *, icon_name: str, order: int) -> None:
        super().__init__(label, url_name, shown=can_use_emulation, icon_name=icon_name, order=order)


@hooks.register("register_admin_menu_item")
def register_emulation_menu() -> SubmenuMenuItem:
    return SubmenuMenuItem(
        _("Thi đua"),
        Menu(register_hook_name=MENU_HOOK),
        name="emulation",
        icon_name="tasks",
        order=150,
    )
