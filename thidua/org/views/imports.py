"""Staff screens to import people and administrative units from Excel, and to export them.

Import is two steps. The upload is read and checked against the database without saving anything
(a dry run), and the officer sees every error by row and column, or a preview of what will be
created and updated. "Xác nhận nhập" then queues the saving step as a background task and opens its
progress page. Between the two steps the file waits on the server under a token kept in the
officer's session, so one officer cannot confirm another's upload.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from wagtail.admin import messages
from wagtail.admin.auth import permission_denied

from thidua.accounts.permissions import capabilities
from thidua.accounts.roles import Cap
from thidua.core.widgets import FilePickerInput
from thidua.org.models import Organisation
from thidua.org.presenters.imports import import_summary
from thidua.org.selectors.exports import people_export_rows, units_export_rows
from thidua.org.selectors.imports import import_jobs_recent
from thidua.org.selectors.scope import user_scope_ids
from thidua.org.services.imports.jobs import import_schedule
from thidua.org.services.imports.people import import_people
from thidua.org.services.imports.stash import upload_discard, upload_stash
from thidua.org.services.imports.units import import_units
from thidua.org.spreadsheets import build_export, build_template, get_sheet, merge_errors, read_rows

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_UPLOAD_BYTES = 5 * 1024 * 1024
# A page listing thousands of errors helps nobody and is slow to render; the count is always shown.
SHOWN_ERRORS = 500
PREVIEW_LIMIT = 200
_SESSION_KEY = "org_excel_pending"


@dataclass(frozen=True)
class Screen:
    kind: str
    title: str
    icon: str
    slug: str
    # Holding any one of these capabilities is enough.
    import_caps: tuple[str, ...]
    export_caps: tuple[str, ...]


SCREENS = {
    "people": Screen(
        kind="people",
        title=_("cá nhân"),
        icon="user",
        slug="ca-nhan",
        import_caps=(Cap.MANAGE_ALL_PEOPLE, Cap.MANAGE_OWN_PEOPLE),
        export_caps=(Cap.VIEW_ALL_PEOPLE, Cap.VIEW_OWN_PEOPLE),
    ),
    "units": Screen(
        kind="units",
        title=_("đơn vị hành chính"),
        icon="site",
        slug="don-vi-hanh-chinh",
        import_caps=(Cap.MANAGE_UNITS,),
        export_caps=(Cap.VIEW_REGISTRY,),
    ),
}


def can_import(user: Any, kind: str) -> bool:
    return bool(set(SCREENS[kind].import_caps) & capabilities(user))


def can_export(user: Any, kind: str) -> bool:
    return bool(set(SCREENS[kind].export_caps) & capabilities(user))


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Tệp Excel (.xlsx)"),
        help_text=_("Tệp theo mẫu, tối đa 5 MB và 5.000 dòng. Tải lên chỉ để kiểm tra; chưa có gì được lưu."),
        widget=FilePickerInput(attrs={"accept": ".xlsx," + XLSX}),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise ValidationError(gettext("Tệp lớn hơn 5 MB. Hãy chia thành nhiều tệp nhỏ hơn."))
        return upload


def _screen(kind: str) -> Screen:
    if kind not in SCREENS:
        raise Http404
    return SCREENS[kind]


def _xlsx(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=filename)
    return response


def _scope_names(user: Any, kind: str) -> list[str]:
    """For a unit's officer, the units whose people they may import (shown on the page)."""
    if kind != "people" or Cap.MANAGE_ALL_PEOPLE in capabilities(user):
        return []
    return [str(o) for o in Organisation.objects.filter(pk__in=user_scope_ids(user=user)).order_by("name")]


def _page(request: HttpRequest, screen: Screen, form: UploadForm, **extra: Any) -> TemplateResponse:
    context = {
        "screen": screen,
        "form": form,
        "columns": get_sheet(screen.kind).import_columns,
        "scope_names": _scope_names(request.user, screen.kind),
        "recent_jobs": import_jobs_recent(user=request.user, kind=screen.kind),
        "can_export": can_export(request.user, screen.kind),
        **extra,
    }
    template = "org/import_preview.html" if "report" in extra else "org/import_upload.html"
    return TemplateResponse(request, template, context)


def import_upload(request: HttpRequest, kind: str) -> HttpResponse:
    """GET: the upload form. POST: a dry run of the uploaded file, shown as errors or a preview."""
    screen = _screen(kind)
    if not can_import(request.user, kind):
        return permission_denied(request)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method != "POST" or not form.is_valid():
        return _page(request, screen, form)
    upload = form.cleaned_data["file"]
    data = upload.read()
    rows, read_errors = read_rows(kind, data)
    importer = import_people if kind == "people" else import_units
    report = importer(actor=request.user, rows=rows, dry_run=True)
    errors = merge_errors(read_errors, report.errors)
    _discard_pending(request, kind)
    token = ""
    if not errors:
        token = upload_stash(data=data)
        request.session.setdefault(_SESSION_KEY, {})[kind] = {"token": token, "filename": upload.name}
        request.session.modified = True
    return _page(
        request,
        screen,
        UploadForm(),
        report=report,
        summary=import_summary(report),
        errors=errors[:SHOWN_ERRORS],
        error_count=len(errors),
        preview=report.planned[:PREVIEW_LIMIT],
        token=token,
        filename=upload.name,
    )


def _discard_pending(request: HttpRequest, kind: str) -> None:
    pending = request.session.get(_SESSION_KEY, {}).pop(kind, None)
    if pending:
        upload_discard(token=pending["token"])
        request.session.modified = True


@require_POST
def import_confirm(request: HttpRequest, kind: str) -> HttpResponse:
    """Queue the saving step of the previewed file and open its progress page."""
    screen = _screen(kind)
    if not can_import(request.user, kind):
        return permission_denied(request)
    pending = request.session.get(_SESSION_KEY, {}).get(kind)
    if not pending or pending["token"] != request.POST.get("token"):
        messages.error(
            request, gettext("Không tìm thấy tệp đã kiểm tra (có thể đã được nhập). Hãy tải tệp lên lại.")
        )
        return redirect("org_excel_import", kind=screen.kind)
    try:
        job = import_schedule(
            actor=request.user, kind=kind, token=pending["token"], filename=pending["filename"]
        )
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
        return redirect("org_excel_import", kind=screen.kind)
    finally:
        request.session[_SESSION_KEY].pop(kind, None)
        request.session.modified = True
    return redirect(reverse("core_job_detail", args=[job.pk]))


def template_download(request: HttpRequest, kind: str) -> HttpResponse:
    screen = _screen(kind)
    if not can_import(request.user, kind):
        return permission_denied(request)
    return _xlsx(build_template(kind), f"mau-nhap-{screen.slug}.xlsx")


def export_download(request: HttpRequest, kind: str) -> HttpResponse:
    """Everything the user may see, in the import layout, so a corrected file can be imported back."""
    screen = _screen(kind)
    if not can_export(request.user, kind):
        return permission_denied(request)
    if kind == "people":
        rows, omit = people_export_rows(user=request.user)
    else:
        rows, omit = units_export_rows(user=request.user, level=request.GET.get("level")), frozenset()
    return _xlsx(build_export(kind, rows, omit=omit), f"{screen.slug}-{dt.date.today():%Y-%m-%d}.xlsx")
