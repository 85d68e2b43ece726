"""Benchmark of the unit and organisation forms with the full unit register (figures in docs/benchmarks.md).

    .venv/bin/python bench/bench_unit_forms.py [--repeat 15]

Creates a throw-away SQLite database (a temporary THIDUA_VAR_DIR), migrates it and loads the whole
register with the service behind `thidua org_load_units` (63 provinces and their districts and
communes before 01/07/2025, 34 provinces and 3,321 communes after; not timed). Then, logged in with
Django's test Client as a province officer of tỉnh Vĩnh Long and as the system administrator (who may
pick any unit), it times the whole request for the new-unit and new-organisation forms, an edit of
each, and the unit chooser's first page and a search, and reports each page's size, its <option>
count and its queries. It asserts nothing: timings belong in a report, not in a test.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from bench_dashboard import _machine  # noqa: E402


def _times(call: Callable[[], Any], repeat: int) -> tuple[float, float, Any]:
    response = call()  # warm-up: template loading, first connection
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        response = call()
        runs.append(time.perf_counter() - start)
    return min(runs), statistics.median(runs), response


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args(argv)

    workdir = Path(tempfile.mkdtemp(prefix="thidua-bench-unit-forms-"))
    (workdir / "static").mkdir()  # STATIC_ROOT, so that WhiteNoise does not warn
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
    from django.test.utils import CaptureQueriesContext

    from thidua.accounts.roles import RoleCode
    from thidua.accounts.services import user_create
    from thidua.org.models import AdminUnit, Organisation
    from thidua.org.services.units import adminunits_load
    from thidua.org.units_loader import build_dataset, read_package_data

    call_command("migrate", verbosity=0, interactive=False)
    adminunits_load(actor=None, dataset=build_dataset(read_package_data()))
    vinh_long = AdminUnit.objects.get(level="province", code="86", valid_until__isnull=True)
    commune = AdminUnit.objects.filter(parent=vinh_long, level="commune").order_by("code").first()
    assert commune is not None
    office = Organisation.objects.create(
        code="SNV-86-TDKT", name="Ban Thi đua – Khen thưởng", kind="department", province=vinh_long
    )
    organisation = Organisation.objects.create(
        code="UBND-X",
        name="Ủy ban nhân dân xã",
        kind="local_government",
        admin_unit=commune,
        province=vinh_long,
    )
    users = {
        "province officer": user_create(
            actor=None,
            username="tinh",
            password="bench-only-password",
            full_name="Cán bộ tỉnh",
            organisation=office,
            roles=[RoleCode.PROVINCE_OFFICER],
        ),
        "system administrator": user_create(
            actor=None,
            username="quantri",
            password="bench-only-password",
            full_name="Quản trị",
            organisation=None,
            roles=[RoleCode.SYSTEM_ADMIN],
        ),
    }
    pages = [
        ("new unit", "/admin/org/units/new/"),
        ("new organisation", "/admin/org/organisations/new/"),
        ("edit unit (a commune)", f"/admin/org/units/edit/{commune.pk}/"),
        ("edit organisation", f"/admin/org/organisations/edit/{organisation.pk}/"),
        ("chooser, first page", "/admin/org/units/chooser/"),
        ("chooser, search 'Long'", "/admin/org/units/chooser/results/?q=Long"),
    ]

    print(f"Unit and organisation forms — {_machine()}, SQLite, {args.repeat} runs after a warm-up")
    print(f"  register: {AdminUnit.objects.count():,} units")
    for who, user in users.items():
        client = Client()
        client.force_login(user)
        print(f"  as the {who}:")
        print(f"    {'page':26} {'min':>8} {'median':>8} {'KiB':>7} {'options':>8} {'queries':>8}")
        for label, url in pages:
            low, mid, response = _times(lambda url=url, client=client: client.get(url), args.repeat)
            if response.status_code != 200:
                print(f"    {label:26} HTTP {response.status_code}")
                continue
            body = response.content.decode()
            with CaptureQueriesContext(connection) as queries:
                client.get(url)
            print(
                f"    {label:26} {low * 1000:6.0f} ms {mid * 1000:6.0f} ms {len(response.content) / 1024:7.0f} "
                f"{body.count('<option'):8,} {len(queries):8}"
            )
    connections.close_all()
    shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
