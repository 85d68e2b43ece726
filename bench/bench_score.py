"""Benchmark of `thidua score` on 1,000 members × 100 criteria (docs/benchmarks.md has the figures).

    .venv/bin/python bench/bench_score.py [--members 1000] [--repeat 7] [--keep FILE]

Generates a deterministic input (a fixed seed: every run scores the same file) mixing every method
in ten groups, then times the whole process `thidua score FILE` (interpreter start, imports, reading,
validation, scoring, output) several times, and the in-process stages once per repetition. It prints
a short report; it asserts nothing, since timings belong in a report, not in a test.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

from benchlib import machine, thidua_command, time_process

from thidua.emulation.scoring import parse_json, result_to_json, score

GROUPS = 10
PER_GROUP = 10
# One row per leaf in a group of ten: every method of the contract, the ratio one in its three forms.
LEAF_KINDS = (
    ("ratio_to_target", {"cap": 1.0}),
    ("ratio_to_target", {"lower_is_better": True}),
    ("ratio_to_target", {"cap": 1.2}),
    ("boolean", None),
    ("threshold", {"threshold": 98, "proportional_below": True}),
    ("tiers", {"tiers": [[90, 20], [80, 15], [70, 10], [50, 5]]}),
    ("manual", None),
    ("relative", None),
    ("threshold", {"threshold": 50}),
    ("manual", None),
)


def _cents(rng: random.Random, low: int, high: int) -> str:
    return str(Decimal(rng.randint(low * 100, high * 100)).scaleb(-2))


def _value(rng: random.Random, method: str, max_points: int) -> object:
    if method == "ratio_to_target":
        return {"actual": _cents(rng, 0, 20000), "target": _cents(rng, 1000, 18000)}
    if method == "boolean":
        return rng.random() < 0.5
    if method in ("manual", "bonus", "penalty"):
        return _cents(rng, 0, max_points)
    return _cents(rng, 0, 100)


def generate(members: int, seed: int = 2023) -> dict[str, object]:
    """A valid input with GROUPS × PER_GROUP leaves: 97 scored in groups, then bonus, penalty and veto."""
    rng = random.Random(seed)
    groups = []
    for g in range(1, GROUPS + 1):
        children = []
        for i, (method, params) in enumerate(LEAF_KINDS, start=1):
            # The last group gives up three places to bonus, penalty and veto, to make 100 criteria in all.
            if g == GROUPS and i > PER_GROUP - 3:
                break
            leaf: dict[str, object] = {"code": f"{g}.{i}", "name": f"Tiêu chí {g}.{i}", "max_points": 20}
            leaf["method"] = method
            if params:
                leaf["params"] = params
            if method == "ratio_to_target":
                leaf["unit"] = "tỷ đồng"
            children.append(leaf)
        groups.append({"code": str(g), "name": f"Nhóm tiêu chí {g}", "children": children})
    extras = [
        {"code": "B", "name": "Điểm thưởng", "max_points": 20, "method": "bonus"},
        {"code": "P", "name": "Điểm trừ", "max_points": 20, "method": "penalty"},
        {"code": "V", "name": "Tiêu chí phủ quyết", "method": "veto"},
    ]
    leaves = [(leaf["code"], leaf["method"]) for group in groups for leaf in group["children"]]
    leaves += [(extra["code"], extra["method"]) for extra in extras]
    rows = []
    for m in range(members):
        values: dict[str, object] = {}
        for code, method in leaves:
            if method == "veto":
                values[code] = rng.random() < 0.02
            else:
                values[code] = _value(rng, str(method), 20)
        rows.append({"id": f"don-vi-{m:04d}", "name": f"Đơn vị {m}", "values": values})
    return {
        "criteria": [*groups, *extras],
        "members": rows,
        "aggregates": [{"criterion": "1.1", "kind": "sum_ratio"}, {"criterion": "1.4", "kind": "count_true"}],
        "tie_break": ["1", "2.1"],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--keep", type=Path, help="write the generated input here and keep it")
    args = parser.parse_args()

    data = generate(args.members)
    text = json.dumps(data, ensure_ascii=False, indent=1)
    with tempfile.TemporaryDirectory() as tmp:
        path = args.keep or Path(tmp) / "bench-score.json"
        path.write_text(text, encoding="utf-8")

        wall, stdout = time_process([thidua_command(), "score", str(path)], args.repeat)
        output_bytes = len(stdout)

    stages: dict[str, list[float]] = {"parse + validate": [], "score": [], "serialise": []}
    raw = text.encode()
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        inputs = parse_json(raw)
        t1 = time.perf_counter()
        result = score(inputs)
        t2 = time.perf_counter()
        json.dumps(result_to_json(result), ensure_ascii=False, indent=1)
        t3 = time.perf_counter()
        for name, seconds in zip(stages, (t1 - t0, t2 - t1, t3 - t2), strict=True):
            stages[name].append(seconds)

    leaves = sum(len(group["children"]) for group in data["criteria"][:GROUPS]) + 3  # type: ignore[arg-type]
    print(f"thidua score: {args.members} members × {leaves} criteria ({len(raw) / 1e6:.1f} MB in, ", end="")
    print(f"{output_bytes / 1e6:.1f} MB out), {args.repeat} runs")
    # Other work on the machine moves the median; the load average says how busy it was.
    print(f"machine: {machine()} at the end")
    print(f"whole process `thidua score FILE`: min {min(wall):.3f} s, median {statistics.median(wall):.3f} s")
    for name, seconds in stages.items():
        print(f"  in process, {name:<17} min {min(seconds):.3f} s, median {statistics.median(seconds):.3f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
