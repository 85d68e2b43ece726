"""Forms of the registry screens. They only parse input; the services check, save and audit.

Each form edits the fields its service declares (DECISION_FIELDS, INITIATIVE_FIELDS…), so the screen
and the service cannot disagree on what may be changed. The people and organisations offered are the
ones the officer may keep records of (selectors.access), picked in a searchable modal (pickers.py)
that lists the same rows; a forged id outside them is refused as an invalid choice before any
service runs.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from thidua.awards.forms.pickers import (
    organisation_chooser,
    organisations_chooser,
    people_chooser,
    person_chooser,
    pick,
)
from thidua.awards.forms.proposals import NOT_CHOSEN, OrganisationFullNameField, add_signing_errors
from thidua.awards.models import (
    AwardDecision,
    AwardRecipient,
    Discipline,
    Initiative,
    PendingMatter,
    TaskRating,
)
from thidua.awards.selectors.access import (
    organisations_for_decisions,
    organisations_for_records,
    people_for_decisions,
    people_for_records,
)
from thidua.awards.selectors.pickers import Purpose
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


class OrganisationsFullNameField(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name)


def _subject_fields(form: Any, user: Any) -> None:
    """Offer only the people (and collectives) the user keeps records of; either may stay empty."""
    pick(form.fields["person"], person_chooser(Purpose.RECORDS), people_for_records(user=user))
    form.fields["person"].required = False
    if "organisation" in form.fields:
        organisations = organisations_for_records(user=user)
        pick(form.fields["organisation"], organisation_chooser(Purpose.RECORDS), organisations)
        form.fields["organisation"].required = False
        if not organisations.exists():
            # A unit's officer keeps only people's records: the collective's choice is not theirs.
            del form.fields["organisation"]


class AwardDecisionForm(WagtailAdminModelForm):  # type: ignore[misc]
    people = PeopleChoiceField(
        label=_("Cá nhân được khen thưởng"),
        queryset=Person.objects.none(),
        required=False,
        help_text=_("Bấm «Thêm cá nhân», tìm theo họ tên hoặc mã số, đánh dấu từng người rồi bấm xác nhận."),
    )
    organisations = OrganisationsFullNameField(
        label=_("Tập thể được khen thưởng"), queryset=Organisation.objects.none(), required=False
    )

    # Wagtail's Meta keeps its formfield_callback: signed_on becomes core.forms.VNDateField.
    class Meta(WagtailAdminModelForm.Meta):  # type: ignore[misc]
        model = AwardDecision
        fields = DECISION_FIELDS
        field_classes = {"issuer": OrganisationFullNameField}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Only the province office records decisions; it may name anyone in the register.
        user = self.for_user
        pick(self.fields["people"], people_chooser(Purpose.DECISIONS), people_for_decisions(user=user))
        organisations = organisations_for_decisions(user=user)
        pick(self.fields["organisations"], organisations_chooser(Purpose.DECISIONS), organisations)
        pick(self.fields["issuer"], organisation_chooser(Purpose.DECISIONS), organisations)
        for name in ("period_from_year", "period_to_year"):
            self.fields[name].widget.attrs.update({"min": 1945, "max": 2100})
        # The model's blank choice says what leaving it does (the block guessed, as on older rows).
        self.fields["signing"].choices = [NOT_CHOSEN, *self.fields["signing"].choices[1:]]
        if self.instance.pk:
            recipients = self.instance.recipients.all()
            self.fields["people"].initial = [r.person_id for r in recipients if r.person_id]
            self.fields["organisations"].initial = [
                r.organisation_id for r in recipients if r.organisation_id
            ]

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean() or {}
        add_signing_errors(self, data)
        return data


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
            pick(self.fields["person"], person_chooser(Purpose.RECORDS), people)


class DisciplineForm(WagtailAdminModelForm):  # type: ignore[misc]
    class Meta(WagtailAdminModelForm.Meta):  # type: ignore[misc]
        model = Discipline
        fields = ["person", "level", "start", "end", "decision"]
        field_classes = {"person": PersonChoiceField}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        pick(self.fields["person"], person_chooser(Purpose.RECORDS), people_for_records(user=self.for_user))


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


class DeleteReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Lý do xoá"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Ví dụ: ghi nhầm người; nhầm năm. Lý do và các giá trị cũ được ghi vào nhật ký."),
    )


class TimelineSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Tìm cá nhân hoặc cơ quan, đơn vị theo tên"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"placeholder": _("Ví dụ: Nguyễn Thị Lan hoặc Long Hồ")}),
    )
