"""The engine's criteria in the words of the criteria screen: parameter names, their values, and the
engine's problems with a criterion typed by an officer (the engine words them in English for the CLI;
the screen needs Vietnamese, naming the field)."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.awards.eligibility import OUTCOME_NAMES, CriterionInfo, Problem
from thidua.awards.eligibility.rulesets import CstdcsRoute
from thidua.awards.eligibility.types import Outcome
from thidua.awards.models.choices import AWARD_LABELS, RATING_LABELS, SCOPE_LABELS
from thidua.core.formatting import vn_number

__all__ = [
    "PARAM_LABELS",
    "ROUTE_NAMES",
    "choice_options",
    "criterion_params_text",
    "param_value_text",
    "problem_field_text",
]

PARAM_LABELS = {
    "min_rating": gettext_lazy("Xếp loại tối thiểu"),
    "min_months_since_recruitment": gettext_lazy("Số tháng công tác tối thiểu của người mới tuyển dụng"),
    "recent_recruit_outcome": gettext_lazy("Kết luận với người mới tuyển dụng chưa đủ thời gian"),
    "requires_ldtt": gettext_lazy("Phải đạt danh hiệu Lao động tiên tiến"),
    "route": gettext_lazy("Điều kiện về xếp loại và sáng kiến"),
    "initiative_min_scope": gettext_lazy("Phạm vi ảnh hưởng tối thiểu của sáng kiến"),
    "chain_years": gettext_lazy("Số năm liên tục đạt danh hiệu cấp dưới"),
    "min_ldtt_ratio": gettext_lazy("Tỷ lệ tối thiểu cá nhân đạt Lao động tiên tiến"),
    "forbid_discipline_canh_cao_or_above": gettext_lazy("Không có cá nhân bị kỷ luật từ cảnh cáo trở lên"),
    # xgettext:no-python-format
    "all_complete": gettext_lazy("100% cá nhân hoàn thành nhiệm vụ"),
    "min_cstdcs": gettext_lazy("Số Chiến sĩ thi đua cơ sở tối thiểu"),
    "requires_leads_group": gettext_lazy("Phải dẫn đầu cụm, khối thi đua"),
    "requires_exceeded_targets": gettext_lazy("Phải vượt chỉ tiêu thi đua"),
    "council_selection": gettext_lazy("Do Hội đồng Thi đua – Khen thưởng lựa chọn"),
    "chain_cstdcs": gettext_lazy("Số năm liên tục đạt Chiến sĩ thi đua cơ sở"),
    "alt_htxs_years": gettext_lazy("Hoặc: số năm liên tục hoàn thành xuất sắc nhiệm vụ"),
    "alt_initiatives": gettext_lazy("… kèm số sáng kiến"),
    "collective_chain_years": gettext_lazy("Tập thể: số năm liên tục hoàn thành xuất sắc nhiệm vụ"),
    "prior": gettext_lazy("Hình thức khen thưởng đã có trước"),
    "years": gettext_lazy("Số năm liên tục"),
    "min_htxs": gettext_lazy("Số năm hoàn thành xuất sắc nhiệm vụ tối thiểu"),
    "collective_years": gettext_lazy("Tập thể: số năm liên tục"),
}
ROUTE_NAMES = {
    CstdcsRoute.HTXS_OR_INITIATIVE: gettext_lazy("Hoàn thành xuất sắc nhiệm vụ hoặc có sáng kiến"),
    CstdcsRoute.HTXS_AND_INITIATIVE: gettext_lazy("Hoàn thành xuất sắc nhiệm vụ và có sáng kiến"),
}
_SOURCE_FIELDS = {
    "number": "source_number",
    "date": "source_date",
    "article": "source_article",
    "type": "source_type",
}


def param_value_text(name: str, value: object) -> str:
    """A parameter's value as the officer reads it: names for codes, Có/Không, ratios in percent."""
    if value is None:
        return _("không áp dụng")
    if isinstance(value, bool):
        return _("Có") if value else _("Không")
    text = str(value)
    for labels in (RATING_LABELS, SCOPE_LABELS, AWARD_LABELS):
        for code, label in labels.items():
            if code.value == text:
                return str(label)
    if text in CstdcsRoute._value2member_map_:
        return str(ROUTE_NAMES[CstdcsRoute(text)])
    if text in (Outcome.NOT_ELIGIBLE.value, Outcome.NEEDS_REVIEW.value):
        return OUTCOME_NAMES[Outcome(text)]
    if name.endswith("_ratio"):
        try:
            return f"{vn_number(Decimal(text) * 100)}%"
        except InvalidOperation:
            return text
    return text


def criterion_params_text(info: CriterionInfo) -> list[tuple[str, str]]:
    """(label, value) for each parameter of a criterion, in the engine's order."""
    return [
        (str(PARAM_LABELS.get(name, name)), param_value_text(name, value))
        for name, value in info.params.items()
    ]


def problem_field_text(problem: Problem) -> tuple[str, str]:
    """(form field, Vietnamese message) for one of the engine's problems with a provincial criterion.

    The form types every value, so what reaches here is about ranges and dates: a window outside the
    rule set's dates, an end before the start, a number out of its range.
    """
    parts = [part for part in problem.path.replace("[", ".").split(".") if part and part != "$"]
    field = "__all__"
    if len(parts) >= 2 and parts[0] == "params":
        field = f"param_{parts[1]}"
    elif len(parts) >= 2 and parts[0] == "source":
        field = _SOURCE_FIELDS.get(parts[1], "__all__")
    elif parts and parts[0] in ("valid_from", "valid_to"):
        field = parts[0]
    if "within the rule set" in problem.message:
        return field, _("Ngày phải nằm trong thời gian áp dụng của bộ quy tắc.")
    if "before valid_from" in problem.message:
        return field, _("Ngày kết thúc áp dụng không thể trước ngày bắt đầu.")
    return field, _("Giá trị không hợp lệ (%(detail)s).") % {"detail": problem.message}


def choice_options(kind: str) -> list[tuple[str, str]]:
    """The choices a criterion form offers for a kind of parameter (eligibility/overrides.FieldSpec.kind)."""
    labels: dict[str, Mapping[Any, object]] = {
        "rating": RATING_LABELS,
        "scope": SCOPE_LABELS,
        "award": AWARD_LABELS,
        "route": ROUTE_NAMES,
    }
    if kind in labels:
        return [(code.value, str(label)) for code, label in labels[kind].items()]
    if kind == "outcome":
        return [(code.value, OUTCOME_NAMES[code]) for code in (Outcome.NOT_ELIGIBLE, Outcome.NEEDS_REVIEW)]
    raise KeyError(kind)
