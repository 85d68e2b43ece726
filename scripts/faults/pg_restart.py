#!/usr/bin/env python3
"""Fault check (#15): PostgreSQL restarted during a load run. Prints PASS or FAIL; docs/reliability.md.

What it does, on this machine, for real:
1. (--setup, or when the database is missing) creates the database `thidua_fault`, migrates it and
   loads the demo data (`thidua demo_load`), under its own var directory;
2. starts gunicorn on it (2 workers x 4 threads, CONN_MAX_AGE=60 and the settings' health checks);
3. runs a steady stream of requests from threads (standard library only): portal pages (home, an
   article), the view beacon (a write: each 200 answer is one view stored), and staff logins;
4. restarts PostgreSQL with `pg_ctlcluster <version> main restart` in the middle (a restart, not a
   stop: other people's tests share this server, so the outage stays a few seconds);
5. checks: (a) no answer during the outage leaks a traceback or a settings page: errors are the
   site's own 500 page or a 503; (b) every kind of request succeeds again within RECOVERY_LIMIT seconds
   of the restart's end, with the same gunicorn (its pid unchanged, no restart); (c) every beacon
   acknowledged with 200 is in the database: the stored count grew by at least the acknowledged ones.

Usage: .venv/bin/python scripts/faults/pg_restart.py [--setup] [--duration 45] [--restart-at 15]
Not part of `make test`: it restarts the shared PostgreSQL.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BIN = ROOT / ".venv" / "bin"
DB = "thidua_fault"
PG = "postgres://postgres@127.0.0.1:5432"
VAR = Path("/tmp/thidua-fault-var")
RECOVERY_LIMIT = 15.0  # seconds after the restart returns
BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36"
LEAKS = ("Traceback", 'File "/', "OperationalError", "psycopg", "DATABASES", "SECRET_KEY")


@dataclass
class Result:
    at: float
    kind: str
    status: int  # 0: no HTTP answer at all
    ok: bool
    leak: str = ""


def env() -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": f"{PG}/{DB}",
        "THIDUA_DEMO": "1",
        "THIDUA_VAR_DIR": str(VAR),
        "SECRET_KEY": "fault-check-only-not-secret",
        "DB_CONN_MAX_AGE": "60",
        "PORTAL_PAGE_CACHE_SECONDS": "0",  # every page request reaches the database
        "LOG_LEVEL": "ERROR",
    }


def psql(sql: str, database: str = DB) -> str:
    done = subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", database, "-At", "-c", sql],
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip()


def setup() -> None:
    print(f"Setting up database {DB} with the demo data…", flush=True)
    subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", DB], check=True)
    subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", DB], check=True)
    VAR.mkdir(parents=True, exist_ok=True)
    for command in (
        ["migrate", "--noinput", "-v0"],
        ["collectstatic", "--noinput", "-v0"],
        ["demo_load"],
    ):
        subprocess.run([str(BIN / "thidua"), *command], env=env(), cwd=ROOT, check=True)


def database_ready() -> bool:
    return psql(f"SELECT 1 FROM pg_database WHERE datname = '{DB}'", "postgres") == "1" and bool(
        psql(
            "SELECT to_regclass('portal_pageviewcount') IS NOT NULL AND EXISTS (SELECT 1 FROM accounts_user)"
        )
        == "t"
    )


def article() -> tuple[int, str]:
    row = psql(
        "SELECT p.id, p.url_path FROM wagtailcore_page p JOIN portal_articlepage a ON a.page_ptr_id = p.id "
        "WHERE p.live ORDER BY p.id LIMIT 1"
    )
    page_id, url_path = row.split("|")
    # url_path starts with the site root's own slug: /home/tin-tuc/bai/ is served at /tin-tuc/bai/.
    return int(page_id), "/" + url_path.strip("/").split("/", 1)[1] + "/"


def stored_views(page_id: int) -> int:
    return int(
        psql(f"SELECT coalesce(sum(count), 0) FROM portal_pageviewcount WHERE page_id = {page_id}") or 0
    )


class Load:
    def __init__(self, base: str, page_id: int, page_url: str) -> None:
        self.base = base
        self.page_id = page_id
        self.page_url = page_url
        self.started = time.monotonic()
        self.stop = threading.Event()
        self.results: list[Result] = []
        self.lock = threading.Lock()
        self.acked_views = 0

    def now(self) -> float:
        return time.monotonic() - self.started

    def record(self, kind: str, status: int, ok: bool, body: str = "") -> None:
        leak = next((word for word in LEAKS if word in body), "")
        with self.lock:
            self.results.append(Result(self.now(), kind, status, ok, leak))

    def fetch(
        self, opener: urllib.request.OpenerDirector, request: urllib.request.Request
    ) -> tuple[int, str, str]:
        try:
            with opener.open(request, timeout=20) as response:
                return response.status, response.read().decode("utf-8", "replace"), response.geturl()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8", "replace"), request.full_url
        except (urllib.error.URLError, OSError):
            return 0, "", request.full_url

    def pages(self) -> None:
        opener = urllib.request.build_opener()
        while not self.stop.is_set():
            for path in ("/", self.page_url):
                status, body, _url = self.fetch(
                    opener, urllib.request.Request(self.base + path, headers={"User-Agent": BROWSER})
                )
                self.record("page", status, status == 200, body if status != 200 else "")
            time.sleep(0.05)

    def beacons(self) -> None:
        opener = urllib.request.build_opener()
        data = urllib.parse.urlencode({"page": self.page_id}).encode()
        while not self.stop.is_set():
            request = urllib.request.Request(
                self.base + "/luot-xem/",
                data=data,
                headers={"User-Agent": BROWSER, "Sec-Fetch-Site": "same-origin"},
            )
            status, body, _url = self.fetch(opener, request)
            ok = status == 200 and '"counted": true' in body
            if ok:
                with self.lock:
                    self.acked_views += 1
            self.record("beacon", status, ok, body if not ok else "")
            time.sleep(0.05)

    def logins(self) -> None:
        while not self.stop.is_set():
            jar = http.cookiejar.CookieJar()
            opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
            status, body, _url = self.fetch(opener, urllib.request.Request(self.base + "/admin/login/"))
            token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body)
            if status != 200 or token is None:
                self.record("login", status, False, body)
                time.sleep(0.2)
                continue
            form = urllib.parse.urlencode(
                {
                    "csrfmiddlewaretoken": token.group(1),
                    "username": "bientap",
                    "password": "thidua-demo",
                    "next": "/admin/",
                }
            ).encode()
            request = urllib.request.Request(
                self.base + "/admin/login/", data=form, headers={"Referer": self.base + "/admin/login/"}
            )
            status, body, url = self.fetch(opener, request)
            ok = status == 200 and urllib.parse.urlparse(url).path == "/admin/"
            self.record("login", status, ok, body if not ok else "")
            time.sleep(0.2)


def wait_up(base: str, limit: float = 60) -> None:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(base + "/", timeout=5) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.5)
    raise SystemExit("FAIL: gunicorn did not answer within a minute")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--setup", action="store_true", help="recreate the database and load the demo data")
    parser.add_argument("--duration", type=float, default=45)
    parser.add_argument("--restart-at", type=float, default=15)
    parser.add_argument("--port", type=int, default=8791)  # not 8765: the load test (bench/load) uses it
    parser.add_argument("--pg-version", default="15")
    options = parser.parse_args()
    if options.setup or not database_ready():
        setup()
    page_id, page_url = article()
    base = f"http://127.0.0.1:{options.port}"
    log = open(VAR / "gunicorn.log", "w")
    server = subprocess.Popen(
        [str(BIN / "gunicorn"), "thidua.wsgi:application", "--bind", f"127.0.0.1:{options.port}", "--workers", "2",
         "--threads", "4", "--timeout", "60"],
        env=env(), cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        wait_up(base)
        if server.poll() is not None:
            # Another server answered on the port: this check would measure the wrong one.
            raise SystemExit(
                f"FAIL: gunicorn exited at start (port {options.port} in use?), see {VAR}/gunicorn.log"
            )
        views_before = stored_views(page_id)
        load = Load(base, page_id, page_url)
        threads = [
            threading.Thread(target=t)
            for t in (load.pages, load.pages, load.beacons, load.beacons, load.logins)
        ]
        for thread in threads:
            thread.start()
        time.sleep(options.restart_at)
        restart_from = load.now()
        restarted = subprocess.run(
            ["pg_ctlcluster", options.pg_version, "main", "restart"],
            capture_output=True,
            text=True,
            check=False,
        )
        restart_to = load.now()
        time.sleep(max(0.0, options.duration - load.now()))
        load.stop.set()
        for thread in threads:
            thread.join()
        server_alive = server.poll() is None
        views_after = stored_views(page_id)
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()
    return report(load, restarted, restart_from, restart_to, server_alive, views_before, views_after)


def report(
    load: Load,
    restarted: subprocess.CompletedProcess[str],
    restart_from: float,
    restart_to: float,
    server_alive: bool,
    views_before: int,
    views_after: int,
) -> int:
    results = load.results
    print(f"PostgreSQL restart: {restart_from:.1f}s → {restart_to:.1f}s (exit {restarted.returncode})")
    failures: list[str] = []
    if restarted.returncode != 0:
        failures.append(f"pg_ctlcluster restart failed: {restarted.stderr.strip()}")
    for kind in ("page", "beacon", "login"):
        mine = [r for r in results if r.kind == kind]
        errors = [r for r in mine if not r.ok]
        statuses: dict[int, int] = {}
        for r in errors:
            statuses[r.status] = statuses.get(r.status, 0) + 1
        first_error = min((r.at for r in errors), default=None)
        last_error = max((r.at for r in errors), default=None)
        recovered = 0.0 if last_error is None else max(0.0, last_error - restart_to)
        print(
            f"{kind:7} requests {len(mine):5}  ok {len(mine) - len(errors):5}  errors {len(errors):4} "
            f"by status {statuses or '{}'}  errors from {first_error if first_error is None else round(first_error, 1)}s"
            f" to {last_error if last_error is None else round(last_error, 1)}s"
            f"  → recovered {recovered:.1f}s after the restart"
        )
        if not any(r.ok and r.at > restart_to for r in mine):
            failures.append(f"{kind}: no success after the restart")
        if recovered > RECOVERY_LIMIT:
            failures.append(
                f"{kind}: still failing {recovered:.1f}s after the restart (limit {RECOVERY_LIMIT}s)"
            )
        early = [r for r in errors if r.at < restart_from - 1.0]
        if early:
            failures.append(f"{kind}: {len(early)} errors before the restart (the load itself fails)")
        unclean = [r for r in errors if r.status not in (500, 502, 503, 504) and r.status != 0]
        if unclean:
            failures.append(f"{kind}: unexpected statuses {sorted({r.status for r in unclean})}")
        dropped = [r for r in errors if r.status == 0]
        if dropped:
            failures.append(f"{kind}: {len(dropped)} requests got no HTTP answer at all")
    leaks = sorted({r.leak for r in results if r.leak})
    print(f"error bodies leaking internals: {leaks or 'none'}")
    if leaks:
        failures.append(f"error pages leak {leaks}")
    grown = views_after - views_before
    print(f"beacons acknowledged with 200: {load.acked_views}; stored views grew by {grown}")
    if grown < load.acked_views:
        failures.append(f"{load.acked_views - grown} acknowledged views are missing from the database")
    print(f"gunicorn still the same process: {server_alive}")
    if not server_alive:
        failures.append("gunicorn died")
    for failure in failures:
        print(f"  - {failure}")
    print("FAIL" if failures else "PASS")
    return 1 if failures else 0


if __name__ == "__main__":
    if shutil.which("pg_ctlcluster") is None:
        sys.exit("FAIL: pg_ctlcluster not found (this check needs a local Debian PostgreSQL cluster)")
    sys.exit(main())
