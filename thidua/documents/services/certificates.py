"""Certificates: printing a whole decision as a background job, and the overprint layouts of the
province's pre-printed blanks. Each change is one transaction with the acting user and an audit row."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import storages
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.awards.models import AwardDecision
from thidua.awards.selectors.access import can_manage_decisions, decisions_visible_to
from thidua.core.audit import audit_record
from thidua.core.jobs import job_schedule
from thidua.core.models import Job
from thidua.documents.models import CertificateLayout

if TYPE_CHECKING:
    from thidua.accounts.models import User

__all__ = [
    "CERTIFICATES_JOB_KIND",
    "CERTIFICATES_SYNC_MAX",
    "LAYOUT_FIELDS",
    "certificate_layout_create",
    "certificate_layout_update",
    "certificates_file_supersede",
    "certificates_files_prune",
    "certificates_print_schedule",
]

CERTIFICATES_JOB_KIND = "documents.certificates"
# Up to this many certificates are laid out in the request (a few seconds); more go to the worker, so
# that a decision of 500 recipients neither holds a web worker for a minute nor hits the proxy's timeout.
CERTIFICATES_SYNC_MAX = 20
FORMATS = ("pdf", "zip")
LAYOUT_FIELDS = tuple(
    f.name
    for f in CertificateLayout._meta.get_fields()
    if getattr(f, "editable", False) and f.name not in {"id", "created_at", "updated_at"}
)


def _require_manager(actor: User) -> None:
    if not can_manage_decisions(actor):
        raise PermissionDenied(_("Bạn không có quyền thực hiện thao tác này."))


@transaction.atomic
def certificates_print_schedule(
    *, actor: User, decision: AwardDecision, fmt: str, verify_url: str, overprint: bool = False
) -> Job:
    """Queue the certificates of a whole decision (one PDF, or a zip of one PDF each) as a background
    job; the file goes to the private storage and the job's page links to it."""
    _require_manager(actor)
    if not decisions_visible_to(user=actor).filter(pk=decision.pk).exists():
        raise PermissionDenied(_("Bạn không có quyền thực hiện thao tác này."))
    if fmt not in FORMATS:
        raise ValidationError(_("Định dạng tệp không hợp lệ."))
    if "{token}" not in verify_url:
        raise ValueError("verify_url must hold {token}")
    count = decision.recipients.count()
    if count == 0:
        raise ValidationError(_("Quyết định chưa có người, tập thể nào được khen thưởng."))
    # Stored and shown later: Vietnamese whatever the officer's language (docs/i18n.md).
    what = "In trên phôi" if overprint else "In bằng khen"
    job = job_schedule(
        actor=actor,
        kind=CERTIFICATES_JOB_KIND,
        title=f"{what} theo Quyết định số {decision.number} ({count} bản, {fmt.upper()})",
        total=count,
        params={
            "decision_id": decision.pk,
            "fmt": fmt,
            "verify_url": verify_url,
            "overprint": overprint,
            "actor_id": actor.pk,
        },
    )
    audit_record(
        actor=actor,
        action="documents.certificates.print",
        target=decision,
        changes={"job": str(job.pk), "format": fmt, "count": count, "overprint": overprint},
    )
    return job


# Why a job's stored file was removed, as the audit row and the job's result record it.
SUPERSEDED = "superseded"
EXPIRED = "expired"
# Appended to the job's message, which its page shows (stored in Vietnamese, as the job's other messages).
_REMOVED_NOTE = {
    SUPERSEDED: "Tệp đã được xoá vì quyết định đã được in lại bằng một tác vụ mới hơn.",
    EXPIRED: "Tệp đã được xoá khi hết thời gian lưu giữ; in lại từ trang quyết định nếu cần.",
}


def _files_remove(jobs: list[Job], *, actor: User | None, why: str) -> int:
    """Forget each job's file (its result, its page's link), audit it, then delete the file.

    The files go last, inside the transaction: a storage error rolls the rows back with the file still
    there; a file deleted before a failed commit leaves a job naming a missing file, which the download
    view answers with a 404 and the next prune forgets (deleting a missing file is not an error)."""
    paths = []
    for job in jobs:
        path = str(job.result.get("file", ""))
        result = {k: v for k, v in job.result.items() if k not in {"file", "next_url"}}
        result["removed"] = why
        Job.objects.filter(pk=job.pk).update(
            result=result, message=" ".join(filter(None, (job.message, _REMOVED_NOTE[why])))
        )
        audit_record(
            actor=actor,
            action="documents.certificates.remove",
            target=job,
            changes={
                "stored_file": path,
                "decision_id": job.params.get("decision_id"),
                "removed_because": why,
            },
        )
        paths.append(path)
    storage = storages["private"]
    for path in paths:
        if path:
            storage.delete(path)
    return len(paths)


def _certificate_files() -> QuerySet[Job]:
    return Job.objects.filter(
        kind=CERTIFICATES_JOB_KIND,
        status__in=[Job.Status.SUCCEEDED, Job.Status.FAILED],
        result__has_key="file",
    )


@transaction.atomic
def certificates_file_supersede(*, actor: User | None, job: Job) -> int:
    """After `job` stored its file: remove the files of the earlier prints of the same decision in the
    same form (PDF or zip, on blank paper or on the pre-printed blank), which the new one replaces.

    Only the newest print of that form keeps its file, whichever job finishes last: an older job that
    ends after a newer one removes its own file, not the newer one's. A print in another form is not a
    copy of this one (the print shop's zip beside the office's PDF) and is kept. Returns how many."""
    params = job.params
    prints = list(
        _certificate_files()
        .filter(
            status=Job.Status.SUCCEEDED,
            params__decision_id=params.get("decision_id"),
            params__fmt=params.get("fmt"),
            params__overprint=bool(params.get("overprint")),
        )
        .select_for_update()
        .order_by("-created_at", "-pk")
    )
    return _files_remove(prints[1:], actor=actor, why=SUPERSEDED)


@transaction.atomic
def certificates_files_prune(
    *, actor: User | None, older_than: dt.timedelta, now: dt.datetime | None = None
) -> int:
    """Remove the stored certificate files of finished jobs (succeeded, or failed after storing) that
    ended more than `older_than` ago: a print is fetched within days, and any decision can be printed
    again. A queued or running job's file is never touched. Returns how many files were removed."""
    cutoff = (now or timezone.now()) - older_than
    old = list(_certificate_files().filter(updated_at__lt=cutoff).select_for_update().order_by("created_at"))
    return _files_remove(old, actor=actor, why=EXPIRED)


def _clean(layout: CertificateLayout) -> None:
    layout.full_clean()
    width, height = layout.page_width_mm, layout.page_height_mm
    for field in ("name", "unit", "achievement", "decision"):
        if getattr(layout, f"{field}_x_mm") + getattr(layout, f"{field}_width_mm") > width:
            raise ValidationError(
                {f"{field}_width_mm": _("Ô in vượt quá mép phải của tờ phôi.")},
            )
        if getattr(layout, f"{field}_y_mm") >= height:
            raise ValidationError({f"{field}_y_mm": _("Vị trí nằm ngoài tờ phôi.")})
    if layout.qr_size_mm and (
        layout.qr_x_mm + layout.qr_size_mm > width or layout.qr_y_mm + layout.qr_size_mm > height
    ):
        raise ValidationError({"qr_size_mm": _("Mã QR vượt ra ngoài tờ phôi.")})


@transaction.atomic
def certificate_layout_create(*, actor: User, **fields: Any) -> CertificateLayout:
    _require_manager(actor)
    layout = CertificateLayout(**{k: v for k, v in fields.items() if k in LAYOUT_FIELDS})
    _clean(layout)
    layout.save()
    audit_record(
        actor=actor,
        action="documents.layout.create",
        target=layout,
        changes={k: getattr(layout, k) for k in LAYOUT_FIELDS},
    )
    return layout


@transaction.atomic
def certificate_layout_update(*, actor: User, layout: CertificateLayout, **fields: Any) -> CertificateLayout:
    _require_manager(actor)
    layout = CertificateLayout.objects.select_for_update().get(pk=layout.pk)
    changes = {}
    for name, value in fields.items():
        if name in LAYOUT_FIELDS and getattr(layout, name) != value:
            changes[name] = [getattr(layout, name), value]
            setattr(layout, name, value)
    _clean(layout)
    layout.save()
    if changes:
        audit_record(actor=actor, action="documents.layout.update", target=layout, changes=changes)
    return layout
