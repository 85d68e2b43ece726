"""Forms of the proposal screens. They parse input only; the services check, save and audit.

The people and units offered are those the officer may propose (selectors/proposals.py), picked in a
searchable modal that lists the same rows (pickers.py), so a forged id outside them is refused as an
invalid choice before any service runs. Kept apart from forms.py,
which the registry's screens share, since both grow at once.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thidua.awards.forms.pickers import organisation_chooser, person_chooser, pick
from thidua.awards.models import Award, Council, CouncilThreshold, Proposal
from thidua.awards.models.proposals import BallotChoice, CommendationKindChoice, DocumentKindChoice
from thidua.awards.selectors.access import organisations_for_decisions
from thidua.awards.selectors.pickers import Purpose
from thidua.awards.selectors.proposals import (
    collectives_for_proposal,
    councils_for_vote,
    organisations_for_proposals,
    people_for_proposal,
)
from thidua.core.formatting import nfc
from thidua.core.forms import VNDateField
from thidua.core.signing_rules import SIGNING_CHOICES, signing_errors
from thidua.org.models import Organisation


class PersonChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        # Two people may share a name: the unit and the birth date tell them apart.
        born = f", {obj.date_of_birth:%d/%m/%Y}" if obj.date_of_birth else ""
        return f"{obj.full_name}{born} – {obj.organisation}"


class ProposalForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("Đơn vị đề nghị"), queryset=Organisation.objects.none())
    title = forms.CharField(label=_("Trích yếu"), max_length=300)
    year = forms.IntegerField(label=_("Năm"), min_value=1945, max_value=2100)
    commendation_kind = forms.ChoiceField(
        label=_("Loại hình khen thưởng"), choices=CommendationKindChoice.choices, initial="cong_trang"
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        field.queryset = organisations_for_proposals(user=user)  # type: ignore[attr-defined]
        field.initial = getattr(user, "organisation_id", None)
        self.fields["year"].initial = timezone.localdate().year - 1


class ItemForm(forms.Form):
    person = PersonChoiceField(label=_("Cá nhân"), queryset=None, required=False)
    organisation = forms.ModelChoiceField(
        label=_("Tập thể"), queryset=Organisation.objects.none(), required=False
    )
    award = forms.ChoiceField(label=_("Hình thức, danh hiệu"), choices=Award.choices)
    year_from = forms.IntegerField(label=_("Thành tích từ năm"), min_value=1945, max_value=2100)
    year_to = forms.IntegerField(
        label=_("Đến năm"),
        min_value=1945,
        max_value=2100,
        required=False,
        help_text=_("Để trống khi thành tích một năm."),
    )
    note = forms.CharField(
        label=_("Tóm tắt thành tích"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, user: Any, proposal: Proposal, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        pick(
            self.fields["person"],
            person_chooser(Purpose.PROPOSAL, proposal_id=proposal.pk),
            people_for_proposal(user=user, proposal=proposal),
        )
        pick(
            self.fields["organisation"],
            organisation_chooser(Purpose.PROPOSAL, proposal_id=proposal.pk),
            collectives_for_proposal(user=user, proposal=proposal),
        )
        self.fields["year_from"].initial = proposal.year

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if bool(data.get("person")) == bool(data.get("organisation")):
            raise forms.ValidationError(_("Hãy chọn một cá nhân hoặc một tập thể."))
        return data


class DocumentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại tài liệu"), choices=DocumentKindChoice.choices)
    item: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Của người, tập thể"),
        queryset=None,
        required=False,
        empty_label=_("Cả hồ sơ"),
        help_text=_(
            "Báo cáo thành tích, xác nhận sáng kiến của riêng một người, tập thể: chọn người, tập thể đó."
        ),
    )
    file = forms.FileField(label=_("Tệp (PDF, ảnh, DOCX)"))

    def __init__(self, *args: Any, proposal: Proposal, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = proposal.items.select_related("person", "organisation")  # type: ignore[attr-defined]


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Lý do"), widget=forms.Textarea(attrs={"rows": 3}))


class AppraiseForm(forms.Form):
    received_on = VNDateField(
        label=_("Ngày tiếp nhận hồ sơ"),
        required=False,
        help_text=_(
            "Ngày cơ quan thẩm định nhận đủ hồ sơ; bộ quy tắc xét và quy định chuyển tiếp của Luật 06/2026/QH16 "
            "căn cứ ngày này."
        ),
    )


class OpenVoteForm(forms.Form):
    council = forms.ModelChoiceField(label=_("Hội đồng"), queryset=Council.objects.none())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["council"].queryset = councils_for_vote()  # type: ignore[attr-defined]


class BallotForm(forms.Form):
    """One choice per item of the proposal, named item-<id>."""

    def __init__(self, *args: Any, items: list[Any], current: dict[int, str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for item in items:
            self.fields[f"item-{item.pk}"] = forms.ChoiceField(
                label=str(item),
                choices=BallotChoice.choices,
                widget=forms.RadioSelect,
                required=False,
                initial=current.get(item.pk),
            )

    def choices(self) -> dict[int, str]:
        return {int(name.removeprefix("item-")): value for name, value in self.cleaned_data.items() if value}


class WrittenBallotForm(BallotForm):
    """The office records an absent member's paper ballot: the member, then one choice per item."""

    def __init__(self, *args: Any, members: Any, items: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, items=items, current={}, **kwargs)
        self.fields = {
            "member": forms.ModelChoiceField(label=_("Thành viên vắng mặt"), queryset=members),
            **{name: field for name, field in self.fields.items()},
            "note": forms.CharField(
                label=_("Ghi chú"),
                required=False,
                max_length=300,
                help_text=_("Ví dụ: phiếu gửi ngày 20/12/2026 do thành viên đi công tác."),
            ),
        }
        for name, field in self.fields.items():
            if name.startswith("item-"):
                field.required = True

    def choices(self) -> dict[int, str]:
        return {
            int(name.removeprefix("item-")): value
            for name, value in self.cleaned_data.items()
            if name.startswith("item-") and value
        }


class OrganisationFullNameField(forms.ModelChoiceField):  # type: ignore[type-arg]
    """Organisations by their full name: a short name ("Tỉnh Vĩnh Long") does not say which body of
    the province issues a decision (Ủy ban nhân dân tỉnh, Sở Nội vụ …)."""

    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name)


# The blank choice of a decision's signing authority: the rows recorded before it existed keep it.
NOT_CHOSEN = ("", _("Không chọn – đoán theo chức vụ người ký (KT. khi là cấp phó)"))


def signing_field() -> forms.ChoiceField:
    return forms.ChoiceField(
        label=_("Quyền hạn ký"),
        choices=[NOT_CHOSEN, *SIGNING_CHOICES],
        required=False,
        help_text=_("Theo Nghị định 30/2020/NĐ-CP, Điều 13: in ở ô chữ ký của quyết định và bằng khen."),
    )


def add_signing_errors(form: forms.BaseForm, data: dict[str, Any]) -> None:
    """The letter's rules on how a paper is signed (core.signing_rules), shown on the fields they name."""
    for name in ("head_title", "signer_title"):
        if name in data:
            data[name] = nfc(" ".join(str(data[name] or "").split()))
    problems = signing_errors(
        signing=str(data.get("signing") or ""),
        head_title=str(data.get("head_title") or ""),
        signer_title=str(data.get("signer_title") or ""),
    )
    for field, message in problems.items():
        form.add_error(field, message)


class DecideForm(forms.Form):
    """The decision's number per award passed by the council, its date, issuer and signer."""

    signed_on = VNDateField(label=_("Ngày ký"))
    issuer = OrganisationFullNameField(label=_("Cơ quan ban hành"), queryset=Organisation.objects.none())
    signing = signing_field()
    head_title = forms.CharField(
        label=_("Chức vụ người đứng đầu"),
        max_length=200,
        required=False,
        help_text=_("Ghi sau KT., TL., TUQ., Q. Ví dụ: Chủ tịch."),
    )
    signer_title = forms.CharField(label=_("Chức vụ người ký"), max_length=200, required=False)
    signer_name = forms.CharField(label=_("Người ký"), max_length=200, required=False)

    def __init__(self, *args: Any, awards: list[tuple[str, str]], user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        pick(
            self.fields["issuer"],
            organisation_chooser(Purpose.DECISIONS),
            organisations_for_decisions(user=user),
        )
        for code, label in awards:
            self.fields[f"number_{code}"] = forms.CharField(
                label=_("Số quyết định tặng «%(award)s»") % {"award": label}, max_length=60
            )
        self.award_codes = [code for code, _label in awards]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        add_signing_errors(self, data)
        return data

    def numbers(self) -> dict[str, str]:
        return {code: self.cleaned_data.get(f"number_{code}", "") for code in self.award_codes}


class CouncilForm(forms.Form):
    """The council of a year. Members are entered by civil-servant code (a province has too many
    people for a list), each with the account they vote with, their title, and the chair."""

    ROWS = 9

    year = forms.IntegerField(label=_("Năm"), min_value=1945, max_value=2100)
    name = forms.CharField(
        label=_("Tên hội đồng"), max_length=300, initial=_("Hội đồng Thi đua – Khen thưởng tỉnh")
    )
    established_by = forms.CharField(label=_("Quyết định thành lập"), max_length=300, required=False)

    def __init__(self, *args: Any, accounts: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].initial = timezone.localdate().year
        for n in range(self.ROWS):
            self.fields[f"code_{n}"] = forms.CharField(
                label=_("Mã số CB, CC, VC"), required=False, max_length=40
            )
            self.fields[f"account_{n}"] = forms.ModelChoiceField(
                label=_("Tài khoản bỏ phiếu"), queryset=accounts, required=False
            )
            self.fields[f"title_{n}"] = forms.CharField(label=_("Chức danh"), required=False, max_length=200)
        self.fields["chair"] = forms.ChoiceField(
            label=_("Chủ tịch hội đồng (dòng)"),
            choices=[("", "–")] + [(str(n), str(n + 1)) for n in range(self.ROWS)],
            required=False,
        )

    def rows(self) -> list[tuple[int, str, Any, str]]:
        """(row, code, account, title) of the rows with a code."""
        data = self.cleaned_data
        return [
            (n, data[f"code_{n}"].strip(), data[f"account_{n}"], data[f"title_{n}"])
            for n in range(self.ROWS)
            if data.get(f"code_{n}", "").strip()
        ]

    def member_rows(self) -> list[tuple[Any, ...]]:
        return [(self[f"code_{n}"], self[f"account_{n}"], self[f"title_{n}"]) for n in range(self.ROWS)]


class CouncilThresholdForm(forms.ModelForm):  # type: ignore[type-arg]
    valid_from = VNDateField(label=_("Áp dụng từ ngày"), required=False)
    valid_to = VNDateField(label=_("Áp dụng đến ngày"), required=False)

    class Meta:
        model = CouncilThreshold
        fields = ["award", "numerator", "denominator", "rule", "valid_from", "valid_to", "source"]
