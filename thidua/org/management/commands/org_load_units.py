"""`thidua org_load_units`: load the administrative units and their 2025 lineage from vietnamadminunits.

Parsing is done by the pure functions of thidua.org.units_loader; writing by the adminunits_load
service, in one transaction. Running it again changes nothing and says so.
"""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from thidua.org.models import AdminUnit
from thidua.org.services.units import LoadCounts, LoadReport, adminunits_load
from thidua.org.units_loader import build_dataset, read_package_data

_LEVEL_NAMES = {
    AdminUnit.Level.PROVINCE: "Tỉnh, thành phố",
    AdminUnit.Level.DISTRICT: "Huyện, quận, thị xã",
    AdminUnit.Level.COMMUNE: "Xã, phường, thị trấn, đặc khu",
}


class Command(BaseCommand):
    help = (
        "Nạp đơn vị hành chính (63 tỉnh cũ với huyện, xã; 34 tỉnh và 3.321 xã, phường, đặc khu hiện hành) "
        "và lịch sử sắp xếp từ gói vietnamadminunits. Chạy lại không thay đổi gì."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--province",
            action="append",
            dest="provinces",
            metavar="MÃ",
            help="Chỉ nạp tỉnh, thành phố hiện hành có mã này (ví dụ 86) và các đơn vị cũ đã hợp thành nó. "
            "Có thể lặp lại.",
        )
        parser.add_argument("--batch-size", type=int, default=1000, help="Số dòng mỗi lệnh ghi hàng loạt.")

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
        write(f"Nguồn: {report.source}")
        for level, counts in report.units.items():
            write(f"  {_LEVEL_NAMES[level]:<30} {self._counts(counts)}")
        write(f"  {'Quan hệ sắp xếp':<30} {self._counts(report.lineage)}")
        if report.changed:
            write(self.style.SUCCESS(f"Đã nạp xong trong {elapsed:.1f} giây."))
        else:
            write(
                self.style.SUCCESS(
                    f"Không có thay đổi: dữ liệu đã khớp với {report.source} ({elapsed:.1f} giây)."
                )
            )

    @staticmethod
    def _counts(counts: LoadCounts) -> str:
        return (
            f"tổng {counts.total:>6}: thêm mới {counts.created:>6}, cập nhật {counts.updated:>6}, "
            f"không đổi {counts.unchanged:>6}"
        )
