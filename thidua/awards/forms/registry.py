"""Forms of the registry screens. They only parse input; the services check, save and audit.

Each form edits the fields its service declares (DECISION_FIELDS, INITIATIVE_FIELDS…), so the screen
and the service cannot disagree on what may be changed. The people and organisations offered are the
ones the officer may keep records of (selectors.access); a forged id outside them is refused as an
invalid choice before any service runs.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from thidua.awards.models import (
    AwardDecision,
    AwardRecipient,
    Discipline,
    Initiative,
    PendingMatter,
    TaskRating,
)
from thidua.awards.selectors.access import organisations_for_records, people_for_records
from thidua.awards.services.decisions import DECISION_FIELDS
from thidua.awards.services.records import INITIATIVE_FIELDS
from thidua.core.forms import VNDateField
from thidua.org.models import Organisation, Person


class PersonChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        # Two people may share a name: the unit tells them apart.
        return f"{obj.full_name} – {obj.organisation}"


class PeopleChoiceField(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.full_name} – {obj.organisation}"


def _subject_fields(form: Any, user: Any) -> None:
    """Offer only the people (and collectives) the user keeps records of; drop an empty choice."""
    form.fields["person"].queryset = people_for_records(user=user)
    form.fields["person"].required = False
    if "organisation" in form.fields:
        organisations = organisations_for_records(user=user)
        form.fields["organisation"].queryset = organisations
        form.fields["organisation"].required = False
        if not organisations.exists():
            # A unit's officer keeps only people's records: the collective's choice is not theirs.
            del form.fields["organisation"]


class AwardDecisionForm(WagtailAdminModelForm):  # type: ignore[misc]
    people = PeopleChoiceField(
        label=_("Cá nhân được khen thưởng"),
        queryset=Person.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 10}),
        help_text=_("Giữ phím Ctrl (Cmd trên máy Mac) để chọn nhiều người."),
    )
    organisations = forms.ModelMultipleChoiceField(
        label=_("Tập thể được khen thưởng"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 10}),
    )

    # Wagtail's Meta keeps its formfield_callback: signed_on becomes core.forms.VNDateField.
    class Meta(WagtailAdminModelForm.Meta):  # type: ignore[misc]
        model = AwardDecision
        fields = DECISION_FIELDS

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Only the province office records decisions; it may name anyone in the register.
        self.fields["people"].queryset = Person.objects.select_related("organisation").order_by(
            "full_name", "pk"
        )
        self.fields["organisations"].queryset = Organisation.objects.order_by("name", "pk")
        self.fields["issuer"].queryset = Organisation.objects.order_by("name", "pk")
        for name in ("period_from_year", "period_to_year"):
            self.fields[name].widget.attrs.update({"min": 1945, "max": 2100})
        if self.instance.pk:
            recipients = self.instance.recipients.all()
            self.fields["people"].initial = [r.person_id for r in recipients if r.person_id]
            self.fields["organisations"].initial = [
                r.organisation_id for r in recipients if r.organisation_id
            ]


class TaskRatingForm(WagtailAdminModelForm):  # type: ignore[misc]
    class Meta(WagtailAdminModelForm.Meta):  # type: ignore[misc]
        model = TaskRating
        fields = ["person", "organisation", "year", "rating"]
        field_classes = {"person": PersonChoiceField}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # A rating is corrected, never moved to another subject or year (rating_set).
            for name in ("person", "organisation", "year"):
                self.fields.pop(name)
        else:
            _subject_fields(self, self.for_user)


class InitiativeForm(WagtailAdminModelForm):  # type: ignore[misc]
    class Meta(WagtailAdminModelForm.Meta):  # type: ignore[misc]
        model = Initiative
        fields = INITIATIVE_FIELDS
        field_classes = {"person": PersonChoiceField}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        people = people_for_records(user=self.for_user)
        self.fields["used_for"].queryset = AwardRecipient.objects.filter(person__in=people).select_related(
            "person", "decision"
        )
        self.fields["used_for"].help_text = _(
            "Mỗi sáng kiến chỉ dùng để đề nghị một hình thức khen thưởng; để trống nếu chưa dùng."
        )
        if self.instance.pk:
            self.fields.pop("person")  # initiative_update keeps the person
        else:
            self.fields["person"].queryset = people


class DisciplineForm(WagtailAdminModelForm):  # type: ignore[misc]
    class Meta(WagtailAdminModelForm.Meta):  # type: ignore[misc]
        model = Discipline
        fields = ["person", "level", "start", "end", "decision"]
        field_classes = {"person": PersonChoiceField}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people_for_records(user=self.for_user)


class PendingOpenForm(WagtailAdminModelForm):  # type: ignore[misc]
    class Meta(WagtailAdminModelForm.Meta):  # type: ignore[misc]
        model = PendingMatter
        fields = ["person", "organisation", "kind", "since", "note"]
        field_classes = {"person": PersonChoiceField}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _subject_fields(self, self.for_user)


class PendingCloseForm(WagtailAdminModelForm):  # type: ignore[misc]
    closed_on = VNDateField(label=_("Ngày kết thúc"))

    class Meta(WagtailAdminModelForm.Meta):  # type: ignore[misc]
        model = PendingMatter
        fields = ["closed_on", "note"]


class TimelineSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Tìm cá nhân hoặc cơ quan, đơn vị theo tên"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"placeholder": _("Ví dụ: Nguyễn Thị Lan hoặc Long Hồ")}),
    )
