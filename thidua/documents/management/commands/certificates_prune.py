"""`thidua certificates_prune`: remove the stored files of certificates print jobs finished more than
CERTIFICATES_KEEP_DAYS days ago (thidua.documents.services.certificates.certificates_files_prune)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from thidua.documents.services.certificates import certificates_files_prune


class Command(BaseCommand):
    @property
    def help(self) -> str:  # type: ignore[override]
        # A property, not a lazy string: argparse needs a real str for the description.
        return _(
            "Xoá tệp bằng khen, giấy khen đã in chạy nền của các tác vụ đã xong quá số ngày lưu giữ "
            "(CERTIFICATES_KEEP_DAYS), để kho tệp riêng không đầy dần; quyết định nào cũng in lại được. "
            "Chạy định kỳ (cron), cùng với jobs_reap."
        )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help=_("Số ngày lưu giữ (mặc định: CERTIFICATES_KEEP_DAYS, %(days)s ngày).")
            % {"days": settings.CERTIFICATES_KEEP_DAYS},
        )

    def handle(self, *args: Any, **options: Any) -> None:
        days = options["days"] if options["days"] is not None else settings.CERTIFICATES_KEEP_DAYS
        # The command acts as the system: the audit rows say «hệ thống».
        removed = certificates_files_prune(actor=None, older_than=dt.timedelta(days=max(1, days)))
        self.stdout.write(_("Đã xoá %(count)s tệp bằng khen đã in quá hạn lưu giữ.") % {"count": removed})
