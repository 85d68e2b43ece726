"""`thidua portal_schedule`: start the portal's periodic tick (counter flush, scheduled publishing)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from thidua.portal.tasks import portal_tick_schedule


class Command(BaseCommand):
    help = "Xếp lịch việc định kỳ của cổng thông tin (ghi lượt xem, đăng bài hẹn giờ) / schedule the portal's tick"

    def handle(self, *args: Any, **options: Any) -> None:
        queued = portal_tick_schedule()
        if options["verbosity"]:
            self.stdout.write("đã xếp lịch / queued" if queued else "đã có trong hàng đợi / already queued")
