"""Pure checks of typed report values (no database)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from thidua.emulation.rules.values import (
    Entry,
    LeafSpec,
    below_target,
    check_entries,
    normalise,
    parse_number,
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("7.845,12", Decimal("7845.12")),
        ("98,6", Decimal("98.6")),
        ("98.6", Decimal("98.6")),
        ("1.234.567", Decimal("1234567")),
        (" 31 434,47 ", Decimal("31434.47")),
        (12, Decimal(12)),
        ("abc", None),
        ("", None),
        (True, None),
        ("NaN", None),
        ("Infinity", None),
        ("1e999999", None),
        ("1e9999999", None),
        ("999999999999999", Decimal("999999999999999")),
        ("1000000000000000", None),
        ("0,1234567", None),
    ],
)
def test_parse_number(raw: object, expected: Decimal | None) -> None:
    assert parse_number(raw) == expected


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
BOOL = LeafSpec("1.2", "Nông thôn mới", "boolean", Decimal("100"), {}, False)
VETO = LeafSpec("V", "An ninh", "veto", None, {}, False)


@pytest.mark.parametrize(
    ("spec", "raw", "value", "error"),
    [
        (MANUAL, "90", "90", None),
        (MANUAL, "100,5", None, "điểm phải từ 0 đến 100"),
        (MANUAL, "-1", None, "không được âm"),
        (RATIO, "7.845,12", "7845.12", None),
        (BOOL, "Có", True, None),
        (BOOL, "không", False, None),
        (BOOL, "maybe", None, "chọn «Có» hoặc «Không»"),
        (VETO, True, True, None),
        (RATIO, "1e9999999", None, "không phải là số"),
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
