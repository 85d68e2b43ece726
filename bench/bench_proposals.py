"""Benchmark of checking a proposal's items: eligibility from the registry and duplicates (#12).

    .venv/bin/python bench/bench_proposals.py [--items N] [--honours M] [--ratings R] [--sample S]
                                              [--postgres URL] [--no-sqlite]

The issue's figure: 10,000 items against 1,000,000 honours and 2,000,000 ratings in under 10 s, on
SQLite and on PostgreSQL, with a number of queries that does not grow with the items, and in the same
run the per-item ORM way, timed, with the ratio (aim at least 20×).

Databases. SQLite always (a new file in a temporary directory), unless --no-sqlite. PostgreSQL when
--postgres URL or the environment's THIDUA_BENCH_POSTGRES gives a server, e.g.
postgres://postgres@127.0.0.1:5432/postgres: the run creates the database thidua_bench_proposals there
and drops it afterwards. `make bench` passes no arguments: SQLite only.

Size. Defaults are the issue's size; THIDUA_BENCH_SCALE (a fraction, e.g. 0.1) shrinks every count
for a quicker `make bench`. --sample (default 200) is how many items the per-item way runs.

Each database runs in a child process (the settings read DATABASE_URL at import): migrate, fill the
registry through the driver's own connection (executemany on SQLite, COPY on PostgreSQL; not timed),
then time
  - the batched way, as the submit service calls it: items_eligibility() and items_duplicates() on
    every item, with their queries counted;
  - the per-item way, the loop a developer would write with the same selectors, one item at a time:
    subject_facts() for that one subject, the engine on it, then items_duplicates() on that one item.
    It runs on a sample of the items (drawn with a fixed seed) (the same loaded items, so neither way pays for
    loading them); its time and queries are extrapolated to all items, and the report says so. The
    per-item outcomes are checked against the batched ones on the sample.
The load average (1 min) is read just before each timed part: two cores are shared with other work,
so the batched way also reports this process's CPU time (on PostgreSQL the server's is not in it).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

YEARS = range(2016, 2026)
ROOT = Path(__file__).resolve().parent.parent
PG_NAME = "thidua_bench_proposals"


# --- Filling the registry (the driver's own connection) --------------------------------------------
def _insert(
    raw: Any, vendor: str, table: str, columns: tuple[str, ...], rows: Iterable[tuple[Any, ...]]
) -> None:
    """Bulk rows without Django's cursor wrapper (which costs more than the database on millions)."""
    names = ", ".join(columns)
    if vendor == "postgresql":
        with raw.cursor() as cursor, cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
    else:
        marks = ", ".join("?" for _ in columns)
        raw.cursor().executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows)


def _scalar(raw: Any, sql: str) -> Any:
    cursor = raw.cursor()
    cursor.execute(sql)
    return cursor.fetchone()[0]


def fill(raw: Any, vendor: str, *, org: int, people: int, ratings: int, honours: int) -> None:
    """`people` people, one rating per person and year (ten years), decisions of 100 recipients."""
    del ratings  # the people number ratings / years: one rating per person and year
    rng = random.Random(12)
    now = dt.datetime.now(dt.UTC)
    if vendor == "sqlite":
        raw.execute("PRAGMA synchronous=OFF")
        raw.execute("BEGIN")  # one transaction (Django leaves the driver in autocommit)
    _insert(
        raw,
        vendor,
        "org_person",
        (
            "created_at",
            "updated_at",
            "full_name",
            "gender",
            "date_of_birth",
            "civil_servant_code",
            "organisation_id",
            "position",
            "is_active",
        ),
        (
            (
                now,
                now,
                f"Nguyễn Văn {n}",
                "male",
                dt.date(1960 + n % 40, 1 + n % 12, 1 + n % 28),
                f"B{n:07d}",
                org,
                "",
                True,
            )
            for n in range(people)
        ),
    )
    first_person = _scalar(raw, "SELECT MIN(id) FROM org_person")
    _insert(
        raw,
        vendor,
        "awards_taskrating",
        ("created_at", "updated_at", "person_id", "year", "rating"),
        (
            (now, now, first_person + n, year, rng.choice(("htxs", "htt", "htt", "ht")))
            for n in range(people)
            for year in YEARS
        ),
    )
    decisions = max(honours // 100, 1)
    _insert(
        raw,
        vendor,
        "awards_awarddecision",
        (
            "created_at",
            "updated_at",
            "number",
            "signed_on",
            "issuer_id",
            "signer_name",
            "signer_title",
            "award",
            "period_from_year",
            "period_to_year",
            "summary",
            "note",
        ),
        (
            (
                now,
                now,
                f"{d}/QĐ",
                dt.date(YEARS[d % 10] + 1, 1, 15),
                org,
                "",
                "",
                rng.choice(("lao_dong_tien_tien", "chien_si_thi_dua_co_so", "giay_khen")),
                YEARS[d % 10],
                YEARS[d % 10],
                "",
                "",
            )
            for d in range(decisions)
        ),
    )
    first_decision = _scalar(raw, "SELECT MIN(id) FROM awards_awarddecision")
    _insert(
        raw,
        vendor,
        "awards_awardrecipient",
        ("created_at", "updated_at", "decision_id", "person_id"),
        (
            # A person once per decision (the registry's unique constraint).
            (now, now, first_decision + n // 100, first_person + (n * 7919) % people)
            for n in range(honours)
        ),
    )
    if vendor == "sqlite":
        raw.execute("COMMIT")
    raw.cursor().execute("ANALYZE")


def _sample(count: int, size: int) -> list[int]:
    """`size` indexes of range(count), drawn at random with a fixed seed (every run the same ones)."""
    return sorted(random.Random(200).sample(range(count), min(size, count)))


# --- One database: the child process ---------------------------------------------------------------
def child(args: argparse.Namespace) -> dict[str, Any]:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from thidua.awards.eligibility import evaluate_subject, parse_input, result_to_json
    from thidua.awards.models import Proposal, ProposalItem
    from thidua.awards.selectors.facts import subject_facts
    from thidua.awards.selectors.proposals import (
        items_duplicates,
        items_eligibility,
        proposal_items,
    )
    from thidua.awards.selectors.rules import active_overrides
    from thidua.org.models import Organisation

    started = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    people = max(args.ratings // len(YEARS), args.items)
    org = Organisation.objects.create(code="B-1", name="Sở Thử Nghiệm", kind="agency").pk
    connection.ensure_connection()
    fill(
        connection.connection,
        connection.vendor,
        org=org,
        people=people,
        ratings=args.ratings,
        honours=args.honours,
    )
    first_person = _scalar(connection.connection, "SELECT MIN(id) FROM org_person")
    setup = time.perf_counter() - started
    if connection.vendor == "postgresql":
        version = _scalar(connection.connection, "SHOW server_version")
    else:
        version = _scalar(connection.connection, "SELECT sqlite_version()")

    proposal = Proposal.objects.create(organisation_id=org, title="Bench", year=2025)
    ProposalItem.objects.bulk_create(
        (
            ProposalItem(
                proposal=proposal,
                person_id=first_person + n * (people // args.items),
                award="chien_si_thi_dua_co_so",
                year_from=2025,
                year_to=2025,
            )
            for n in range(args.items)
        ),
        batch_size=1000,
    )
    items = proposal_items(proposal=proposal)
    as_of, received_on = dt.date(2026, 1, 10), dt.date(2026, 1, 5)

    # The batched way.
    load_batched = os.getloadavg()[0]
    cpu = time.process_time()
    with CaptureQueriesContext(connection) as eligibility_queries:
        started = time.perf_counter()
        results = items_eligibility(items, as_of=as_of, received_on=received_on)
        eligibility = time.perf_counter() - started
    with CaptureQueriesContext(connection) as duplicate_queries:
        started = time.perf_counter()
        found = items_duplicates(items)
        duplicates = time.perf_counter() - started
    batched_cpu = time.process_time() - cpu

    # The per-item way, on a sample.
    sample = [items[index] for index in _sample(len(items), args.sample)]
    load_per_item = os.getloadavg()[0]
    per_results = []
    with CaptureQueriesContext(connection) as per_eligibility_queries:
        started = time.perf_counter()
        rules = active_overrides()
        for item in sample:
            (base,) = subject_facts(persons=[item.person], year=item.year_to)
            subject = {
                **base,
                "id": f"item-{item.pk}",
                "requested": [item.award],
                "year": item.year_to,
                "ratings": {y: r for y, r in base["ratings"].items() if int(y) <= item.year_to},
            }
            document = {
                "as_of": as_of.isoformat(),
                "received_on": received_on.isoformat(),
                "subjects": [subject],
            }
            parsed = parse_input(document).inputs.subjects[0]
            per_results.extend(
                evaluate_subject(parsed, as_of=as_of, received_on=received_on, overrides=rules)
            )
        per_eligibility = time.perf_counter() - started
    per_found = {}
    with CaptureQueriesContext(connection) as per_duplicate_queries:
        started = time.perf_counter()
        for item in sample:
            per_found[item.pk] = items_duplicates([item])[item.pk]
        per_duplicates = time.perf_counter() - started

    # The two ways agree on the sample.
    by_item = {item.pk: result for item, result in zip(items, results, strict=True)}
    same_eligibility = all(
        result_to_json(by_item[item.pk]) == result_to_json(result)
        for item, result in zip(sample, per_results, strict=True)
    )
    same_duplicates = all(
        {d.other.ref for d in found[item.pk]} == {d.other.ref for d in per_found[item.pk]} for item in sample
    )
    factor = len(items) / len(sample)
    return {
        "vendor": connection.vendor,
        "version": version,
        "setup": setup,
        "people": people,
        "ratings": people * len(YEARS),
        "honours": args.honours,
        "items": len(items),
        "load_batched": load_batched,
        "batched_cpu": batched_cpu,
        "eligibility": eligibility,
        "eligibility_queries": len(eligibility_queries),
        "results": len(results),
        "duplicates": duplicates,
        "duplicate_queries": len(duplicate_queries),
        "with_duplicate": sum(1 for v in found.values() if v),
        "sample": len(sample),
        "load_per_item": load_per_item,
        "per_eligibility": per_eligibility,
        "per_eligibility_queries": len(per_eligibility_queries),
        "per_duplicates": per_duplicates,
        "per_duplicate_queries": len(per_duplicate_queries),
        "factor": factor,
        "same_eligibility": same_eligibility,
        "same_duplicates": same_duplicates,
        "sample_with_duplicate": sum(1 for v in per_found.values() if v),
    }


# --- The parent: one child per database, then the report -------------------------------------------
def _postgres(url: str, *, create: bool) -> str:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{PG_NAME}" WITH (FORCE)')
        if create:
            conn.execute(f'CREATE DATABASE "{PG_NAME}"')
    return url.rsplit("/", 1)[0] + "/" + PG_NAME


def _run(url: str, workdir: Path, argv: list[str]) -> dict[str, Any]:
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "SECRET_KEY": os.environ.get("SECRET_KEY", "bench-only-not-secret"),
        "THIDUA_VAR_DIR": str(workdir),
        "DJANGO_SETTINGS_MODULE": "thidua.settings",
        "PYTHONPATH": str(ROOT),
    }
    env.pop("REDIS_URL", None)
    out = subprocess.run(
        [sys.executable, __file__, *argv, "--child"],
        env=env,
        check=True,
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def _cpu_model() -> str:
    try:
        out = subprocess.run(["lscpu"], capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return platform.processor() or "?"
    for line in out.splitlines():
        if line.startswith("Model name:"):
            return line.split(":", 1)[1].strip()
    return "?"


def _report(label: str, f: dict[str, Any]) -> Iterator[str]:
    batched = f["eligibility"] + f["duplicates"]
    per_el = f["per_eligibility"] * f["factor"]
    per_dup = f["per_duplicates"] * f["factor"]
    per_q_el = round(f["per_eligibility_queries"] * f["factor"])
    per_q_dup = round(f["per_duplicate_queries"] * f["factor"])
    yield (
        f"{label} {f['version']}: setup {f['setup']:.0f} s ({f['people']:,} people, {f['ratings']:,} ratings, "
        f"{f['honours']:,} honours), {f['items']:,} items"
    )
    yield (
        f"  batched   (load {f['load_batched']:.2f}): eligibility {f['eligibility']:.2f} s "
        f"({f['eligibility_queries']} queries, {f['results']:,} results), duplicates {f['duplicates']:.2f} s "
        f"({f['duplicate_queries']} queries, {f['with_duplicate']:,} items with one) → {batched:.2f} s, "
        f"{f['eligibility_queries'] + f['duplicate_queries']} queries (this process's CPU {f['batched_cpu']:.2f} s)"
    )
    yield (
        f"  per item  (load {f['load_per_item']:.2f}): {f['sample']} items measured "
        f"(eligibility {f['per_eligibility']:.2f} s, {f['per_eligibility_queries']} queries; duplicates "
        f"{f['per_duplicates']:.2f} s, {f['per_duplicate_queries']} queries), extrapolated ×{f['factor']:.0f} "
        f"to {f['items']:,} items: eligibility {per_el:.1f} s ({per_q_el:,} queries), duplicates {per_dup:.1f} s "
        f"({per_q_dup:,} queries) → {per_el + per_dup:.1f} s, {per_q_el + per_q_dup:,} queries"
    )
    yield (
        f"  ratio {(per_el + per_dup) / batched:.1f}× (eligibility {per_el / f['eligibility']:.1f}×, duplicates "
        f"{per_dup / f['duplicates']:.1f}×); same answers on the sample: eligibility {f['same_eligibility']}, "
        f"duplicates {f['same_duplicates']} ({f['sample_with_duplicate']} of {f['sample']} with one)"
    )


def main() -> int:
    scale = float(os.environ.get("THIDUA_BENCH_SCALE", "1"))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=int(10_000 * scale))
    parser.add_argument("--honours", type=int, default=int(1_000_000 * scale))
    parser.add_argument("--ratings", type=int, default=int(2_000_000 * scale))
    parser.add_argument("--sample", type=int, default=200)
    parser.add_argument("--postgres", default=os.environ.get("THIDUA_BENCH_POSTGRES", ""))
    parser.add_argument("--no-sqlite", action="store_true")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args)))
        return 0
    argv = [
        f"--items={args.items}",
        f"--honours={args.honours}",
        f"--ratings={args.ratings}",
        f"--sample={args.sample}",
    ]
    print(
        f"proposal checks benchmark — {os.cpu_count()} CPUs ({_cpu_model()}), Python {platform.python_version()}, "
        f"SQLite {sqlite3.sqlite_version}; load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}"
    )
    workdir = Path(tempfile.mkdtemp(prefix="thidua-bench-proposals-"))
    try:
        if not args.no_sqlite:
            for line in _report("SQLite", _run(f"sqlite:///{workdir / 'bench.sqlite3'}", workdir, argv)):
                print(line, flush=True)
        if args.postgres:
            url = _postgres(args.postgres, create=True)
            try:
                for line in _report("PostgreSQL", _run(url, workdir, argv)):
                    print(line, flush=True)
            finally:
                _postgres(args.postgres, create=False)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
