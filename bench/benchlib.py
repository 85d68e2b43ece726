"""What the benchmarks share: the machine line every figure is recorded with, the `thidua` command
beside the interpreter, and the timing loops (min and median of repeated runs; a report, not a test).

The benches are run as scripts (`python bench/bench_x.py`), so this module is imported by its bare name
from the bench directory.
"""

from __future__ import annotations

import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path


def machine() -> str:
    """CPU model, core count, Python, and how busy the machine was (other work moves medians)."""
    model = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (
        f"{model}, {os.cpu_count()} CPUs, Python {platform.python_version()}, load {os.getloadavg()[0]:.2f}"
    )


def thidua_command() -> str:
    """The `thidua` console script of the running virtualenv, else the one on PATH."""
    beside = Path(sys.executable).with_name("thidua")
    return str(beside) if beside.exists() else "thidua"


def time_process(args: list[str], repeat: int) -> tuple[list[float], bytes]:
    """Wall times of running the command `repeat` times, and the last run's standard output.

    Exits with the command's error output when a run fails: a failed run has no time worth reporting.
    """
    wall: list[float] = []
    stdout = b""
    for _ in range(repeat):
        start = time.perf_counter()
        done = subprocess.run(args, capture_output=True, check=False)
        wall.append(time.perf_counter() - start)
        if done.returncode != 0:
            sys.stderr.write(done.stderr.decode())
            raise SystemExit(1)
        stdout = done.stdout
    return wall, stdout


def time_call(call: Callable[[], object], repeat: int) -> tuple[float, float]:
    """(min, median) seconds of `repeat` calls after one warm-up call (template loading, first connection)."""
    call()
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        call()
        runs.append(time.perf_counter() - start)
    return min(runs), statistics.median(runs)
