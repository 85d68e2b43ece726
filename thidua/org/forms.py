"""Forms for the registry screens. They only parse input; the services validate and save.

Each form edits the fields its service declares (ORGANISATION_FIELDS, GROUP_FIELDS, PERSON_EDITABLE),
so the screen and the service cannot disagree on what may be changed.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from thidua.accounts.permissions import has_capability
from thidua.accounts.roles import Cap
from thidua.core.forms import VNDateField
from thidua.org.models import AdminUnit, EmulationGroup, Organisation, Person
from thidua.org.selectors.scope import user_scope_ids
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


class AdminUnitForm(WagtailAdminModelForm):
    class Meta(WagtailAdminModelForm.Meta):
        model = AdminUnit
        # The service's fields but the source, which names where the data came from (the package, an
        # Excel file) and is not typed on the screen.
        fields = [name for name in UNIT_FIELDS if name != "source"]


class OrganisationForm(WagtailAdminModelForm):
    class Meta(WagtailAdminModelForm.Meta):
        model = Organisation
        fields = ORGANISATION_FIELDS

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["province"].queryset = AdminUnit.objects.filter(level=AdminUnit.Level.PROVINCE).order_by(
            "name"
        )
        self.fields["admin_unit"].queryset = AdminUnit.objects.select_related("parent").order_by(
            "level", "name"
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
