"""Downloads of the official papers (DOCX, PDF) from the admin screens, and the public verify page.

Each download finds its object through the same scoped selector as the screen it is a button on, so
whoever cannot open the screen gets the same 404 for its papers.
"""

from __future__ import annotations

import io
import zipfile
from typing import TYPE_CHECKING, cast

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import storages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext
from django.views.decorators.http import require_POST, require_safe
from wagtail.admin import messages

from thidua.awards.models import ProposalItem
from thidua.awards.selectors.access import can_manage_decisions, decisions_visible_to
from thidua.awards.selectors.proposals import proposals_visible_to
from thidua.core.models import Job
from thidua.documents.forms import ProposalLetterSignerForm
from thidua.documents.render.awards import achievement_report_document, proposal_letter_document
from thidua.documents.render.certificate import CertificateData, render_certificates, render_overprint
from thidua.documents.render.compose import (
    decision_document,
    minutes_document,
    pact_document,
    report_document,
)
from thidua.documents.render.docx import render_docx
from thidua.documents.render.model import Document
from thidua.documents.render.pdf import render_pdf
from thidua.documents.selectors.certificates import (
    certificates_count,
    certificates_data,
    decision_data,
    overprint_layout,
    recipient_by_token,
)
from thidua.documents.selectors.emulation import minutes_data, pact_data, report_data
from thidua.documents.selectors.proposals import achievement_data, proposal_letter_data
from thidua.documents.services.articles import review_article_draft
from thidua.documents.services.certificates import (
    CERTIFICATES_JOB_KIND,
    CERTIFICATES_SYNC_MAX,
    certificates_print_schedule,
)
from thidua.emulation.selectors.dashboard import dashboard_period
from thidua.emulation.selectors.pacts import pacts_visible_to
from thidua.emulation.selectors.votes import counted_rounds, votes_visible_to

if TYPE_CHECKING:
    from thidua.accounts.models import User

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF = "application/pdf"


def _check(fmt: str, allowed: tuple[str, ...] = ("docx", "pdf")) -> None:
    if fmt not in allowed:
        raise Http404


def _download(document: Document, fmt: str, name: str) -> HttpResponse:
    if fmt == "docx":
        response = HttpResponse(render_docx(document), content_type=DOCX)
    else:
        response = HttpResponse(render_pdf(document), content_type=PDF)
    response["Content-Disposition"] = (
        content_disposition_header(as_attachment=True, filename=f"{name}.{fmt}") or ""
    )
    return response


@require_safe
def report_download(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    _check(fmt)
    period = dashboard_period(user=request.user, pk=pk)
    data = report_data(period=period)
    return _download(report_document(data), fmt, f"bao-cao-{period.kind}-{data.year}".replace("_", "-"))


@require_safe
def minutes_download(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    _check(fmt)
    vote = get_object_or_404(votes_visible_to(user=request.user), pk=pk)
    if not counted_rounds(vote.tally or {}):
        raise Http404
    data = minutes_data(vote=vote)
    return _download(minutes_document(data), fmt, f"bien-ban-suy-ton-{data.year}")


@require_safe
def pact_download(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    _check(fmt)
    pact = get_object_or_404(pacts_visible_to(user=request.user), pk=pk)
    data = pact_data(pact=pact)
    return _download(pact_document(data), fmt, f"giao-uoc-thi-dua-{data.year}")


@require_safe
def decision_download(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    _check(fmt)
    decision = get_object_or_404(decisions_visible_to(user=request.user), pk=pk)
    data = decision_data(decision=decision)
    return _download(decision_document(data), fmt, f"quyet-dinh-{decision.pk}")


@require_safe
def proposal_letter_download(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """The proposal letter (tờ trình) with its annexed list, from the proposal's screen, signed as the
    officer chose there (a GET form: the letter is a download, nothing is saved)."""
    _check(fmt)
    proposal = get_object_or_404(proposals_visible_to(user=request.user), pk=pk)
    form = ProposalLetterSignerForm(request.GET) if "signing" in request.GET else None
    if form is not None and not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("awards_proposal_detail", proposal.pk)
    signer = form.cleaned_data if form is not None else {}
    return _download(
        proposal_letter_document(proposal_letter_data(proposal=proposal, **signer)),
        fmt,
        f"to-trinh-{proposal.pk}",
    )


@require_safe
def achievement_report_download(request: HttpRequest, pk: int, item_id: int, fmt: str) -> HttpResponse:
    """One item's achievement report (báo cáo thành tích), pre-filled from the registry."""
    _check(fmt)
    proposal = get_object_or_404(proposals_visible_to(user=request.user), pk=pk)
    item = get_object_or_404(
        ProposalItem.objects.select_related(
            "proposal__organisation__province", "person__organisation", "organisation__parent"
        ),
        pk=item_id,
        proposal=proposal,
    )
    return _download(
        achievement_report_document(achievement_data(item=item)),
        fmt,
        f"bao-cao-thanh-tich-{proposal.pk}-{item.pk}",
    )


def _verify_url(request: HttpRequest) -> str:
    return request.build_absolute_uri(reverse("documents_verify", args=["TOKEN"])).replace("TOKEN", "{token}")


def _certificates_response(content: bytes, fmt: str, decision_pk: int) -> HttpResponse:
    response = HttpResponse(content, content_type=PDF if fmt == "pdf" else "application/zip")
    response["Content-Disposition"] = (
        content_disposition_header(as_attachment=True, filename=f"bang-khen-quyet-dinh-{decision_pk}.{fmt}")
        or ""
    )
    return response


@require_safe
def certificates_download(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """Every recipient's certificate: one PDF, or a zip of one PDF each (for a print shop), laid out in
    the request for a small decision; a larger one is printed by a background job (the POST below).
    `?phoi=1` prints only the variable fields, at the positions set for the pre-printed blank."""
    _check(fmt, ("pdf", "zip"))
    if not can_manage_decisions(request.user):
        raise PermissionDenied
    decision = get_object_or_404(decisions_visible_to(user=request.user), pk=pk)
    if certificates_count(decision=decision) > CERTIFICATES_SYNC_MAX:
        messages.warning(
            request, gettext("Quyết định có nhiều người được khen thưởng: hãy in bằng khen chạy nền.")
        )
        return redirect("awards_decision:inspect", decision.pk)
    certificates = certificates_data(decision=decision, verify_url=_verify_url(request))
    layout = None
    if request.GET.get("phoi"):
        layout = overprint_layout(decision=decision)
        if layout is None:
            messages.error(
                request, gettext("Chưa đặt vị trí in trên phôi cho loại bằng khen, giấy khen này.")
            )
            return redirect("awards_decision:inspect", decision.pk)

    def one_file(items: list[CertificateData]) -> bytes:
        return render_overprint(items, layout) if layout is not None else render_certificates(items)

    if fmt == "pdf":
        return _certificates_response(one_file(certificates), fmt, decision.pk)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for index, certificate in enumerate(certificates, start=1):
            archive.writestr(f"{index:03d}.pdf", one_file([certificate]))
    return _certificates_response(out.getvalue(), fmt, decision.pk)


@require_POST
def certificates_job_view(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """Queue a whole decision's certificates as a background job and show its progress page."""
    _check(fmt, ("pdf", "zip"))
    decision = get_object_or_404(decisions_visible_to(user=request.user), pk=pk)
    try:
        job = certificates_print_schedule(
            actor=cast("User", request.user),
            decision=decision,
            fmt=fmt,
            verify_url=_verify_url(request),
            overprint=bool(request.POST.get("phoi")),
        )
    except (ValidationError, PermissionDenied) as error:
        text = " ".join(error.messages) if isinstance(error, ValidationError) else str(error)
        messages.error(request, text or gettext("Bạn không có quyền thực hiện thao tác này."))
        return redirect("awards_decision:inspect", decision.pk)
    return redirect("core_job_detail", job.pk)


@require_safe
def certificates_file_view(request: HttpRequest, job_id: str) -> FileResponse:
    """The file a certificates job stored: for whoever may see its decision (the same selector as the
    decision's screen), so a job id passed on gives nothing to anyone else."""
    job = Job.objects.filter(pk=job_id, kind=CERTIFICATES_JOB_KIND, status=Job.Status.SUCCEEDED).first()
    if job is None or not job.result.get("file"):
        raise Http404
    decision = get_object_or_404(decisions_visible_to(user=request.user), pk=job.params.get("decision_id"))
    storage = storages["private"]
    path = job.result["file"]
    if not storage.exists(path):
        raise Http404
    fmt = job.params.get("fmt", "pdf")
    return FileResponse(
        storage.open(path, "rb"),
        as_attachment=True,
        filename=f"bang-khen-quyet-dinh-{decision.pk}.{fmt}",
        content_type=PDF if fmt == "pdf" else "application/zip",
    )


@require_POST
def article_draft_view(request: HttpRequest, pk: int) -> HttpResponse:
    period = dashboard_period(user=request.user, pk=pk)
    try:
        article = review_article_draft(
            actor=cast("User", request.user), period=period, place=request.POST.get("place", "")
        )
    except (ValidationError, PermissionDenied) as error:
        text = " ".join(error.messages) if isinstance(error, ValidationError) else str(error)
        messages.error(request, text or gettext("Bạn không có quyền thực hiện thao tác này."))
        return redirect("emulation_period_dashboard", period.pk)
    messages.success(request, gettext("Đã tạo bài viết nháp; biên tập viên hoàn thiện và gửi duyệt."))
    return redirect("wagtailadmin_pages:edit", article.pk)


@require_safe
def verify_view(request: HttpRequest, token: str) -> HttpResponse:
    """Public: what a certificate's QR code opens. A forged or altered link is refused plainly."""
    found = recipient_by_token(token)
    return TemplateResponse(
        request, "documents/verify.html", {"found": found}, status=200 if found is not None else 404
    )
