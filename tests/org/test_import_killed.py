"""A process killed with SIGKILL in the middle of an import commits none of its rows (#15, faults).

The import runs for real in a child process: the background task's body (thidua.org.tasks.run_import)
on a generated sheet of 600 people, against the database of this test (PostgreSQL: the test database
itself; SQLite: a file copy of the in-memory test database, read back after). The child stops once
rows are saved inside the import's transaction and says how many it sees; the test then kills it.
Afterwards: no person of the sheet, no audit row of theirs, and the Job left "running", which
`thidua jobs_reap` then reports as failed.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any
from urllib.parse import quote

import openpyxl
import pytest
from django.conf import settings
from django.db import connection

from thidua.core.jobs import job_create, job_reap_stale
from thidua.core.models import AuditEvent, Job
from thidua.org.models import Person
from thidua.org.selectors.imports import IMPORT_JOB_KINDS
from thidua.org.services.imports.stash import upload_path
from thidua.org.spreadsheets import SHEETS

pytestmark = pytest.mark.django_db(transaction=True)

ROWS = 600
PROJECT = Path(__file__).resolve().parents[2]

# The child: the worker's task body, stopped (not ended) once rows are written in its transaction.
CHILD = textwrap.dedent(
    """
    import sys, time
    import django
    django.setup()
    from thidua.org import tasks
    from thidua.org.models import Person

    def stop_here(self, done):
        if done >= 100:
            # Rows are saved but not committed: this process sees them, nobody else does.
            print("SAVED", Person.objects.filter(full_name__startswith="Bị Ngắt ").count(), flush=True)
            time.sleep(600)

    tasks._Progress.__call__ = stop_here
    tasks.run_import(job_id=sys.argv[1])
    print("FINISHED", flush=True)
    """
)


def _sheet(unit_code: str) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append([c.sheet_header for c in SHEETS["people"].import_columns])
    for n in range(ROWS):
        sheet.append([f"Bị Ngắt {n:04d}", "Nữ", None, None, unit_code])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _database_url(tmp_path: Path) -> tuple[str, Path | None]:
    conf = connection.settings_dict
    if connection.vendor == "sqlite":
        copy = tmp_path / "child.sqlite3"
        target = sqlite3.connect(copy)
        connection.ensure_connection()
        connection.connection.backup(target)
        target.close()
        return f"sqlite:///{copy}", copy
    user = quote(conf["USER"] or "")
    password = f":{quote(conf['PASSWORD'])}" if conf.get("PASSWORD") else ""
    return (
        f"postgres://{user}{password}@{conf['HOST'] or 'localhost'}:{conf['PORT'] or 5432}/{conf['NAME']}",
        None,
    )


def test_a_killed_import_commits_none_of_its_rows(
    world: Any, personas: dict[str, Any], tmp_path: Path
) -> None:
    actor = personas["province"]
    job = job_create(
        actor=actor,
        kind=IMPORT_JOB_KINDS["people"],
        title="Nhập cá nhân",
        params={"kind": "people", "filename": "ds.xlsx", "actor_id": actor.pk},
    )
    path = upload_path(name=f"{job.pk}.xlsx")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(_sheet(world.home.code))
    people_before = Person.objects.count()
    audit_before = AuditEvent.objects.count()
    url, copy = _database_url(tmp_path)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "thidua.settings",
        "SECRET_KEY": "tests-only-not-secret",
        "DATABASE_URL": url,
        "THIDUA_VAR_DIR": str(settings.VAR_DIR),
        "THIDUA_TASKS_IMMEDIATE": "1",
    }
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(job.pk)], cwd=PROJECT, env=env, stdout=subprocess.PIPE, text=True
    )
    try:
        line = child.stdout.readline() if child.stdout else ""  # blocks until the child reports
        assert line.startswith("SAVED"), f"the child did not reach the saving step: {line!r}"
        seen_inside = int(line.split()[1])
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=60)
    finally:
        if child.poll() is None:
            child.kill()
        path.unlink(missing_ok=True)
    assert child.returncode == -signal.SIGKILL
    # The child had written rows in its transaction: the kill came part-way, not before the saving.
    assert seen_inside >= 100
    if copy is not None:
        # SQLite: the child's file, after the kill (its uncommitted pages are not part of it), becomes
        # this test's database again.
        origin = sqlite3.connect(copy)
        origin.backup(connection.connection)
        origin.close()

    assert not Person.objects.filter(full_name__startswith="Bị Ngắt ").exists()
    assert Person.objects.count() == people_before
    assert AuditEvent.objects.count() == audit_before
    job.refresh_from_db()
    assert job.status == Job.Status.RUNNING  # nobody told it: the worker died

    counts = job_reap_stale(older_than=dt.timedelta(0))

    assert counts["jobs"] == 1
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED
    assert "hãy chạy lại" in job.message
