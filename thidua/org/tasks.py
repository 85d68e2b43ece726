"""Background tasks of the registry: the saving step of an Excel import, and the dry run of a large file.

thidua/org/apps.py registers import_commit for both of org's kinds of import job, and other apps for
theirs (core.jobs.job_runner_register), so the services queue it through core.jobs.job_schedule()
without importing this module. The importer, its summary and the listing the finished job links to
come from the kind's entry in thidua.org.import_kinds, so the task serves every registered import.

The officer has already seen the dry run; the task reads the stored file again, plans again (the
database may have changed since the preview) and saves everything in one transaction, reporting
progress on the core Job that the officer watches.

import_check runs the dry run of a file too large to check in the request (settings.IMPORT_SYNC_MAX_ROWS),
registered for core.Job kind CHECK_JOB_KIND: it saves nothing, keeps the outcome beside the stashed file
and links the finished job to the import screen's result page (views/imports.py, import_checked).
"""

from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection
from django.urls import reverse
from django.utils import translation
from django_tasks import task

from thidua.core.jobs import job_fail, job_progress, job_start, job_succeed
from thidua.core.models import Job
from thidua.org.import_kinds import import_kind
from thidua.org.presenters.imports import check_outcome, import_failure_message, import_result
from thidua.org.services.imports.common import ImportReport
from thidua.org.services.imports.stash import check_store, pending_path, upload_discard, upload_path
from thidua.org.spreadsheets import declared_rows, merge_errors, read_rows

logger = logging.getLogger(__name__)


class _Progress:
    """Moves the job's progress bar while the rows are saved inside one long transaction.

    An update made inside that transaction would stay invisible to the progress page until the end.
    On PostgreSQL the updates are therefore sent from a helper thread, which has its own connection
    and commits each one at once. SQLite lets one connection write at a time and the import holds
    that lock, so there the bar jumps when the transaction ends, and the job's message says why.
    """

    def __init__(self, *, job_id: str, total: int) -> None:
        self.job_id = job_id
        self.step = max(1, total // 50)
        self.last = 0
        self.executor = ThreadPoolExecutor(max_workers=1) if connection.vendor == "postgresql" else None

    def __call__(self, done: int) -> None:
        if self.executor is None or done - self.last < self.step:
            return
        self.last = done
        self.executor.submit(job_progress, job_id=self.job_id, done=done)

    def close(self) -> None:
        if self.executor is not None:
            # Runs in the helper thread, so it closes that thread's own connection.
            self.executor.submit(connection.close)
            self.executor.shutdown(wait=True)


def _read(path: Any) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None


def run_import(*, job_id: str) -> dict[str, Any]:
    """The body of import_commit, callable directly (tests, a management shell)."""
    job = Job.objects.filter(pk=job_id).first()
    if job is None:
        return {"status": "missing"}
    kind = job.params.get("kind", "")
    entry = import_kind(kind)
    path = upload_path(name=f"{job.pk}.xlsx")
    data = _read(path)
    rows, errors = read_rows(kind, data) if data is not None and entry is not None else ([], [])
    # Claim the job once the number of rows (the bar's total) is known. False means another worker
    # took it: then nothing here may touch the job or its file.
    if not job_start(job_id=job_id, total=len(rows)):
        return {"status": "skipped"}
    try:
        actor = get_user_model().objects.filter(pk=job.params.get("actor_id"), is_active=True).first()
        if entry is None:
            failure = f"Loại dữ liệu nhập «{kind}» không hợp lệ."
        elif actor is None:
            failure = "Tài khoản đã tải tệp lên không còn hoạt động; tệp không được nhập."
        elif data is None:
            failure = "Không tìm thấy tệp tải lên trên máy chủ. Hãy tải lên lại."
        elif errors:
            failure = import_failure_message(errors)
        else:
            failure = ""
        if failure:
            job_fail(job_id=job_id, message=failure, result={"errors": [e.as_dict() for e in errors]})
            return {"status": "failed"}
        message = f"Đang kiểm tra và lưu {len(rows)} dòng trong một giao dịch"
        if connection.vendor != "postgresql":
            message += "; thanh tiến độ sẽ đầy khi lưu xong"
        job_progress(job_id=job_id, done=0, message=message + "…")
        progress = _Progress(job_id=job_id, total=len(rows))
        try:
            assert entry is not None
            report: ImportReport = entry.importer(actor=actor, rows=rows, dry_run=False, on_progress=progress)
        finally:
            progress.close()
        if report.errors:
            job_fail(
                job_id=job_id, message=import_failure_message(report.errors), result=import_result(report)
            )
            return {"status": "failed"}
        job_succeed(
            job_id=job_id,
            result={**import_result(report), "next_url": reverse(entry.listing_url)},
            message=entry.summary(report),
        )
        return {"status": "succeeded"}
    except Exception:
        logger.exception("Import job %s failed", job_id)
        job_fail(
            job_id=job_id,
            message="Lỗi hệ thống khi nhập tệp; chưa có dòng nào được lưu. Hãy báo quản trị viên.",
        )
        raise
    finally:
        path.unlink(missing_ok=True)


@task()
def import_commit(*, job_id: str) -> dict[str, Any]:
    """Save a confirmed Excel import (of any registered kind) and report on its Job."""
    # The job's message and errors are stored and shown later: they are written in the site's language
    # (Vietnamese), as by a separate worker, even when the immediate backend runs the task inside the
    # request of an officer who reads English (docs/i18n.md, "What not to wrap").
    with translation.override(settings.LANGUAGE_CODE):
        return run_import(job_id=job_id)


def run_check(*, job_id: str) -> dict[str, Any]:
    """The body of import_check, callable directly: the dry run of a stashed upload, nothing saved.

    The bar has two halves: reading the rows (moving every 1,000 rows; the file's declared size is the
    estimate) and checking them against the database (one step at the end). The dry run holds no
    transaction, so the progress page sees each update at once, on SQLite too.
    """
    job = Job.objects.filter(pk=job_id).first()
    if job is None:
        return {"status": "missing"}
    kind = job.params.get("kind", "")
    token = job.params.get("token", "")
    entry = import_kind(kind)
    try:
        data: bytes | None = pending_path(token).read_bytes()
    except (FileNotFoundError, ValueError):
        data = None
    estimate = declared_rows(kind, data) if data is not None and entry is not None else 0
    if not job_start(job_id=job_id, total=2 * estimate):
        return {"status": "skipped"}
    try:
        actor = get_user_model().objects.filter(pk=job.params.get("actor_id"), is_active=True).first()
        if entry is None:
            failure = f"Loại dữ liệu nhập «{kind}» không hợp lệ."
        elif actor is None or not entry.may_import(actor):
            failure = "Tài khoản đã tải tệp lên không còn quyền nhập; tệp không được kiểm tra."
        elif data is None:
            failure = "Không tìm thấy tệp tải lên trên máy chủ. Hãy tải lên lại."
        else:
            failure = ""
        if failure:
            job_fail(job_id=job_id, message=failure)
            if token:
                upload_discard(token=token)
            return {"status": "failed"}
        assert entry is not None and data is not None
        job_progress(job_id=job_id, done=0, message="Đang đọc tệp…")

        def read_progress(done: int) -> None:
            job_progress(job_id=job_id, done=min(done, estimate), message=f"Đang đọc tệp: {done} dòng…")

        # The outcome is read only by the officer who uploaded the file, in their language.
        with translation.override(job.params.get("language") or settings.LANGUAGE_CODE):
            rows, read_errors = read_rows(kind, data, on_progress=read_progress)
            job_progress(
                job_id=job_id,
                done=estimate,
                message=f"Đang đối chiếu {len(rows)} dòng với dữ liệu đã có…",
            )
            report: ImportReport = entry.importer(actor=actor, rows=rows, dry_run=True)
            errors = merge_errors(read_errors, report.errors)
            check_store(token=token, outcome=check_outcome(report, errors, summary=entry.summary(report)))
        if errors:
            message = f"Đã kiểm tra xong: tệp có {len(errors)} lỗi; chưa có gì được lưu. Xem các lỗi theo dòng và cột."
        else:
            message = (
                f"Đã kiểm tra xong: tệp hợp lệ, {len(rows)} dòng. Xem trước rồi bấm «Xác nhận nhập» để lưu."
            )
        next_url = reverse(f"{entry.url_prefix}_checked", kwargs={"kind": kind, "job_id": job.pk})
        job_succeed(
            job_id=job_id,
            result={"kind": kind, "total": len(rows), "error_count": len(errors), "next_url": next_url},
            message=message,
        )
        return {"status": "succeeded"}
    except Exception:
        logger.exception("Import check job %s failed", job_id)
        job_fail(
            job_id=job_id,
            message="Lỗi hệ thống khi kiểm tra tệp; chưa có gì được lưu. Hãy báo quản trị viên.",
        )
        raise


@task()
def import_check(*, job_id: str) -> dict[str, Any]:
    """Check a large uploaded Excel file (of any registered kind) without saving it, reporting on its Job."""
    # The job's messages are stored and shown later, in the site's language (as import_commit's).
    with translation.override(settings.LANGUAGE_CODE):
        return run_check(job_id=job_id)
