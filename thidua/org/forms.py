"""Forms for the registry screens. They only parse input; the services validate and save.

Each form edits the fields its service declares (ORGANISATION_FIELDS, GROUP_FIELDS, PERSON_EDITABLE),
so the screen and the service cannot disagree on what may be changed.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from thidua.accounts.permissions import has_capability
from thidua.accounts.roles import Cap
from thidua.core.forms import VNDateField
from thidua.core.widgets import ScopedChooser
from thidua.org.models import AdminUnit, EmulationGroup, Organisation, Person
from thidua.org.selectors.scope import user_scope_ids
from thidua.org.selectors.units import units_pickable_by
from thidua.org.services.groups import GROUP_FIELDS
from thidua.org.services.organisations import ORGANISATION_FIELDS
from thidua.org.services.people import PERSON_EDITABLE
from thidua.org.services.units import UNIT_FIELDS


class PersonForm(WagtailAdminModelForm):
    position_since = VNDateField(
        label=_("Giữ chức vụ từ ngày"),
        required=False,
        help_text=_("Khi đổi đơn vị hoặc chức vụ, quá trình công tác cũ kết thúc vào ngày trước ngày này."),
    )

    # Inheriting Wagtail's Meta keeps its formfield_callback: the model's DateFields become
    # core.forms.VNDateField (registered in core/apps.py). A bare Meta would drop it.
    class Meta(WagtailAdminModelForm.Meta):
        model = Person
        fields = PERSON_EDITABLE

    def __init__(self, *args: Any, for_user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, for_user=for_user, **kwargs)
        organisations = Organisation.objects.order_by("name")
        if for_user is not None and not has_capability(for_user, Cap.MANAGE_ALL_PEOPLE):
            organisations = organisations.filter(pk__in=user_scope_ids(user=for_user))
        self.fields["organisation"].queryset = organisations


class AdminUnitChooser(ScopedChooser):
    """The selected unit and a button opening a searchable list (admin/choosers.py), not a <select>:
    the register holds some 14,000 units, and a select of them made the unit and organisation forms
    1 MB and 2–3 s to load (#17)."""

    show_edit_link = True

    model = AdminUnit
    choose_one_text = _("Chọn đơn vị hành chính")
    choose_another_text = _("Chọn đơn vị khác")
    clear_choice_text = _("Bỏ chọn")
    link_to_chosen_text = _("Xem đơn vị")
    chooser_modal_url_name = "org_unit_chooser:choose"
    icon = "site"


class UnitChoiceField(forms.ModelChoiceField):
    """A unit the officer may pick (selectors.units.units_pickable_by), chosen in AdminUnitChooser.

    The list only offers those units; this also refuses a forged id posted for another province's unit.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", AdminUnitChooser)
        super().__init__(*args, **kwargs)

    def to_python(self, value: Any) -> Any:
        try:
            return super().to_python(value)
        except forms.ValidationError as error:
            if error.code != "invalid_choice":
                raise
            raise forms.ValidationError(
                _(
                    "%(field)s: không chọn được đơn vị hành chính có khóa «%(value)s»; đơn vị này "
                    "không có hoặc nằm ngoài tỉnh, thành phố mà bạn phụ trách. Hãy chọn lại trong danh sách."
                ),
                code="invalid_choice",
                params={"field": self.label, "value": str(value)[:20]},
            ) from error


def _pickable_units(form: WagtailAdminModelForm, name: str) -> Any:
    """The units the form's user may pick, plus the one the record already has (kept on an edit)."""
    # A form built without a user (none of the admin's views does that) offers nothing.
    units = units_pickable_by(user=form.for_user) if form.for_user is not None else AdminUnit.objects.none()
    current = getattr(form.instance, f"{name}_id", None)
    if current is None:
        return units
    return AdminUnit.objects.filter(Q(pk__in=units.values("pk")) | Q(pk=current))


class AdminUnitForm(WagtailAdminModelForm):
    class Meta(WagtailAdminModelForm.Meta):
        model = AdminUnit
        # The service's fields but the source, which names where the data came from (the package, an
        # Excel file) and is not typed on the screen.
        fields = [name for name in UNIT_FIELDS if name != "source"]
        field_classes = {"parent": UnitChoiceField}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = _pickable_units(self, "parent")


class OrganisationForm(WagtailAdminModelForm):
    class Meta(WagtailAdminModelForm.Meta):
        model = Organisation
        fields = ORGANISATION_FIELDS
        field_classes = {"admin_unit": UnitChoiceField, "province": UnitChoiceField}
        # The province list is short (63 before 01/07/2025, 34 after): a plain select.
        widgets = {"province": forms.Select}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["admin_unit"].queryset = _pickable_units(self, "admin_unit")
        self.fields["province"].queryset = (
            _pickable_units(self, "province").filter(level=AdminUnit.Level.PROVINCE).order_by("name")
        )


class GroupForm(WagtailAdminModelForm):
    members = forms.ModelMultipleChoiceField(
        label=_("Đơn vị thành viên"),
        queryset=Organisation.objects.order_by("name"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Cụm trưởng và cụm phó phải là thành viên."),
    )

    # The member list is not a field of the group (group_update takes it apart); it is shown after
    # the province, as the officer picks the members before the head and the deputy among them.
    field_order = [*GROUP_FIELDS[: GROUP_FIELDS.index("province") + 1], "members"]

    class Meta:
        model = EmulationGroup
        fields = GROUP_FIELDS

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["province"].queryset = AdminUnit.objects.filter(level=AdminUnit.Level.PROVINCE).order_by(
            "name"
        )
        if self.instance.pk:
            self.fields["members"].initial = list(
                self.instance.memberships.order_by("order").values_list("organisation_id", flat=True)
            )
            year = self.instance.year
            self.fields["members"].queryset = Organisation.objects.exclude(
                dissolved_on__lt=f"{year}-01-01"
            ).order_by("name")


class GroupCopyForm(forms.Form):
    head = forms.ModelChoiceField(
        label=_("Đơn vị cụm trưởng năm sau"), queryset=Organisation.objects.none(), required=False
    )
    deputy = forms.ModelChoiceField(
        label=_("Đơn vị cụm phó năm sau"), queryset=Organisation.objects.none(), required=False
    )

    def __init__(self, *args: Any, group: EmulationGroup, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        members = Organisation.objects.filter(group_memberships__group=group).order_by(
            "group_memberships__order"
        )
        self.fields["head"].queryset = members
        self.fields["deputy"].queryset = members
        self.fields["head"].initial = group.deputy_id or group.head_id
        self.fields["deputy"].initial = None
