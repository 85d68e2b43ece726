"""Staff screens to import registry data from Excel, and to export it: every registered kind of import.

Import is two steps. The upload is read and checked against the database without saving anything
(a dry run), and the officer sees every error by row and column, or a preview of what will be
created and updated; a file with errors can be downloaded back with only its failed rows and their
errors, to correct and upload again. "Xác nhận nhập" then queues the saving step as a background task
and opens its progress page. Between the two steps the file waits on the server under a token kept in
the officer's session, so one officer cannot confirm another's upload.

A file of more than settings.IMPORT_SYNC_MAX_ROWS data rows is checked as a background job instead
(import_check_schedule, thidua.org.tasks.import_check): the officer watches its progress page, which then
opens import_checked, the same result screen as a small file's, for the job's owner only.

The screens serve each kind registered in thidua.org.import_kinds (org's people and units, the awards
registry's decisions and ratings); an app mounts them under its own URLs with import_urls().
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils import translation
from django.utils.http import content_disposition_header
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from wagtail.admin import messages
from wagtail.admin.auth import permission_denied

from thidua.core.formatting import vn_number
from thidua.core.models import Job
from thidua.core.uploads import upload_name
from thidua.core.widgets import FilePickerInput
from thidua.org.import_kinds import CHECK_JOB_KIND, ImportKind, import_kind
from thidua.org.selectors.imports import import_jobs_recent
from thidua.org.services.imports.jobs import import_check_schedule, import_schedule
from thidua.org.services.imports.stash import check_load, pending_path, upload_discard, upload_stash
from thidua.org.spreadsheets import (
    RowError,
    build_export,
    build_failed_rows,
    build_template,
    data_rows_over,
    get_sheet,
    merge_errors,
    read_rows,
)

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_UPLOAD_BYTES = 5 * 1024 * 1024
# A page listing thousands of errors helps nobody and is slow to render; the count is always shown.
SHOWN_ERRORS = 500
PREVIEW_LIMIT = 200


def can_import(user: Any, kind: str) -> bool:
    entry = import_kind(kind)
    return entry is not None and entry.may_import(user)


def can_export(user: Any, kind: str) -> bool:
    entry = import_kind(kind)
    return bool(entry is not None and entry.may_export is not None and entry.may_export(user))


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Tệp Excel (.xlsx)"),
        widget=FilePickerInput(attrs={"accept": ".xlsx," + XLSX}),
    )

    def __init__(self, *args: Any, max_bytes: int = MAX_UPLOAD_BYTES, max_rows: int = 5000, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.max_bytes = max_bytes
        self.fields["file"].help_text = gettext(
            "Tệp theo mẫu, tối đa %(size)s MB và %(rows)s dòng. Tải lên chỉ để kiểm tra; chưa có gì được lưu."
        ) % {"size": self.max_bytes // (1024 * 1024), "rows": vn_number(max_rows)}

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > self.max_bytes:
            raise ValidationError(
                gettext("Tệp lớn hơn %(size)s MB. Hãy chia thành nhiều tệp nhỏ hơn.")
                % {"size": self.max_bytes // (1024 * 1024)}
            )
        return upload


def _form(entry: ImportKind, *args: Any) -> UploadForm:
    return UploadForm(*args, max_bytes=entry.max_upload_bytes, max_rows=get_sheet(entry.kind).row_cap)


def _screen(kind: str, prefix: str) -> ImportKind:
    """The kind's entry, when it is served by the screens of this URL prefix (org's or an app's)."""
    entry = import_kind(kind)
    if entry is None or entry.url_prefix != prefix:
        raise Http404
    return entry


def _urls(entry: ImportKind) -> dict[str, str]:
    return {
        action: reverse(f"{entry.url_prefix}_{action}", kwargs={"kind": entry.kind})
        for action in ("import", "confirm", "template", "failed", "export")
    }


def _xlsx(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=filename)
    return response


def _page(request: HttpRequest, screen: ImportKind, form: UploadForm, **extra: Any) -> TemplateResponse:
    context = {
        "screen": screen,
        "urls": _urls(screen),
        "form": form,
        "columns": get_sheet(screen.kind).import_columns,
        "noun": get_sheet(screen.kind).noun,
        "scope_names": screen.scope_names(request.user) if screen.scope_names else [],
        "recent_jobs": import_jobs_recent(user=request.user, kind=screen.kind),
        "can_export": can_export(request.user, screen.kind),
        **extra,
    }
    template = "org/import_preview.html" if "report" in extra else "org/import_upload.html"
    return TemplateResponse(request, template, context)


def _dry_run(request: HttpRequest, screen: ImportKind, data: bytes) -> tuple[Any, list[Any]]:
    rows, read_errors = read_rows(screen.kind, data)
    report = screen.importer(actor=request.user, rows=rows, dry_run=True)
    return report, merge_errors(read_errors, report.errors)


def import_upload(request: HttpRequest, kind: str, prefix: str = "org_excel") -> HttpResponse:
    """GET: the upload form. POST: a dry run of the uploaded file, shown as errors or a preview."""
    screen = _screen(kind, prefix)
    if not can_import(request.user, kind):
        return permission_denied(request)
    form = _form(screen, request.POST or None, request.FILES or None)
    if request.method != "POST" or not form.is_valid():
        return _page(request, screen, form)
    upload = form.cleaned_data["file"]
    data = upload.read()
    # Shown on the screens and offered back as a download's name: never a path or a bidi trick.
    filename = upload_name(upload.name)
    if data_rows_over(kind, data, settings.IMPORT_SYNC_MAX_ROWS):
        return _check_in_background(request, screen, data, filename)
    report, errors = _dry_run(request, screen, data)
    _discard_pending(request, screen)
    token = ""
    if not errors:
        token = upload_stash(data=data)
        request.session.setdefault(screen.session_key, {})[kind] = {"token": token, "filename": filename}
        request.session.modified = True
    elif any(e.row is not None for e in errors):
        # Kept for «Tải các dòng lỗi»: the file is read and checked again when it is asked for.
        failed = upload_stash(data=data)
        request.session.setdefault(_failed_key(screen), {})[kind] = {"token": failed, "filename": filename}
        request.session.modified = True
    return _page(
        request,
        screen,
        _form(screen),
        report=report,
        summary=screen.summary(report),
        errors=errors[:SHOWN_ERRORS],
        error_count=len(errors),
        preview=report.planned[:PREVIEW_LIMIT],
        planned_count=len(report.planned),
        token=token,
        filename=filename,
        failed_rows=bool(request.session.get(_failed_key(screen), {}).get(kind)),
    )


def _check_in_background(
    request: HttpRequest, screen: ImportKind, data: bytes, filename: str
) -> HttpResponse:
    """A large file: stash it, queue its dry run and open the job's progress page."""
    _discard_pending(request, screen)
    token = upload_stash(data=data)
    try:
        job = import_check_schedule(
            actor=request.user,
            kind=screen.kind,
            token=token,
            filename=filename,
            language=translation.get_language() or settings.LANGUAGE_CODE,
        )
    except (ValidationError, PermissionDenied) as error:
        upload_discard(token=token)
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
        return redirect(reverse(f"{screen.url_prefix}_import", kwargs={"kind": screen.kind}))
    return redirect(reverse("core_job_detail", args=[job.pk]))


def import_checked(
    request: HttpRequest, kind: str, job_id: uuid.UUID, prefix: str = "org_excel"
) -> HttpResponse:
    """The result of a large file's background dry run: the same screen as a small file's.

    Only the officer who uploaded the file may open it (not those who may watch other people's jobs):
    it holds the file's errors and preview, and it makes the file confirmable in this session.
    """
    screen = _screen(kind, prefix)
    if not can_import(request.user, kind):
        return permission_denied(request)
    job = Job.objects.filter(pk=job_id, kind=CHECK_JOB_KIND, created_by_id=request.user.pk).first()
    if job is None or job.params.get("kind") != kind:
        raise Http404
    if not job.finished:
        return redirect(reverse("core_job_detail", args=[job.pk]))
    back = reverse(f"{screen.url_prefix}_import", kwargs={"kind": kind})
    token = job.params.get("token", "")
    outcome = check_load(token=token) if job.status == Job.Status.SUCCEEDED else None
    if outcome is None:
        if job.status == Job.Status.FAILED:
            messages.error(request, job.message)
        else:
            messages.error(
                request, gettext("Không tìm thấy tệp đã kiểm tra (có thể đã được nhập). Hãy tải tệp lên lại.")
            )
        return redirect(back)
    filename = job.params.get("filename", "")
    errors = [RowError(e["row"], e["column"], e["message"]) for e in outcome["errors"]]
    _discard_pending(request, screen, keep=token)
    if not errors:
        request.session.setdefault(screen.session_key, {})[kind] = {"token": token, "filename": filename}
        request.session.modified = True
    elif any(e.row is not None for e in errors):
        request.session.setdefault(_failed_key(screen), {})[kind] = {"token": token, "filename": filename}
        request.session.modified = True
    return _page(
        request,
        screen,
        _form(screen),
        report={"total": outcome["total"], "warnings": outcome["warnings"]},
        summary=outcome["summary"],
        errors=errors[:SHOWN_ERRORS],
        error_count=len(errors),
        preview=outcome["preview"],
        planned_count=outcome["planned_count"],
        token=token if not errors else "",
        filename=filename,
        failed_rows=bool(request.session.get(_failed_key(screen), {}).get(kind)),
    )


def _failed_key(screen: ImportKind) -> str:
    return f"{screen.session_key}_failed"


def _discard_pending(request: HttpRequest, screen: ImportKind, keep: str = "") -> None:
    """Forget the officer's earlier checked file of this kind (and delete it), but the one to `keep`."""
    for key in (screen.session_key, _failed_key(screen)):
        pending = request.session.get(key, {}).get(screen.kind)
        if pending and pending["token"] != keep:
            request.session[key].pop(screen.kind, None)
            upload_discard(token=pending["token"])
            request.session.modified = True


@require_POST
def import_confirm(request: HttpRequest, kind: str, prefix: str = "org_excel") -> HttpResponse:
    """Queue the saving step of the previewed file and open its progress page."""
    screen = _screen(kind, prefix)
    if not can_import(request.user, kind):
        return permission_denied(request)
    back = reverse(f"{screen.url_prefix}_import", kwargs={"kind": kind})
    pending = request.session.get(screen.session_key, {}).get(kind)
    if not pending or pending["token"] != request.POST.get("token"):
        messages.error(
            request, gettext("Không tìm thấy tệp đã kiểm tra (có thể đã được nhập). Hãy tải tệp lên lại.")
        )
        return redirect(back)
    try:
        job = import_schedule(
            actor=request.user, kind=kind, token=pending["token"], filename=pending["filename"]
        )
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
        return redirect(back)
    finally:
        request.session[screen.session_key].pop(kind, None)
        request.session.modified = True
    return redirect(reverse("core_job_detail", args=[job.pk]))


def failed_rows_download(request: HttpRequest, kind: str, prefix: str = "org_excel") -> HttpResponse:
    """The failed rows of the officer's last checked file, with their errors in a last column."""
    screen = _screen(kind, prefix)
    if not can_import(request.user, kind):
        return permission_denied(request)
    pending = request.session.get(_failed_key(screen), {}).get(kind)
    data = None
    if pending:
        try:
            data = pending_path(pending["token"]).read_bytes()
        except (FileNotFoundError, ValueError):
            data = None
    if data is None:
        messages.error(request, gettext("Không còn tệp đã kiểm tra trên máy chủ. Hãy tải tệp lên lại."))
        return redirect(reverse(f"{screen.url_prefix}_import", kwargs={"kind": kind}))
    # A large file's background dry run kept its errors beside the file; a small file is checked again
    # (the database may have changed, and the session keeps no list of errors).
    outcome = check_load(token=pending["token"])
    if outcome is not None:
        errors = [RowError(e["row"], e["column"], e["message"]) for e in outcome["errors"]]
    else:
        _report, errors = _dry_run(request, screen, data)
    return _xlsx(build_failed_rows(kind, data, errors), f"dong-loi-{screen.slug}.xlsx")


def template_download(request: HttpRequest, kind: str, prefix: str = "org_excel") -> HttpResponse:
    screen = _screen(kind, prefix)
    if not can_import(request.user, kind):
        return permission_denied(request)
    return _xlsx(build_template(kind), f"mau-nhap-{screen.slug}.xlsx")


def export_download(request: HttpRequest, kind: str, prefix: str = "org_excel") -> HttpResponse:
    """Everything the user may see, in the import layout, so a corrected file can be imported back."""
    screen = _screen(kind, prefix)
    if screen.export is None:
        raise Http404
    if not can_export(request.user, kind):
        return permission_denied(request)
    rows, omit = screen.export(request.user, request.GET)
    return _xlsx(build_export(kind, rows, omit=omit), f"{screen.slug}-{dt.date.today():%Y-%m-%d}.xlsx")


def import_urls(route: str, prefix: str) -> list[URLPattern]:
    """The import screens under `route` (e.g. "org/excel/"), named <prefix>_import, _confirm, …"""
    kwargs = {"prefix": prefix}
    return [
        path(f"{route}<str:kind>/import/", import_upload, kwargs, name=f"{prefix}_import"),
        path(f"{route}<str:kind>/import/confirm/", import_confirm, kwargs, name=f"{prefix}_confirm"),
        path(f"{route}<str:kind>/import/failed/", failed_rows_download, kwargs, name=f"{prefix}_failed"),
        path(
            f"{route}<str:kind>/import/checked/<uuid:job_id>/",
            import_checked,
            kwargs,
            name=f"{prefix}_checked",
        ),
        path(f"{route}<str:kind>/template/", template_download, kwargs, name=f"{prefix}_template"),
        path(f"{route}<str:kind>/export/", export_download, kwargs, name=f"{prefix}_export"),
    ]
