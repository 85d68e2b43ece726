"""Reads of the counters: a page's views and the visitor statistics box."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q, Sum
from django.utils import timezone

from thidua.portal.models import PageViewCount, VisitDay
from thidua.portal.rules.counting import vietnam_day, week_days, week_start
from thidua.portal.services.counters import CounterStore, Hit, counter_store


@dataclass(frozen=True)
class VisitorStats:
    online: int
    today: int
    week: int
    total: int


def page_views(*, page_id: int, store: CounterStore | None = None) -> int:
    """The page's views: stored in the database plus what Redis holds until the next flush."""
    store = store or counter_store()
    stored = PageViewCount.objects.filter(page_id=page_id).values_list("count", flat=True).first() or 0
    return stored + store.pending_views(page_ids=[page_id]).get(page_id, 0)


def page_views_many(*, page_ids: list[int], store: CounterStore | None = None) -> dict[int, int]:
    store = store or counter_store()
    counts = dict(PageViewCount.objects.filter(page_id__in=page_ids).values_list("page_id", "count"))
    for pid, pending in store.pending_views(page_ids=page_ids).items():
        counts[pid] = counts.get(pid, 0) + pending
    return counts


def visitor_stats(
    *,
    visits_before: int = 0,
    now: dt.datetime | None = None,
    store: CounterStore | None = None,
    hit: Hit | None = None,
) -> VisitorStats:
    """Online now (last 5 minutes), today, this week from Monday and all time, in Việt Nam's calendar.

    One aggregate query over the daily rows, plus the store's pending increments of this week and
    who is online: read from the store, or taken from `hit` when a beacon has just read them with its
    increments (the beacon's one Redis round trip; `now` must then be the hit's)."""
    store = store or counter_store()
    now = now or timezone.now()
    today = vietnam_day(now)
    monday = week_start(today)
    sums = VisitDay.objects.aggregate(
        total=Sum("visits"),
        week=Sum("visits", filter=Q(day__gte=monday, day__lte=today)),
        today=Sum("visits", filter=Q(day=today)),
    )
    pending = hit.pending_visits if hit is not None else store.pending_visits(days=week_days(today))
    pending_week = sum(pending.values())
    return VisitorStats(
        online=hit.online if hit is not None else store.online(now=now),
        today=(sums["today"] or 0) + pending.get(today, 0),
        week=(sums["week"] or 0) + pending_week,
        # Pending increments are only ever of today (a flush a minute), so this week's cover them.
        total=visits_before + (sums["total"] or 0) + pending_week,
    )
