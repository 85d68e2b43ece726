"""Benchmark of the group's results screen on 50 members × 100 criteria (figures in docs/benchmarks.md).

    .venv/bin/python bench/bench_dashboard.py [--members 50] [--groups 10] [--per-group 10] [--repeat 15]

Creates a throw-away SQLite database (a temporary THIDUA_VAR_DIR), migrates it (not timed), builds one
group with a pact of `groups` × `per-group` leaf criteria plus bonus, penalty and veto, and a period
whose every member has sent a full report (tests/emulation/builders.py, the same data the tests use).
Then, logged in as a province officer with Django's test Client, it times the whole request for the
dashboard (middleware, session, scoping, selector, scoring, chart, template) and for the Excel
export, while the period is open (scored live) and once it is closed (frozen results), and counts
the queries of one request. It prints a short report and asserts nothing: timings belong in a
report, not in a test.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchlib import machine, time_call

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=50)
    parser.add_argument("--groups", type=int, default=10)
    parser.add_argument("--per-group", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args(argv)

    workdir = Path(tempfile.mkdtemp(prefix="thidua-bench-dashboard-"))
    (workdir / "static").mkdir()  # STATIC_ROOT, so that WhiteNoise does not warn
    # Read by the settings at import: a fresh database, nothing written under the project's var/.
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ["THIDUA_VAR_DIR"] = str(workdir)
    os.environ["ALLOWED_HOSTS"] = "testserver"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
    os.environ.pop("DEBUG", None)
    sys.path.insert(0, str(ROOT))

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, connections
    from django.test import Client
    from django.urls import reverse

    from tests.emulation.builders import build_pact, close_period, fill_period, synthetic_document
    from thidua.accounts.roles import RoleCode
    from thidua.accounts.services import user_create
    from thidua.emulation.models import Period, PeriodResult
    from thidua.emulation.presenters.dashboard import period_dashboard
    from thidua.org.models import AdminUnit, Organisation

    try:
        call_command("migrate", verbosity=0, interactive=False)
        province = AdminUnit.objects.create(code="99", name="Tỉnh Thử Nghiệm", level="province", kind="Tỉnh")
        office = Organisation.objects.create(code="SNV", name="Sở Nội vụ", kind="agency", province=province)
        officer = user_create(
            actor=None,
            username="tinh",
            password=None,
            full_name="Cán bộ tỉnh",
            organisation=office,
            roles=[RoleCode.PROVINCE_OFFICER],
        )
        document = synthetic_document(members=args.members, groups=args.groups, per_group=args.per_group)
        built = build_pact(document=document, province=province)
        period = fill_period(built)
        leaves = args.groups * args.per_group
        client = Client()
        client.force_login(officer)
        page = reverse("emulation_period_dashboard", args=[period.pk])
        export = reverse("emulation_period_export", args=[period.pk])

        def get(url: str) -> Callable[[], object]:
            def call() -> object:
                response = client.get(url)
                assert response.status_code == 200, response.status_code
                return response

            return call

        def count_queries(call: Callable[[], object]) -> int:
            # Counted by wrapping execution: the request_started signal empties connection.queries,
            # so CaptureQueriesContext sees nothing of a request made with the test Client.
            seen = []

            def wrapper(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
                seen.append(sql)
                return execute(sql, params, many, context)

            with connection.execute_wrapper(wrapper):
                call()
            return len(seen)

        def selector() -> object:
            return period_dashboard(period=Period.objects.select_related("pact__group").get(pk=period.pk))

        results: list[tuple[str, float, float, int]] = []
        for state in ("open", "closed"):
            if state == "closed":
                close_period(period)
            size = len(get(page)().content)  # type: ignore[attr-defined]
            for label, call in (
                ("dashboard page, whole request", get(page)),
                ("selector alone", selector),
                ("Excel export, whole request", get(export)),
            ):
                results.append((f"{state}: {label}", *time_call(call, args.repeat), count_queries(call)))
        assert PeriodResult.objects.filter(period=period).count() == args.members

        print(
            f"Results dashboard benchmark — {args.members} members × {leaves} leaf criteria "
            f"({args.groups} groups, plus bonus, penalty and veto), SQLite, {args.repeat} runs after one warm-up"
        )
        print(f"  machine: {machine()}")
        print(f"  page size (closed): {size / 1024:.0f} KiB")
        print(f"  {'what':44} {'min':>8} {'median':>8} {'queries':>8}")
        for label, low, median, count in results:
            print(f"  {label:44} {low * 1000:6.0f} ms {median * 1000:6.0f} ms {count!s:>8}")
    finally:
        connections.close_all()
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
