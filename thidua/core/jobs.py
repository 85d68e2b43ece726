"""Progress records of long jobs (imports, bulk PDFs, reports) run by the background worker.

A service creates the Job with job_schedule(), which queues the task registered for the job's kind
once the service's transaction commits; the task reports progress through job_progress() and ends
with job_succeed() or job_fail(); the job page polls job_status().
Updates are single UPDATE statements, so a page reading the row never blocks the worker and the
worker never overwrites a finished job (the status guard in the WHERE clause).

Core knows no domain app (docs/architecture.md), so the apps plug in from their AppConfig.ready():
job_runner_register() names the task that runs a kind of job, and job_viewer_register() adds a
rule for who may watch other people's jobs (accounts: whoever may read the audit log).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any, Protocol

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from thidua.core.models import Job

if TYPE_CHECKING:
    # The project's user model subclasses it; core may not import accounts (import-linter).
    from django.contrib.auth.models import AbstractUser


class JobTask(Protocol):
    """A background task (django_tasks) that runs one job; it takes the job's id as `job_id`."""

    def enqueue(self, *args: Any, **kwargs: Any) -> Any: ...


# A user who is not a job's owner may watch it when one of these says so.
JobViewerCheck = Callable[[Any, Job], bool]

_runners: dict[str, JobTask] = {}
_viewer_checks: list[JobViewerCheck] = []


def job_runner_register(*, kind: str, task: JobTask) -> None:
    """Name the task that runs jobs of `kind`; called from the owning app's AppConfig.ready()."""
    _runners[kind] = task


def job_viewer_register(check: JobViewerCheck) -> None:
    """Add a rule `check(user, job) -> bool` for watching jobs the user did not start."""
    if check not in _viewer_checks:
        _viewer_checks.append(check)


def job_visible_to(*, job: Job, user: Any) -> bool:
    """Whether the user may watch the job: its owner may, and so may anyone a registered rule admits."""
    if not getattr(user, "is_authenticated", False):
        return False
    if job.created_by_id is not None and job.created_by_id == user.pk:
        return True
    return any(check(user, job) for check in _viewer_checks)


def job_create(
    *, actor: AbstractUser | None, kind: str, title: str, total: int = 0, params: dict[str, Any] | None = None
) -> Job:
    return Job.objects.create(
        kind=kind,
        title=title,
        total=total,
        params=params or {},
        created_by_id=actor.pk if actor is not None and actor.pk else None,
    )


def job_schedule(
    *, actor: AbstractUser | None, kind: str, title: str, total: int = 0, params: dict[str, Any] | None = None
) -> Job:
    """Create a job and queue the task registered for its kind when the current transaction commits.

    Call it inside the service's transaction: the worker must find the Job row (and whatever else the
    service saved for it), and the immediate backend of the tests and the demo runs the task at once.
    """
    task = _runners.get(kind)
    if task is None:
        raise LookupError(f"No task is registered for jobs of kind {kind!r} (job_runner_register).")
    job = job_create(actor=actor, kind=kind, title=title, total=total, params=params)
    transaction.on_commit(partial(task.enqueue, job_id=str(job.pk)))
    return job


def job_start(*, job_id: uuid.UUID | str, total: int | None = None) -> bool:
    """Claim a queued job for this worker; False when another worker already claimed it."""
    fields: dict[str, Any] = {"status": Job.Status.RUNNING, "updated_at": timezone.now()}
    if total is not None:
        fields["total"] = total
    return Job.objects.filter(pk=job_id, status=Job.Status.QUEUED).update(**fields) == 1


def job_progress(
    *, job_id: uuid.UUID | str, done: int | None = None, step: int = 0, message: str | None = None
) -> None:
    fields: dict[str, Any] = {"updated_at": timezone.now()}
    if done is not None:
        fields["done"] = done
    elif step:
        fields["done"] = F("done") + step
    if message is not None:
        fields["message"] = message
    Job.objects.filter(pk=job_id, status=Job.Status.RUNNING).update(**fields)


def job_succeed(*, job_id: uuid.UUID | str, result: dict[str, Any] | None = None, message: str = "") -> None:
    Job.objects.filter(pk=job_id).exclude(status=Job.Status.FAILED).update(
        status=Job.Status.SUCCEEDED,
        done=F("total"),
        result=result or {},
        message=message,
        updated_at=timezone.now(),
    )


def job_fail(*, job_id: uuid.UUID | str, message: str, result: dict[str, Any] | None = None) -> None:
    # Runs outside the failed transaction: the failure must be recorded even though the work rolled back.
    with transaction.atomic():
        Job.objects.filter(pk=job_id).update(
            status=Job.Status.FAILED, message=message, result=result or {}, updated_at=timezone.now()
        )


def job_status(*, job: Job) -> dict[str, Any]:
    return {
        "id": str(job.pk),
        "status": job.status,
        "status_display": job.get_status_display(),
        "done": job.done,
        "total": job.total,
        "percent": job.percent,
        "message": job.message,
        "finished": job.finished,
        "result": job.result,
    }


# --- Jobs whose worker died ------------------------------------------------------------------------
# A worker killed mid-task (SIGKILL, out of memory, a power cut) never reaches job_fail() or
# django-tasks-db's set_failed(): its Job and its task result would say "running" forever, and the
# officer watching the bar would wait for nothing. django-tasks-db has no notion of a lost worker, so
# `thidua jobs_reap` (cron, and the worker's unit before it starts) marks them failed, in words.
# Nothing is re-queued: a failed import saved nothing (one transaction), and the officer decides
# whether to run it again.


class WorkerLost(Exception):
    """What a reaped task result names as its failure (django-tasks-db's exception_class_path)."""


JOB_LOST_MESSAGE = (
    "Tác vụ bị gián đoạn: tiến trình chạy nền đã dừng khi đang chạy (không có tiến triển từ %(since)s). "
    "Không có thay đổi dở dang nào được lưu; hãy chạy lại."
)


def job_reap_stale(*, older_than: dt.timedelta, now: dt.datetime | None = None) -> dict[str, int]:
    """Mark failed the jobs and task results left running with no progress for `older_than`.

    `older_than` must exceed the longest quiet stretch of a live job: on SQLite an import's progress is
    only visible when its transaction ends (thidua/org/tasks.py). Zero reaps every running job, for a
    deployment's single worker at its start, when none of them can still be alive.
    Single UPDATEs guarded by status, as for the live updates, so a job that finishes meanwhile keeps
    its result. Returns how many of each were marked.
    """
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    now = now or timezone.now()
    cutoff = now - older_than
    jobs = 0
    for job_id, updated_at in Job.objects.filter(
        status=Job.Status.RUNNING, updated_at__lte=cutoff
    ).values_list("pk", "updated_at"):
        since = timezone.localtime(updated_at).strftime("%H:%M %d/%m/%Y")
        jobs += Job.objects.filter(pk=job_id, status=Job.Status.RUNNING, updated_at__lte=cutoff).update(
            status=Job.Status.FAILED, message=JOB_LOST_MESSAGE % {"since": since}, updated_at=now
        )
    tasks = DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING, started_at__lte=cutoff).update(
        status=TaskResultStatus.FAILED,
        finished_at=now,
        exception_class_path="thidua.core.jobs.WorkerLost",
        traceback="The worker running this task stopped before the task finished (thidua jobs_reap).",
    )
    return {"jobs": jobs, "tasks": tasks}
