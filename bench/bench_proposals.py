"""Benchmark of checking a proposal's items: eligibility from the registry and duplicates (#12).

    .venv/bin/python bench/bench_proposals.py [--items N] [--honours M] [--ratings R]

The issue's figure: 10,000 items against 1,000,000 honours and 2,000,000 ratings in under 10 s, with a
number of queries that does not grow with the items. Defaults are that size; THIDUA_BENCH_SCALE (a
fraction) shrinks every count for `make bench`. The run uses a new SQLite file in a temporary
directory (DATABASE_URL is read by the settings at import, so it is set before Django starts):
migrate, fill the registry with raw bulk inserts (not timed), then time items_eligibility() and
items_duplicates() on the items as the submit service calls them, and count their queries.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import sys
import tempfile
import time
from pathlib import Path

YEARS = range(2016, 2026)


def main() -> None:
    scale = float(os.environ.get("THIDUA_BENCH_SCALE", "1"))
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--items", type=int, default=int(10_000 * scale))
    parser.add_argument("--honours", type=int, default=int(1_000_000 * scale))
    parser.add_argument("--ratings", type=int, default=int(2_000_000 * scale))
    args = parser.parse_args()
    tmp = tempfile.mkdtemp(prefix="thidua-bench-")
    os.environ["DATABASE_URL"] = f"sqlite:///{tmp}/bench.sqlite3"
    os.environ.setdefault("SECRET_KEY", "bench-only-not-secret")
    os.environ.setdefault("THIDUA_VAR_DIR", tmp)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thidua.settings")
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    from thidua.awards.models import Proposal, ProposalItem
    from thidua.awards.selectors.proposals import items_duplicates, items_eligibility, proposal_items

    call_command("migrate", verbosity=0, interactive=False)
    rng = random.Random(12)
    # Ratings: one per person and year, so the people number ratings / years.
    people = max(args.ratings // len(YEARS), args.items)
    started = time.perf_counter()
    now = dt.datetime.now(dt.UTC).isoformat()
    from thidua.org.models import Organisation

    org = Organisation.objects.create(code="B-1", name="Sở Thử Nghiệm", kind="agency").pk
    connection.ensure_connection()
    # The driver's own connection: Django's cursor wrapper costs more than SQLite on millions of rows.
    raw = connection.connection
    raw.execute("PRAGMA synchronous=OFF")
    with raw:
        cursor = raw.cursor()
        cursor.executemany(
            "INSERT INTO org_person (created_at, updated_at, full_name, gender, date_of_birth,"
            " civil_servant_code, organisation_id, position, is_active) VALUES (?, ?, ?, 'male', ?, ?, ?, '', 1)",
            (
                (
                    now,
                    now,
                    f"Nguyễn Văn {n}",
                    dt.date(1960 + n % 40, 1 + n % 12, 1 + n % 28).isoformat(),
                    f"B{n:07d}",
                    org,
                )
                for n in range(people)
            ),
        )
        first_person = cursor.execute("SELECT MIN(id) FROM org_person").fetchone()[0]
        cursor.executemany(
            "INSERT INTO awards_taskrating (created_at, updated_at, person_id, year, rating) VALUES (?, ?, ?, ?, ?)",
            (
                (now, now, first_person + n, year, rng.choice(("htxs", "htt", "htt", "ht")))
                for n in range(people)
                for year in YEARS
            ),
        )
        decisions = max(args.honours // 100, 1)
        cursor.executemany(
            "INSERT INTO awards_awarddecision (created_at, updated_at, number, signed_on, issuer_id, signer_name,"
            " signer_title, award, period_from_year, period_to_year, summary, note)"
            " VALUES (?, ?, ?, ?, ?, '', '', ?, ?, ?, '', '')",
            (
                (
                    now,
                    now,
                    f"{d}/QĐ",
                    f"{YEARS[d % 10] + 1}-01-15",
                    org,
                    rng.choice(("lao_dong_tien_tien", "chien_si_thi_dua_co_so", "giay_khen")),
                    YEARS[d % 10],
                    YEARS[d % 10],
                )
                for d in range(decisions)
            ),
        )
        first_decision = cursor.execute("SELECT MIN(id) FROM awards_awarddecision").fetchone()[0]
        cursor.executemany(
            "INSERT INTO awards_awardrecipient (created_at, updated_at, decision_id, person_id) VALUES (?, ?, ?, ?)",
            (
                (now, now, first_decision + n // 100, first_person + (n * 7919) % people)
                for n in range(args.honours)
                # A person once per decision (the registry's unique constraint).
            ),
        )
    raw.execute("ANALYZE")
    setup = time.perf_counter() - started
    proposal = Proposal.objects.create(organisation_id=org, title="Bench", year=2025)
    ProposalItem.objects.bulk_create(
        ProposalItem(
            proposal=proposal,
            person_id=first_person + n * (people // args.items),
            award="chien_si_thi_dua_co_so",
            year_from=2025,
            year_to=2025,
        )
        for n in range(args.items)
    )
    items = proposal_items(proposal=proposal)
    reset_queries()
    with CaptureQueriesContext(connection) as eligibility_queries:
        started = time.perf_counter()
        results = items_eligibility(items, as_of=dt.date(2026, 1, 10), received_on=dt.date(2026, 1, 5))
        eligibility = time.perf_counter() - started
    with CaptureQueriesContext(connection) as duplicate_queries:
        started = time.perf_counter()
        found = items_duplicates(items)
        duplicates = time.perf_counter() - started
    print(
        f"setup {setup:.1f} s ({people} people, {args.ratings} ratings, {args.honours} honours); "
        f"{len(items)} items: eligibility {eligibility:.2f} s ({len(eligibility_queries)} queries, "
        f"{len(results)} results), duplicates {duplicates:.2f} s ({len(duplicate_queries)} queries, "
        f"{sum(1 for v in found.values() if v)} items with one), total {eligibility + duplicates:.2f} s"
    )


if __name__ == "__main__":
    main()
