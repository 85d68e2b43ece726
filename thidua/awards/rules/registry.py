"""What makes a registry entry impossible, as pure functions over plain values.

The services load the rows, call these and raise the ValidationError; the messages are Vietnamese and
keyed by the form field they concern.
"""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.awards.eligibility.codes import (
    COLLECTIVE_AWARDS,
    INDIVIDUAL_AWARDS,
    AwardCode,
    SubjectKind,
)

# TT 15/2025/TT-BNV (legal-rules §6.1 item 3, §6.3), worded as the circular's headline rule.
DISSOLVED_RULE = gettext_lazy(
    "Không khen thưởng đối với cơ quan, tổ chức, đơn vị đã giải thể sau sắp xếp tổ chức bộ máy "
    "(Thông tư 15/2025/TT-BNV)"
)
# Years before the 1945 state, or far ahead, are typing errors, not achievement periods.
FIRST_YEAR = 1945


def year_problem(year: int, *, today: dt.date) -> str | None:
    if year < FIRST_YEAR or year > today.year + 1:
        return _("Năm %(year)s không hợp lệ: năm phải từ %(first)s đến %(last)s.") % {
            "year": year,
            "first": FIRST_YEAR,
            "last": today.year + 1,
        }
    return None


def decision_problems(
    *, signed_on: dt.date, period_from_year: int, period_to_year: int, today: dt.date
) -> dict[str, str]:
    """The decision's dates that cannot be: keyed by field.

    - the achievement period ends before it starts;
    - the decision is signed before its achievement period starts (a decision rewards an achievement
      already made: NĐ 152/2025 Điều 33 khoản 7 counts from the period written in it);
    - the decision is dated in the future.
    """
    problems: dict[str, str] = {}
    for field, year in (("period_from_year", period_from_year), ("period_to_year", period_to_year)):
        problem = year_problem(year, today=today)
        if problem:
            problems[field] = problem
    if "period_to_year" not in problems and period_to_year < period_from_year:
        problems["period_to_year"] = _("Năm kết thúc thời gian đạt thành tích không thể trước năm bắt đầu.")
    if signed_on > today:
        problems["signed_on"] = _("Ngày ký không thể ở tương lai.")
    elif signed_on.year < period_from_year:
        problems["signed_on"] = _(
            "Quyết định không thể ký (%(day)s) trước khi thời gian đạt thành tích bắt đầu (năm %(year)s)."
        ) % {"day": f"{signed_on:%d/%m/%Y}", "year": period_from_year}
    return problems


def award_fits(award: str, kind: SubjectKind) -> bool:
    """Whether the title or form may go to that kind of recipient (Law 06/2022, Chương II–III)."""
    code = AwardCode(award)
    return code in (INDIVIDUAL_AWARDS if kind is SubjectKind.INDIVIDUAL else COLLECTIVE_AWARDS)


def award_misfit_message(award_label: str, kind: SubjectKind, name: str) -> str:
    """`award_label` is the title's name in the screen's language (the model's choice label)."""
    params = {"award": award_label, "name": name}
    if kind is SubjectKind.INDIVIDUAL:
        return _("«%(award)s» chỉ tặng cho tập thể, không tặng cho cá nhân «%(name)s».") % params
    return _("«%(award)s» chỉ tặng cho cá nhân, không tặng cho tập thể «%(name)s».") % params


def dissolved_by(*, dissolved_on: dt.date | None, unit_valid_until: dt.date | None, on: dt.date) -> bool:
    """Whether an organisation no longer existed on `on`: dissolved on or before that day, or its
    administrative unit ended (its last day, valid_until) before it, as after the 2025 mergers."""
    if dissolved_on is not None and dissolved_on <= on:
        return True
    return unit_valid_until is not None and unit_valid_until < on


def dissolved_message(name: str, on: dt.date) -> str:
    return _("«%(name)s» không còn tồn tại vào ngày %(day)s. %(rule)s.") % {
        "name": name,
        "day": f"{on:%d/%m/%Y}",
        "rule": DISSOLVED_RULE,
    }


def interval_problem(start: dt.date, end: dt.date | None) -> str | None:
    if end is not None and end < start:
        return _("Ngày kết thúc không thể trước ngày bắt đầu (%(day)s).") % {"day": f"{start:%d/%m/%Y}"}
    return None
