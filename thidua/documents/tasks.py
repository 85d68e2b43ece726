"""Background tasks of the documents app: a whole decision's certificates (#14).

DocumentsConfig.ready() registers certificates_print for core.Job kind CERTIFICATES_JOB_KIND, so the
service queues it through core.jobs.job_schedule() without importing this module. The file goes to
the private storage (no public URL) and the finished job links to the download view, which checks
that the reader may see the decision.
"""

from __future__ import annotations

import io
import logging
import zipfile
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.urls import reverse
from django.utils import translation
from django_tasks import task

from thidua.awards.models import AwardDecision
from thidua.core.jobs import job_fail, job_progress, job_start, job_succeed
from thidua.core.models import Job
from thidua.documents.render.certificate import (
    CertificateData,
    overprint_html,
    render_certificates,
    render_certificates_in_parts,
    render_overprint,
)
from thidua.documents.selectors.certificates import certificates_data, overprint_layout
from thidua.documents.services.certificates import certificates_file_supersede

logger = logging.getLogger(__name__)

__all__ = ["certificates_file_path", "certificates_print", "run_certificates"]

# Layout runs of this many certificates between two moves of the bar.
CHUNK = 25


def certificates_file_path(job_id: Any, fmt: str) -> str:
    return f"certificates/{job_id}.{fmt}"


def run_certificates(*, job_id: str) -> dict[str, Any]:
    """The body of certificates_print, callable directly (tests, a management shell)."""
    job = Job.objects.filter(pk=job_id).first()
    if job is None:
        return {"status": "missing"}
    params = job.params
    decision = (
        AwardDecision.objects.select_related("issuer__province").filter(pk=params["decision_id"]).first()
    )
    if decision is None:
        job_fail(job_id=job_id, message="Quyết định không còn trong cơ sở dữ liệu.")
        return {"status": "failed"}
    certificates = certificates_data(decision=decision, verify_url=params["verify_url"])
    if not job_start(job_id=job_id, total=len(certificates)):
        return {"status": "taken"}
    layout = overprint_layout(decision=decision) if params.get("overprint") else None
    if params.get("overprint") and layout is None:
        job_fail(job_id=job_id, message="Chưa đặt vị trí in trên phôi cho loại bằng khen, giấy khen này.")
        return {"status": "failed"}

    def progress(done: int) -> None:
        job_progress(job_id=job_id, done=done, message=f"Đã dàn trang {done}/{len(certificates)} bản.")

    try:
        if params["fmt"] == "zip":
            content = _zip(certificates, layout, progress)
        elif layout is not None:
            content = render_certificates_in_parts(
                certificates, html=lambda part: overprint_html(part, layout), chunk=CHUNK, progress=progress
            )
        else:
            content = render_certificates_in_parts(certificates, chunk=CHUNK, progress=progress)
    except Exception as error:  # the officer must see the job fail rather than wait for ever
        job_fail(job_id=job_id, message=f"Không in được: {error}")
        raise
    path = storages["private"].save(certificates_file_path(job.pk, params["fmt"]), ContentFile(content))
    job_succeed(
        job_id=job_id,
        result={
            "file": path,
            "size": len(content),
            "next_url": reverse("documents_certificates_file", args=[job.pk]),
        },
        message=f"Đã in {len(certificates)} bản.",
    )
    # The new file is stored and linked: the earlier prints of the same decision in the same form go.
    # A failure here must not fail a print that succeeded; `thidua certificates_prune` removes what is left.
    try:
        certificates_file_supersede(actor=job.created_by, job=job)
    except Exception:
        logger.exception("certificates job %s: the earlier prints' files were not removed", job_id)
    return {"status": "succeeded", "count": len(certificates)}


def _zip(certificates: list[CertificateData], layout: Any, progress: Any) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for index, certificate in enumerate(certificates, start=1):
            pdf = render_overprint([certificate], layout) if layout else render_certificates([certificate])
            archive.writestr(f"{index:03d}.pdf", pdf)
            if index % CHUNK == 0 or index == len(certificates):
                progress(index)
    return out.getvalue()


@task()
def certificates_print(*, job_id: str) -> dict[str, Any]:
    """Lay out a whole decision's certificates and store the file, reporting on the Job."""
    with translation.override(settings.LANGUAGE_CODE):
        return run_certificates(job_id=job_id)
