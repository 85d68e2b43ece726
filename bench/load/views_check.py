"""After a load test on a fresh demo: are the stored view counts exactly the beacons locust sent?

    python bench/load/views_check.py var/load/<stamp>_stats.csv

Run with the server's environment (scripts/load_test.sh exports it). It flushes the pending counts
(Redis to the database, as the worker's minute tick does), then compares the sum of the stored view
counts with the number of article beacons locust got a successful answer to. The demo loads no view
count rows (the seed's earlier figure is a field of its article), and the script empties the Redis
database before a fresh run, so on a fresh run the two must be equal (docs/portal-counting.md: stored
counts never lower than the truth, and higher only after a crash between commit and DEL).
Exit status 0 when they are equal, 1 otherwise.
"""

from __future__ import annotations

import csv
import os
import sys


def beacons_sent(stats_csv: str) -> int:
    with open(stats_csv, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["Name"] == "beacon (article)":
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

    from thidua.portal.models import PageViewCount
    from thidua.portal.services.counters import counters_flush

    counters_flush()
    stored = PageViewCount.objects.aggregate(total=Sum("count"))["total"] or 0
    sent = beacons_sent(argv[0])
    verdict = "equal" if stored == sent else "DIFFERENT"
    print(
        f"Article views stored after the flush: {stored:,}; article beacons answered: {sent:,} ({verdict})."
    )
    return 0 if stored == sent else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
