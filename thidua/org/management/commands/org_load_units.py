"""`thidua org_load_units`: load the administrative units and their 2025 lineage from vietnamadminunits.

Parsing is done by the pure functions of thidua.org.units_loader; writing by the adminunits_load
service, in one transaction. Running it again changes nothing and says so.
"""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.org.models import AdminUnit
from thidua.org.services.units import LoadCounts, LoadReport, adminunits_load
from thidua.org.units_loader import build_dataset, read_package_data

_LEVEL_NAMES = {
    AdminUnit.Level.PROVINCE: gettext_lazy("Tỉnh, thành phố"),
    AdminUnit.Level.DISTRICT: gettext_lazy("Huyện, quận, thị xã"),
    AdminUnit.Level.COMMUNE: gettext_lazy("Xã, phường, thị trấn, đặc khu"),
}


class Command(BaseCommand):
    @property
    def help(self) -> str:  # type: ignore[override]
        # A property, not a lazy string: argparse needs a real str for the description.
        return _(
            "Nạp đơn vị hành chính (63 tỉnh cũ với huyện, xã; 34 tỉnh và 3.321 xã, phường, đặc khu hiện hành) "
            "và lịch sử sắp xếp từ gói vietnamadminunits. Chạy lại không thay đổi gì."
        )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--province",
            action="append",
            dest="provinces",
            # Translators: placeholder of the --province option in the command's help ("code").
            metavar=_("MÃ"),
            help=_(
                "Chỉ nạp tỉnh, thành phố hiện hành có mã này (ví dụ 86) và các đơn vị cũ đã hợp thành nó. "
                "Có thể lặp lại."
            ),
        )
        parser.add_argument("--batch-size", type=int, default=1000, help=_("Số dòng mỗi lệnh ghi hàng loạt."))

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        raw = read_package_data()
        try:
            dataset = build_dataset(raw, provinces=options["provinces"])
        except ValueError as error:
            raise CommandError(str(error)) from error
        report = adminunits_load(actor=None, dataset=dataset, batch_size=options["batch_size"])
        elapsed = time.perf_counter() - started
        self._print(report, elapsed)

    def _print(self, report: LoadReport, elapsed: float) -> None:
        write = self.stdout.write
        write(_("Nguồn: %(source)s") % {"source": report.source})
        for level, counts in report.units.items():
            write(f"  {_LEVEL_NAMES[level]!s:<30} {self._counts(counts)}")
        lineage = _("Quan hệ sắp xếp")
        write(f"  {lineage:<30} {self._counts(report.lineage)}")
        if report.changed:
            write(self.style.SUCCESS(_("Đã nạp xong trong %(seconds).1f giây.") % {"seconds": elapsed}))
        else:
            write(
                self.style.SUCCESS(
                    _("Không có thay đổi: dữ liệu đã khớp với %(source)s (%(seconds).1f giây).")
                    % {"source": report.source, "seconds": elapsed}
                )
            )

    @staticmethod
    def _counts(counts: LoadCounts) -> str:
        return _(
            "tổng %(total)6d: thêm mới %(created)6d, cập nhật %(updated)6d, không đổi %(unchanged)6d"
        ) % {
            "total": counts.total,
            "created": counts.created,
            "updated": counts.updated,
            "unchanged": counts.unchanged,
        }
