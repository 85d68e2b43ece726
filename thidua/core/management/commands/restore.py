"""`thidua restore TỆP --yes`: replace the database and the stored files with an archive's, then migrate."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from thidua.core.backup import BackupError, backup_inspect, backup_restore

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    @property
    def help(self) -> str:  # type: ignore[override]
        return _(
            "Khôi phục cơ sở dữ liệu và các tệp từ một bản sao lưu của lệnh backup, rồi cập nhật cơ sở dữ liệu "
            "(migrate) nếu bản sao lưu là của phiên bản cũ hơn. THAY THẾ toàn bộ dữ liệu hiện có: hãy dừng "
            "máy chủ web và tiến trình chạy nền trước."
        )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archive", metavar=_("TỆP"), help=_("Tệp sao lưu (.tar.gz hoặc .tar)."))
        parser.add_argument(
            "--yes", action="store_true", help=_("Không hỏi lại: đồng ý thay thế toàn bộ dữ liệu hiện có.")
        )
        parser.add_argument(
            "--noinput",
            "--no-input",
            action="store_false",
            dest="interactive",
            help=_("Không hỏi gì; khi thiếu --yes thì dừng mà không thay đổi gì."),
        )
        parser.add_argument(
            "--check", action="store_true", help=_("Chỉ kiểm tra tệp sao lưu (mã kiểm tra), không khôi phục.")
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["archive"])
        try:
            manifest = backup_inspect(path)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            _(
                "Tệp sao lưu hợp lệ: tạo lúc %(created)s, phiên bản %(version)s, cơ sở dữ liệu %(vendor)s, %(count)s tệp."
            )
            % {
                "created": manifest.get("created_at"),
                "version": manifest.get("app_version"),
                "vendor": manifest["database"]["vendor"],
                "count": len(manifest["members"]) - 1,
            }
        )
        if options["check"]:
            return
        if not options["yes"]:
            if not options["interactive"] or not self.stdin_isatty():
                raise CommandError(
                    _("Khôi phục sẽ thay thế toàn bộ dữ liệu hiện có. Thêm --yes để xác nhận.")
                )
            answer = input(_("Khôi phục sẽ THAY THẾ toàn bộ dữ liệu hiện có. Gõ «co» để tiếp tục: "))
            if answer.strip().lower() not in ("co", "có"):
                raise CommandError(_("Đã hủy, không thay đổi gì."))
        logger.warning("Restoring the database and the stored files from %s", path)
        try:
            report = backup_restore(path=path)
        except BackupError as error:
            raise CommandError(str(error)) from error
        applied = ", ".join(report.migrations_applied) or _("không có")
        counts = ", ".join(f"{alias}: {count}" for alias, count in report.files.items())
        self.stdout.write(
            _("Đã khôi phục từ %(path)s. Tệp: %(counts)s. Bước cập nhật cơ sở dữ liệu đã chạy: %(applied)s.")
            % {"path": path, "counts": counts, "applied": applied}
        )

    @staticmethod
    def stdin_isatty() -> bool:
        import sys

        return sys.stdin.isatty()
