"""The registry's Excel imports in Wagtail's admin: org's import screens (thidua/org/views/imports.py),
mounted under awards/excel/ and listed in the "Khen thưởng" menu. The kinds are registered in
thidua/awards/apps.py."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from thidua.awards.admin.menu import MENU_HOOK
from thidua.core.admin.menu import LinkMenuItem
from thidua.org.views import imports as import_views


@hooks.register("register_admin_urls")  # type: ignore[untyped-decorator]
def register_import_urls() -> list[Any]:
    return list(import_views.import_urls("awards/excel/", "awards_excel"))


def _import_item(label: Any, *, kind: str, order: int) -> MenuItem:
    return LinkMenuItem(
        label,
        "awards_excel_import",
        url_kwargs={"kind": kind},
        shown=lambda user: import_views.can_import(user, kind),
        name=f"awards-excel-{kind}",
        icon_name="upload",
        order=order,
    )


@hooks.register(MENU_HOOK)  # type: ignore[untyped-decorator]
def register_decisions_import_menu() -> MenuItem:
    return _import_item(_("Nhập quyết định từ Excel"), kind="award_decisions", order=600)


@hooks.register(MENU_HOOK)  # type: ignore[untyped-decorator]
def register_ratings_import_menu() -> MenuItem:
    return _import_item(_("Nhập xếp loại từ Excel"), kind="ratings", order=610)
