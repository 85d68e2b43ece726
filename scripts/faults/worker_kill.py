#!/usr/bin/env python3
"""Fault check (#15): the background worker killed (SIGKILL) in the middle of an import job.
Prints PASS or FAIL; the results are written down in docs/reliability.md.

On the database of scripts/faults/pg_restart.py (`thidua_fault`, PostgreSQL, the demo data; run that
script with --setup first, or pass --database-url for another one), for real:
1. an officer's confirmed import of a generated sheet of 5,000 people is scheduled through the
   service (org.services.imports.jobs.import_schedule), which queues the task in django-tasks-db;
2. `thidua db_worker` is started; once the Job shows rows saved (on PostgreSQL the progress is
   committed by a helper connection while the import's own transaction is open) the worker is killed;
3. checks: none of the sheet's people is in the database (the import is one transaction); the Job and
   the task result are left "running" (nobody told them); `thidua jobs_reap --minutes 0` marks both
   failed, the Job with a Vietnamese message asking to run it again.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BIN = ROOT / ".venv" / "bin"
VAR = Path("/tmp/thidua-fault-var")
ROWS = 5000

SCHEDULE = """
import io, openpyxl
from django.contrib.auth import get_user_model
from thidua.org.models import Organisation
from thidua.org.services.imports.jobs import import_schedule
from thidua.org.services.imports.stash import upload_stash
from thidua.org.spreadsheets import SHEETS

actor = get_user_model().objects.get(username="quantri")
unit = Organisation.objects.exclude(code="").order_by("pk").first()
book = openpyxl.Workbook()
book.active.append([c.sheet_header for c in SHEETS["people"].import_columns])
for n in range(%(rows)d):
    book.active.append([f"Worker Killed {n:05d}", "Nữ", None, None, unit.code])
buffer = io.BytesIO()
book.save(buffer)
token = upload_stash(data=buffer.getvalue())
job = import_schedule(actor=actor, kind="people", token=token, filename="worker-kill.xlsx")
print(job.pk)
"""

STATE = """
import sys
from django_tasks_db.models import DBTaskResult
from thidua.core.models import Job
from thidua.org.models import Person
job = Job.objects.get(pk=sys.argv[1])
task = DBTaskResult.objects.filter(args_kwargs__kwargs__job_id=sys.argv[1]).first()
people = Person.objects.filter(full_name__startswith="Worker Killed ").count()
print(job.status, job.done, job.total, task.status if task else "-", people, sep="|")
print(job.message)
"""


def django(code: str, *args: str, env: dict[str, str]) -> str:
    done = subprocess.run(
        [str(BIN / "python"), "-c", "import django; django.setup()\n" + code, *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"FAIL: helper failed:\n{done.stderr[-3000:]}")
    return done.stdout.strip()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/thidua_fault")
    options = parser.parse_args()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "thidua.settings",
        "DATABASE_URL": options.database_url,
        "THIDUA_DEMO": "1",
        "THIDUA_VAR_DIR": str(VAR),
        "SECRET_KEY": "fault-check-only-not-secret",
        "THIDUA_TASKS_IMMEDIATE": "0",
        "LOG_LEVEL": "ERROR",
    }
    job_id = django(SCHEDULE % {"rows": ROWS}, env=env).splitlines()[-1]
    print(f"scheduled import job {job_id} ({ROWS} rows)")
    worker = subprocess.Popen(
        [str(BIN / "thidua"), "db_worker", "--queue-name", "default", "--interval", "0.2"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    failures: list[str] = []
    try:
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            status, done, total, task, _people = django(STATE, job_id, env=env).splitlines()[0].split("|")
            if status != "queued" and status != "running":
                failures.append(f"the job ended ({status}) before the worker could be killed")
                break
            if status == "running" and int(done) > 0:
                print(f"killing the worker at {done}/{total} rows saved (task {task})")
                worker.send_signal(signal.SIGKILL)
                worker.wait(timeout=30)
                break
            time.sleep(0.3)
        else:
            failures.append("the job showed no progress within 5 minutes")
    finally:
        if worker.poll() is None:
            worker.kill()
            worker.wait()
    first, message = django(STATE, job_id, env=env).split("\n", 1)
    status, done, total, task, people = first.split("|")
    print(
        f"after the kill: job {status} {done}/{total}, task result {task}, people of the sheet stored: {people}"
    )
    if int(people) != 0:
        failures.append(f"{people} rows of the killed import were committed")
    if (status, task) != ("running", "RUNNING"):
        failures.append(f"expected the job and the task left running, found {status}/{task}")
    reaped = subprocess.run(
        [str(BIN / "thidua"), "jobs_reap", "--minutes", "0", "--skip-checks"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    print(f"thidua jobs_reap --minutes 0: {reaped.stdout.strip()}")
    first, message = django(STATE, job_id, env=env).split("\n", 1)
    status, done, total, task, people = first.split("|")
    print(f"after jobs_reap: job {status}, task result {task}; the job's message: {message}")
    if (status, task) != ("failed", "FAILED") or "hãy chạy lại" not in message:
        failures.append(f"the reaper did not report the lost job: {status}/{task}")
    for failure in failures:
        print(f"  - {failure}")
    print("FAIL" if failures else "PASS")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
