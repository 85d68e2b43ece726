"""The registry's Excel imports in Wagtail's admin: org's import screens (thidua/org/views/imports.py),
mounted under awards/excel/ and listed in the "Khen thưởng" menu. The kinds are registered in
thidua/awards/apps.py."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from thidua.awards.admin.menu import MENU_HOOK
from thidua.org.views import imports as import_views


@hooks.register("register_admin_urls")  # type: ignore[untyped-decorator]
def register_import_urls() -> list[Any]:
    return list(import_views.import_urls("awards/excel/", "awards_excel"))


class _ImportMenuItem(MenuItem):  # type: ignore[misc]
    def __init__(self, label: Any, *, kind: str, order: int) -> None:
        self.kind = kind
        super().__init__(label, "", name=f"awards-excel-{kind}", icon_name="upload", order=order)

    def is_shown(self, request: Any) -> bool:
        return import_views.can_import(request.user, self.kind)

    def render_component(self, request: Any) -> Any:
        # Resolved per request: the URLconf is not loaded yet when hooks are registered.
        self.url = reverse("awards_excel_import", kwargs={"kind": self.kind})
        return super().render_component(request)


@hooks.register(MENU_HOOK)  # type: ignore[untyped-decorator]
def register_decisions_import_menu() -> MenuItem:
    return _ImportMenuItem(_("Nhập quyết định từ Excel"), kind="award_decisions", order=600)


@hooks.register(MENU_HOOK)  # type: ignore[untyped-decorator]
def register_ratings_import_menu() -> MenuItem:
    return _ImportMenuItem(_("Nhập xếp loại từ Excel"), kind="ratings", order=610)
