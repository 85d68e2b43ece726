"""The demo's story clock: the time the story's steps happened, for every timestamp they write.

The services and the models take the time from django.utils.timezone.now(): replayed in 2026, a
story of 2023 would say it was signed, reported on and locked on the day the demo was loaded (#17).
The loaders therefore run each step at its date in the story; each call advances a second, so the
order of the audit rows stays the order of the steps.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator
from contextlib import contextmanager
from unittest import mock
from zoneinfo import ZoneInfo

from django.utils import timezone

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")


class StoryClock:
    def __init__(self) -> None:
        self._base = dt.datetime(2023, 1, 1, tzinfo=VIETNAM)
        self._ticks = itertools.count()

    def at(self, year: int, month: int, day: int, hour: int = 8, minute: int = 0) -> None:
        self._base = dt.datetime(year, month, day, hour, minute, tzinfo=VIETNAM)
        self._ticks = itertools.count()

    def on(self, day: dt.date, hour: int = 8) -> None:
        self.at(day.year, day.month, day.day, hour)

    def now(self) -> dt.datetime:
        return (self._base + dt.timedelta(seconds=next(self._ticks))).astimezone(dt.UTC)


@contextmanager
def story_clock() -> Iterator[StoryClock]:
    """Patch timezone.now (and so timezone.localdate) to the clock for the block's duration."""
    clock = StoryClock()
    with mock.patch.object(timezone, "now", clock.now):
        yield clock
