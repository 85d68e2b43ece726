"""E-mail each unit officer whose unit's report is due soon: `thidua emulation_send_reminders`.

Meant to run once a day (cron or a systemd timer). A thin wrapper: the sending, its once-a-day record
and its retry rules are thidua/emulation/services/reminders.py (reminders_send); this parses the day,
runs it as the system (no acting user) and prints what happened.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core.formatting import short_date
from thidua.emulation.services.reminders import reminders_send


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
        # The scheduled run has no acting user: the audit log records it as the system.
        outcome = reminders_send(actor=None, today=today, dry_run=dry_run)
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
