"""Benchmark of `thidua org_load_units`: a full load into a fresh SQLite database, then a second run.

    .venv/bin/python bench/bench_units_load.py [--keep FILE]

Creates a temporary SQLite database, migrates it (not timed), then times in-process: reading the
package data, building the records (pure functions), and writing them (one transaction, bulk
inserts); then the whole load again, which must find nothing to change. Prints the counts and the
figures; asserts nothing, since timings belong in a report, not in a test.
"""

from __future__ import annotations

import argparse
import io
import os
import platform
import shutil
import sys
import tempfile
import time
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, help="Keep the loaded SQLite database at this path.")
    args = parser.parse_args(argv)

    workdir = Path(tempfile.mkdtemp(prefix="thidua-bench-units-"))
    database = args.keep.resolve() if args.keep else workdir / "units.sqlite3"
    if database.exists():
        database.unlink()
    # The settings read these at import: a fresh database, and nothing written under the project's var/.
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ["THIDUA_VAR_DIR"] = str(workdir)
    os.environ.setdefault("SECRET_KEY", "bench-only-not-secret")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thidua.settings")

    import django

    django.setup()
    from django.core.management import call_command

    from thidua.org.services.units import adminunits_load
    from thidua.org.units_loader import build_dataset, read_package_data

    call_command("migrate", verbosity=0, interactive=False)

    started = time.perf_counter()
    raw = read_package_data()
    read = time.perf_counter()
    dataset = build_dataset(raw)
    built = time.perf_counter()
    report = adminunits_load(actor=None, dataset=dataset)
    written = time.perf_counter()

    out = io.StringIO()
    again_started = time.perf_counter()
    call_command("org_load_units", stdout=out)
    again = time.perf_counter() - again_started

    counts = dataset.counts()
    print(f"org_load_units benchmark — {dataset.source}, SQLite, Python {platform.python_version()}")
    print(
        f"  records: {counts['province']} provinces, {counts['district']} districts, "
        f"{counts['commune']} communes, {counts['lineage']} lineage links"
    )
    print(f"  created: {sum(c.created for c in report.units.values())} units, {report.lineage.created} links")
    print(f"  read package data   {read - started:6.2f} s")
    print(f"  build records       {built - read:6.2f} s")
    print(f"  write, 1 transaction{written - built:6.2f} s")
    print(f"  full load           {written - started:6.2f} s")
    print(f"  second run (no-op)  {again:6.2f} s  — {out.getvalue().strip().splitlines()[-1]}")
    if args.keep:
        print(f"  database kept at {database}")
    from django.db import connections

    connections.close_all()
    shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
