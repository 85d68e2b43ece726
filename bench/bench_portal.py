"""Benchmark of the public portal (#13), figures in docs/benchmarks.md.

    .venv/bin/python bench/bench_portal.py [--duration 10] [--hits 5000]

Needs wrk (Debian package `wrk`) and Redis on 127.0.0.1:6379 (database 13 is emptied); PostgreSQL on
127.0.0.1:5432 is used for the exactness check when reachable (database `thidua_bench_portal` is
created and dropped). Everything else is made in a temporary THIDUA_VAR_DIR: migrate, the demo data.

Side by side in one run, each server alone on the machine (2 gunicorn sync workers, like the anchors
in the issue), `wrk -t2 -c50`:
  A. the seed article through the portal's page cache (the settings the project ships);
  B. the same article, a plain Wagtail page behind Django's cache middleware (Redis), the portal's cache
     off — the issue's baseline;
  C. a Django view returning bytes from memory, behind the same middleware as B;
  D. the view beacon (POST, a browser's User-Agent) on A;
  E. the home page uncached (a query string goes past every cache): `wrk -c1` median latency.
Then exactness: N beacon POSTs from 50 concurrent clients raise the article's count by exactly N, with
Redis (after the worker's flush), without Redis on SQLite, and without Redis on PostgreSQL.
It prints a report and asserts nothing but the exact counts.
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from benchlib import machine

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36"
REDIS = "redis://127.0.0.1:6379/13"

BASELINE_SETTINGS = """
from thidua.settings import *  # noqa: F403
PORTAL_PAGE_CACHE_SECONDS = 0
MIDDLEWARE = [
    "django.middleware.cache.UpdateCacheMiddleware",
    *[m for m in MIDDLEWARE if m != "thidua.portal.middleware.PortalPageCacheMiddleware"],
    "django.middleware.cache.FetchFromCacheMiddleware",
]
CACHE_MIDDLEWARE_SECONDS = 300
ROOT_URLCONF = "bench_portal_urls"
"""
BASELINE_URLS = """
from django.http import HttpResponse
from django.urls import path
from django.views.decorators.cache import never_cache
from thidua.urls import urlpatterns as project

BODY = b"x" * 24_000  # about the size of the article page


@never_cache  # the view itself answers every request, behind the whole middleware stack
def from_memory(request):
    return HttpResponse(BODY, content_type="text/html; charset=utf-8")


urlpatterns = [path("bench-bytes/", from_memory), *project]
"""
BEACON_LUA = """
wrk.method = "POST"
wrk.body = "page=%s"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["User-Agent"] = "%s"
"""


def run(env: dict[str, str], *args: str) -> str:
    return subprocess.run(
        [str(BIN / "thidua"), *args], env=env, check=True, capture_output=True, text=True, cwd=ROOT
    ).stdout


def shell(env: dict[str, str], code: str) -> str:
    return run(env, "shell", "-v", "0", "-c", code).strip().splitlines()[-1]


class Server:
    def __init__(self, env: dict[str, str], port: int) -> None:
        self.port = port
        self.proc = subprocess.Popen(
            [
                str(BIN / "gunicorn"),
                "thidua.wsgi:application",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                "2",
                "--log-level",
                "warning",
            ],
            env=env,
            cwd=ROOT,
            start_new_session=True,
        )
        for _ in range(100):
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
                conn.request("GET", "/healthz")
                if conn.getresponse().status == 200:
                    return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("server did not start")

    def stop(self) -> None:
        os.killpg(self.proc.pid, signal.SIGTERM)
        self.proc.wait(timeout=20)


def wrk(url: str, *, duration: int, connections: int = 50, script: Path | None = None) -> dict[str, float]:
    args = [
        "wrk",
        f"-t{min(2, connections)}",
        f"-c{connections}",
        f"-d{duration}s",
        "--latency",
        "-H",
        f"User-Agent: {UA}",
    ]
    if script:
        args += ["-s", str(script)]
    out = subprocess.run([*args, url], check=True, capture_output=True, text=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    median = re.search(r"50%\s+([\d.]+)(us|ms|s)", out)
    scale = {"us": 0.001, "ms": 1.0, "s": 1000.0}[median.group(2)]
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "rps": rps,
        "median_ms": float(median.group(1)) * scale,
        "non2xx": int(errors.group(1)) if errors else 0,
    }


def warm(port: int, path: str) -> None:
    for _ in range(5):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        conn.request("GET", path, headers={"User-Agent": UA})
        conn.getresponse().read()


def hammer(port: int, page_id: int, hits: int, clients: int = 50) -> int:
    """`hits` beacon POSTs from `clients` concurrent connections; returns how many answered 200."""
    done = [0] * clients
    per = [hits // clients + (1 if i < hits % clients else 0) for i in range(clients)]
    barrier = threading.Barrier(clients)

    def client(index: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        barrier.wait()
        for _ in range(per[index]):
            conn.request(
                "POST",
                "/luot-xem/",
                body=f"page={page_id}",
                headers={"User-Agent": UA, "Content-Type": "application/x-www-form-urlencoded"},
            )
            response = conn.getresponse()
            response.read()
            if response.status == 200:
                done[index] += 1

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return sum(done)


COUNT = (
    "from thidua.portal.models import PageViewCount, ArticlePage;"
    "from thidua.portal.services.counters import counters_flush;"
    "counters_flush();"
    "p = ArticlePage.objects.get(title__startswith='Cụm Thi đua số 1 sơ kết');"
    "print(p.pk, PageViewCount.objects.get(page=p).count)"
)


def exactness(env: dict[str, str], port: int, hits: int, label: str) -> str:
    page_id, before = map(int, shell(env, COUNT).split())
    server = Server(env, port)
    try:
        answered = hammer(port, page_id, hits)
    finally:
        server.stop()
    _, after = map(int, shell(env, COUNT).split())
    verdict = "exact" if after - before == hits == answered else "NOT EXACT"
    assert verdict == "exact", (label, before, after, answered)
    return f"| {label} | {hits} | {answered} | {before} → {after} (+{after - before}) | {verdict} |"


def prepare(env: dict[str, str]) -> None:
    run(env, "migrate", "--noinput", "-v0")
    run(env, "collectstatic", "--noinput", "-v0")
    run(env, "demo_load")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--hits", type=int, default=5000)
    options = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is needed (apt-get install wrk)")
    subprocess.run(["redis-cli", "-n", "13", "flushdb"], check=True, capture_output=True)
    var = Path(tempfile.mkdtemp(prefix="thidua-bench-portal-"))
    (var / "bench_portal_settings.py").write_text(BASELINE_SETTINGS)
    (var / "bench_portal_urls.py").write_text(BASELINE_URLS)
    base = {
        **os.environ,
        "THIDUA_DEMO": "1",
        "THIDUA_VAR_DIR": str(var),
        "REDIS_URL": REDIS,
        "LOG_LEVEL": "WARNING",
    }
    base.pop("DATABASE_URL", None)
    print("preparing (migrate, demo) …", flush=True)
    prepare(base)
    page_id = int(shell(base, COUNT).split()[0])
    article = shell(base, f"from wagtail.models import Page; print(Page.objects.get(pk={page_id}).url)")
    rows: list[tuple[str, dict[str, float]]] = []

    server = Server(base, 8801)  # A: the project's settings
    try:
        warm(8801, article)
        rows.append(
            (
                "A. article, portal page cache",
                wrk(f"http://127.0.0.1:8801{article}", duration=options.duration),
            )
        )
        lua = var / "beacon.lua"
        lua.write_text(BEACON_LUA % (page_id, UA))
        rows.append(
            (
                "D. view beacon (POST, Redis)",
                wrk("http://127.0.0.1:8801/luot-xem/", duration=options.duration, script=lua),
            )
        )
        rows.append(
            (
                "E. home page uncached, 1 client",
                wrk("http://127.0.0.1:8801/?uncached=1", duration=options.duration, connections=1),
            )
        )
    finally:
        server.stop()
    baseline = {**base, "DJANGO_SETTINGS_MODULE": "bench_portal_settings", "PYTHONPATH": str(var)}
    server = Server(baseline, 8802)  # B and C: Django's cache middleware
    try:
        warm(8802, article)
        rows.append(
            (
                "B. article, Django cache middleware (Redis)",
                wrk(f"http://127.0.0.1:8802{article}", duration=options.duration),
            )
        )
        warm(8802, "/bench-bytes/")
        rows.append(
            (
                "C. Django view, bytes from memory",
                wrk("http://127.0.0.1:8802/bench-bytes/", duration=options.duration),
            )
        )
    finally:
        server.stop()
    queries = shell(
        base,
        "from django.test import Client; from django.db import connection;"
        "from django.test.utils import CaptureQueriesContext;"
        "c = Client(HTTP_HOST='127.0.0.1'); assert c.get('/?x=1').status_code == 200;"
        "ctx = CaptureQueriesContext(connection); ctx.__enter__(); c.get('/?x=2'); ctx.__exit__(None, None, None);"
        "print(len(ctx))",
    )

    print(
        f"\nMachine: {machine()}; wrk -t2 -c50 -d{options.duration}s; gunicorn 2 sync workers; SQLite + Redis\n"
    )
    print("| what | req/s | median latency | non-2xx |\n|---|---|---|---|")
    figures = dict(rows)
    for label, f in rows:
        print(f"| {label} | {f['rps']:,.0f} | {f['median_ms']:.2f} ms | {f['non2xx']} |")
    a, b, c = (
        figures[k]["rps"]
        for k in (
            "A. article, portal page cache",
            "B. article, Django cache middleware (Redis)",
            "C. Django view, bytes from memory",
        )
    )
    print(f"\nA/B = {a / b:.2f}× (target ≥ 1.5×); A/C = {a / c:.0%} (target ≥ 70%)")
    print(f"Home page uncached: {queries} queries per request\n")

    print("| exactness: store | beacon POSTs | answered 200 | article's count | |\n|---|---|---|---|---|")
    print(exactness(base, 8803, options.hits, "Redis (flushed by the worker's step)"))
    no_redis = {k: v for k, v in base.items() if k != "REDIS_URL"}
    print(exactness(no_redis, 8804, options.hits, "SQLite, no Redis (F() UPDATE)"))
    pg = subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-c", "CREATE DATABASE thidua_bench_portal"],
        capture_output=True,
    )
    if pg.returncode == 0:
        try:
            pg_env = {**no_redis, "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/thidua_bench_portal"}
            prepare(pg_env)
            print(exactness(pg_env, 8805, options.hits, "PostgreSQL, no Redis (F() UPDATE)"))
        finally:
            subprocess.run(
                [
                    "psql",
                    "-h",
                    "127.0.0.1",
                    "-U",
                    "postgres",
                    "-c",
                    "DROP DATABASE thidua_bench_portal WITH (FORCE)",
                ],
                capture_output=True,
            )
    else:
        print("| PostgreSQL | skipped: cannot create a database | | | |")
    shutil.rmtree(var, ignore_errors=True)


if __name__ == "__main__":
    main()
