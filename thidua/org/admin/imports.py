"""Registers the Excel import and export screens (thidua/org/views/imports.py) in Wagtail's admin.

Imported at the end of thidua/org/wagtail_hooks.py, which Wagtail loads; kept apart so the registry
screens and the Excel screens can change independently.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem

from thidua.org.views import imports as import_views

_MENU_HOOK = "register_org_excel_menu_item"


@hooks.register("register_admin_urls")
def register_excel_urls() -> list[Any]:
    return import_views.import_urls("org/excel/", "org_excel")


class _ExcelMenuItem(MenuItem):
    def __init__(self, label: str, *, kind: str, action: str, icon_name: str, order: int) -> None:
        self.kind = kind
        self.action = action
        super().__init__(label, "", name=f"org-excel-{kind}-{action}", icon_name=icon_name, order=order)

    def is_shown(self, request: Any) -> bool:
        check = import_views.can_import if self.action == "import" else import_views.can_export
        return check(request.user, self.kind)

    def render_component(self, request: Any) -> Any:
        # Resolved per request: the URLconf is not loaded yet when hooks are registered.
        self.url = reverse(f"org_excel_{self.action}", kwargs={"kind": self.kind})
        return super().render_component(request)


_ITEMS = [
    (_("Cá nhân: nhập từ Excel"), "people", "import", "upload", 10),
    (_("Cá nhân: xuất Excel"), "people", "export", "download", 20),
    (_("Đơn vị hành chính: nhập từ Excel"), "units", "import", "upload", 30),
    (_("Đơn vị hành chính: xuất Excel"), "units", "export", "download", 40),
]

for _label, _kind, _action, _icon, _order in _ITEMS:
    hooks.register(
        _MENU_HOOK,
        lambda label=_label, kind=_kind, action=_action, icon=_icon, order=_order: _ExcelMenuItem(
            label, kind=kind, action=action, icon_name=icon, order=order
        ),
    )


@hooks.register("register_admin_menu_item")
def register_excel_menu() -> SubmenuMenuItem:
    return SubmenuMenuItem(
        _("Nhập, xuất Excel"),
        Menu(register_hook_name=_MENU_HOOK),
        name="org-excel",
        icon_name="table",
        order=210,
    )
