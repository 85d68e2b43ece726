"""`thidua jobs_reap`: mark failed the background jobs whose worker died mid-way (thidua.core.jobs)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from thidua.core.jobs import job_reap_stale


class Command(BaseCommand):
    @property
    def help(self) -> str:  # type: ignore[override]
        # A property, not a lazy string: argparse needs a real str for the description.
        return _(
            "Đánh dấu thất bại các tác vụ nền đang chạy mà không có tiến triển quá số phút cho trước (tiến trình "
            "chạy nền đã bị dừng đột ngột), để người theo dõi biết và chạy lại. Chạy định kỳ (cron), và với "
            "--minutes 0 trước khi khởi động tiến trình chạy nền duy nhất."
        )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--minutes",
            type=int,
            default=120,
            help=_(
                "Số phút không có tiến triển để coi là đã dừng (mặc định 120; phải dài hơn tác vụ lâu nhất). "
                "0: mọi tác vụ đang chạy, chỉ dùng khi không còn tiến trình chạy nền nào."
            ),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        counts = job_reap_stale(older_than=dt.timedelta(minutes=max(0, options["minutes"])))
        self.stdout.write(
            _("Đã đánh dấu thất bại %(jobs)s tác vụ có thanh tiến độ và %(tasks)s tác vụ trong hàng đợi.")
            % counts
        )
