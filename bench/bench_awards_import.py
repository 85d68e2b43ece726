"""Benchmark of the awards registry's Excel import: past decisions, one row per recipient.

    .venv/bin/python bench/bench_awards_import.py [--rows N] [--postgres URL]

N defaults to the environment's THIDUA_BENCH_ROWS, else 10,000, so that `make bench` stays short; the
figure in docs/benchmarks.md is `--rows 100000`. With --postgres (or THIDUA_BENCH_POSTGRES) the run is
repeated on PostgreSQL in a database `thidua_bench` created on that server and dropped afterwards.

The parent writes one .xlsx (10 recipients per decision; every tenth decision a collective title for
ten organisations, the others Chiến sĩ thi đua cơ sở for ten people). Each database then runs in a
child process (the settings read DATABASE_URL at import): migrate, create the people and organisations
in bulk (not timed), then time reading the file (read_rows), the dry run and the commit as the job runs
it (plan again, then save in one transaction), a second import of the same file (nothing new), and
report the child's peak resident memory (ru_maxrss, which includes the setup). Asserts nothing.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RECIPIENTS = 10
ORGANISATIONS = 1000
ISSUERS = 20


def _layout(rows: int) -> tuple[int, int]:
    decisions = -(-rows // RECIPIENTS)
    people = sum(RECIPIENTS for d in range(decisions) if d % 10)
    return decisions, people


def write_file(path: Path, rows: int) -> None:
    """The upload, written in streaming mode: about 4 MB for 100,000 rows."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    import openpyxl

    header = [
        "Số quyết định*",
        "Ngày ký*",
        "Mã cơ quan ban hành*",
        "Người ký",
        "Chức vụ người ký",
        "Trích yếu",
        "Hình thức, danh hiệu*",
        "Thành tích từ năm*",
        "Thành tích đến năm*",
        "Mã số công chức, viên chức",
        "Mã tập thể",
    ]
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("Quyết định khen thưởng")
    ws.append(header)
    person = 0
    written = 0
    decision = 0
    while written < rows:
        year = 2015 + decision % 10
        collective = decision % 10 == 0
        base = [
            f"{decision + 1}/QĐ-UBND",
            f"15/01/{year + 1}",
            f"BENCH-ISSUER-{decision % ISSUERS}",
            "Nguyễn Văn Ký",
            "Chủ tịch Ủy ban nhân dân tỉnh",
            None,
            "Tập thể lao động xuất sắc" if collective else "Chiến sĩ thi đua cơ sở",
            year,
            year,
        ]
        for k in range(min(RECIPIENTS, rows - written)):
            if collective:
                ws.append([*base, None, f"BENCH-ORG-{(decision // 10 * RECIPIENTS + k) % ORGANISATIONS}"])
            else:
                ws.append([*base, f"CS{person:07d}", None])
                person += 1
            written += 1
        decision += 1
    buffer = io.BytesIO()
    wb.save(buffer)
    path.write_bytes(buffer.getvalue())


def child(path: Path, rows: int) -> dict[str, object]:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from thidua.accounts.roles import RoleCode
    from thidua.accounts.services import user_create
    from thidua.awards.services.imports import import_award_decisions
    from thidua.org.models import Organisation, Person
    from thidua.org.spreadsheets import read_rows

    call_command("migrate", verbosity=0, interactive=False)
    _decisions, people = _layout(rows)
    Organisation.objects.bulk_create(
        [Organisation(code=f"BENCH-ISSUER-{i}", name=f"Cơ quan ban hành {i}") for i in range(ISSUERS)]
        + [
            Organisation(code=f"BENCH-ORG-{i}", name=f"Ủy ban nhân dân xã Thử {i}")
            for i in range(ORGANISATIONS)
        ],
        batch_size=2000,
    )
    home = Organisation.objects.get(code="BENCH-ORG-0")
    Person.objects.bulk_create(
        (
            Person(
                full_name=f"Nguyễn Văn {i}", gender="male", organisation=home, civil_servant_code=f"CS{i:07d}"
            )
            for i in range(people)
        ),
        batch_size=5000,
    )
    actor = user_create(
        actor=None,
        username="bench",
        password="bench-only-pw",
        full_name="Cán bộ Ban Thi đua",
        organisation=home,
        roles=[RoleCode.PROVINCE_OFFICER],
    )
    data = path.read_bytes()
    figures: dict[str, object] = {"vendor": connection.vendor}

    def timed(name: str, call: object) -> object:
        started = time.perf_counter()
        result = call()  # type: ignore[operator]
        figures[name] = round(time.perf_counter() - started, 2)
        return result

    parsed, errors = timed("read", lambda: read_rows("award_decisions", data))
    assert not errors, errors[:3]
    report = timed("dry_run", lambda: import_award_decisions(actor=actor, rows=parsed, dry_run=True))
    assert report.ok, report.errors[:3]
    report = timed("commit", lambda: import_award_decisions(actor=actor, rows=parsed, dry_run=False))
    assert report.committed, report.errors[:3]
    figures["created"] = report.created
    again = timed("again", lambda: import_award_decisions(actor=actor, rows=parsed, dry_run=False))
    figures["again_unchanged"] = again.unchanged
    figures["again_created"] = again.created
    figures["peak_mib"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    return figures


def _run_child(path: Path, rows: int, database_url: str, workdir: Path) -> dict[str, object]:
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "THIDUA_VAR_DIR": str(workdir),
        "SECRET_KEY": os.environ.get("SECRET_KEY", "bench-only-not-secret"),
        "DJANGO_SETTINGS_MODULE": "thidua.settings",
    }
    out = subprocess.run(
        [sys.executable, __file__, "--child", str(path), "--rows", str(rows)],
        env=env,
        check=True,
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parent.parent,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def _postgres(url: str, name: str, create: bool) -> str:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        if create:
            conn.execute(f'CREATE DATABASE "{name}"')
    return url.rsplit("/", 1)[0] + "/" + name


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=int(os.environ.get("THIDUA_BENCH_ROWS", "10000")))
    parser.add_argument("--postgres", default=os.environ.get("THIDUA_BENCH_POSTGRES", ""))
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
        print(json.dumps(child(args.child, args.rows)))
        return 0

    workdir = Path(tempfile.mkdtemp(prefix="thidua-bench-awards-"))
    path = workdir / "quyet-dinh.xlsx"
    started = time.perf_counter()
    write_file(path, args.rows)
    decisions, _people = _layout(args.rows)
    print(
        f"awards import benchmark — {args.rows:,} rows ({decisions:,} decisions), file {path.stat().st_size / 1e6:.1f} MB "
        f"written in {time.perf_counter() - started:.1f} s; Python {platform.python_version()}, {os.cpu_count()} CPUs"
    )
    runs = [("SQLite", f"sqlite:///{workdir / 'bench.sqlite3'}")]
    if args.postgres:
        runs.append(("PostgreSQL", _postgres(args.postgres, "thidua_bench", create=True)))
    try:
        for label, url in runs:
            f = _run_child(path, args.rows, url, workdir)
            total = float(f["read"]) + float(f["commit"])  # type: ignore[arg-type]
            print(
                f"  {label:10} read {f['read']} s, dry run {f['dry_run']} s, commit (plan + save) {f['commit']} s "
                f"→ job {total:.1f} s; created {f['created']:,}; again {f['again']} s "
                f"(created {f['again_created']}, unchanged {f['again_unchanged']:,}); peak {f['peak_mib']} MiB"
            )
    finally:
        if args.postgres:
            _postgres(args.postgres, "thidua_bench", create=False)
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
