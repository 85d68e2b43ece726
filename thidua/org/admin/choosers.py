"""The administrative unit chooser: a searchable, paged list in a modal, for forms.AdminUnitChooser.

Every list, search and pick goes through selectors.units.units_pickable_by, the rule the forms
validate with, so the modal offers exactly what the form accepts.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic import chooser as chooser_views
from wagtail.admin.viewsets.chooser import ChooserViewSet

from thidua.org.models import AdminUnit
from thidua.org.selectors.units import units_pickable_by


class UnitFilterForm(BaseFilterForm):  # type: ignore[misc]
    q = forms.CharField(
        label=_("Tìm theo tên hoặc mã"),
        required=False,
        widget=forms.TextInput(attrs={"placeholder": _("Ví dụ: Long Hồ hoặc 29770")}),
    )
    level = forms.ChoiceField(
        label=_("Cấp"),
        required=False,
        choices=[("", _("Mọi cấp")), *AdminUnit.Level.choices],
        widget=forms.Select(attrs={"data-chooser-modal-search-filter": True}),
    )
    current = forms.BooleanField(
        label=_("Chỉ đơn vị còn hiệu lực"),
        required=False,
        widget=forms.CheckboxInput(attrs={"data-chooser-modal-search-filter": True}),
    )

    def filter(self, objects: QuerySet[AdminUnit]) -> QuerySet[AdminUnit]:
        query = (self.cleaned_data.get("q") or "").strip()
        if query:
            # Names are compared as typed: SQLite folds only ASCII letters, so "long hồ" finds
            # "Long Hồ" but "LONG HỒ" does not find it; the code is the exact way in.
            objects = objects.filter(Q(name__icontains=query) | Q(code=query))
            self.is_searching = True
            self.search_query = query
        if self.cleaned_data.get("level"):
            objects = objects.filter(level=self.cleaned_data["level"])
        if self.cleaned_data.get("current"):
            objects = objects.filter(valid_until__isnull=True)
        return objects


class _PickableMixin:
    def get_object_list(self) -> QuerySet[AdminUnit]:
        return units_pickable_by(user=self.request.user).order_by("level", "code")  # type: ignore[attr-defined]

    def get_filter_form_class(self) -> type:
        return UnitFilterForm

    @property
    def columns(self) -> list[Any]:
        title: TitleColumn = self.title_column  # type: ignore[attr-defined]
        title.label = _("Tên")
        return [
            title,
            Column("code", label=_("Mã")),
            Column("level", label=_("Cấp"), accessor="get_level_display"),
            Column("parent", label=_("Đơn vị cấp trên")),
        ]


class UnitChooseView(_PickableMixin, chooser_views.ChooseView):  # type: ignore[misc]
    pass


class UnitChooseResultsView(_PickableMixin, chooser_views.ChooseResultsView):  # type: ignore[misc]
    pass


class UnitChosenView(chooser_views.ChosenView):  # type: ignore[misc]
    def get_object(self, pk: Any) -> AdminUnit:
        # A forged id in the URL finds nothing outside the officer's units (404).
        return units_pickable_by(user=self.request.user).get(pk=pk)


class AdminUnitChooserViewSet(ChooserViewSet):  # type: ignore[misc]
    model = AdminUnit
    icon = "site"
    name = "org_unit_chooser"
    url_prefix = "org/units/chooser"
    choose_one_text = _("Chọn đơn vị hành chính")
    choose_another_text = _("Chọn đơn vị khác")
    edit_item_text = _("Xem đơn vị")
    search_tab_label = _("Tìm kiếm")
    per_page = 20
    choose_view_class = UnitChooseView
    choose_results_view_class = UnitChooseResultsView
    chosen_view_class = UnitChosenView
    # The forms name the widget (forms.AdminUnitChooser); registering it for every ForeignKey to
    # AdminUnit would also replace the short, level-limited province selects.
    register_widget = False
