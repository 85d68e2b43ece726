"""`thidua jobs_reap` (core.jobs.job_reap_stale): a job and a task result left running by a worker that
died are marked failed, in words, while live and finished ones are left alone."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from thidua.core.jobs import job_create, job_reap_stale, job_succeed
from thidua.core.models import Job

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 12, 7, 8, 0, tzinfo=dt.UTC)


def _job(status: str, *, minutes_ago: int) -> Job:
    job = job_create(actor=None, kind="org.import.people", title="Nhập cá nhân", total=10)
    Job.objects.filter(pk=job.pk).update(status=status, updated_at=NOW - dt.timedelta(minutes=minutes_ago))
    return job


def _task(status: str, *, minutes_ago: int) -> DBTaskResult:
    return DBTaskResult.objects.create(
        status=status,
        task_path="thidua.org.tasks.import_commit",
        args_kwargs={"args": [], "kwargs": {"job_id": "x"}},
        queue_name="default",
        backend_name="default",
        priority=0,
        started_at=NOW - dt.timedelta(minutes=minutes_ago),
        worker_ids=["dead-worker"],
    )


def test_stale_running_jobs_and_tasks_are_marked_failed() -> None:
    lost, live = _job(Job.Status.RUNNING, minutes_ago=200), _job(Job.Status.RUNNING, minutes_ago=5)
    queued, done = _job(Job.Status.QUEUED, minutes_ago=500), _job(Job.Status.SUCCEEDED, minutes_ago=500)
    lost_task, live_task = (
        _task(TaskResultStatus.RUNNING, minutes_ago=200),
        _task(TaskResultStatus.RUNNING, minutes_ago=5),
    )

    counts = job_reap_stale(older_than=dt.timedelta(minutes=120), now=NOW)

    assert counts == {"jobs": 1, "tasks": 1}
    lost.refresh_from_db()
    assert lost.status == Job.Status.FAILED
    assert lost.message.startswith("Tác vụ bị gián đoạn: tiến trình chạy nền đã dừng khi đang chạy")
    assert "hãy chạy lại" in lost.message
    assert {j.pk: j.status for j in Job.objects.filter(pk__in=[live.pk, queued.pk, done.pk])} == {
        live.pk: Job.Status.RUNNING,
        queued.pk: Job.Status.QUEUED,
        done.pk: Job.Status.SUCCEEDED,
    }
    lost_task.refresh_from_db()
    live_task.refresh_from_db()
    assert (lost_task.status, lost_task.exception_class_path) == ("FAILED", "thidua.core.jobs.WorkerLost")
    assert lost_task.task_result.errors[0].exception_class_path == "thidua.core.jobs.WorkerLost"
    assert live_task.status == "RUNNING"


def test_a_reaped_job_is_not_turned_back_into_a_success() -> None:
    """A worker that was only slow and finishes after the reaper keeps the failure the officer saw."""
    job = _job(Job.Status.RUNNING, minutes_ago=200)
    job_reap_stale(older_than=dt.timedelta(minutes=120), now=NOW)
    job_succeed(job_id=job.pk, message="xong")
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED


def test_the_command_with_zero_minutes_reaps_every_running_job() -> None:
    job = job_create(actor=None, kind="org.import.people", title="Nhập cá nhân")
    Job.objects.filter(pk=job.pk).update(status=Job.Status.RUNNING, updated_at=timezone.now())
    out = io.StringIO()
    call_command("jobs_reap", "--minutes", "0", stdout=out)
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED
    assert "Đã đánh dấu thất bại 1 tác vụ có thanh tiến độ" in out.getvalue()
