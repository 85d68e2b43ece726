"""The progress page of a background job, inside the staff admin."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.template.response import TemplateResponse

from thidua.core.jobs import job_status, job_visible_to
from thidua.core.models import Job


def _job_for_user(request: HttpRequest, job_id: str) -> Job:
    job = Job.objects.filter(pk=job_id).first()
    # Someone who may not watch the job gets a 404, not a 403, so job ids cannot be probed.
    if job is None or not job_visible_to(job=job, user=request.user):
        raise Http404
    return job


def job_detail(request: HttpRequest, job_id: str) -> HttpResponse:
    job = _job_for_user(request, job_id)
    return TemplateResponse(request, "core/job_detail.html", {"job": job, "status": job_status(job=job)})


def job_status_json(request: HttpRequest, job_id: str) -> JsonResponse:
    return JsonResponse(job_status(job=_job_for_user(request, job_id)))
