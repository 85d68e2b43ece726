"""Checking the values an officer types into a report (pure; no ORM).

The engine (thidua.emulation.scoring) validates its JSON input with English messages for machines;
officers need Vietnamese messages naming the criterion, and rules the engine does not know (an
explanation is required below target or without evidence). Both share the methods' definitions in
docs/contracts/scoring.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _

BOOLEAN_METHODS = {"boolean", "veto"}
OPTIONAL_METHODS = {"bonus", "penalty", "veto"}


@dataclass(frozen=True)
class LeafSpec:
    """What the checks need to know of a leaf criterion."""

    code: str
    name: str
    method: str
    max_points: Decimal | None
    params: dict[str, Any]
    evidence_required: bool
    target: Decimal | None = None  # the member's registered target, for ratio_to_target


@dataclass(frozen=True)
class Entry:
    value: Any  # None when the officer left it empty
    explanation: str = ""
    evidence_count: int = 0


def criterion_label(code: str, name: str) -> str:
    """How messages name a criterion: "Tiêu chí 1.1 (Tổng giá trị sản xuất)"."""
    return _("Tiêu chí %(code)s (%(name)s)") % {"code": code, "name": name}


def _label(spec: LeafSpec) -> str:
    return criterion_label(spec.code, spec.name)


def parse_number(raw: Any) -> Decimal | None:
    """A number typed the Vietnamese way ("31.434,47", "98,6") or the machine way ("98.6")."""
    if raw is None or isinstance(raw, bool):
        return None
    if isinstance(raw, int | Decimal):
        return _bounded(Decimal(raw))
    text = str(raw).strip().replace(" ", "").replace("\u00a0", "")
    if not text:
        return None
    if "," in text:
        # Vietnamese: "." groups thousands, "," is the decimal mark.
        text = text.replace(".", "").replace(",", ".")
    elif text.count(".") > 1:
        text = text.replace(".", "")
    try:
        number = Decimal(text)
    except InvalidOperation:
        return None
    return _bounded(number)


# Report values are counts, money and percentages: 15 integer digits and 6 decimals are plenty, and the
# bound keeps "1e9999999" from reaching decimal arithmetic (which overflows) or the database. The
# scoring engine has its own, wider limits for its JSON input.
MAX_INTEGER_DIGITS = 15
MAX_DECIMALS = 6


def _bounded(number: Decimal) -> Decimal | None:
    if not number.is_finite():
        return None
    # adjusted() and as_tuple() read the digits without arithmetic, so they cannot overflow.
    if number.adjusted() >= MAX_INTEGER_DIGITS or -number.as_tuple().exponent > MAX_DECIMALS:
        return None
    return number


def normalise(spec: LeafSpec, raw: Any) -> tuple[Any, str | None]:
    """(value in the engine's shape, error message or None). Empty input gives (None, None)."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None, None
    if spec.method in BOOLEAN_METHODS:
        if isinstance(raw, bool):
            return raw, None
        text = str(raw).strip().lower()
        if text in {"true", "1", "có", "co", "đạt", "yes", "on"}:
            return True, None
        if text in {"false", "0", "không", "khong", "không đạt", "no", "off"}:
            return False, None
        return None, _("%(criterion)s: chọn «Có» hoặc «Không».") % {"criterion": _label(spec)}
    number = parse_number(raw)
    if number is None:
        return None, _("%(criterion)s: «%(value)s» không phải là số.") % {
            "criterion": _label(spec),
            "value": raw,
        }
    if number < 0:
        return None, _("%(criterion)s: giá trị không được âm.") % {"criterion": _label(spec)}
    if (
        spec.method in {"manual", "bonus", "penalty"}
        and spec.max_points is not None
        and number > spec.max_points
    ):
        return None, _("%(criterion)s: điểm phải từ 0 đến %(max)s.") % {
            "criterion": _label(spec),
            "max": format(spec.max_points.normalize(), "f"),
        }
    return format(number.normalize(), "f") if number == number.to_integral() else format(number, "f"), None


def below_target(spec: LeafSpec, value: Any) -> bool:
    """Whether a value falls short of what the criterion asks, so an explanation is due."""
    if value is None:
        return False
    if spec.method == "boolean":
        return value is False
    if spec.method == "veto":
        return value is True  # the unit failed the veto criterion
    number = Decimal(str(value))
    if spec.method == "ratio_to_target" and spec.target:
        if spec.params.get("lower_is_better"):
            return number > spec.target
        return number < spec.target
    if spec.method == "threshold" and "threshold" in spec.params:
        return number < Decimal(str(spec.params["threshold"]))
    return False


def check_entries(
    specs: list[LeafSpec], entries: dict[str, Entry], *, for_submit: bool
) -> tuple[dict[str, Any], dict[str, list[str]]]:
    """Normalised values by code, and every problem by code. Saving a draft checks what is typed;
    submitting also requires every value, a registered target, and the explanations that are due."""
    values: dict[str, Any] = {}
    errors: dict[str, list[str]] = {}
    known = {spec.code for spec in specs}
    for code in entries:
        if code not in known:
            errors.setdefault(code, []).append(
                _("Không có tiêu chí mã «%(code)s» trong giao ước.") % {"code": code}
            )
    for spec in specs:
        entry = entries.get(spec.code, Entry(None))
        value, error = normalise(spec, entry.value)
        if error:
            errors.setdefault(spec.code, []).append(error)
            continue
        values[spec.code] = value
        if not for_submit:
            continue
        if value is None and spec.method not in OPTIONAL_METHODS:
            errors.setdefault(spec.code, []).append(
                _("%(criterion)s: chưa nhập giá trị.") % {"criterion": _label(spec)}
            )
            continue
        if spec.method == "ratio_to_target" and not spec.target:
            errors.setdefault(spec.code, []).append(
                _("%(criterion)s: đơn vị chưa đăng ký chỉ tiêu (chỉ tiêu phải lớn hơn 0).")
                % {"criterion": _label(spec)}
            )
        needs_explanation = below_target(spec, value) or (
            spec.evidence_required and entry.evidence_count == 0 and value is not None
        )
        if needs_explanation and not entry.explanation.strip():
            if below_target(spec, value):
                message = _("%(criterion)s: chưa đạt chỉ tiêu, cần giải trình.")
            else:
                message = _("%(criterion)s: chưa có minh chứng, cần giải trình.")
            errors.setdefault(spec.code, []).append(message % {"criterion": _label(spec)})
    return values, errors
