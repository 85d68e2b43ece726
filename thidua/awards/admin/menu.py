"""The "Khen thưởng" menu of Wagtail's admin. Each registry screen adds its item with MENU_HOOK."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, SubmenuMenuItem

MENU_HOOK = "register_awards_menu_item"


@hooks.register("register_admin_menu_item")  # type: ignore[untyped-decorator]
def register_awards_menu() -> SubmenuMenuItem:
    # Shown when one of its items is: Wagtail hides a submenu with nothing in it for the user.
    return SubmenuMenuItem(
        _("Khen thưởng"), Menu(register_hook_name=MENU_HOOK), name="awards", icon_name="pick", order=170
    )
