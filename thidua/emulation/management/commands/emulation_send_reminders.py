"""E-mail each unit officer whose unit's report is due soon: `thidua emulation_send_reminders`.

Meant to run once a day (cron or a systemd timer). Who is due comes from periods_due_soon(), the
selector behind the dashboard panel, so the e-mail and the screen agree; only deadlines still ahead
(today included) are e-mailed, an overdue report shows on the dashboard only.

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
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import QuerySet
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from wagtail.users.models import UserProfile

from thidua.accounts.models import User
from thidua.accounts.roles import ROLES, Cap
from thidua.core.audit import audit_record
from thidua.core.formatting import short_date
from thidua.core.models import AuditEvent
from thidua.emulation.models import Period
from thidua.emulation.selectors.reminders import DueReport, periods_due_soon

ACTION = "emulation.reminder.sent"


@dataclass
class Outcome:
    sent: list[tuple[DueReport, list[str]]] = field(default_factory=list)
    already_sent: list[DueReport] = field(default_factory=list)
    failed: list[tuple[DueReport, str]] = field(default_factory=list)


def officers_to_remind() -> QuerySet[User]:
    """Active accounts with an e-mail address and a unit, holding a role that sends reports."""
    codes = [code for code, spec in ROLES.items() if Cap.REPORT_EMULATION in spec.capabilities]
    return (
        User.objects.filter(is_active=True, organisation__isnull=False, groups__role__code__in=codes)
        .exclude(email="")
        .distinct()
        .order_by("pk")
    )


def already_sent(*, due: DueReport, on: dt.date) -> bool:
    return AuditEvent.objects.filter(
        action=ACTION,
        target_type=Period._meta.label_lower,
        target_id=str(due.period.pk),
        changes__on=on.isoformat(),
        changes__organisation__id=due.organisation.pk,
    ).exists()


def _report_path(due: DueReport) -> str:
    """The unit's report screen; the admin's home if the report screens are not installed."""
    try:
        return reverse("emulation_report_grid", args=[due.period.pk])
    except NoReverseMatch:
        return reverse("wagtailadmin_home")


def language_of(user: User) -> str:
    """The language the officer chose in the admin (Wagtail's account preference), else the site's."""
    chosen = UserProfile.objects.filter(user=user).values_list("preferred_language", flat=True).first()
    supported = {code for code, _name in settings.LANGUAGES}
    return chosen if chosen in supported else settings.LANGUAGE_CODE


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
                _("Xin đăng nhập để hoàn thành và gửi báo cáo:"),
                f"{settings.SITE_URL.rstrip('/')}{_report_path(due)}",
                "",
                _("Thư này được gửi tự động từ phần mềm Thi đua – Khen thưởng; xin không trả lời thư này."),
            ]
        )
    return EmailMessage(subject=subject, body=body, to=[user.email])


def reminders_send(*, today: dt.date, dry_run: bool = False) -> Outcome:
    """Send today's reminders; see the module docstring. With dry_run, send and record nothing."""
    batches: dict[tuple[int, int], tuple[DueReport, list[User]]] = {}
    for user in officers_to_remind():
        for due in periods_due_soon(user=user, today=today):
            if due.overdue:
                continue
            key = (due.period.pk, due.organisation.pk)
            batches.setdefault(key, (due, []))[1].append(user)

    outcome = Outcome()
    for _key, (due, users) in sorted(batches.items()):
        try:
            with transaction.atomic():
                Period.objects.select_for_update().get(pk=due.period.pk)
                if already_sent(due=due, on=today):
                    outcome.already_sent.append(due)
                    continue
                if not dry_run:
                    for user in users:
                        _email(due, user).send()
                    audit_record(
                        actor=None,
                        action=ACTION,
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


class Command(BaseCommand):
    @property
    def help(self) -> str:  # type: ignore[override]
        # A property, not a lazy string: argparse needs a real str for the description.
        return _(
            "Gửi e-mail nhắc hạn nộp báo cáo cho cán bộ các đơn vị chưa gửi báo cáo (mỗi kỳ, mỗi ngày một lần)."
        )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--date", help=_("Ngày chạy, dạng YYYY-MM-DD (mặc định: hôm nay)."))
        parser.add_argument(
            "--dry-run", action="store_true", help=_("Chỉ liệt kê, không gửi và không ghi nhận.")
        )

    def handle(self, *args: Any, date: str | None = None, dry_run: bool = False, **options: Any) -> None:
        try:
            today = dt.date.fromisoformat(date) if date else timezone.localdate()
        except ValueError:
            raise CommandError(
                _("Ngày không hợp lệ: %(date)s (cần dạng YYYY-MM-DD).") % {"date": repr(date)}
            ) from None
        outcome = reminders_send(today=today, dry_run=dry_run)
        line = (
            _("Sẽ gửi: %(unit)s – %(message)s – %(recipients)s")
            if dry_run
            else _("Đã gửi: %(unit)s – %(message)s – %(recipients)s")
        )
        for due, recipients in outcome.sent:
            self.stdout.write(
                line
                % {"unit": due.organisation.name, "message": due.message, "recipients": ", ".join(recipients)}
            )
        for due in outcome.already_sent:
            self.stdout.write(
                _("Đã nhắc hôm nay, bỏ qua: %(unit)s – %(report)s")
                % {"unit": due.organisation.name, "report": due.report_name}
            )
        for due, error in outcome.failed:
            self.stderr.write(
                _("Lỗi gửi thư: %(unit)s – %(report)s: %(error)s")
                % {"unit": due.organisation.name, "report": due.report_name, "error": error}
            )
        self.stdout.write(
            _("Ngày %(day)s: %(sent)s lượt nhắc, %(already)s đã nhắc trước đó, %(failed)s lỗi.")
            % {
                "day": short_date(today),
                "sent": len(outcome.sent),
                "already": len(outcome.already_sent),
                "failed": len(outcome.failed),
            }
        )
        if outcome.failed:
            raise CommandError(_("Có thư nhắc chưa gửi được; lần chạy sau sẽ gửi lại."))
