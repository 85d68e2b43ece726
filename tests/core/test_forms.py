"""The shared date field (#17 item 2): dd/mm/yyyy typed or picked, impossible dates refused with a reason.

No database: the parser and the field are pure, and the forms are inspected as classes.
"""

from __future__ import annotations

import datetime as dt
import importlib
import inspect
import json
import pkgutil
import re
from typing import Any

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.utils import formats, translation

import thidua
from thidua.core.forms import DateProblem, VNDateField, VNDateInput, parse_date

EXAMPLE = "Nhập theo dạng ngày/tháng/năm, ví dụ 20/10/1988."


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("20/10/1988", dt.date(1988, 10, 20)),
        (" 20/10/1988 ", dt.date(1988, 10, 20)),
        ("1/2/1988", dt.date(1988, 2, 1)),  # the day comes first: 1 February, never 2 January
        ("01/02/2024", dt.date(2024, 2, 1)),
        ("12/11/2024", dt.date(2024, 11, 12)),  # could read either way; Vietnamese order wins
        ("01-02-2024", dt.date(2024, 2, 1)),
        ("01.02.2024", dt.date(2024, 2, 1)),
        ("29/02/2024", dt.date(2024, 2, 29)),  # a leap year
        ("31/12/1999", dt.date(1999, 12, 31)),
        ("1988-10-20", dt.date(1988, 10, 20)),  # ISO, as older pages and scripts post it
        ("2024/02/29", dt.date(2024, 2, 29)),
    ],
)
def test_dates_that_are_read(text: str, day: dt.date) -> None:
    assert parse_date(text) == day


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("31/02/1990", "tháng 2 không có ngày 31"),
        ("30/02/2024", "tháng 2 không có ngày 30"),
        ("29/02/2023", "năm 2023 không nhuận, tháng 2 chỉ có 28 ngày"),
        ("31/04/2025", "tháng 4 không có ngày 31"),
        ("32/01/2025", "tháng 1 không có ngày 32"),
        ("00/01/2025", "không có ngày 0"),
        ("10/20/1988", "không có tháng 20, tháng từ 1 đến 12"),  # month first, the American way
        ("15/13/2025", "không có tháng 13, tháng từ 1 đến 12"),
        ("20/10/88", "năm phải viết đủ 4 chữ số"),  # 1988 or 2088?
        ("1990-02-31", "tháng 2 không có ngày 31"),
        ("0000-01-01", "không có năm 0"),
        ("abc", "không phải là một ngày"),
        ("20101988", "không phải là một ngày"),
        ("20/10", "không phải là một ngày"),
        ("20 tháng 10 năm 1988", "không phải là một ngày"),
    ],
)
def test_dates_that_are_refused_say_why(text: str, reason: str) -> None:
    with pytest.raises(DateProblem) as refused:
        parse_date(text)
    assert refused.value.reason == reason
    assert str(refused.value) == f"Ngày không hợp lệ: {text} ({reason}). {EXAMPLE}"


def test_the_field_names_itself_and_the_problem() -> None:
    field = VNDateField(label="Ngày sinh")
    with pytest.raises(ValidationError) as refused:
        field.clean("31/02/1990")
    assert refused.value.messages == [
        f"Ngày sinh không hợp lệ: 31/02/1990 (tháng 2 không có ngày 31). {EXAMPLE}"
    ]


@pytest.mark.parametrize(
    ("value", "cleaned"),
    [
        ("20/10/1988", dt.date(1988, 10, 20)),
        ("1988-10-20", dt.date(1988, 10, 20)),
        (dt.date(1988, 10, 20), dt.date(1988, 10, 20)),
        (dt.datetime(1988, 10, 20, 8, 30), dt.date(1988, 10, 20)),
    ],
)
def test_the_field_cleans(value: Any, cleaned: dt.date) -> None:
    assert VNDateField().clean(value) == cleaned


def test_an_empty_optional_date_stays_empty_and_a_required_one_is_asked_for() -> None:
    assert VNDateField(required=False).clean("") is None
    assert VNDateField(required=False).clean("  ") is None
    with pytest.raises(ValidationError):
        VNDateField().clean("")


def test_english_screens_read_the_same_day() -> None:
    # The Vietnamese order does not depend on the language: 01/02/2024 is 1 February in English too,
    # and so it is for Wagtail's own date inputs (thidua/formats/en).
    with translation.override("en"):
        assert VNDateField().clean("01/02/2024") == dt.date(2024, 2, 1)
        assert forms.DateField().clean("01/02/2024") == dt.date(2024, 2, 1)
        assert formats.get_format("DATE_INPUT_FORMATS")[0] == "%d/%m/%Y"


def test_the_widget_shows_dd_mm_yyyy_and_the_picker_keeps_typed_text() -> None:
    html = VNDateInput().render("date_of_birth", dt.date(1988, 10, 20), attrs={"id": "id_date_of_birth"})
    assert 'value="20/10/1988"' in html
    config = json.loads(re.search(r"initDateChooser\(\"id_date_of_birth\", (\{.*?\})\)", html).group(1))  # type: ignore[union-attr]
    assert config["format"] == "d/m/Y"
    # On blur, jquery.datetimepicker would replace unreadable text with today's date and roll
    # 31/02 over to 03/03; off, the text stays and the server refuses it.
    assert config["validateOnBlur"] is False
    assert config["yearStart"] <= 1920


def test_typed_text_that_is_refused_is_shown_again_as_typed() -> None:
    class Form(forms.Form):
        day = VNDateField(label="Ngày sinh")

    form = Form(data={"day": "31/02/1990"})
    assert not form.is_valid()
    assert 'value="31/02/1990"' in str(form["day"])


def _form_classes() -> list[type[forms.BaseForm]]:
    """Every form class of the project's modules, and the forms of the admin's model viewsets."""
    from django.urls import reverse
    from wagtail.admin.viewsets import viewsets
    from wagtail.admin.viewsets.model import ModelViewSet

    reverse("wagtailadmin_home")  # loads the admin's URLs, which registers the viewsets
    found: set[type[forms.BaseForm]] = set()
    for module_info in pkgutil.walk_packages(thidua.__path__, "thidua."):
        if ".migrations" in module_info.name or module_info.name.startswith(("thidua.locale", "thidua.demo")):
            continue
        module = importlib.import_module(module_info.name)
        for _name, value in inspect.getmembers(module, inspect.isclass):
            if issubclass(value, forms.BaseForm) and value.__module__.startswith("thidua."):
                found.add(value)
    for viewset in viewsets.viewsets:
        if isinstance(viewset, ModelViewSet):
            found.add(viewset.get_form_class())
    return sorted(found, key=lambda cls: f"{cls.__module__}.{cls.__qualname__}")


def test_every_date_field_of_every_form_is_the_shared_one() -> None:
    forms_with_dates = []
    for form_class in _form_classes():
        for name, field in form_class.base_fields.items():
            if isinstance(field, forms.DateField) and not isinstance(field, forms.DateTimeField):
                forms_with_dates.append(f"{form_class.__qualname__}.{name}")
                assert isinstance(field, VNDateField), (
                    f"{form_class.__module__}.{form_class.__qualname__}.{name}"
                )
                assert isinstance(field.widget, VNDateInput), f"{form_class.__qualname__}.{name}"
    # The scan found the forms of the issue, so it does look where the date fields are.
    for expected in (
        "PersonForm.date_of_birth",
        "PersonForm.position_since",
        "OrganisationForm.established_on",
        "AdminUnitForm.valid_from",
        "PactSignForm.signed_on",
        "PeriodOpenForm.closes_on",
        "RulesetForm.effective_from",
    ):
        assert expected in forms_with_dates
