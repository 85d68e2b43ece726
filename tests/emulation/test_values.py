"""Pure checks of typed report values (no database)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from thidua.emulation.rules.values import (
    Entry,
    LeafSpec,
    NumberTextError,
    below_target,
    check_entries,
    contract_number,
    normalise,
    number_problem,
    parse_number,
    read_number,
    stored_value,
)


# Vietnamese numbers: "." groups thousands (groups of exactly three digits), "," is the decimal mark.
@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("16.000", Decimal("16000")),  # sixteen thousand, never 16 (the reported bug)
        ("1.234", Decimal("1234")),
        ("1.234.567", Decimal("1234567")),
        ("31.434,47", Decimal("31434.47")),
        ("7.845,12", Decimal("7845.12")),
        ("7845,12", Decimal("7845.12")),  # grouping is optional
        ("1,5", Decimal("1.5")),
        ("0,25", Decimal("0.25")),
        ("98,6", Decimal("98.6")),
        (",5", Decimal("0.5")),
        ("1,000", Decimal("1.000")),  # one: the comma is the decimal mark
        ("-3", Decimal(-3)),
        ("-1.234,5", Decimal("-1234.5")),
        ("+3", Decimal(3)),
        ("\u22123", Decimal(-3)),  # the typographic minus of word processors
        ("100", Decimal(100)),
        (" 16.000 ", Decimal("16000")),
        ("\u00a016.000\u00a0", Decimal("16000")),  # no-break spaces around
        (" 31 434,47 ", Decimal("31434.47")),  # a space inside groups thousands
        ("31\u00a0434,47", Decimal("31434.47")),
        ("1\u202f234", Decimal("1234")),
        ("999999999999999", Decimal("999999999999999")),
        # numbers from code, not typed text
        (12, Decimal(12)),
        (Decimal("98.6"), Decimal("98.6")),
        (2.5, Decimal("2.5")),
        # nothing typed
        ("", None),
        ("   ", None),
        (None, None),
        (True, None),
    ],
)
def test_read_number(raw: object, expected: Decimal | None) -> None:
    assert read_number(raw) == expected
    assert parse_number(raw) == expected


# Refusals: the message is Vietnamese and names the text as typed (without the surrounding spaces).
@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (
            "1.23.4",
            "«1.23.4» viết sai dấu phân cách: dấu chấm (.) tách hàng nghìn, mỗi nhóm đủ 3 chữ số; "
            "dấu phẩy (,) đứng trước phần thập phân, ví dụ 31.434,47. Có phải là «1.234»?",
        ),
        ("1,2,3", "«1,2,3» viết sai dấu phân cách"),
        (
            "1.5",
            "«1.5» viết sai dấu phân cách: dấu chấm (.) tách hàng nghìn, mỗi nhóm đủ 3 chữ số; "
            "dấu phẩy (,) đứng trước phần thập phân, ví dụ 31.434,47. Có phải là «15» hoặc «1,5»?",
        ),
        ("98.6", "Có phải là «986» hoặc «98,6»?"),
        ("12.34", "«12.34» viết sai dấu phân cách"),
        ("1.2345", "«1.2345» viết sai dấu phân cách"),
        ("1.000,", "«1.000,» viết sai dấu phân cách"),
        (" 1 2 ", "«1 2» viết sai dấu phân cách"),
        ("abc", "«abc» không phải là số."),
        ("12abc", "«12abc» không phải là số."),
        ("3-4", "«3-4» không phải là số."),
        ("-", "«-» không phải là số."),
        (",", "«,» không phải là số."),
        ("NaN", "«NaN» không phải là số."),
        ("Infinity", "«Infinity» không phải là số."),
        ("1e5", "«1e5» không phải là số."),  # nobody types an exponent
        ("1e9999999", "«1e9999999» không phải là số."),
        ("1000000000000000", "«1000000000000000» vượt quá giới hạn: tối đa 15 chữ số phần nguyên"),
        ("0,1234567", "«0,1234567» vượt quá giới hạn: tối đa 15 chữ số phần nguyên và 6 chữ số thập phân."),
        (Decimal("NaN"), "«NaN» không phải là số."),
    ],
)
def test_read_number_refuses_with_a_message(raw: object, message: str) -> None:
    with pytest.raises(NumberTextError) as caught:
        read_number(raw)
    assert message in str(caught.value)
    assert parse_number(raw) is None


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("7845.12", Decimal("7845.12")),  # the scoring contract's machine form
        ("1.5", Decimal("1.5")),
        ("16000", Decimal("16000")),
        (200, Decimal(200)),
        (0.1, Decimal("0.1")),
        (Decimal("2.9"), Decimal("2.9")),
    ],
)
def test_contract_number(raw: object, expected: Decimal) -> None:
    assert contract_number(raw) == expected


@pytest.mark.parametrize("raw", ["7.845,12", "1,5", "abc", True, None, "NaN", "1e99"])
def test_contract_number_refuses(raw: object) -> None:
    with pytest.raises(ValueError):
        contract_number(raw)


@pytest.mark.parametrize(
    ("stored", "expected"),
    [
        ("1.234", Decimal("1.234")),  # stored machine text: one point two three four, not 1234
        ("16000", Decimal("16000")),
        (True, True),
        (None, None),
        ("không rõ", "không rõ"),  # not a stored number: left for the checks to report
    ],
)
def test_stored_value(stored: object, expected: object) -> None:
    assert stored_value(stored) == expected


def test_a_stored_value_checks_again_as_the_same_number() -> None:
    # what normalise stores for "1,234" (one and a bit) is "1.234"; checked again, it stays one and a bit
    spec = LeafSpec("2.1", "Trẻ đến trường", "manual", Decimal("100"), {}, False)
    stored, _error = normalise(spec, "1,234")
    assert stored == "1.234"
    assert normalise(spec, stored_value(stored)) == ("1.234", None)


MANUAL = LeafSpec("4.1", "Phong trào", "manual", Decimal("100"), {}, False)
RATIO = LeafSpec(
    "1.1", "Giá trị sản xuất", "ratio_to_target", Decimal("200"), {}, True, target=Decimal("100")
)
LOWER = LeafSpec(
    "2.2",
    "Hộ nghèo",
    "ratio_to_target",
    Decimal("100"),
    {"lower_is_better": True},
    False,
    target=Decimal("3.2"),
)
THRESH = LeafSpec("2.1", "Trẻ đến trường", "threshold", Decimal("100"), {"threshold": 98}, False)
PROPORTIONAL = LeafSpec(
    "2.3", "Tiêm chủng", "threshold", Decimal("50"), {"threshold": 95, "proportional_below": True}, False
)
RELATIVE = LeafSpec("3.1", "Thu ngân sách", "relative", Decimal("100"), {}, False)
BOOL = LeafSpec("1.2", "Nông thôn mới", "boolean", Decimal("100"), {}, False)
VETO = LeafSpec("V", "An ninh", "veto", None, {}, False)


@pytest.mark.parametrize(
    ("spec", "raw", "value", "error"),
    [
        (MANUAL, "90", "90", None),
        (MANUAL, "100,5", None, "điểm phải từ 0 đến 100"),
        # The engine's bounds (scoring.check.bound_fault): a score typed by hand lies in [0, max].
        (MANUAL, "-1", None, "điểm phải từ 0 đến 100"),
        (RATIO, "-1", None, "không được âm"),
        (RELATIVE, "-0,5", None, "không được âm"),
        (PROPORTIONAL, "-3", None, "không được âm"),
        # A plain threshold compares the value with its bar: a falling rate (-2,5 %) is a real value.
        (THRESH, "-2,5", "-2.5", None),
        (RATIO, "7.845,12", "7845.12", None),
        (BOOL, "Có", True, None),
        (BOOL, "không", False, None),
        (BOOL, "maybe", None, "chọn «Có» hoặc «Không»"),
        (VETO, True, True, None),
        (RATIO, "1e9999999", None, "không phải là số"),
        (RATIO, "16.000", "16000", None),
        (RATIO, "1.5", None, "Tiêu chí 1.1 (Giá trị sản xuất): «1.5» viết sai dấu phân cách"),
        (RATIO, "abc", None, "Tiêu chí 1.1 (Giá trị sản xuất): «abc» không phải là số."),
        (MANUAL, "0,25", "0.25", None),
    ],
)
def test_normalise(spec: LeafSpec, raw: object, value: object, error: str | None) -> None:
    got, message = normalise(spec, raw)
    assert got == value
    assert (message is None) if error is None else (error in message)


@pytest.mark.parametrize(
    ("spec", "value", "below"),
    [
        (RATIO, "99.9", True),
        (RATIO, "100", False),
        (LOWER, "3.3", True),
        (LOWER, "3.2", False),
        (THRESH, "97.9", True),
        (THRESH, "98", False),
        (BOOL, False, True),
        (BOOL, True, False),
        (VETO, True, True),
        (VETO, False, False),
        (MANUAL, "0", False),
    ],
)
def test_below_target(spec: LeafSpec, value: object, below: bool) -> None:
    assert below_target(spec, value) is below


def test_submit_needs_every_value_target_and_explanations() -> None:
    no_target = LeafSpec("1.3", "Thu ngân sách", "ratio_to_target", Decimal("50"), {}, False, target=None)
    specs = [RATIO, BOOL, MANUAL, VETO, no_target]
    entries = {"1.1": Entry("120"), "1.2": Entry(False), "1.3": Entry("5"), "9": Entry("1")}
    _values, errors = check_entries(specs, entries, for_submit=True)
    assert "chưa có minh chứng, cần giải trình" in errors["1.1"][0]  # above target but no evidence
    assert "chưa đạt chỉ tiêu, cần giải trình" in errors["1.2"][0]
    assert "chưa nhập giá trị" in errors["4.1"][0]
    assert "chưa đăng ký chỉ tiêu" in errors["1.3"][0]
    assert "Không có tiêu chí mã «9»" in errors["9"][0]
    assert "V" not in errors  # a veto left empty means "not failed"
    # a draft save only checks what is typed
    _values, errors = check_entries(specs, {"1.1": Entry("120")}, for_submit=False)
    assert errors == {}


# The form's first gate, before the strict reading: only digits, separators and signs pass; anything
# else (letters, an exponent that would expand to a million digits) is refused naming the criterion.
@pytest.mark.parametrize(
    ("raw", "refused"),
    [
        (None, False),
        (True, False),
        ("", False),
        ("16.000", False),
        ("31.434,47", False),
        ("\u2212 5", False),
        ("1e999999", True),
        ("abc", True),
        ("12kg", True),
        ("1" * 41, True),
    ],
)
def test_number_problem(raw: object, refused: bool) -> None:
    problem = number_problem("1.2", raw)
    assert (problem is not None) is refused
    if refused:
        assert problem is not None and "Tiêu chí 1.2" in problem and "không phải là số" in problem
