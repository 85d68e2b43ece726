"""Views and visits are counted exactly: no increment lost under concurrency, on the database store
(SQLite, PostgreSQL) and on Redis; bots and prefetches are not counted; the statistics box's days
are Việt Nam's."""

from __future__ import annotations

import datetime as dt
import threading
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.db import connection, connections
from django.test import Client

from tests.portal import builders
from thidua.portal.models import PageViewCount, VisitDay
from thidua.portal.rules.counting import is_bot, is_prefetch, vietnam_day, week_start
from thidua.portal.selectors.stats import page_views, visitor_stats
from thidua.portal.services.counters import DatabaseCounters, RedisCounters, page_hit

REDIS_URL = "redis://127.0.0.1:6379/15"
BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36"
NOW = dt.datetime(2026, 12, 7, 1, 0, tzinfo=dt.UTC)  # 08:00 Monday in Việt Nam


def _redis_store() -> Iterator[RedisCounters]:
    redis = pytest.importorskip("redis")
    client = redis.Redis.from_url(REDIS_URL)
    try:
        client.ping()
    except redis.ConnectionError:
        pytest.skip("Redis is not running on 127.0.0.1:6379")
    prefix = f"test:{uuid.uuid4().hex}"
    yield RedisCounters(client, prefix=prefix)
    for key in client.scan_iter(match=f"{prefix}:*"):
        client.delete(key)


@pytest.fixture
def redis_store() -> Iterator[RedisCounters]:
    yield from _redis_store()


def _hammer(n_threads: int, per_thread: int, hit: Callable[[], None]) -> None:
    barrier = threading.Barrier(n_threads)
    errors: list[BaseException] = []

    def run() -> None:
        try:
            barrier.wait(timeout=30)
            for _ in range(per_thread):
                hit()
        except BaseException as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(n_threads)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []


# --- Rules ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("agent", "bot"),
    [
        (BROWSER, False),
        ("", True),
        ("Googlebot/2.1 (+http://www.google.com/bot.html)", True),
        ("Mozilla/5.0 (compatible; bingbot/2.0)", True),
        ("facebookexternalhit/1.1", True),
        ("curl/8.5.0", True),
        ("python-requests/2.32", True),
        ("Zalo link preview", True),
        # Automated browsers (rules/counting.py says what each sends).
        (
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
            "HeadlessChrome/156.0.0.0 Safari/537.36",
            True,
        ),
        (
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
            "HeadlessChrome/120.0.6099.28 Safari/537.36",
            True,
        ),
        (
            "Mozilla/5.0 (Linux; Android 11; moto g power (2022)) AppleWebKit/537.36 (KHTML, like Gecko) "
            "Chrome/125.0.0.0 Mobile Safari/537.36 Chrome-Lighthouse",
            True,
        ),
        (
            "Mozilla/5.0 (Unknown; Linux x86_64) AppleWebKit/538.1 (KHTML, like Gecko) PhantomJS/2.1.1 Safari/538.1",
            True,
        ),
        ("Mozilla/5.0 (X11; Linux x86_64; rv:60.0) Gecko/20100101 SlimerJS/1.0.0", True),
        ("Mozilla/5.0 (linux) AppleWebKit/537.36 (KHTML, like Gecko) jsdom/24.0.0", True),
        # Readers' browsers, phone and desktop: never refused.
        (
            "Mozilla/5.0 (Linux; Android 14; SM-A155F) AppleWebKit/537.36 (KHTML, like Gecko) "
            "Chrome/131.0.0.0 Mobile Safari/537.36",
            False,
        ),
        (
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
            "Version/17.5 Mobile/15E148 Safari/604.1",
            False,
        ),
        ("Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0", False),
        (
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
            "Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0",
            False,
        ),
        (
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
            "coc_coc_browser/136.0.0 Chrome/130.0.0.0 Safari/537.36",
            False,
        ),
    ],
)
def test_bots_are_known_by_their_user_agent(agent: str, bot: bool) -> None:
    assert is_bot(agent) is bot


def test_prefetches_are_not_views() -> None:
    assert is_prefetch({"Sec-Purpose": "prefetch;prerender"})
    assert is_prefetch({"Purpose": "prefetch"})
    assert not is_prefetch({"Accept": "*/*"})


def test_days_and_weeks_are_vietnams() -> None:
    # 23:30 UTC on Sunday 06/12/2026 is 06:30 Monday 07/12 in Việt Nam.
    assert vietnam_day(dt.datetime(2026, 12, 6, 23, 30, tzinfo=dt.UTC)) == dt.date(2026, 12, 7)
    assert week_start(dt.date(2026, 12, 13)) == dt.date(2026, 12, 7)
    assert week_start(dt.date(2026, 12, 7)) == dt.date(2026, 12, 7)


# --- Stores -------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_database_store_counts_views_and_visits() -> None:
    page = builders.article(builders.section(), "Bài")
    store = DatabaseCounters()
    first = page_hit(store=store, page_id=page.pk, token=None, now=NOW)
    again = page_hit(store=store, page_id=page.pk, token=first.token, now=NOW)
    assert (first.views, again.views) == (1, 2)
    assert first.new_visit and not again.new_visit
    stats = visitor_stats(visits_before=100, now=NOW, store=store)
    assert (stats.online, stats.today, stats.week, stats.total) == (1, 1, 1, 101)


@pytest.mark.django_db
def test_statistics_days_week_and_online_window() -> None:
    store = DatabaseCounters()
    today = vietnam_day(NOW)  # Monday 07/12/2026
    VisitDay.objects.create(day=today - dt.timedelta(days=1), visits=50)  # Sunday: last week
    VisitDay.objects.create(day=today, visits=7)
    page_hit(store=store, page_id=None, token=None, now=NOW - dt.timedelta(minutes=6))  # gone
    page_hit(store=store, page_id=None, token=None, now=NOW - dt.timedelta(minutes=4))
    stats = visitor_stats(now=NOW, store=store)
    assert stats.online == 1
    assert stats.today == 9
    assert stats.week == 9
    assert stats.total == 59
    later = visitor_stats(now=NOW + dt.timedelta(days=3), store=store)
    assert (later.today, later.week) == (0, 9)


@pytest.mark.django_db
def test_redis_store_counts_without_writing_then_flushes(redis_store: RedisCounters) -> None:
    page = builders.article(builders.section(), "Bài")
    PageViewCount.objects.create(page=page, count=1129)
    hit = page_hit(store=redis_store, page_id=page.pk, token=None, now=NOW)
    assert hit.views == 1130
    assert PageViewCount.objects.get(page=page).count == 1129  # nothing written yet
    assert page_views(page_id=page.pk, store=redis_store) == 1130
    assert visitor_stats(now=NOW, store=redis_store).today == 1
    assert redis_store.flush() == 2  # one view, one visit
    assert PageViewCount.objects.get(page=page).count == 1130
    assert VisitDay.objects.get(day=vietnam_day(NOW)).visits == 1
    assert page_views(page_id=page.pk, store=redis_store) == 1130
    assert redis_store.flush() == 0


@pytest.mark.django_db
def test_redis_flush_carries_a_batch_left_by_a_failed_flush(redis_store: RedisCounters) -> None:
    page = builders.article(builders.section(), "Bài")
    redis_store.redis.hset(f"{redis_store.flushing_prefix}views:dead", str(page.pk), 5)
    page_hit(store=redis_store, page_id=page.pk, token=None, now=NOW)
    redis_store.flush()
    assert PageViewCount.objects.get(page=page).count == 6


# --- Concurrency: N hits from many threads leave the count exactly N higher -----------------------

THREADS, PER_THREAD = 8, 25


@pytest.mark.django_db(transaction=True)
def test_database_store_loses_nothing_under_concurrency_on_sqlite(sqlite_file_db: None) -> None:
    """SQLite (a file in WAL mode, as the site runs it) serialises writers and the busy timeout makes
    them wait; `count = count + 1` runs inside the database, so no increment is lost."""
    page = builders.article(builders.section(), "Bài")
    store = DatabaseCounters()
    _hammer(THREADS, PER_THREAD, lambda: store.view(page_id=page.pk))
    _hammer(THREADS, 1, lambda: store.visit(token=None, day=vietnam_day(NOW), now=NOW) and None)
    assert PageViewCount.objects.get(page=page).count == THREADS * PER_THREAD
    assert VisitDay.objects.get(day=vietnam_day(NOW)).visits == THREADS


@pytest.mark.django_db(transaction=True)
def test_database_store_loses_nothing_under_concurrency() -> None:
    """On the suite's database (PostgreSQL in CI: the row lock of the UPDATE orders the writers)."""
    if connection.vendor == "sqlite":
        pytest.skip("the in-memory test database refuses concurrent writers; the file test covers SQLite")
    page = builders.article(builders.section(), "Bài")
    store = DatabaseCounters()
    _hammer(THREADS, PER_THREAD, lambda: store.view(page_id=page.pk))
    assert PageViewCount.objects.get(page=page).count == THREADS * PER_THREAD


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_database_store_on_postgresql_first_views_race() -> None:
    """The first views of a page race to create its row: exactly one creates it, none is lost."""
    if connection.vendor != "postgresql":
        pytest.skip("concurrent connections to PostgreSQL (CI runs this on PostgreSQL)")
    page = builders.article(builders.section(), "Bài")
    store = DatabaseCounters()
    _hammer(THREADS, PER_THREAD, lambda: store.view(page_id=page.pk))
    _hammer(THREADS, 1, lambda: store.visit(token=None, day=vietnam_day(NOW), now=NOW) and None)
    assert PageViewCount.objects.get(page=page).count == THREADS * PER_THREAD
    assert VisitDay.objects.get(day=vietnam_day(NOW)).visits == THREADS


@pytest.mark.django_db(transaction=True)
def test_redis_store_loses_nothing_under_concurrency_with_flushes(
    redis_store: RedisCounters, request: pytest.FixtureRequest
) -> None:
    if connection.vendor == "sqlite":
        request.getfixturevalue("sqlite_file_db")  # threads read the database while the flusher writes
    page = builders.article(builders.section(), "Bài")
    stop = threading.Event()

    flushes: list[int] = []
    errors: list[BaseException] = []

    def flusher() -> None:
        try:
            while not stop.is_set():
                flushes.append(redis_store.flush())
        except BaseException as error:
            errors.append(error)
        finally:
            connections.close_all()

    worker = threading.Thread(target=flusher)
    worker.start()
    try:
        # The beacon's path: each hit a new visit and a view, in one MULTI/EXEC.
        _hammer(
            THREADS,
            PER_THREAD,
            lambda: page_hit(store=redis_store, page_id=page.pk, token=None, now=NOW) and None,
        )
    finally:
        stop.set()
        worker.join()
    redis_store.flush()
    assert errors == []
    assert len(flushes) > 1  # the flushes really ran between the hits
    assert PageViewCount.objects.get(page=page).count == THREADS * PER_THREAD
    assert VisitDay.objects.get(day=vietnam_day(NOW)).visits == THREADS * PER_THREAD


@pytest.mark.django_db
def test_the_beacon_asks_redis_once(redis_store: RedisCounters, monkeypatch: pytest.MonkeyPatch) -> None:
    """One round trip per beacon: the increments and the statistics box's reads in one MULTI/EXEC
    (a request to Redis is one send of packed commands; a pipeline sends all of its commands at once)."""
    import redis.connection

    from thidua.portal.services.counters import FallbackCounters

    page = builders.article(builders.section(), "Bài")
    PageViewCount.objects.create(page=page, count=1129)
    VisitDay.objects.create(day=vietnam_day(dt.datetime.now(dt.UTC)), visits=7)
    monkeypatch.setattr("thidua.portal.views.beacon.counter_store", lambda: FallbackCounters(redis_store))
    sends: list[bytes] = []
    real_send = redis.connection.AbstractConnection.send_packed_command

    def counting_send(self: Any, command: Any, check_health: bool = True) -> None:
        sends.append(command)
        real_send(self, command, check_health)

    monkeypatch.setattr(redis.connection.AbstractConnection, "send_packed_command", counting_send)
    client = Client(HTTP_USER_AGENT=BROWSER)
    first = client.post("/luot-xem/", {"page": page.pk}).json()
    assert len(sends) == 1
    second = client.post("/luot-xem/", {"page": page.pk}).json()
    assert len(sends) == 2
    # The figures are still right: the stored count plus Redis's pending ones.
    assert (first["views"], second["views"]) == (1130, 1131)
    assert second["stats"]["today"] == 8  # 7 stored, this reader's one visit pending
    assert second["stats"]["online"] == 1
    assert PageViewCount.objects.get(page=page).count == 1129  # nothing written before the flush


# --- The beacon -----------------------------------------------------------------------------------


@pytest.fixture
def db_counters(settings: Any) -> None:
    settings.PORTAL_COUNTERS_REDIS_URL = None


@pytest.mark.django_db
def test_beacon_counts_a_reader_and_answers_the_figures(db_counters: None) -> None:
    page = builders.article(builders.section(), "Bài")
    client = Client(HTTP_USER_AGENT=BROWSER)
    first = client.post("/luot-xem/", {"page": page.pk}).json()
    second = client.post("/luot-xem/", {"page": page.pk}).json()
    assert (first["views"], second["views"]) == (1, 2)
    assert second["stats"]["today"] == 1  # one visit: the cookie carried the visit on
    assert second["stats"]["online"] == 1
    assert "tdv" in client.cookies


@pytest.mark.django_db
def test_beacon_ignores_bots_prefetches_get_and_other_sites(db_counters: None) -> None:
    page = builders.article(builders.section(), "Bài")
    assert Client(HTTP_USER_AGENT="Googlebot/2.1").post("/luot-xem/", {"page": page.pk}).status_code == 202
    assert (
        Client(HTTP_USER_AGENT=BROWSER, HTTP_SEC_PURPOSE="prefetch")
        .post("/luot-xem/", {"page": page.pk})
        .status_code
        == 202
    )
    assert (
        Client(HTTP_USER_AGENT=BROWSER, HTTP_SEC_FETCH_SITE="cross-site")
        .post("/luot-xem/", {"page": page.pk})
        .status_code
        == 202
    )
    assert Client(HTTP_USER_AGENT=BROWSER).get("/luot-xem/", {"page": page.pk}).status_code == 405
    assert not PageViewCount.objects.filter(page=page).exists()


@pytest.mark.django_db
def test_beacon_does_not_count_drafts_or_unknown_pages(db_counters: None) -> None:
    draft = builders.article(builders.section(), "Nháp", live=False)
    client = Client(HTTP_USER_AGENT=BROWSER)
    assert client.post("/luot-xem/", {"page": draft.pk}).json()["views"] is None
    assert client.post("/luot-xem/", {"page": "999999"}).json()["views"] is None
    assert client.post("/luot-xem/", {"page": "x"}).json()["views"] is None
    assert not PageViewCount.objects.exists()


@pytest.mark.django_db
def test_cached_page_still_counts_through_the_beacon(db_counters: None) -> None:
    """The HTML may come from any cache; the count moves because the page's script calls the beacon."""
    page = builders.article(builders.section(), "Bài")
    client = Client(HTTP_USER_AGENT=BROWSER)
    html = client.get(page.url).content.decode()
    assert f'data-count-page="{page.pk}"' in html and 'data-beacon="/luot-xem/"' in html
    for _ in range(3):
        client.post("/luot-xem/", {"page": page.pk})
    assert page_views(page_id=page.pk, store=DatabaseCounters()) == 3
