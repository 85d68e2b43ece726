"""Certificates: printing a whole decision as a background job, and the overprint layouts of the
province's pre-printed blanks. Each change is one transaction with the acting user and an audit row."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
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
