"""Progress records of long jobs (imports, bulk PDFs, reports) run by the background worker.

A view creates the Job and enqueues a task with its id; the task reports progress through
job_progress() and ends with job_succeed() or job_fail(); the job page polls job_status().
Updates are single UPDATE statements, so a page reading the row never blocks the worker and the
worker never overwrites a finished job (the status guard in the WHERE clause).
"""

from __future__ import annotations

import uuid
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from thidua.core.models import Job


def job_create(
    *, actor: Any, kind: str, title: str, total: int = 0, params: dict[str, Any] | None = None
) -> Job:
    return Job.objects.create(
        kind=kind,
        title=title,
        total=total,
        params=params or {},
        created_by=actor if getattr(actor, "pk", None) else None,
    )


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
