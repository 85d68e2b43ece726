"""The one date field and widget of every staff form: dd/mm/yyyy typed or picked, never today by default.

Wagtail's AdminDateInput formats dates as WAGTAIL_DATE_FORMAT (ISO when unset) and its picker
(jquery.datetimepicker) checks the typed text on blur against that format: text it cannot read is
replaced by today's date, and an impossible date such as 31/02/1990 is rolled over to 03/03/1990.
Either way the form then saves a date the officer never typed. Here the picker keeps what was typed
(validateOnBlur off) and the server reads it, refusing with a message that says what is wrong.

core/apps.py makes this field and widget the form field of every model DateField in Wagtail's model
forms; hand-written forms declare VNDateField.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from wagtail.admin.widgets import AdminDateInput

# What officers write (Vietnamese order: day, month, year) and what the picker writes.
DATE_FORMAT = "%d/%m/%Y"
# Day first with / - or . between the parts; or the year first (ISO yyyy-mm-dd, also yyyy/mm/dd).
_DAY_FIRST = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d+)$")
_YEAR_FIRST = re.compile(r"^(\d{4})[/.-](\d{1,2})[/.-](\d{1,2})$")


class DateProblem(ValueError):
    """Why a typed date was refused: the text and the reason, in words for the officer."""

    def __init__(self, text: str, reason: str) -> None:
        self.text = text[:40]
        self.reason = reason
        super().__init__(self.message())

    def message(self, field: Any = None) -> str:
        """The refusal, naming the field when its label is given."""
        params = {
            "field": field,
            "text": self.text,
            "reason": self.reason,
            "example": gettext("Nhập theo dạng ngày/tháng/năm, ví dụ 20/10/1988."),
        }
        if field:
            # Translators: a date field's label, the text typed, why it is not a date, how to type one.
            return gettext("%(field)s không hợp lệ: %(text)s (%(reason)s). %(example)s") % params
        return gettext("Ngày không hợp lệ: %(text)s (%(reason)s). %(example)s") % params


def parse_date(text: str) -> dt.date:
    """The day that `text` names: dd/mm/yyyy (also d/m/yyyy, dd-mm-yyyy, dd.mm.yyyy) or yyyy-mm-dd.

    Raises DateProblem saying what is wrong: not a date, a year not written in full (20/10/88 could
    be 1988 or 2088), no such month, or no such day in that month (31/02/1990, 29/02/2023). The day
    always comes first unless the year does: 01/02/2024 is 1 February, never 2 January.
    """
    text = text.strip()
    found = _YEAR_FIRST.match(text)
    if found:
        year, month, day = (int(part) for part in found.groups())
    else:
        found = _DAY_FIRST.match(text)
        if not found:
            raise DateProblem(text, gettext("không phải là một ngày"))
        day, month = int(found.group(1)), int(found.group(2))
        if len(found.group(3)) != 4:
            raise DateProblem(text, gettext("năm phải viết đủ 4 chữ số"))
        year = int(found.group(3))
    if year < 1:
        raise DateProblem(text, gettext("không có năm %(year)s") % {"year": year})
    if not 1 <= month <= 12:
        raise DateProblem(text, gettext("không có tháng %(month)s, tháng từ 1 đến 12") % {"month": month})
    last = calendar.monthrange(year, month)[1]
    if day == 0:
        raise DateProblem(text, gettext("không có ngày 0"))
    if day > last:
        if month == 2 and day == 29:
            reason = gettext("năm %(year)s không nhuận, tháng 2 chỉ có 28 ngày") % {"year": year}
        else:
            reason = gettext("tháng %(month)s không có ngày %(day)s") % {"month": month, "day": day}
        raise DateProblem(text, reason)
    return dt.date(year, month, day)


class VNDateInput(AdminDateInput):  # type: ignore[misc]
    """Wagtail's date picker showing dd/mm/yyyy, which leaves the typed text alone when it loses focus."""

    def __init__(self, attrs: dict[str, Any] | None = None, format: str | None = None) -> None:
        super().__init__(attrs=attrs, format=format or DATE_FORMAT)

    def get_config(self) -> dict[str, Any]:
        return {
            **super().get_config(),
            # Off: on blur the picker would put today's date in place of text it cannot read, and
            # roll 31/02 over to 03/03. The server reads the text and refuses it with a reason.
            "validateOnBlur": False,
            # The picker's year list starts at 1950 by default: too late for some dates of birth.
            "yearStart": 1900,
            "yearEnd": dt.date.today().year + 10,
        }


class VNDateField(forms.DateField):
    """A date typed as dd/mm/yyyy (or ISO); a refusal names the field and what is wrong."""

    widget = VNDateInput

    def to_python(self, value: Any) -> dt.date | None:
        if isinstance(value, str):
            value = value.strip()
        if value in self.empty_values:
            return None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        try:
            return parse_date(str(value))
        except DateProblem as problem:
            raise ValidationError(problem.message(self.label), code="invalid") from problem
