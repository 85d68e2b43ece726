"""Registers the registry screens in Wagtail's admin menu."""

from __future__ import annotations

from typing import Any

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from thidua.core.admin.columns import YesNoColumn
from thidua.org import forms
from thidua.org.admin import views
from thidua.org.admin.choosers import AdminUnitChooserViewSet
from thidua.org.admin.panels import MyUnitPanel
from thidua.org.models import AdminUnit, EmulationGroup, Organisation, Person


class AdminUnitViewSet(ModelViewSet):
    model = AdminUnit
    icon = "site"
    menu_label = _("Đơn vị hành chính")
    url_prefix = "org/units"
    name = "org_unit"
    list_display = ["code", "name", "kind", "parent", "valid_from", "valid_until"]
    list_filter = ["level", "kind", "valid_until"]
    search_fields = ["code", "name"]
    search_backend_name = None
    list_per_page = 50
    inspect_view_enabled = True
    copy_view_enabled = False
    index_view_class = views.UnitIndexView
    inspect_view_class = views.UnitInspectView
    add_view_class = views.UnitCreateView
    edit_view_class = views.UnitEditView

    def get_form_class(self, for_update: bool = False) -> type:
        # The parent unit is picked in the unit chooser, among the officer's units (forms.py).
        return forms.AdminUnitForm


class OrganisationViewSet(ModelViewSet):
    model = Organisation
    icon = "home"
    menu_label = _("Cơ quan, đơn vị")
    url_prefix = "org/organisations"
    name = "org_organisation"
    list_display = ["name", "code", "kind", "admin_unit", "dissolved_on"]
    list_filter = ["kind", "province"]
    search_fields = ["code", "name", "short_name"]
    search_backend_name = None
    inspect_view_enabled = True
    copy_view_enabled = False
    index_view_class = views.OrganisationIndexView
    inspect_view_class = views.OrganisationInspectView
    history_view_class = views.OrganisationHistoryView
    usage_view_class = views.OrganisationUsageView
    add_view_class = views.OrganisationCreateView
    edit_view_class = views.OrganisationEditView

    def get_form_class(self, for_update: bool = False) -> type:
        return forms.OrganisationForm


class PersonViewSet(ModelViewSet):
    model = Person
    icon = "user"
    menu_label = _("Cá nhân")
    url_prefix = "org/people"
    name = "org_person"
    list_display = [
        "full_name",
        "organisation",
        "position",
        YesNoColumn("is_active", label=_("Đang công tác")),
    ]
    list_filter = ["gender", "is_active", "organisation"]
    search_fields = ["full_name", "position"]
    search_backend_name = None
    inspect_view_enabled = True
    copy_view_enabled = False
    index_view_class = views.PersonIndexView
    inspect_view_class = views.PersonInspectView
    history_view_class = views.PersonHistoryView
    usage_view_class = views.PersonUsageView
    add_view_class = views.PersonCreateView
    edit_view_class = views.PersonEditView

    def get_form_class(self, for_update: bool = False) -> type:
        return forms.PersonForm


class EmulationGroupViewSet(ModelViewSet):
    model = EmulationGroup
    icon = "group"
    menu_label = _("Cụm, khối thi đua")
    url_prefix = "org/groups"
    name = "org_group"
    list_display = ["name", "year", "kind", "province", "head", "deputy"]
    list_filter = ["year", "kind", "province"]
    search_fields = ["name"]
    search_backend_name = None
    inspect_view_enabled = True
    copy_view_enabled = False
    index_view_class = views.GroupIndexView
    inspect_view_class = views.GroupInspectView
    history_view_class = views.GroupHistoryView
    usage_view_class = views.GroupUsageView
    add_view_class = views.GroupCreateView
    edit_view_class = views.GroupEditView
    delete_view_class = views.GroupDeleteView

    def get_form_class(self, for_update: bool = False) -> type:
        return forms.GroupForm


class RegistryGroup(ViewSetGroup):
    menu_label = _("Danh mục tổ chức")
    menu_icon = "folder-open-inverse"
    menu_order = 200
    items = (EmulationGroupViewSet, OrganisationViewSet, PersonViewSet, AdminUnitViewSet)


@hooks.register("register_admin_viewset")
def register_registry() -> ViewSetGroup:
    return RegistryGroup()


@hooks.register("register_admin_viewset")
def register_unit_chooser() -> AdminUnitChooserViewSet:
    return AdminUnitChooserViewSet()


@hooks.register("construct_homepage_panels")
def add_my_unit_panel(request: Any, panels: list) -> None:
    if getattr(request.user, "organisation_id", None):
        panels.append(MyUnitPanel(request.user))


@hooks.register("register_admin_urls")
def register_group_copy_url() -> list:
    return [
        path(
            "org/groups/copy-next-year/<int:pk>/", views.group_copy_next_year, name="org_group_copy_next_year"
        )
    ]
