"""Stored certificate files are kept only while needed: a decision printed again in the same form loses
its earlier file once the new one is stored, and `thidua certificates_prune` removes the files of jobs
finished more than CERTIFICATES_KEEP_DAYS days ago."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from tests.awards.builders import decision as make_decision
from tests.factories import PersonFactory
from thidua.core.audit import AuditEvent
from thidua.core.jobs import job_create
from thidua.core.models import Job
from thidua.documents.services.certificates import CERTIFICATES_JOB_KIND, certificates_print_schedule

pytestmark = pytest.mark.django_db
VERIFY = "https://x.test/{token}/"


@pytest.fixture
def small_decision(world: Any, personas: dict[str, Any]) -> Any:
    people = [PersonFactory(organisation=world.home, full_name=f"Người In {i}") for i in range(2)]
    return make_decision(
        personas["province"],
        issuer=world.office,
        award="bang_khen_chu_tich_ubnd_tinh",
        people=people,
        organisations=[],
    )


def _print(actor: Any, decision: Any, fmt: str, capture: Any) -> Job:
    with capture(execute=True):
        job = certificates_print_schedule(actor=actor, decision=decision, fmt=fmt, verify_url=VERIFY)
    job.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED, job.message
    return job


def test_printing_again_removes_the_earlier_file(
    small_decision: Any, personas: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    office = personas["province"]
    storage = storages["private"]
    first = _print(office, small_decision, "pdf", django_capture_on_commit_callbacks)
    zipped = _print(office, small_decision, "zip", django_capture_on_commit_callbacks)
    first_path, first_url = first.result["file"], first.result["next_url"]
    assert storage.exists(first_path) and storage.exists(zipped.result["file"])
    assert not AuditEvent.objects.filter(action="documents.certificates.remove").exists()  # another form

    second = _print(office, small_decision, "pdf", django_capture_on_commit_callbacks)

    assert storage.exists(second.result["file"])
    assert not storage.exists(first_path)
    first.refresh_from_db()
    assert "file" not in first.result and "next_url" not in first.result
    assert first.result["removed"] == "superseded"
    assert first.message.endswith("Tệp đã được xoá vì quyết định đã được in lại bằng một tác vụ mới hơn.")
    client = Client()
    client.force_login(office)
    assert client.get(first_url).status_code == 404
    download = client.get(second.result["next_url"])
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    # The zip for the print shop is another form of print: kept.
    assert storage.exists(zipped.result["file"])
    removed = AuditEvent.objects.get(action="documents.certificates.remove")
    assert (removed.target_type, removed.target_id) == ("core.job", str(first.pk))
    assert removed.actor_name == "Người Dùng province"  # who printed again
    assert removed.changes["stored_file"] == first_path
    assert removed.changes["removed_because"] == "superseded"


def test_an_older_job_finishing_last_does_not_remove_the_newer_file(
    small_decision: Any, personas: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    from thidua.documents.tasks import run_certificates

    office = personas["province"]
    # The older job is queued but its worker is slow; the newer one finishes first.
    older = certificates_print_schedule(actor=office, decision=small_decision, fmt="pdf", verify_url=VERIFY)
    newer = _print(office, small_decision, "pdf", django_capture_on_commit_callbacks)
    run_certificates(job_id=str(older.pk))
    older.refresh_from_db()
    newer.refresh_from_db()
    assert storages["private"].exists(newer.result["file"])
    assert older.result["removed"] == "superseded" and "file" not in older.result


def _stored_job(actor: Any, *, status: str, age_days: float, name: str) -> tuple[Job, str]:
    job = job_create(
        actor=actor, kind=CERTIFICATES_JOB_KIND, title=f"In bằng khen {name}", params={"decision_id": 1}
    )
    path = storages["private"].save(f"certificates/{job.pk}.pdf", ContentFile(b"%PDF-1.4 " + name.encode()))
    Job.objects.filter(pk=job.pk).update(
        status=status,
        result={"file": path, "next_url": f"/admin/documents/certificates/{job.pk}/"},
        updated_at=timezone.now() - dt.timedelta(days=age_days),
    )
    job.refresh_from_db()
    return job, path


def test_prune_removes_only_old_finished_files(personas: dict[str, Any], settings: Any) -> None:
    settings.CERTIFICATES_KEEP_DAYS = 30
    storage = storages["private"]
    office = personas["province"]
    old, old_path = _stored_job(office, status=Job.Status.SUCCEEDED, age_days=31, name="cu")
    old_failed, failed_path = _stored_job(office, status=Job.Status.FAILED, age_days=40, name="loi")
    recent, recent_path = _stored_job(office, status=Job.Status.SUCCEEDED, age_days=29, name="moi")
    running, running_path = _stored_job(office, status=Job.Status.RUNNING, age_days=60, name="dang-chay")
    out = io.StringIO()

    call_command("certificates_prune", stdout=out)

    assert "Đã xoá 2 tệp" in out.getvalue()
    assert not storage.exists(old_path) and not storage.exists(failed_path)
    assert storage.exists(recent_path) and storage.exists(running_path)
    for job in (old, old_failed):
        job.refresh_from_db()
        assert job.result == {"removed": "expired"}
        assert job.message.endswith(
            "Tệp đã được xoá khi hết thời gian lưu giữ; in lại từ trang quyết định nếu cần."
        )
    recent.refresh_from_db()
    running.refresh_from_db()
    assert recent.result["file"] == recent_path and running.result["file"] == running_path
    rows = AuditEvent.objects.filter(action="documents.certificates.remove")
    assert sorted(rows.values_list("target_id", flat=True)) == sorted([str(old.pk), str(old_failed.pk)])
    assert set(rows.values_list("actor_name", flat=True)) == {"hệ thống"}
    assert set(rows.values_list("changes__removed_because", flat=True)) == {"expired"}

    # Run again: nothing left to remove. A shorter keep (--days) takes the recent file too.
    out = io.StringIO()
    call_command("certificates_prune", stdout=out)
    assert "Đã xoá 0 tệp" in out.getvalue()
    call_command("certificates_prune", days=7, stdout=io.StringIO())
    assert not storage.exists(recent_path) and storage.exists(running_path)


def test_prune_with_a_storage_error_changes_nothing(
    personas: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    job, path = _stored_job(personas["province"], status=Job.Status.SUCCEEDED, age_days=90, name="giu")
    storage = storages["private"]

    def refuse(name: str) -> None:
        raise OSError("read-only file system")

    monkeypatch.setattr(type(storage), "delete", lambda self, name: refuse(name))
    with pytest.raises(OSError):
        call_command("certificates_prune", stdout=io.StringIO())
    monkeypatch.undo()
    job.refresh_from_db()
    assert job.result["file"] == path and storage.exists(path)
    assert not AuditEvent.objects.filter(action="documents.certificates.remove").exists()
