"""Which review periods a unit officer should be reminded of: the report deadline is near and the
unit's report has not been sent.

One definition for the dashboard panel and the e-mail reminders (services/reminders.py, run by the
command emulation_send_reminders), so the screen and the e-mail never disagree.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from wagtail.users.models import UserProfile

from thidua.accounts.models import User
from thidua.accounts.permissions import has_capability
from thidua.accounts.roles import ROLES, Cap
from thidua.core.formatting import short_date
from thidua.core.models import AuditEvent
from thidua.emulation.models import Period, Report
from thidua.org.models import EmulationGroup, Organisation
from thidua.org.selectors.groups import groups_visible_to

# The audit action of a reminder e-mail; its rows are also how a run knows what was already sent.
REMINDER_SENT = "emulation.reminder.sent"
# A report in one of these states has reached the head unit (or gone further): nothing is due.
# Draft, returned for correction, or no report at all: the unit still has to send it.
SENT_STATUSES = frozenset({Report.Status.SUBMITTED, Report.Status.APPRAISED, Report.Status.LOCKED})
_STATE_WORDS: dict[str | None, Any] = {
    # Translators: the state of a unit's report, after "Báo cáo của <unit> hiện …" in the reminder e-mail.
    None: gettext_lazy("chưa được lập"),
    Report.Status.DRAFT: gettext_lazy("đang nhập, chưa gửi"),
    Report.Status.RETURNED: gettext_lazy("bị trả lại, cần bổ sung và gửi lại"),
}

# "báo cáo sơ kết 6 tháng năm 2026", "báo cáo tổng kết năm 2026" (not "tổng kết năm năm").
_REPORT_NAMES: dict[str, Any] = {
    Period.Kind.SO_KET: gettext_lazy("báo cáo sơ kết 6 tháng năm %(year)s"),
    Period.Kind.TONG_KET: gettext_lazy("báo cáo tổng kết năm %(year)s"),
}


@dataclass(frozen=True)
class DueReport:
    period: Period
    group: EmulationGroup
    organisation: Organisation
    today: dt.date
    # None when the unit has not started its report (no Report row yet).
    status: str | None

    @property
    def days_left(self) -> int:
        """Days until the deadline: 0 on the day itself, negative once it has passed."""
        return (self.period.closes_on - self.today).days

    @property
    def overdue(self) -> bool:
        return self.days_left < 0

    @property
    def report_name(self) -> str:
        name = _REPORT_NAMES.get(self.period.kind)
        if name is not None:
            return str(name % {"year": self.group.year})
        return _("báo cáo %(period)s năm %(year)s") % {
            "period": str(self.period.get_kind_display()).lower(),
            "year": self.group.year,
        }

    @property
    def state_text(self) -> str:
        return str(_STATE_WORDS.get(self.status, _("chưa gửi")))

    @property
    def message(self) -> str:
        """ "Còn 3 ngày đến hạn nộp báo cáo sơ kết 6 tháng năm 2026 (hạn 15/07/2026)"."""
        values = {
            "days": abs(self.days_left),
            "report": self.report_name,
            "deadline": short_date(self.period.closes_on),
        }
        if self.days_left > 0:
            return (
                ngettext(
                    "Còn %(days)s ngày đến hạn nộp %(report)s (hạn %(deadline)s)",
                    "Còn %(days)s ngày đến hạn nộp %(report)s (hạn %(deadline)s)",
                    self.days_left,
                )
                % values
            )
        if self.days_left == 0:
            return _("Hôm nay là hạn cuối nộp %(report)s (hạn %(deadline)s)") % values
        return (
            ngettext(
                "Đã quá hạn %(days)s ngày nộp %(report)s (hạn %(deadline)s)",
                "Đã quá hạn %(days)s ngày nộp %(report)s (hạn %(deadline)s)",
                -self.days_left,
            )
            % values
        )


def periods_due_soon(*, user: Any, today: dt.date) -> list[DueReport]:
    """Open periods of the groups visible to the user where the user's unit is a member, the period
    has opened, the deadline is at most `remind_days_before` days away (or has passed, while the
    period is still open), and the unit's report has not been sent. A unit with no Report row yet
    has not sent it. Ordered by deadline, then group name.

    Only unit officers (Cap.REPORT_EMULATION) send reports, so only they get reminders; "the user's
    unit" is the user's own organisation, the unit that reports.
    """
    organisation_id = getattr(user, "organisation_id", None)
    if organisation_id is None or not has_capability(user, Cap.REPORT_EMULATION):
        return []
    periods = (
        Period.objects.filter(
            pact__group__in=groups_visible_to(user=user),
            pact__group__memberships__organisation_id=organisation_id,
            closed_at__isnull=True,
            opens_on__lte=today,
        )
        .select_related("pact__group")
        .distinct()
    )
    due = [p for p in periods if (p.closes_on - today).days <= p.remind_days_before]
    if not due:
        return []
    statuses = dict(
        Report.objects.filter(period__in=due, organisation_id=organisation_id).values_list(
            "period_id", "status"
        )
    )
    organisation = Organisation.objects.get(pk=organisation_id)
    found = [
        DueReport(
            period=p, group=p.pact.group, organisation=organisation, today=today, status=statuses.get(p.pk)
        )
        for p in due
        if statuses.get(p.pk) not in SENT_STATUSES
    ]
    return sorted(found, key=lambda d: (d.period.closes_on, d.group.name, d.period.pk))


def officers_to_remind() -> QuerySet[User]:
    """Active accounts with an e-mail address and a unit, holding a role that sends reports."""
    codes = [code for code, spec in ROLES.items() if Cap.REPORT_EMULATION in spec.capabilities]
    return (
        User.objects.filter(is_active=True, organisation__isnull=False, groups__role__code__in=codes)
        .exclude(email="")
        .distinct()
        .order_by("pk")
    )


def reminder_already_sent(*, period: Period, organisation: Organisation, on: dt.date) -> bool:
    """Whether the unit was reminded of the period on that day (the audit row of the sending)."""
    return AuditEvent.objects.filter(
        action=REMINDER_SENT,
        target_type=Period._meta.label_lower,
        target_id=str(period.pk),
        changes__on=on.isoformat(),
        changes__organisation__id=organisation.pk,
    ).exists()


def language_of(user: User) -> str:
    """The language the officer chose in the admin (Wagtail's account preference), else the site's."""
    chosen = UserProfile.objects.filter(user=user).values_list("preferred_language", flat=True).first()
    supported = {code for code, _name in settings.LANGUAGES}
    return chosen if chosen in supported else settings.LANGUAGE_CODE
