"""Counting views and visits exactly (docs/portal-counting.md).

Two stores do the same job:
- RedisCounters (production, REDIS_URL set): a beacon costs one Redis round trip and no database
  write; HINCRBY keeps every increment, and the worker's flush moves the sums into the database.
- DatabaseCounters (no Redis): each beacon is one `UPDATE … SET count = count + 1` (an F expression),
  which the database applies atomically, so concurrent beacons never lose an increment.
Both answer the same questions (pending increments, who is online), so the selectors add the
database's figures and the store's pending ones without knowing which store runs.
- FallbackCounters wraps RedisCounters: while Redis is unreachable each beacon is counted by the
  database store instead, so the portal keeps serving and no view is lost (docs/reliability.md).
"""

from __future__ import annotations

import datetime as dt
import logging
import secrets
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Protocol

from django.conf import settings
from django.db import transaction
from django.db.models import F

from thidua.portal.models import OnlineVisitor, PageViewCount, VisitDay
from thidua.portal.rules.counting import ONLINE_SECONDS

if TYPE_CHECKING:
    from redis import Redis

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Hit:
    """What one beacon did: the page's count after it, the visit's token (new or the same), and
    what the statistics box needs from the store at that moment: this week's pending visits and
    the number online (read with the increments, so the beacon asks Redis nothing more)."""

    views: int | None
    token: str
    new_visit: bool
    pending_visits: dict[dt.date, int] = field(default_factory=dict)
    online: int = 0


class CounterStore(Protocol):
    def hit(
        self, *, page_id: int | None, token: str | None, day: dt.date, week: list[dt.date], now: dt.datetime
    ) -> Hit: ...
    def view(self, *, page_id: int) -> int: ...
    def visit(self, *, token: str | None, day: dt.date, now: dt.datetime) -> tuple[str, bool]: ...
    def pending_views(self, *, page_ids: Iterable[int]) -> dict[int, int]: ...
    def pending_visits(self, *, days: Iterable[dt.date]) -> dict[dt.date, int]: ...
    def online(self, *, now: dt.datetime) -> int: ...
    def flush(self) -> int: ...


def new_token() -> str:
    return secrets.token_urlsafe(16)


def _db_view_add(page_id: int, amount: int) -> None:
    # The UPDATE adds in the database, so two writers never read the same old value. The row is
    # created on the page's first view; ignore_conflicts makes two first views create it once.
    if PageViewCount.objects.filter(page_id=page_id).update(count=F("count") + amount):
        return
    PageViewCount.objects.bulk_create([PageViewCount(page_id=page_id, count=0)], ignore_conflicts=True)
    PageViewCount.objects.filter(page_id=page_id).update(count=F("count") + amount)


def _db_visit_add(day: dt.date, amount: int) -> None:
    if VisitDay.objects.filter(day=day).update(visits=F("visits") + amount):
        return
    VisitDay.objects.bulk_create([VisitDay(day=day, visits=0)], ignore_conflicts=True)
    VisitDay.objects.filter(day=day).update(visits=F("visits") + amount)


class DatabaseCounters:
    """Exact without Redis: every beacon writes, atomically."""

    def hit(
        self, *, page_id: int | None, token: str | None, day: dt.date, week: list[dt.date], now: dt.datetime
    ) -> Hit:
        token, new = self.visit(token=token, day=day, now=now)
        views = self.view(page_id=page_id) if page_id is not None else None
        return Hit(views=views, token=token, new_visit=new, online=self.online(now=now))

    def view(self, *, page_id: int) -> int:
        _db_view_add(page_id, 1)
        return PageViewCount.objects.filter(page_id=page_id).values_list("count", flat=True).get()

    def visit(self, *, token: str | None, day: dt.date, now: dt.datetime) -> tuple[str, bool]:
        new = not token
        token = token or new_token()
        if new:
            _db_visit_add(day, 1)
        # One upsert statement: the visit's last beacon, for "online now".
        OnlineVisitor.objects.bulk_create(
            [OnlineVisitor(token=token, last_seen=now)],
            update_conflicts=True,
            unique_fields=["token"],
            update_fields=["last_seen"],
        )
        return token, new

    def pending_views(self, *, page_ids: Iterable[int]) -> dict[int, int]:
        return {}

    def pending_visits(self, *, days: Iterable[dt.date]) -> dict[dt.date, int]:
        return {}

    def online(self, *, now: dt.datetime) -> int:
        return OnlineVisitor.objects.filter(last_seen__gte=now - dt.timedelta(seconds=ONLINE_SECONDS)).count()

    def flush(self) -> int:
        """Nothing is pending; forget visitors long gone so the table stays small."""
        from django.utils import timezone

        OnlineVisitor.objects.filter(last_seen__lt=timezone.now() - dt.timedelta(hours=1)).delete()
        return 0


class RedisCounters:
    """Increments in Redis hashes; flush() moves them into the database.

    The flush renames the live hash to a unique key (RENAME is atomic: a beacon lands either in the
    old hash, which this flush carries, or in the new one, which the next flush carries), adds its
    sums in one database transaction, then deletes it. A flush that fails leaves the key for the
    next one, which carries leftovers first, so no increment is lost.
    """

    def __init__(self, client: Redis, *, prefix: str = "thidua:portal") -> None:
        self.redis = client
        self.views_key = f"{prefix}:views"
        self.visits_key = f"{prefix}:visits"
        self.online_key = f"{prefix}:online"
        self.flushing_prefix = f"{prefix}:flushing:"

    def hit(
        self, *, page_id: int | None, token: str | None, day: dt.date, week: list[dt.date], now: dt.datetime
    ) -> Hit:
        """A beacon's every Redis command in one round trip: the visit (a new visit's HINCRBY, the
        ZADD and trim of the online set), the view's HINCRBY, and the reads of the statistics box
        (HMGET of this week's pending visits, ZCOUNT of the online set).

        MULTI/EXEC, not only a pipeline: each increment is atomic on its own (HINCRBY), so counts are
        exact either way; the transaction makes the figures shown one instant's, so a flush's RENAME
        cannot fall between the view's increment and the reads of the visits."""
        new = not token
        token = token or new_token()
        stamp = now.timestamp()
        wanted = [d.isoformat() for d in week]
        pipe = self.redis.pipeline(transaction=True)
        if new:
            pipe.hincrby(self.visits_key, day.isoformat(), 1)
        pipe.zadd(self.online_key, {token: stamp})
        pipe.zremrangebyscore(self.online_key, "-inf", stamp - ONLINE_SECONDS)
        if page_id is not None:
            pipe.hincrby(self.views_key, str(page_id), 1)
        if wanted:
            pipe.hmget(self.visits_key, wanted)
        pipe.zcount(self.online_key, stamp - ONLINE_SECONDS, "+inf")
        replies = pipe.execute()
        online = int(replies[-1])
        pending_visits = (
            {dt.date.fromisoformat(d): int(v) for d, v in zip(wanted, replies[-2], strict=True) if v}
            if wanted
            else {}
        )
        views = None
        if page_id is not None:
            pending = int(replies[-3] if wanted else replies[-2])
            views = self._stored_views(page_id) + pending
        return Hit(views=views, token=token, new_visit=new, pending_visits=pending_visits, online=online)

    @staticmethod
    def _stored_views(page_id: int) -> int:
        stored: int = (
            PageViewCount.objects.filter(page_id=page_id).values_list("count", flat=True).first() or 0
        )
        return stored

    def view(self, *, page_id: int) -> int:
        pending = int(self.redis.hincrby(self.views_key, str(page_id), 1))
        stored = PageViewCount.objects.filter(page_id=page_id).values_list("count", flat=True).first() or 0
        # While a flush is between its RENAME and its commit (milliseconds, once a minute) the sum
        # shown is short by that batch; the stored counts are exact either way.
        return stored + pending

    def visit(self, *, token: str | None, day: dt.date, now: dt.datetime) -> tuple[str, bool]:
        new = not token
        token = token or new_token()
        stamp = now.timestamp()
        pipe = self.redis.pipeline(transaction=False)
        if new:
            pipe.hincrby(self.visits_key, day.isoformat(), 1)
        pipe.zadd(self.online_key, {token: stamp})
        pipe.zremrangebyscore(self.online_key, "-inf", stamp - ONLINE_SECONDS)
        pipe.execute()
        return token, new

    def pending_views(self, *, page_ids: Iterable[int]) -> dict[int, int]:
        ids = [str(pid) for pid in page_ids]
        if not ids:
            return {}
        values = self.redis.hmget(self.views_key, ids)
        return {int(pid): int(v) for pid, v in zip(ids, values, strict=True) if v}

    def pending_visits(self, *, days: Iterable[dt.date]) -> dict[dt.date, int]:
        wanted = [d.isoformat() for d in days]
        if not wanted:
            return {}
        values = self.redis.hmget(self.visits_key, wanted)
        return {dt.date.fromisoformat(d): int(v) for d, v in zip(wanted, values, strict=True) if v}

    def online(self, *, now: dt.datetime) -> int:
        return int(self.redis.zcount(self.online_key, now.timestamp() - ONLINE_SECONDS, "+inf"))

    def flush(self) -> int:
        """Move the pending increments into the database; returns how many were moved."""
        moved = 0
        for kind, live in (("views", self.views_key), ("visits", self.visits_key)):
            for leftover in list(self.redis.scan_iter(match=f"{self.flushing_prefix}{kind}:*", count=100)):
                moved += self._carry(kind, leftover)
            batch = f"{self.flushing_prefix}{kind}:{uuid.uuid4().hex}"
            try:
                self.redis.rename(live, batch)
            except Exception as error:  # redis.ResponseError: no such key, nothing to flush
                if "no such key" not in str(error).lower():
                    raise
                continue
            moved += self._carry(kind, batch)
        return moved

    def _carry(self, kind: str, key: str | bytes) -> int:
        sums = {k.decode() if isinstance(k, bytes) else k: int(v) for k, v in self.redis.hgetall(key).items()}
        with transaction.atomic():
            for field, amount in sums.items():
                if kind == "views":
                    _db_view_add(int(field), amount)
                else:
                    _db_visit_add(dt.date.fromisoformat(field), amount)
        # Deleted only after the commit: a crash in between re-adds this batch once (documented).
        self.redis.delete(key)
        return sum(sums.values())


class FallbackCounters:
    """Redis first; the database when Redis does not answer (down, restarting, unreachable).

    A beacon that cannot reach Redis is counted by DatabaseCounters (its atomic UPDATE), so the count
    is exact either way. Increments already in Redis stay there and are flushed once it is back; until
    then the figures shown lack them (never the stored counts). "Online now" reads the database's
    visitors while Redis is away, which only knows the visits counted during the outage.
    """

    def __init__(self, primary: RedisCounters) -> None:
        self.primary = primary
        self.fallback = DatabaseCounters()

    @staticmethod
    def _down(error: Exception) -> None:
        logger.warning("Redis unreachable, counting in the database instead: %s", error)

    def hit(
        self, *, page_id: int | None, token: str | None, day: dt.date, week: list[dt.date], now: dt.datetime
    ) -> Hit:
        import redis

        try:
            return self.primary.hit(page_id=page_id, token=token, day=day, week=week, now=now)
        except redis.RedisError as error:
            # MULTI/EXEC: a failed transaction applied none of its increments, so counting the
            # beacon in the database counts it once.
            self._down(error)
            return self.fallback.hit(page_id=page_id, token=token, day=day, week=week, now=now)

    def view(self, *, page_id: int) -> int:
        import redis

        try:
            return self.primary.view(page_id=page_id)
        except redis.RedisError as error:
            self._down(error)
            return self.fallback.view(page_id=page_id)

    def visit(self, *, token: str | None, day: dt.date, now: dt.datetime) -> tuple[str, bool]:
        import redis

        try:
            return self.primary.visit(token=token, day=day, now=now)
        except redis.RedisError as error:
            self._down(error)
            return self.fallback.visit(token=token, day=day, now=now)

    def pending_views(self, *, page_ids: Iterable[int]) -> dict[int, int]:
        import redis

        try:
            return self.primary.pending_views(page_ids=page_ids)
        except redis.RedisError as error:
            self._down(error)
            return {}

    def pending_visits(self, *, days: Iterable[dt.date]) -> dict[dt.date, int]:
        import redis

        try:
            return self.primary.pending_visits(days=days)
        except redis.RedisError as error:
            self._down(error)
            return {}

    def online(self, *, now: dt.datetime) -> int:
        import redis

        try:
            return self.primary.online(now=now)
        except redis.RedisError as error:
            self._down(error)
            return self.fallback.online(now=now)

    def flush(self) -> int:
        import redis

        try:
            return self.primary.flush()
        except redis.RedisError as error:
            # The batch stays in Redis (renamed or not) and the next flush carries it.
            self._down(error)
            return self.fallback.flush()


@cache
def _redis_client(url: str) -> Redis:
    import redis

    # Short timeouts: a Redis that does not answer must cost a beacon a second, not a hung worker.
    return redis.Redis.from_url(url, socket_connect_timeout=1, socket_timeout=1)


def counter_store() -> CounterStore:
    """The store the settings choose: Redis when REDIS_URL is set (falling back to the database while
    it is unreachable), the database otherwise."""
    url = getattr(settings, "PORTAL_COUNTERS_REDIS_URL", None)
    if url:
        return FallbackCounters(RedisCounters(_redis_client(url)))
    return DatabaseCounters()


def page_hit(*, store: CounterStore, page_id: int | None, token: str | None, now: dt.datetime) -> Hit:
    """Count one reader's view of a page (or only the visit, for a page without a counter), and read
    what the statistics box needs from the store (selectors.stats.visitor_stats(hit=...))."""
    from thidua.portal.rules.counting import vietnam_day, week_days

    day = vietnam_day(now)
    return store.hit(page_id=page_id, token=token, day=day, week=week_days(day), now=now)


def counters_flush(*, store: CounterStore | None = None) -> int:
    """The worker's periodic step: pending increments into the database."""
    return (store or counter_store()).flush()
