"""Forms of the pact, period, report and vote screens.

They only parse what an officer typed. The services validate (Vietnamese numbers, the criteria tree,
the workflow) and their ValidationError is shown back on the form: keys naming a field go to that
field, criterion codes go to the criterion's row, anything else to the top of the page.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from thidua.core.forms import VNDateField
from thidua.emulation.models import CriteriaTemplate, Evidence, Method, PactCriterion, Period
from thidua.emulation.models.pacts import AGGREGATE_KIND_LABELS
from thidua.emulation.presenters.scoring import definition_problem_text
from thidua.emulation.rules.pact_workflow import REASON_MESSAGES, Action
from thidua.emulation.rules.values import BOOLEAN_METHODS, number_problem
from thidua.emulation.rules.votes import seats_error
from thidua.emulation.scoring.check import AGGREGATE_METHOD, definition_problems
from thidua.emulation.scoring.engine import AggregateKind
from thidua.emulation.scoring.engine import Method as EngineMethod
from thidua.org.models import EmulationGroup

EVIDENCE_ACCEPT = ".pdf,.jpg,.jpeg,.png,.webp,.docx"
YES_NO = [("", "—"), ("true", _("Có")), ("false", _("Không"))]


def error_messages(error: ValidationError) -> list[tuple[str | None, str]]:
    """(key or None, message) for every message of a service's ValidationError, in order."""
    if hasattr(error, "error_dict"):
        return [
            (None if key == NON_FIELD_ERRORS else key, message)
            for key, messages in error.message_dict.items()
            for message in messages
        ]
    return [(None, message) for message in error.messages]


def add_service_error(form: forms.Form, error: ValidationError, fields: dict[str, str] | None = None) -> None:
    """Show a service's ValidationError on a form; `fields` maps the service's keys to field names."""
    fields = fields or {}
    for key, message in error_messages(error):
        name = fields.get(key or "", key)
        form.add_error(name if name in form.fields else None, message)


def _check_numbers(form: forms.Form, prefix: str) -> None:
    for leaf in form.leaves:  # type: ignore[attr-defined]
        name = f"{prefix}-{leaf.pk}"
        if leaf.method not in BOOLEAN_METHODS and name in form.cleaned_data:
            problem = number_problem(leaf.code, form.cleaned_data[name])
            if problem:
                form.add_error(name, problem)


def value_text(value: Any) -> str:
    """A stored value as the officer types it: "true"/"false" for Có/Không, numbers with a decimal
    comma and no thousands dots ("7845,12"), so that reading it back gives the same number."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value).replace(".", ",")


def _value_field(criterion: PactCriterion, *, label: str) -> forms.Field:
    attrs = {"data-value-input": "", "data-code": criterion.code, "aria-label": label}
    if criterion.method in BOOLEAN_METHODS:
        return forms.ChoiceField(
            label=label,
            required=False,
            choices=YES_NO,
            widget=forms.Select(attrs={**attrs, "class": "em-yesno"}),
        )
    return forms.CharField(
        label=label,
        required=False,
        max_length=50,
        widget=forms.TextInput(
            attrs={**attrs, "inputmode": "decimal", "autocomplete": "off", "class": "em-number", "size": 10}
        ),
    )


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input (the pattern of Django's documentation)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": EVIDENCE_ACCEPT}))
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


# --- Pacts ---------------------------------------------------------------------------------------
class PactCreateForm(forms.Form):
    SOURCES = [
        ("template", _("Từ bộ tiêu chí mẫu")),
        ("previous", _("Sao chép giao ước năm trước của cụm, khối")),
    ]
    group = forms.ModelChoiceField(
        label=_("Cụm, khối thi đua"),
        queryset=EmulationGroup.objects.none(),
        help_text=_("Chỉ hiện các cụm, khối bạn được thiết lập và chưa có giao ước."),
    )
    source = forms.ChoiceField(
        label=_("Tạo từ"), choices=SOURCES, widget=forms.RadioSelect, initial="template"
    )
    template = forms.ModelChoiceField(
        label=_("Bộ tiêu chí mẫu"),
        queryset=CriteriaTemplate.objects.filter(is_active=True),
        required=False,
        help_text=_("Bắt buộc khi tạo từ bộ tiêu chí mẫu."),
    )

    def __init__(self, *args: Any, groups: list[EmulationGroup], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = EmulationGroup.objects.filter(pk__in=[g.pk for g in groups])

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("source") == "template" and not data.get("template"):
            self.add_error("template", gettext("Hãy chọn bộ tiêu chí mẫu."))
        return data


class CriteriaForm(forms.Form):
    criteria = forms.CharField(
        label=_("Bộ tiêu chí (JSON)"),
        widget=forms.Textarea(attrs={"rows": 24, "class": "em-json", "spellcheck": "false"}),
        help_text=_(
            "Tạm thời bộ tiêu chí được sửa dưới dạng JSON: danh sách các tiêu chí, mỗi tiêu chí có "
            "«code», «name» và hoặc «children» (nhóm tiêu chí), hoặc «method», «max_points», «unit», "
            "«params», «evidence_required». Trước khi lưu, phần mềm kiểm tra toàn bộ bằng chính bộ máy "
            "chấm điểm; nếu có lỗi, không có gì thay đổi. Chỉ tiêu đã đăng ký của các tiêu chí còn giữ "
            "mã được giữ lại."
        ),
    )

    def clean_criteria(self) -> list[dict[str, Any]]:
        text = self.cleaned_data["criteria"]
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            raise ValidationError(
                gettext("Không đọc được JSON: dòng %(line)s, cột %(column)s (%(problem)s).")
                % {"line": error.lineno, "column": error.colno, "problem": error.msg}
            ) from None
        if not isinstance(data, list) or not all(isinstance(node, dict) for node in data):
            raise ValidationError(gettext("Bộ tiêu chí phải là một danh sách ([...]) các tiêu chí ({...})."))
        return data


class TargetsForm(forms.Form):
    """One field per target criterion (tỷ lệ so chỉ tiêu); numbers as officers write them."""

    def __init__(self, *args: Any, criteria: list[PactCriterion], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.codes: dict[str, str] = {}
        for criterion in criteria:
            name = f"target-{criterion.pk}"
            self.codes[criterion.code] = name
            self.fields[name] = forms.CharField(
                label=f"{criterion.code}. {criterion.name}",
                required=False,
                max_length=50,
                help_text=gettext("Đơn vị tính: %(unit)s.") % {"unit": criterion.unit} + " "
                if criterion.unit
                else "",
                widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
            )
            self.fields[name].help_text += gettext("Viết số kiểu Việt Nam, ví dụ 7.845,12.")

    def targets(self) -> dict[str, str]:
        """{criterion code: typed text} for the fields filled in."""
        return {
            code: self.cleaned_data[name].strip()
            for code, name in self.codes.items()
            if self.cleaned_data.get(name, "").strip()
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if self.codes and not any(data.get(name, "").strip() for name in self.codes.values()):
            raise ValidationError(gettext("Chưa nhập chỉ tiêu nào."))
        return data


class PactSignForm(forms.Form):
    signed_on = VNDateField(label=_("Ngày ký kết"), initial=dt.date.today)
    note = forms.CharField(
        label=_("Ghi chú"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Ví dụ: ký kết tại hội nghị triển khai phong trào thi đua của cụm."),
    )


class PeriodOpenForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kỳ đánh giá"), choices=Period.Kind.choices)
    opens_on = VNDateField(label=_("Mở từ ngày"))
    closes_on = VNDateField(label=_("Hạn nộp báo cáo"))
    remind_days_before = forms.IntegerField(
        label=_("Nhắc trước hạn (ngày)"), min_value=0, max_value=60, initial=3
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Lý do"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, label: str | None = None, required: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if label is not None:
            self.fields["reason"].label = label
        self.fields["reason"].required = required


# --- Reports -------------------------------------------------------------------------------------
class ReportGridForm(forms.Form):
    """The member's grid: per leaf criterion a value, an explanation and evidence files.

    `orig-…` hidden fields carry what the page showed when it was loaded, so that after a concurrent
    save the screen can tell what this officer changed from what someone else changed.
    """

    version = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(
        label=_("Lý do điều chỉnh"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Báo cáo đã gửi một lần: mỗi thay đổi được lưu kèm giá trị cũ, người sửa, thời điểm và lý do này."
        ),
    )
    remove_evidence = forms.TypedMultipleChoiceField(coerce=int, required=False)

    def __init__(
        self, *args: Any, leaves: list[PactCriterion], evidence: list[Evidence], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.leaves = leaves
        self.fields["remove_evidence"].choices = [(e.pk, e.original_name) for e in evidence]
        for leaf in leaves:
            code = {"code": leaf.code}
            self.fields[f"value-{leaf.pk}"] = _value_field(
                leaf, label=gettext("Giá trị tiêu chí %(code)s") % code
            )
            explanation = gettext("Giải trình tiêu chí %(code)s") % code
            self.fields[f"explanation-{leaf.pk}"] = forms.CharField(
                label=explanation,
                required=False,
                max_length=5000,
                widget=forms.Textarea(attrs={"rows": 2, "aria-label": explanation, "class": "em-explain"}),
            )
            label = gettext("Tệp minh chứng tiêu chí %(code)s") % code
            self.fields[f"evidence-{leaf.pk}"] = MultipleFileField(
                label=label,
                required=False,
                widget=MultipleFileInput(
                    attrs={"accept": EVIDENCE_ACCEPT, "aria-label": label, "data-code": leaf.code}
                ),
            )
            for kind in ("value", "explanation"):
                self.fields[f"orig-{kind}-{leaf.pk}"] = forms.CharField(
                    required=False, strip=False, widget=forms.HiddenInput
                )

    @staticmethod
    def initial_for(*, version: int, leaves: list[PactCriterion], stored: dict[int, Any]) -> dict[str, Any]:
        """The form's initial data from the stored rows (criterion id -> ReportValue)."""
        initial: dict[str, Any] = {"version": version}
        for leaf in leaves:
            row = stored.get(leaf.pk)
            value = value_text(row.value if row else None)
            explanation = row.explanation if row else ""
            initial.update(
                {
                    f"value-{leaf.pk}": value,
                    f"orig-value-{leaf.pk}": value,
                    f"explanation-{leaf.pk}": explanation,
                    f"orig-explanation-{leaf.pk}": explanation,
                }
            )
        return initial

    def service_values(self) -> dict[str, dict[str, Any]]:
        """{code: {"value": text, "explanation": text}} for report_save (which reads the numbers)."""
        return {
            leaf.code: {
                "value": self.cleaned_data.get(f"value-{leaf.pk}", ""),
                "explanation": self.cleaned_data.get(f"explanation-{leaf.pk}", ""),
            }
            for leaf in self.leaves
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        _check_numbers(self, "value")
        return data

    def uploads(self) -> list[tuple[str, Any]]:
        return [
            (leaf.code, f) for leaf in self.leaves for f in self.cleaned_data.get(f"evidence-{leaf.pk}", [])
        ]

    def merged_after_conflict(self, *, latest: dict[str, Any]) -> tuple[dict[str, Any], set[str]]:
        """The form data to show after another officer's save won (`latest`: initial_for the stored
        report). What this officer changed stays as typed; what only the other officer changed is
        taken over; the codes both changed differently are returned to be marked."""
        data = {key: self.data.get(key, "") for key in latest}
        data.update({"reason": self.data.get("reason", ""), "version": latest["version"]})
        data["remove_evidence"] = (
            self.data.getlist("remove_evidence") if hasattr(self.data, "getlist") else []
        )
        conflicts: set[str] = set()
        for leaf in self.leaves:
            for kind in ("value", "explanation"):
                name = f"{kind}-{leaf.pk}"
                typed, loaded, newest = (
                    self.data.get(name, ""),
                    self.data.get(f"orig-{name}", ""),
                    latest[name],
                )
                if typed == loaded:
                    data[name] = newest
                elif newest not in (loaded, typed):
                    conflicts.add(leaf.code)
                data[f"orig-{name}"] = newest
        return data, conflicts


class AppraiseForm(forms.Form):
    """The head's review: per leaf criterion an appraised value (prefilled with the member's) and a note."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(
        label=_("Ý kiến chung"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Ghi vào lịch sử thay đổi cùng kết quả thẩm định."),
    )

    def __init__(self, *args: Any, leaves: list[PactCriterion], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.leaves = leaves
        for leaf in leaves:
            code = {"code": leaf.code}
            self.fields[f"appraised-{leaf.pk}"] = _value_field(
                leaf, label=gettext("Giá trị thẩm định tiêu chí %(code)s") % code
            )
            note = gettext("Ý kiến thẩm định tiêu chí %(code)s") % code
            self.fields[f"note-{leaf.pk}"] = forms.CharField(
                label=note,
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2, "aria-label": note, "class": "em-explain"}),
            )

    @staticmethod
    def initial_for(*, version: int, leaves: list[PactCriterion], stored: dict[int, Any]) -> dict[str, Any]:
        initial: dict[str, Any] = {"version": version}
        for leaf in leaves:
            row = stored.get(leaf.pk)
            if row is None:
                continue
            value = row.appraised_value if row.appraised_value is not None else row.value
            initial[f"appraised-{leaf.pk}"] = value_text(value)
            initial[f"note-{leaf.pk}"] = row.appraisal_note
        return initial

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        _check_numbers(self, "appraised")
        return data

    def service_values(self) -> dict[str, dict[str, Any]]:
        """{code: {"value": text, "note": text}}; an empty value keeps the member's own."""
        out: dict[str, dict[str, Any]] = {}
        for leaf in self.leaves:
            entry: dict[str, Any] = {"note": self.cleaned_data.get(f"note-{leaf.pk}", "")}
            value = self.cleaned_data.get(f"appraised-{leaf.pk}", "")
            if value not in ("", None):
                entry["value"] = value
            out[leaf.code] = entry
        return out


def decimal_text(value: Decimal | None) -> str:
    """A target as the officer types it (decimal comma, no thousands dots)."""
    if value is None:
        return ""
    return format(value.normalize(), "f").replace(".", ",")


# --- Votes ---------------------------------------------------------------------------------------
class BallotForm(forms.Form):
    """A member unit's secret ballot: the units it chooses (none is a blank ballot) and a confirmation.

    The seat count is checked here with the vote service's own rule (rules.votes.seats_error), so the
    form refuses what the service would, in the same words; the service checks again."""

    choices = forms.TypedMultipleChoiceField(
        label=_("Đơn vị được suy tôn"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    confirm = forms.BooleanField(
        label=_("Tôi xác nhận đây là phiếu bầu của đơn vị; phiếu đã bỏ không thể sửa hay bỏ lại."),
        required=True,
        error_messages={"required": _("Hãy đánh dấu xác nhận trước khi bỏ phiếu.")},
    )

    def __init__(self, *args: Any, candidates: list[tuple[int, str]], seats: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.seats = seats
        self.fields["choices"].choices = candidates
        self.fields["choices"].help_text = ngettext(
            "Chọn tối đa %(seats)s đơn vị. Không chọn đơn vị nào là phiếu trắng (vẫn được tính là đã bỏ phiếu).",
            "Chọn tối đa %(seats)s đơn vị. Không chọn đơn vị nào là phiếu trắng (vẫn được tính là đã bỏ phiếu).",
            seats,
        ) % {"seats": seats}

    def clean_choices(self) -> list[int]:
        chosen: list[int] = self.cleaned_data["choices"]
        problem = seats_error(chosen=len(chosen), seats=self.seats)
        if problem:
            raise ValidationError(problem)
        return chosen


# --- Pacts: reopening, aggregates and tie-break --------------------------------------------------
class PactReopenForm(forms.Form):
    """The confirmation of a reopening: the reason is required, in the workflow's own words."""

    reason = forms.CharField(
        label=_("Lý do mở lại"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": REASON_MESSAGES[Action.REOPEN]},
        help_text=_("Ghi vào nhật ký của giao ước; người xem giao ước đều thấy lý do này."),
    )


def criterion_text(criterion: PactCriterion) -> str:
    """ "1.1. Tổng giá trị sản xuất (tỷ đồng)": the code, the name and the unit the sentence uses."""
    unit = f" ({criterion.unit})" if criterion.unit else ""
    return f"{criterion.code}. {criterion.name}{unit}"


class CriterionSelect(forms.Select):
    """A select of criteria whose options say which aggregate each fits (data-kind), so that the
    page's script can offer only the criteria of the kind chosen; without it, every fitting
    criterion is listed, grouped by kind, and the server checks the pair."""

    def __init__(self, *args: Any, kinds: dict[str, str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kinds = kinds

    def create_option(self, name: str, value: Any, *args: Any, **kwargs: Any) -> dict[str, Any]:
        option = super().create_option(name, value, *args, **kwargs)
        if str(value) in self.kinds:
            option["attrs"]["data-kind"] = self.kinds[str(value)]
        return option


AGGREGATE_LABEL_HELP = _(
    "Câu hiện trên trang kết quả; có thể để trống. Các chỗ điền: {display} (tổng thực hiện và tỷ lệ so "
    "kế hoạch), {percent} (tỷ lệ), {count} (số đơn vị đạt), {members} (tên các đơn vị đạt), "
    "{criterion} (tên tiêu chí), {code} (mã tiêu chí). Ví dụ: «Tổng giá trị sản xuất toàn Cụm là {display}»."
)


class AggregateRowForm(forms.Form):
    """One aggregate of the pact. Kind and criterion are checked together with the other rows by
    the engine's rules (check_definition), so that a wrong pair is named by row and field."""

    kind = forms.CharField(label=_("Loại số liệu"), required=False, widget=forms.Select)
    criterion = forms.CharField(label=_("Tiêu chí"), required=False)
    label = forms.CharField(
        label=_("Câu hiển thị"), required=False, max_length=300, help_text=AGGREGATE_LABEL_HELP
    )

    def __init__(self, *args: Any, criteria: list[PactCriterion], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].widget.choices = [("", "—")] + [
            (kind.value, AGGREGATE_KIND_LABELS[kind]) for kind in AggregateKind
        ]
        groups: list[tuple[str, list[tuple[str, str]]]] = []
        kinds: dict[str, str] = {}
        for kind in AggregateKind:
            fitting = [c for c in criteria if c.method == AGGREGATE_METHOD[kind]]
            kinds.update((c.code, kind.value) for c in fitting)
            if fitting:
                # Translators: a group of criteria in the select of an aggregate's criterion.
                title = gettext("Cho «%(kind)s»") % {"kind": AGGREGATE_KIND_LABELS[kind]}
                groups.append((title, [(c.code, criterion_text(c)) for c in fitting]))
        self.fields["criterion"].widget = CriterionSelect(
            choices=[("", "—"), *groups], kinds=kinds, attrs={"data-aggregate-criterion": ""}
        )
        self.fields["kind"].widget.attrs["data-aggregate-kind"] = ""


class BaseAggregateFormSet(forms.BaseFormSet):
    def __init__(self, *args: Any, criteria: list[PactCriterion], **kwargs: Any) -> None:
        self.criteria = criteria
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index: int | None) -> dict[str, Any]:
        return {"criteria": self.criteria}

    def kept(self) -> list[tuple[int, AggregateRowForm]]:
        """(row number from 1, form) of the rows to save: filled in and not marked for removal."""
        return [
            (number, form)
            for number, form in enumerate(self.forms, 1)
            if form.has_changed() and not self._should_delete_form(form)
        ]

    def entries(self) -> list[dict[str, str]]:
        """The aggregates for pact_aggregates_set, in row order (the dashboard's order)."""
        return [
            {
                "criterion": form.cleaned_data.get("criterion", ""),
                "kind": form.cleaned_data.get("kind", ""),
                "label": form.cleaned_data.get("label", ""),
            }
            for _number, form in self.kept()
        ]

    @staticmethod
    def initial_for(aggregates: list[dict[str, Any]]) -> list[dict[str, str]]:
        return [
            {"kind": a.get("kind", ""), "criterion": a.get("criterion", ""), "label": a.get("label", "")}
            for a in aggregates
        ]


AggregateFormSet = forms.formset_factory(
    AggregateRowForm, formset=BaseAggregateFormSet, extra=1, can_delete=True
)


class OrderedCodesField(forms.Field):
    """Criterion codes in the order posted (one hidden input per listed criterion)."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value: Any) -> list[str]:
        return [str(code).strip() for code in value or [] if str(code).strip()]


class TieBreakForm(forms.Form):
    """The ordered tie-break criteria. Without JavaScript each move is a submit of its own (the
    `action` button: add, up-N, down-N, remove-N, N from 1); `after()` applies it to the list."""

    tie_break = OrderedCodesField(required=False)
    add = forms.CharField(label=_("Thêm tiêu chí"), required=False, widget=forms.Select)

    def __init__(
        self, *args: Any, criteria: list[PactCriterion], codes: list[str] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.names = {c.code: criterion_text(c) for c in criteria}
        if codes is None:
            raw = self.data.getlist("tie_break") if hasattr(self.data, "getlist") else []
            codes = [str(code).strip() for code in raw if str(code).strip()]
        self.codes = codes
        # A veto criterion scores no points, so it is never offered (the engine refuses it).
        self.fields["add"].widget.choices = [("", "—")] + [
            (c.code, criterion_text(c)) for c in criteria if c.method != Method.VETO and c.code not in codes
        ]

    def rows(self) -> list[tuple[int, str, str]]:
        """(position from 1, code, words) of the listed criteria."""
        return [(number, code, self.names.get(code, code)) for number, code in enumerate(self.codes, 1)]

    @staticmethod
    def after(codes: list[str], action: str, added: str) -> list[str]:
        """The list after one move; an unknown action or position leaves it as it was."""
        codes = list(codes)
        if action == "add":
            return [*codes, added] if added and added not in codes else codes
        verb, _dash, number = action.partition("-")
        if not number.isdigit() or not 1 <= int(number) <= len(codes):
            return codes
        index = int(number) - 1
        if verb == "remove":
            del codes[index]
        elif verb == "up" and index > 0:
            codes[index - 1], codes[index] = codes[index], codes[index - 1]
        elif verb == "down" and index < len(codes) - 1:
            codes[index + 1], codes[index] = codes[index], codes[index + 1]
        return codes


def check_definition(
    aggregates: BaseAggregateFormSet, tie_break: TieBreakForm, criteria: list[PactCriterion]
) -> bool:
    """Run the engine's rules for aggregates and tie-break (scoring.check.definition_problems, the
    parser's own) on what the officer chose, and put each problem on its row's field, worded as the
    service words it. True when nothing is wrong."""
    kept = aggregates.kept()
    entries = aggregates.entries()
    methods = {c.code: EngineMethod(c.method) if c.method else None for c in criteria}
    names = {c.code: c.name for c in criteria}
    problems = definition_problems(
        methods, [(e["criterion"], e["kind"]) for e in entries], tie_break.cleaned_data["tie_break"]
    )
    for problem in problems:
        if problem.part == "aggregates":
            number, form = kept[problem.index]
            text = definition_problem_text(problem, names, methods, number)
            form.add_error(problem.field or None, text)
        else:
            text = definition_problem_text(problem, names, methods, problem.index + 1)
            tie_break.add_error("tie_break", text)
    return not problems
