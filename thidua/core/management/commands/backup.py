"""`thidua backup [TỆP]`: one archive of the database and the stored files (thidua.core.backup)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from thidua.core.backup import BackupError, archive_default_name, backup_create


class Command(BaseCommand):
    @property
    def help(self) -> str:  # type: ignore[override]
        # A property, not a lazy string: argparse needs a real str for the description.
        return _(
            "Sao lưu cơ sở dữ liệu và các tệp đã tải lên (ảnh, tài liệu, minh chứng) vào một tệp .tar.gz "
            "có manifest và mã kiểm tra SHA-256. Chạy được khi máy chủ đang hoạt động."
        )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "archive",
            nargs="?",
            # Translators: placeholder of the archive argument in the command's help ("file").
            metavar=_("TỆP"),
            help=_(
                "Tệp sao lưu sẽ ghi (.tar.gz hoặc .tar). Mặc định: var/backups/thidua-<ngày>-<giờ>.tar.gz"
            ),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        target = Path(options["archive"] or Path(settings.VAR_DIR) / "backups" / archive_default_name())
        if target.exists():
            raise CommandError(_("Tệp %(path)s đã có; hãy chọn tên khác.") % {"path": target})
        try:
            manifest = backup_create(path=target)
        except BackupError as error:
            raise CommandError(str(error)) from error
        counts = ", ".join(f"{alias}: {count}" for alias, count in manifest["file_counts"].items())
        self.stdout.write(
            _("Đã sao lưu vào %(path)s (%(size)s byte): cơ sở dữ liệu %(vendor)s, tệp %(counts)s.")
            % {
                "path": target,
                "size": f"{target.stat().st_size:,}".replace(",", "."),
                "vendor": manifest["database"]["vendor"],
                "counts": counts or "0",
            }
        )
