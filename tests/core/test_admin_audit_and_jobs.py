from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from thidua.core.jobs import job_create, job_fail, job_progress, job_start, job_succeed
from thidua.core.models import AuditEvent, Job
from thidua.org.services.groups import group_update

pytestmark = pytest.mark.django_db


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize(
    ("persona", "allowed"),
    [
        ("province", True),
        ("sysadmin", True),
        ("head", False),
        ("member", False),
        ("council", False),
        ("editor", False),
        ("chief", False),
    ],
)
def test_audit_log_is_readable_by_province_and_admin_only(
    world: Any, personas: dict[str, Any], persona: str, allowed: bool
) -> None:
    group_update(actor=personas["province"], group=world.group, note="Ghi chú mới", reason="Cập nhật ghi chú")
    event = AuditEvent.objects.get(action="org.group.update")
    client = _client(personas[persona])
    listing = client.get("/admin/audit/")
    detail = client.get(f"/admin/audit/inspect/{event.pk}/")
    if allowed:
        assert listing.status_code == 200 and "Cập nhật ghi chú" in listing.content.decode()
        assert detail.status_code == 200 and "Ghi chú mới" in detail.content.decode()
    else:
        assert listing.status_code == 302 and detail.status_code == 302


def test_audit_rows_cannot_be_edited_through_the_admin(world: Any, personas: dict[str, Any]) -> None:
    group_update(actor=personas["province"], group=world.group, note="x")
    event = AuditEvent.objects.get(action="org.group.update")
    client = _client(personas["sysadmin"])
    assert client.get(f"/admin/audit/edit/{event.pk}/").status_code == 404
    assert client.post(f"/admin/audit/delete/{event.pk}/").status_code == 404


def test_job_lifecycle_and_progress_page(personas: dict[str, Any]) -> None:
    owner = personas["member"]
    job = job_create(actor=owner, kind="test", title="Nhập dữ liệu thử", total=0)
    assert job_start(job_id=job.pk, total=4) is True
    assert job_start(job_id=job.pk) is False  # already claimed
    job_progress(job_id=job.pk, step=1, message="Đang xử lý dòng 1")
    job_progress(job_id=job.pk, step=2)
    job.refresh_from_db()
    assert (job.status, job.done, job.percent, job.message) == (
        Job.Status.RUNNING,
        3,
        75,
        "Đang xử lý dòng 1",
    )

    client = _client(owner)
    page = client.get(f"/admin/jobs/{job.pk}/")
    assert page.status_code == 200 and "Nhập dữ liệu thử" in page.content.decode()
    assert client.get(f"/admin/jobs/{job.pk}/status/").json()["percent"] == 75
    # someone else's job is invisible to a unit officer, visible to the province office
    assert _client(personas["head"]).get(f"/admin/jobs/{job.pk}/status/").status_code == 404
    assert _client(personas["province"]).get(f"/admin/jobs/{job.pk}/status/").status_code == 200

    job_succeed(job_id=job.pk, result={"created": 4})
    status = client.get(f"/admin/jobs/{job.pk}/status/").json()
    assert (status["finished"], status["percent"], status["result"]) == (True, 100, {"created": 4})


def test_failed_job_stays_failed(personas: dict[str, Any]) -> None:
    job = job_create(actor=personas["member"], kind="test", title="X", total=2)
    job_start(job_id=job.pk)
    job_fail(job_id=job.pk, message="Dòng 3: lỗi")
    job_succeed(job_id=job.pk)
    job.refresh_from_db()
    assert (job.status, job.message) == (Job.Status.FAILED, "Dòng 3: lỗi")
