"""The registry's choosers: searchable, paged lists in a modal (core.admin.choosers), not <select>s.

- The administrative unit chooser (forms.AdminUnitChooser): every list, search and pick goes through
  selectors.units.units_pickable_by, the rule the forms validate with.
- The search forms and columns of people and organisations, for the choosers of the apps whose forms
  pick them (awards/admin/choosers.py), each over the selector its form's field uses.
"""

from __future__ import annotations

from django import forms
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.ui.tables import Column, TitleColumn

from thidua.core.admin.choosers import ScopedChooserViewSet
from thidua.org.models import AdminUnit, Organisation, Person
from thidua.org.selectors.people import can_see_personal_data, people_matching
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


class AdminUnitChooserViewSet(ScopedChooserViewSet):
    model = AdminUnit
    icon = "site"
    name = "org_unit_chooser"
    url_prefix = "org/units/chooser"
    choose_one_text = _("Chọn đơn vị hành chính")
    choose_another_text = _("Chọn đơn vị khác")
    edit_item_text = _("Xem đơn vị")
    search_tab_label = _("Tìm kiếm")
    filter_form_class = UnitFilterForm

    def scope(self, request: HttpRequest) -> QuerySet[AdminUnit]:
        return units_pickable_by(user=request.user).order_by("level", "code")

    def columns(self, request: HttpRequest, title: TitleColumn) -> list[Column]:
        title.label = _("Tên")
        return [
            title,
            Column("code", label=_("Mã")),
            Column("level", label=_("Cấp"), accessor="get_level_display"),
            Column("parent", label=_("Đơn vị cấp trên")),
        ]


# --- People and organisations ---------------------------------------------------------------------
class PersonFilterForm(BaseFilterForm):  # type: ignore[misc]
    q = forms.CharField(
        label=_("Tìm theo họ tên (có dấu hoặc không dấu) hoặc mã số công chức, viên chức"),
        required=False,
        max_length=100,
        widget=forms.TextInput(
            attrs={"placeholder": _("Ví dụ: Nguyễn Thị Lan, nguyen thi lan hoặc 01.003.123")}
        ),
    )

    def filter(self, objects: QuerySet[Person]) -> QuerySet[Person]:
        query = (self.cleaned_data.get("q") or "").strip()
        if query:
            objects = people_matching(objects, query)
            self.is_searching = True
            self.search_query = query
        return objects


def person_label(person: Person) -> str:
    """A person as the forms and the chooser name them: two people may share a name, the unit tells
    them apart (the chooser's columns add the date of birth for those who may see it)."""
    return f"{person.full_name} – {person.organisation}"


def person_columns(request: HttpRequest, title: TitleColumn) -> list[Column]:
    """Name, unit and date of birth: namesakes are told apart by the last two. The birth date and the
    code are shown only to whom org.selectors.people.can_see_personal_data allows (a council member
    picks no one, but the rule is the registry's, not the screen's)."""
    user = request.user

    def born(person: Person) -> str:
        if person.date_of_birth is None or not can_see_personal_data(user=user, person=person):
            return "–"
        return f"{person.date_of_birth:%d/%m/%Y}"

    def code(person: Person) -> str:
        if not person.civil_servant_code or not can_see_personal_data(user=user, person=person):
            return "–"
        return person.civil_servant_code

    title.label = _("Họ và tên")
    title.accessor = "full_name"
    return [
        title,
        Column("organisation", label=_("Cơ quan, đơn vị")),
        Column("date_of_birth", label=_("Ngày sinh"), accessor=born),
        Column("civil_servant_code", label=_("Mã số CB, CC, VC"), accessor=code),
        Column("position", label=_("Chức vụ")),
    ]


class OrganisationFilterForm(BaseFilterForm):  # type: ignore[misc]
    q = forms.CharField(
        label=_("Tìm theo tên, tên viết tắt hoặc mã"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"placeholder": _("Ví dụ: Sở Nội vụ hoặc UBND-29770")}),
    )

    def filter(self, objects: QuerySet[Organisation]) -> QuerySet[Organisation]:
        query = (self.cleaned_data.get("q") or "").strip()
        if query:
            # As the award history's search (awards.selectors.access.timeline_subjects): names as
            # typed, the code exactly. A province has hundreds of organisations, not tens of thousands.
            objects = objects.filter(
                Q(name__icontains=query) | Q(short_name__icontains=query) | Q(code=query)
            )
            self.is_searching = True
            self.search_query = query
        return objects


def organisation_columns(request: HttpRequest, title: TitleColumn) -> list[Column]:
    title.label = _("Tên")
    title.accessor = "name"
    return [title, Column("code", label=_("Mã")), Column("parent", label=_("Cơ quan cấp trên"))]


def organisation_label(organisation: Organisation) -> str:
    # The full name: a short name ("Tỉnh Vĩnh Long") does not say which body of the province it is.
    return str(organisation.name)
