"""Benchmark of `thidua eligibility` on 10,000 subjects (docs/benchmarks.md has the figures).

    .venv/bin/python bench/bench_eligibility_cli.py [--subjects 10000] [--repeat 7] [--keep FILE]

Generates a deterministic input (a fixed seed: every run checks the same file): four individuals for
each collective, each asking for one to three codes among all twelve, with ten years of ratings,
honours, initiatives, and now and then a discipline, an open matter or a merger. It then times the
whole process `thidua eligibility FILE` (interpreter start, imports, reading, validation, evaluation,
output) several times, and the in-process stages once per repetition. It prints a short report; it
asserts nothing, since timings belong in a report, not in a test.
"""

from __future__ import annotations

import argparse
import gc
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchlib import machine, thidua_command, time_process

from thidua.awards.eligibility import evaluate, parse_json, results_to_text
from thidua.awards.eligibility.codes import COLLECTIVE_AWARDS, INDIVIDUAL_AWARDS

AS_OF = "2026-01-20"
YEAR = 2025
RATINGS = ("htxs", "htt", "htt", "htt", "ht", "kht")
INDIVIDUAL = sorted(code.value for code in INDIVIDUAL_AWARDS)
COLLECTIVE = sorted(code.value for code in COLLECTIVE_AWARDS)


def _history(rng: random.Random, codes: list[str]) -> tuple[dict[str, str], list[dict[str, Any]]]:
    ratings = {str(y): rng.choice(RATINGS) for y in range(YEAR - 9, YEAR + 1) if rng.random() < 0.95}
    honours = [
        {"code": rng.choice(codes), "year": y, "decision": f"{rng.randint(1, 999)}/QĐ-UBND"}
        for y in range(YEAR - 9, YEAR + 1)
        if rng.random() < 0.5
    ]
    return ratings, honours


def _individual(rng: random.Random, n: int) -> dict[str, Any]:
    ratings, honours = _history(
        rng, ["chien_si_thi_dua_co_so", "lao_dong_tien_tien", "bang_khen_chu_tich_ubnd_tinh"]
    )
    subject: dict[str, Any] = {
        "id": f"P-{n:05d}",
        "kind": "individual",
        "name": f"Cá nhân {n}",
        "requested": rng.sample(INDIVIDUAL, rng.randint(1, 3)),
        "year": YEAR,
        "ratings": ratings,
        "honours": honours,
        "initiatives": [
            {
                "id": f"SK-{n}-{i}",
                "scope": rng.choice(("co_so", "co_so", "tinh", "toan_quoc")),
                "year": rng.randint(YEAR - 5, YEAR),
                "used_for": None,
            }
            for i in range(rng.randint(0, 3))
        ],
        "recruited_on": f"{rng.randint(2000, 2025)}-{rng.randint(1, 12):02d}-01",
    }
    if rng.random() < 0.05:
        subject["discipline"] = [{"level": "khien_trach", "from": "2023-03-01", "to": "2024-03-01"}]
    if rng.random() < 0.02:
        subject["pending"] = [{"kind": "complaint", "since": "2025-11-02"}]
    return subject


def _collective(rng: random.Random, n: int) -> dict[str, Any]:
    ratings, honours = _history(
        rng, ["tap_the_lao_dong_xuat_sac", "tap_the_lao_dong_tien_tien", "bang_khen_chu_tich_ubnd_tinh"]
    )
    total = rng.randint(5, 60)
    subject: dict[str, Any] = {
        "id": f"T-{n:05d}",
        "kind": "collective",
        "name": f"Tập thể {n}",
        "requested": rng.sample(COLLECTIVE, rng.randint(1, 3)),
        "year": YEAR,
        "ratings": ratings,
        "honours": honours,
        "members": {
            "total": total,
            "completed": total - rng.randint(0, 1),
            "ldtt": rng.randint(total // 2, total),
            "cstdcs": rng.randint(0, 3),
            "disciplined_canh_cao_or_above": int(rng.random() < 0.1),
        },
        "leads_group": rng.random() < 0.3,
        "exceeded_targets": rng.random() < 0.7,
    }
    if rng.random() < 0.1:
        subject["lineage"] = [{"date": "2025-07-01", "predecessors": ["Xã An Phú", "Xã Tân Lập"]}]
    return subject


def generate(subjects: int, seed: int = 2026) -> dict[str, object]:
    rng = random.Random(seed)
    rows = [_collective(rng, n) if n % 5 == 4 else _individual(rng, n) for n in range(subjects)]
    return {"as_of": AS_OF, "subjects": rows}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--subjects", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--keep", type=Path, help="write the generated input here and keep it")
    args = parser.parse_args()

    data = generate(args.subjects)
    text = json.dumps(data, ensure_ascii=False, indent=1)
    rows: list[dict[str, Any]] = data["subjects"]  # type: ignore[assignment]
    requests = sum(len(row["requested"]) for row in rows)
    with tempfile.TemporaryDirectory() as tmp:
        path = args.keep or Path(tmp) / "bench-eligibility.json"
        path.write_text(text, encoding="utf-8")

        wall, stdout = time_process([thidua_command(), "eligibility", str(path)], args.repeat)
        output_bytes = len(stdout)

    stages: dict[str, list[float]] = {"parse + validate": [], "evaluate": [], "serialise": []}
    raw = text.encode()
    # As the command does (cli.py): no cyclic garbage collection while the trees are built.
    gc.disable()
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        document = parse_json(raw)
        t1 = time.perf_counter()
        results = evaluate(document.inputs, document.overrides)
        t2 = time.perf_counter()
        results_to_text(results)
        t3 = time.perf_counter()
        for name, spent in zip(stages, (t1 - t0, t2 - t1, t3 - t2), strict=True):
            stages[name].append(spent)

    print(
        f"thidua eligibility: {args.subjects} subjects, {requests} requests ({len(raw) / 1e6:.1f} MB in, ",
        end="",
    )
    print(f"{output_bytes / 1e6:.1f} MB out), {args.repeat} runs")
    # Other work on the machine moves the median; the load average says how busy it was.
    print(f"machine: {machine()} at the end")
    print(
        f"whole process `thidua eligibility FILE`: min {min(wall):.3f} s, median {statistics.median(wall):.3f} s"
    )
    for name, seconds in stages.items():
        print(f"  in process, {name:<17} min {min(seconds):.3f} s, median {statistics.median(seconds):.3f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
