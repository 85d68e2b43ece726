from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

from thidua.core.formatting import nd30_date, nfc, to_decimal, vn_number, vn_percent


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (Decimal("31434.47"), 2, "31.434,47"),
        ("31434.47", None, "31.434,47"),
        (1234567, 0, "1.234.567"),
        ("0.005", 2, "0,01"),  # half-up, not banker's rounding
        ("0.015", 2, "0,02"),
        ("-5", 2, "-5,00"),
        ("72580", 2, "72.580,00"),
        (0.1, None, "0,1"),
    ],
)
def test_vn_number(value: object, decimals: int | None, expected: str) -> None:
    assert vn_number(value, decimals) == expected


def test_vn_percent() -> None:
    assert vn_percent("43.31") == "43,31%"


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (dt.date(2023, 8, 4), "ngày 04 tháng 8 năm 2023"),
        (dt.date(2020, 1, 5), "ngày 05 tháng 01 năm 2020"),
        (dt.date(2023, 2, 28), "ngày 28 tháng 02 năm 2023"),
        (dt.date(2019, 6, 29), "ngày 29 tháng 6 năm 2019"),
        (dt.date(2025, 12, 10), "ngày 10 tháng 12 năm 2025"),
    ],
)
def test_nd30_date(day: dt.date, expected: str) -> None:
    assert nd30_date(day) == expected


def test_nd30_date_with_place() -> None:
    assert nd30_date(dt.date(2020, 1, 5), "Hà Nội") == "Hà Nội, ngày 05 tháng 01 năm 2020"


def test_to_decimal_rejects_booleans_and_garbage() -> None:
    with pytest.raises(TypeError):
        to_decimal(True)
    with pytest.raises(ValueError, match="not a number"):
        to_decimal("12,5")


def test_nfc_joins_combining_marks() -> None:
    decomposed = "hoa\u0300"
    assert nfc(decomposed) == "hoà"
    assert len(nfc(decomposed)) == 3


def test_django_vi_locale_groups_thousands() -> None:
    # Django's own vi locale leaves NUMBER_GROUPING unset; thidua/formats/vi fixes it.
    with translation.override("vi"):
        rendered = Template(
            "{% load humanize %}{{ v|intcomma }}|{{ v|floatformat:'2g' }}|{{ v|vn_number:2 }}|{{ year }}"
        ).render(Context({"v": Decimal("31434.47"), "year": 2026}))
    # grouped where asked for, never on a bare year
    assert rendered == "31.434,47|31.434,47|31.434,47|2026"


def test_django_vi_date_format_is_nd30_style() -> None:
    with translation.override("vi"):
        rendered = Template("{{ d|date }}|{{ d|nd30_date }}|{{ e|nd30_date }}").render(
            Context({"d": dt.date(2023, 8, 4), "e": dt.date(2023, 2, 5)})
        )
    assert rendered == "ngày 04 tháng 8 năm 2023|ngày 04 tháng 8 năm 2023|ngày 05 tháng 02 năm 2023"


def test_vietnamese_even_when_the_browser_prefers_english(client, db) -> None:
    response = client.get("/admin/login/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert "Đăng nhập" in response.content.decode()
    client.cookies["django_language"] = "en"
    response = client.get("/admin/login/", HTTP_ACCEPT_LANGUAGE="vi")
    assert "Sign in" in response.content.decode()


@pytest.mark.parametrize(
    "value", ["0", "-0.001", "0.005", "1234567.891", "-98765.4321", "999.995", "31434.47", "1e6", "0.1"]
)
@pytest.mark.parametrize("decimals", [0, 1, 2, 3])
def test_fast_path_agrees_with_babel(value: str, decimals: int) -> None:
    from babel.numbers import format_decimal

    number = Decimal(value).quantize(Decimal(1).scaleb(-decimals), rounding="ROUND_HALF_UP")
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    expected = format_decimal(abs(number) if number == 0 else number, format=pattern, locale="vi_VN")
    assert vn_number(value, decimals) == expected
