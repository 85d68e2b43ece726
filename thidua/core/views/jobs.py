"""The progress page of a background job, inside the staff admin."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.template.response import TemplateResponse

from thidua.accounts.permissions import has_capability
from thidua.accounts.roles import Cap
from thidua.core.jobs import job_status
from thidua.core.models import Job


def _job_for_user(request: HttpRequest, job_id: str) -> Job:
    job = Job.objects.filter(pk=job_id).first()
    # A job's owner sees it; so does whoever may read the audit log. Others get a 404, not a 403,
    # so job ids cannot be probed.
    if job is None or not (
        job.created_by_id == request.user.pk or has_capability(request.user, Cap.VIEW_AUDIT)
    ):
        raise Http404
    return job


def job_detail(request: HttpRequest, job_id: str) -> HttpResponse:
    job = _job_for_user(request, job_id)
    return TemplateResponse(request, "core/job_detail.html", {"job": job, "status": job_status(job=job)})


def job_status_json(request: HttpRequest, job_id: str) -> JsonResponse:
    return JsonResponse(job_status(job=_job_for_user(request, job_id)))
