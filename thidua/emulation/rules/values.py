"""Checking the values an officer types into a report (pure; no ORM).

The engine (thidua.emulation.scoring) validates its JSON input with English messages for machines;
officers need Vietnamese messages naming the criterion, and rules the engine does not know (an
explanation is required below target or without evidence). Both share the methods' definitions in
docs/contracts/scoring.md.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from babel.numbers import NumberFormatError, parse_decimal
from django.utils.translation import gettext as _

from thidua.emulation.scoring.check import Fault, bound_fault
from thidua.emulation.scoring.engine import Method

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


class NumberTextError(ValueError):
    """Typed text that is not a number written the Vietnamese way. str(error) is the officer's
    message, in Vietnamese, naming the text; `text` is what was typed."""

    def __init__(self, message: str, *, text: str) -> None:
        super().__init__(message)
        self.text = text


# Spaces an officer (or a copy from Word or Excel) may leave in a number: the plain space, the
# no-break space and the narrow no-break space. Around the number they are dropped; inside it they
# are read as the thousands separator and must group like one.
_SPACES = (" ", "\u00a0", "\u202f")
# What a mistyped number is made of; anything else in the text means it is not a number at all.
# Exponents are left out on purpose: nobody types one, and "1e999999" would expand to a million digits.
_NUMBER_CHARS = frozenset("0123456789.,+-")
_MINUS_SIGN = "\u2212"  # "−", which word processors put in place of "-"


def read_number(raw: Any) -> Decimal | None:
    """A number typed the Vietnamese way: "." groups thousands, "," is the decimal mark.

    Parsing is Babel's strict Vietnamese parser (locale "vi"), so a "." must be followed by groups of
    exactly three digits: "16.000" is sixteen thousand, "1.234" one thousand two hundred and
    thirty-four, "1.234.567" and "31.434,47" read as expected, "1,5" and "0,25" are decimals.

    A plain "1.5" (or "98.6", "12.34") is refused, not read as one and a half: in Vietnamese the dot
    only groups thousands, and a group of one or two digits cannot be a thousands group, so the text is
    ambiguous (the officer meant "1,5", or "15" with a slip). Guessing either way is how "16.000"
    came to be stored as 16; the refusal names the text and suggests both readings. Numbers from
    machines (the scoring contract's "7845.12", JSON numbers) are not typed text: pass them as
    Decimal, int or float, or read them with contract_number().

    Spaces and no-break spaces around the number are ignored; inside it they count as the thousands
    separator ("31 434,47"). "−" (the typographic minus) reads as "-". Empty text, None and booleans
    give None; anything else that is not a number raises NumberTextError. Numbers beyond
    MAX_INTEGER_DIGITS integer digits or MAX_DECIMALS decimals, NaN and infinities raise it too.
    """
    if raw is None or isinstance(raw, bool):
        return None
    if isinstance(raw, int | Decimal | float):
        number = Decimal(repr(raw)) if isinstance(raw, float) else Decimal(raw)
        return _bounded_or_raise(number, str(raw))
    text = str(raw)
    for space in _SPACES:
        text = text.strip(space)
    if not text:
        return None
    inner = text.replace(_MINUS_SIGN, "-")
    for space in _SPACES:
        inner = inner.replace(space, ".")
    if (
        not set(inner) <= _NUMBER_CHARS
        or not any(c.isdigit() for c in inner)
        or any(c in "+-" for c in inner[1:])
    ):
        # Letters, exponents ("1e5"), "NaN", a sign after the first character ("3-4"): not a number
        # as anyone types one.
        raise NumberTextError(_("«%(text)s» không phải là số.") % {"text": text}, text=text)
    try:
        number = parse_decimal(inner, locale="vi", strict=True)
    except NumberFormatError as error:
        raise NumberTextError(_number_message(text, error.suggestions or []), text=text) from None
    return _bounded_or_raise(number, text)


def parse_number(raw: Any) -> Decimal | None:
    """read_number(), with None instead of NumberTextError: for callers that only need to know
    whether a value is a number and word their own refusal."""
    try:
        return read_number(raw)
    except NumberTextError:
        return None


def contract_number(raw: Any) -> Decimal:
    """A number in the scoring contract's machine form (docs/contracts/scoring.md): a JSON number or a
    string with "." as the decimal mark and no grouping ("7845.12"). Raises ValueError otherwise.
    Never for what an officer typed: that is read_number()."""
    if isinstance(raw, bool) or not isinstance(raw, int | Decimal | float | str):
        raise ValueError(f"not a number: {raw!r}")
    try:
        number = Decimal(repr(raw)) if isinstance(raw, float) else Decimal(raw)
    except InvalidOperation:
        raise ValueError(f"not a number: {raw!r}") from None
    bounded = _bounded(number)
    if bounded is None:
        raise ValueError(f"out of range: {raw!r}")
    return bounded


def stored_value(value: Any) -> Any:
    """A value as ReportValue stores it, made safe to check again: normalise() stores numbers as
    machine text ("7845.12", never grouped), which read_number() would take for Vietnamese typing
    ("1.234" is 1234 there). Numbers come back as Decimal; booleans, None and anything that is not
    a machine number as they are (so the check reports it rather than failing)."""
    if value is None or isinstance(value, bool):
        return value
    try:
        return contract_number(value)
    except ValueError:
        return value


def _number_message(text: str, suggestions: list[str]) -> str:
    """Digits and separators in the wrong places ("1.23.4", "1,2,3", "1.5"): say how Vietnamese
    writes numbers, and offer Babel's readings of the text when it has some."""
    message = _(
        "«%(text)s» viết sai dấu phân cách: dấu chấm (.) tách hàng nghìn, mỗi nhóm đủ 3 chữ số; "
        "dấu phẩy (,) đứng trước phần thập phân, ví dụ 31.434,47."
    ) % {"text": text}
    if len(suggestions) >= 2:
        hint = _("Có phải là «%(first)s» hoặc «%(second)s»?") % {
            "first": suggestions[0],
            "second": suggestions[1],
        }
        message = f"{message} {hint}"
    elif suggestions:
        message = f"{message} " + _("Có phải là «%(first)s»?") % {"first": suggestions[0]}
    return message


def _bounded_or_raise(number: Decimal, text: str) -> Decimal:
    bounded = _bounded(number)
    if bounded is None:
        if number.is_finite():
            message = _(
                "«%(text)s» vượt quá giới hạn: tối đa %(digits)s chữ số phần nguyên và %(decimals)s chữ số "
                "thập phân."
            ) % {"text": text, "digits": MAX_INTEGER_DIGITS, "decimals": MAX_DECIMALS}
        else:
            message = _("«%(text)s» không phải là số.") % {"text": text}
        raise NumberTextError(message, text=text)
    return bounded


# Report values are counts, money and percentages: 15 integer digits and 6 decimals are plenty, and the
# bound keeps "1e9999999" from reaching decimal arithmetic (which overflows) or the database. The
# scoring engine has its own, wider limits for its JSON input.
MAX_INTEGER_DIGITS = 15
MAX_DECIMALS = 6


def _bounded(number: Decimal) -> Decimal | None:
    if not number.is_finite():
        return None
    # adjusted() and as_tuple() read the digits without arithmetic, so they cannot overflow.
    exponent = number.as_tuple().exponent
    if not isinstance(exponent, int):  # "n", "N" or "F": NaN and infinities, refused above already
        return None
    if number.adjusted() >= MAX_INTEGER_DIGITS or -exponent > MAX_DECIMALS:
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
    try:
        number = read_number(raw)
    except NumberTextError as error:
        return None, _("%(criterion)s: %(problem)s") % {"criterion": _label(spec), "problem": error}
    if number is None:
        return None, None
    # The engine's own bounds (scoring.check.bound_fault), so that the grid refuses exactly what the
    # engine would leave out: a threshold on a growth rate, say, may be negative; a relative value or a
    # score typed by hand may not. The grid takes a ratio's actual; its target is registered.
    fault = bound_fault(
        Method(spec.method),
        number,
        field="actual" if spec.method == Method.RATIO_TO_TARGET else "",
        max_points=spec.max_points,
        proportional_below=spec.params.get("proportional_below") is True,
    )
    if fault is Fault.OUT_OF_RANGE and spec.max_points is not None:
        return None, _("%(criterion)s: điểm phải từ 0 đến %(max)s.") % {
            "criterion": _label(spec),
            "max": format(spec.max_points.normalize(), "f"),
        }
    if fault is not None:
        return None, _("%(criterion)s: giá trị không được âm.") % {"criterion": _label(spec)}
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


# What a number typed by an officer may contain. Exponents ("1e999999") are refused here: the value
# checks would expand them into a number of a million digits.
_NUMBER_TEXT = re.compile(r"^[0-9 .,\u00a0\u202f\u2212+-]{0,40}$")


def number_problem(code: str, raw: Any) -> str | None:
    """Why a typed number is refused before it reaches the services, or None."""
    if raw is None or isinstance(raw, bool) or (isinstance(raw, str) and _NUMBER_TEXT.match(raw)):
        return None
    return _("Tiêu chí %(code)s: «%(value)s» không phải là số.") % {
        "code": code,
        "value": str(raw)[:40],
    }
