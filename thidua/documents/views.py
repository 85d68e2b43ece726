"""Downloads of the official papers (DOCX, PDF) from the admin screens, and the public verify page.

Each download finds its object through the same scoped selector as the screen it is a button on, so
whoever cannot open the screen gets the same 404 for its papers.
"""

from __future__ import annotations

import io
import zipfile
from typing import TYPE_CHECKING, cast

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext
from django.views.decorators.http import require_POST, require_safe
from wagtail.admin import messages

from thidua.awards.selectors.access import can_manage_decisions, decisions_visible_to
from thidua.documents.render.certificate import render_certificates
from thidua.documents.render.compose import (
    decision_document,
    minutes_document,
    pact_document,
    report_document,
)
from thidua.documents.render.docx import render_docx
from thidua.documents.render.model import Document
from thidua.documents.render.pdf import render_pdf
from thidua.documents.selectors.certificates import certificates_data, decision_data, recipient_by_token
from thidua.documents.selectors.emulation import minutes_data, pact_data, report_data
from thidua.documents.services.articles import review_article_draft
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


def _verify_url(request: HttpRequest) -> str:
    return request.build_absolute_uri(reverse("documents_verify", args=["TOKEN"])).replace("TOKEN", "{token}")


@require_safe
def certificates_download(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """Every recipient's certificate: one PDF, or a zip of one PDF each (for a print shop)."""
    _check(fmt, ("pdf", "zip"))
    if not can_manage_decisions(request.user):
        raise PermissionDenied
    decision = get_object_or_404(decisions_visible_to(user=request.user), pk=pk)
    certificates = certificates_data(decision=decision, verify_url=_verify_url(request))
    if fmt == "pdf":
        response = HttpResponse(render_certificates(certificates), content_type=PDF)
    else:
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
            for index, certificate in enumerate(certificates, start=1):
                archive.writestr(f"{index:03d}.pdf", render_certificates([certificate]))
        response = HttpResponse(out.getvalue(), content_type="application/zip")
    response["Content-Disposition"] = (
        content_disposition_header(as_attachment=True, filename=f"bang-khen-quyet-dinh-{decision.pk}.{fmt}")
        or ""
    )
    return response


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
