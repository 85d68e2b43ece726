"""The overprint layouts' screens in the "Khen thưởng" menu: the province office enters where each
variable field goes on its pre-printed Bằng khen and Giấy khen paper. Saved through the services
(audit rows); only the list, add and edit screens exist (no delete, copy or history)."""

from __future__ import annotations

from typing import Any, ClassVar

from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import BasePermissionPolicy

from thidua.awards.admin.menu import MENU_HOOK
from thidua.awards.selectors.access import can_manage_decisions
from thidua.core.admin.views import ScopedEditView, ScopedIndexView, ServiceCreateView
from thidua.documents.models import CertificateLayout
from thidua.documents.selectors.certificates import layouts_visible_to
from thidua.documents.services.certificates import (
    LAYOUT_FIELDS,
    certificate_layout_create,
    certificate_layout_update,
)


class LayoutPermissionPolicy(BasePermissionPolicy):  # type: ignore[misc]
    """Whoever records award decisions (the province office) sets the layouts: the capability, not a
    Django model permission, so the roles table stays the one source (accounts/roles.py)."""

    def user_has_permission(self, user: Any, action: str) -> bool:
        return bool(can_manage_decisions(user)) and action in {"add", "change", "view"}

    def users_with_any_permission(self, actions: Any) -> QuerySet[Any]:
        users = get_user_model().objects.filter(is_active=True)
        return users.filter(pk__in=[u.pk for u in users if can_manage_decisions(u)])


def _fields(form: Any) -> dict[str, Any]:
    return {name: form.cleaned_data[name] for name in LAYOUT_FIELDS if name in form.cleaned_data}


class LayoutIndexView(ScopedIndexView):
    scope_selector = staticmethod(layouts_visible_to)


class LayoutCreateView(ServiceCreateView):
    def call_service(self, form: Any) -> CertificateLayout:
        return certificate_layout_create(actor=self.request.user, **_fields(form))


class LayoutEditView(ScopedEditView):
    scope_selector = staticmethod(layouts_visible_to)

    def call_service(self, form: Any) -> CertificateLayout:
        return certificate_layout_update(actor=self.request.user, layout=self.object, **_fields(form))


class CertificateLayoutViewSet(ModelViewSet):  # type: ignore[misc]
    model = CertificateLayout
    icon = "doc-full"
    menu_label = _("Vị trí in trên phôi")
    menu_hook = MENU_HOOK
    menu_order = 900
    url_prefix = "documents/layouts"
    name = "documents_layout"
    form_fields = list(LAYOUT_FIELDS)
    list_display = ["kind", "page_width_mm", "page_height_mm", "updated_at"]
    copy_view_enabled = False
    inspect_view_enabled = False
    search_backend_name = None
    index_view_class = LayoutIndexView
    add_view_class = LayoutCreateView
    edit_view_class = LayoutEditView
    screens: ClassVar[frozenset[str]] = frozenset({"index", "index_results", "add", "edit"})

    @property
    def permission_policy(self) -> LayoutPermissionPolicy:
        return LayoutPermissionPolicy(self.model)

    def get_common_view_kwargs(self, **kwargs: Any) -> Any:
        view_kwargs = super().get_common_view_kwargs(**kwargs)
        for screen in ("delete", "history", "usage"):
            view_kwargs[f"{screen}_url_name"] = None
        return view_kwargs

    def get_urlpatterns(self) -> list[Any]:
        return [p for p in super().get_urlpatterns() if p.name in self.screens]
