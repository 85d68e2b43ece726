"""Reminding unit officers by e-mail that their unit's report is due soon.

Who is due comes from periods_due_soon(), the selector behind the dashboard panel, so the e-mail and
the screen agree. Deadlines still ahead (today included) are e-mailed every day of the period's window;
an overdue report, while the period is open, on the first day late and then every
EMULATION_OVERDUE_EVERY_DAYS days (rules/reminders.py; 0 leaves it to the dashboard). The command `thidua emulation_send_reminders` (run once a day by cron or a
systemd timer) is a thin wrapper around reminders_send().

Each (period, unit) is reminded at most once a day. What was sent is recorded as an AuditEvent
("emulation.reminder.sent", target the period, with the day, the unit and the recipients), written
in the same transaction as the sending, while the period's row is locked: a second run the same day
finds the record and sends nothing, and two runs at once do not both send. If the mail server
refuses, the transaction rolls back, nothing is recorded, and the next run tries again.
"""

from __future__ import annotations

import datetime as dt
import smtplib
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.translation import gettext as _

from thidua.accounts.models import User
from thidua.core.audit import audit_record
from thidua.emulation.models import Period
from thidua.emulation.rules.reminders import reminder_due
from thidua.emulation.selectors.reminders import (
    REMINDER_SENT,
    DueReport,
    language_of,
    officers_to_remind,
    periods_due_soon,
    reminder_already_sent,
)


@dataclass
class Outcome:
    """What one run did: reminders sent (with the recipients' usernames), skipped, and failed."""

    sent: list[tuple[DueReport, list[str]]] = field(default_factory=list)
    already_sent: list[DueReport] = field(default_factory=list)
    failed: list[tuple[DueReport, str]] = field(default_factory=list)


def _report_path(due: DueReport) -> str:
    """The unit's report screen; the admin's home if the report screens are not installed."""
    try:
        return reverse("emulation_report_grid", args=[due.period.pk])
    except NoReverseMatch:
        return reverse("wagtailadmin_home")


def _site_url() -> str:
    # settings.SITE_URL always has a value (it defaults to the local server); typed str | None by env.str.
    return str(settings.SITE_URL).rstrip("/")


def _email(due: DueReport, user: User) -> EmailMessage:
    """The reminder, written in the recipient's language."""
    with translation.override(language_of(user)):
        message = due.message
        subject = _("Nhắc hạn: %(message)s – %(group)s") % {
            "message": f"{message[0].lower()}{message[1:]}",
            "group": due.group.name,
        }
        body = "\n".join(
            [
                _("Kính gửi %(name)s,") % {"name": user.get_full_name() or user.get_username()},
                "",
                f"{due.group.name}: {message}.",
                _("Báo cáo của %(unit)s hiện %(state)s.")
                % {"unit": due.organisation.name, "state": due.state_text},
                "",
                _(
                    "Xin hoàn thành và gửi báo cáo ngay; đơn vị cụm trưởng, khối trưởng cũng thấy báo cáo quá hạn trên trang chủ quản trị."
                )
                if due.overdue
                else _("Xin đăng nhập để hoàn thành và gửi báo cáo:"),
                f"{_site_url()}{_report_path(due)}",
                "",
                _("Thư này được gửi tự động từ phần mềm Thi đua – Khen thưởng; xin không trả lời thư này."),
            ]
        )
    return EmailMessage(subject=subject, body=body, to=[user.email])


def reminders_send(*, actor: User | None, today: dt.date, dry_run: bool = False) -> Outcome:
    """Send today's reminders; see the module docstring. With dry_run, send and record nothing.

    `actor` is who runs the reminders for the audit row; None for the scheduled run, which the audit
    log names "hệ thống" like the other system actions (the unit register load, the demo load).
    """
    batches: dict[tuple[int, int], tuple[DueReport, list[User]]] = {}
    for user in officers_to_remind():
        for due in periods_due_soon(user=user, today=today):
            if not reminder_due(days_left=due.days_left, overdue_every=settings.EMULATION_OVERDUE_EVERY_DAYS):
                continue
            key = (due.period.pk, due.organisation.pk)
            batches.setdefault(key, (due, []))[1].append(user)

    outcome = Outcome()
    for _key, (due, users) in sorted(batches.items()):
        try:
            # One transaction per (period, unit), never nested in a caller's: the mail goes out while
            # the period row is locked and before the record commits, so a refusal by the mail
            # server rolls the record back (and only that unit's), and the next run retries it.
            # Mailing after commit (on_commit) would instead lose the retry.
            with transaction.atomic(durable=True):
                Period.objects.select_for_update().get(pk=due.period.pk)
                if reminder_already_sent(period=due.period, organisation=due.organisation, on=today):
                    outcome.already_sent.append(due)
                    continue
                if not dry_run:
                    for user in users:
                        _email(due, user).send()
                    audit_record(
                        actor=actor,
                        action=REMINDER_SENT,
                        target=due.period,
                        changes={
                            "on": today.isoformat(),
                            "organisation": due.organisation,
                            "days_left": due.days_left,
                            "recipients": [u.get_username() for u in users],
                        },
                    )
                outcome.sent.append((due, [u.get_username() for u in users]))
        except (smtplib.SMTPException, OSError) as error:
            outcome.failed.append((due, str(error)))
    return outcome
