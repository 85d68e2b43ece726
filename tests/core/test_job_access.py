"""Who may watch a background job: its owner, and whoever a registered rule admits (accounts: those
who may read the audit log). Core itself knows no roles."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from thidua.core import jobs
from thidua.core.jobs import job_create, job_visible_to
from thidua.core.models import Job

pytestmark = pytest.mark.django_db


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize(
    ("persona", "allowed"),
    [
        ("member", True),  # the owner
        ("province", True),  # may read the audit log
        ("sysadmin", True),  # may read the audit log
        ("head", False),
        ("council", False),
        ("editor", False),
        ("chief", False),
    ],
)
def test_a_job_is_shown_to_its_owner_and_to_audit_readers_only(
    personas: dict[str, Any], persona: str, allowed: bool
) -> None:
    # given a job started by the member unit's officer
    job = job_create(actor=personas["member"], kind="test", title="Nhập dữ liệu thử")
    # when
    client = _client(personas[persona])
    page = client.get(f"/admin/jobs/{job.pk}/")
    status = client.get(f"/admin/jobs/{job.pk}/status/")
    # then the others get a 404 on both, not a 403, so job ids cannot be probed
    if allowed:
        assert page.status_code == 200 and "Nhập dữ liệu thử" in page.content.decode()
        assert status.status_code == 200 and status.json()["id"] == str(job.pk)
    else:
        assert (page.status_code, status.status_code) == (404, 404)


def test_an_account_without_admin_access_is_sent_to_the_login(personas: dict[str, Any]) -> None:
    job = job_create(actor=personas["member"], kind="test", title="X")
    response = _client(personas["outsider"]).get(f"/admin/jobs/{job.pk}/status/")
    assert response.status_code == 302


def test_a_system_job_is_nobodys_own(personas: dict[str, Any]) -> None:
    # given a job with no owner (started by a command)
    job = job_create(actor=None, kind="test", title="X")
    # then only the audit readers see it
    assert job_visible_to(job=job, user=personas["province"]) is True
    assert job_visible_to(job=job, user=personas["member"]) is False


def test_an_unknown_job_is_a_404(personas: dict[str, Any]) -> None:
    response = _client(personas["province"]).get("/admin/jobs/00000000-0000-0000-0000-000000000000/")
    assert response.status_code == 404


def test_core_asks_the_registered_rules_and_nothing_else(
    personas: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    # given no registered rule at all
    monkeypatch.setattr(jobs, "_viewer_checks", [])
    job = job_create(actor=personas["member"], kind="test", title="X")
    # then only the owner sees the job, whatever the others' roles
    assert job_visible_to(job=job, user=personas["member"]) is True
    assert job_visible_to(job=job, user=personas["province"]) is False
    # and a rule that an app registers is asked with the user and the job
    asked: list[tuple[Any, Job]] = []

    def head_sees_test_jobs(user: Any, seen: Job) -> bool:
        asked.append((user, seen))
        return user.username == "head" and seen.kind == "test"

    jobs.job_viewer_register(head_sees_test_jobs)
    jobs.job_viewer_register(head_sees_test_jobs)  # registering twice is harmless
    assert job_visible_to(job=job, user=personas["head"]) is True
    assert job_visible_to(job=job, user=personas["province"]) is False
    assert asked == [(personas["head"], job), (personas["province"], job)]


def test_anonymous_users_see_no_job() -> None:
    from django.contrib.auth.models import AnonymousUser

    job = job_create(actor=None, kind="test", title="X")
    assert job_visible_to(job=job, user=AnonymousUser()) is False


def test_scheduling_needs_a_registered_task(personas: dict[str, Any]) -> None:
    with pytest.raises(LookupError, match="no-such-kind"):
        jobs.job_schedule(actor=personas["member"], kind="no-such-kind", title="X")
    assert not Job.objects.exists()


def test_scheduling_queues_the_registered_task_after_commit(
    personas: dict[str, Any], monkeypatch: pytest.MonkeyPatch, django_capture_on_commit_callbacks: Any
) -> None:
    # given a task registered for a kind of job
    queued: list[dict[str, Any]] = []

    class FakeTask:
        def enqueue(self, *args: Any, **kwargs: Any) -> None:
            queued.append(kwargs)

    monkeypatch.setattr(jobs, "_runners", {})
    jobs.job_runner_register(kind="test.kind", task=FakeTask())
    # when a job of that kind is scheduled
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        job = jobs.job_schedule(actor=personas["member"], kind="test.kind", title="Thử", params={"a": 1})
    # then nothing runs before the commit, and the task gets the job's id after it
    assert queued == [] and len(callbacks) == 1
    callbacks[0]()
    assert queued == [{"job_id": str(job.pk)}]
    assert (job.kind, job.created_by, job.params) == ("test.kind", personas["member"], {"a": 1})
