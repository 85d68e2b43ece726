"""The province's own criterion for one award under one rule set (the criteria screen)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.awards.eligibility import PARAM_FIELDS
from thidua.awards.eligibility.codes import AwardCode
from thidua.awards.presenters.criteria import PARAM_LABELS, choice_options
from thidua.core.forms import VNDateField


class ProvincialCriterionForm(forms.Form):
    """The province's criterion for one award under one rule set: the engine's parameters for that
    award (one field each, typed by eligibility.PARAM_FIELDS) and the document it comes from.

    Fields are named param_<name>; params() gives them back in the engine's JSON shape (a ratio
    typed as a percentage becomes "0.70").
    """

    source_type = forms.CharField(
        label=_("Loại văn bản"),
        required=False,
        max_length=60,
        help_text=_("Ví dụ: Quyết định. Để trống thì suy ra từ số, ký hiệu (QĐ là Quyết định)."),
    )
    source_number = forms.CharField(label=_("Số, ký hiệu văn bản"), max_length=60)
    source_date = VNDateField(label=_("Ngày ban hành"))
    source_article = forms.CharField(
        label=_("Điều, khoản"), max_length=120, help_text=_("Ví dụ: Điều 5 khoản 2.")
    )
    valid_from = VNDateField(label=_("Áp dụng từ ngày"), required=False)
    valid_to = VNDateField(label=_("Áp dụng đến ngày"), required=False)
    note = forms.CharField(label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, award: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.specs = PARAM_FIELDS[AwardCode(award)][1]
        params: dict[str, forms.Field] = {}
        for name, spec in self.specs.items():
            label = PARAM_LABELS.get(name, name)
            field: forms.Field
            if spec.kind == "bool":
                field = forms.BooleanField(label=label, required=False)
            elif spec.kind == "int":
                field = forms.IntegerField(
                    label=label,
                    required=not spec.nullable,
                    min_value=spec.low,
                    max_value=40 if spec.low else 1000,
                )
            elif spec.kind == "ratio":
                field = forms.IntegerField(label=f"{label} (%)", min_value=1, max_value=100)
            else:
                choices: list[tuple[str, Any]] = list(choice_options(spec.kind))
                if spec.nullable:
                    choices = [("", _("Không áp dụng")), *choices]
                field = forms.ChoiceField(label=label, choices=choices, required=not spec.nullable)
            params[f"param_{name}"] = field
        # The parameters first, then the document: what is decided, then on what authority.
        self.fields = {**params, **self.fields}

    def params(self) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for name, spec in self.specs.items():
            value = self.cleaned_data.get(f"param_{name}")
            if spec.kind == "ratio" and value is not None:
                value = f"{value / 100:.2f}"
            elif value == "":
                value = None
            values[name] = value
        return values

    @classmethod
    def initial_for(cls, *, award: str, existing: Any, current_params: dict[str, Any]) -> dict[str, Any]:
        """What the edit screen starts from: the province's criterion when it has one (its parameters
        and its document), else the criterion the software applies today, with no document."""
        specs = PARAM_FIELDS[AwardCode(award)][1]
        if existing is None:
            return cls.initial_from(current_params, specs)
        return {
            **cls.initial_from(existing.params, specs),
            "source_type": existing.source_type,
            "source_number": existing.source_number,
            "source_date": existing.source_date,
            "source_article": existing.source_article,
            "valid_from": existing.valid_from,
            "valid_to": existing.valid_to,
            "note": existing.note,
        }

    @staticmethod
    def initial_from(params: dict[str, Any], specs: dict[str, Any]) -> dict[str, Any]:
        """Form values for the engine's parameters (ratios back to percentages)."""
        initial: dict[str, Any] = {}
        for name, spec in specs.items():
            value = params.get(name)
            if spec.kind == "ratio" and value is not None:
                value = int((Decimal(str(value)) * 100).to_integral_value())
            initial[f"param_{name}"] = value
        return initial
