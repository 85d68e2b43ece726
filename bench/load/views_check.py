"""After a load test on a fresh demo: are the stored view counts exactly the beacons locust sent?

    python bench/load/views_check.py var/load/<stamp>_stats.csv

Run with the server's environment (scripts/load_test.sh exports it). It flushes the pending counts
(Redis to the database, as the worker's minute tick does), then compares the views added since the
demo was loaded (the stored sum less the seed article's carried-over figure, the only count row the
demo writes) with what locust saw. Every article page a reader loads is followed by its beacon, and
every beacon answered 200 was counted, so on a fresh run (the script empties the Redis database)

    beacons answered  <=  views added  <=  article pages loaded

and all three are equal when the run stops cleanly; a reader stopped by the end of the run between
sending its beacon and reading the answer is counted by the server, not by locust. A view added
beyond the pages loaded would be a double count, one short of the beacons answered a lost count.
Exit status 0 when the inequality holds, 1 otherwise.
"""

from __future__ import annotations

import csv
import os
import sys


def successes(stats_csv: str, name: str) -> int:
    """Requests of that name locust recorded as successful."""
    with open(stats_csv, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["Name"] == name:
                return int(row["Request Count"]) - int(row["Failure Count"])
    return 0


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thidua.settings")
    import django

    django.setup()
    from django.db.models import Sum

    from thidua.demo.portal import SEED_VIEWS
    from thidua.portal.models import PageViewCount
    from thidua.portal.services.counters import counters_flush

    counters_flush()
    stored = PageViewCount.objects.aggregate(total=Sum("count"))["total"] or 0
    added = stored - SEED_VIEWS
    answered = successes(argv[0], "beacon (article)")
    loaded = successes(argv[0], "article")
    exact = answered <= added <= loaded
    print(
        f"Article views added: {added:,} ({stored:,} stored less the seed's {SEED_VIEWS:,}); "
        f"article pages loaded: {loaded:,}; article beacons answered: {answered:,}: "
        + ("no view lost, none counted twice." if exact else "COUNTS DISAGREE.")
    )
    return 0 if exact else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
