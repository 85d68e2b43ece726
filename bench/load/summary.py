"""Print locust's CSV statistics as the table of docs/benchmarks.md (scripts/load_test.sh calls it).

    python bench/load/summary.py var/load/<stamp>_stats.csv [var/load/<stamp>_failures.csv]

One row per request type: count, failures, median, p95, p99 (ms) and requests per second, then the
aggregated row; then each failure locust recorded, with its count. Standard library only.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def table(stats: list[dict[str, str]]) -> list[str]:
    lines = [
        "| request | count | failures | median ms | p95 ms | p99 ms | req/s |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    # Locust writes the requests sorted by name, then the "Aggregated" row.
    for row in stats:
        name = "**all requests**" if row["Name"] == "Aggregated" else f"{row['Type']} {row['Name']}"
        lines.append(
            f"| {name} | {int(row['Request Count']):,} | {int(row['Failure Count']):,} | "
            f"{row['50%']} | {row['95%']} | {row['99%']} | {float(row['Requests/s']):.2f} |"
        )
    return lines


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__, file=sys.stderr)
        return 2
    stats = rows(Path(argv[0]))
    print("\n".join(table(stats)))
    if len(argv) > 1 and Path(argv[1]).exists():
        failures = rows(Path(argv[1]))
        if failures:
            print("\nFailures:")
            for row in failures:
                print(f"  {row['Occurrences']} × {row['Method']} {row['Name']}: {row['Error']}")
        else:
            print("\nNo failures.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
