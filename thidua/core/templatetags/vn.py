"""Template filters: one-line wrappers over thidua.core.formatting."""

import datetime as dt

from django import template

from thidua.core import formatting

register = template.Library()


@register.filter
def vn_number(value, decimals=None):
    if value is None or value == "":
        return ""
    return formatting.vn_number(value, None if decimals is None else int(decimals))


@register.filter
def vn_percent(value, decimals=2):
    return "" if value is None else formatting.vn_percent(value, int(decimals))


@register.filter
def nd30_date(value):
    return "" if value is None else formatting.nd30_date(value)


@register.filter
def short_date(value):
    # Dates kept in JSON (a council's minutes) come back as ISO text: "2026-12-07" -> "07/12/2026".
    if isinstance(value, str) and value:
        try:
            value = dt.date.fromisoformat(value)
        except ValueError:
            return value
    return "" if value in (None, "") else formatting.short_date(value)
