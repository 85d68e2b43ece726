"""Done-when of #14 on the demo: the 2023 mid-year review of Cụm Thi đua số 1 produces the report, the
minutes and the draft article; a decision produces its certificates and their QR link verifies."""

from __future__ import annotations

import io
import re
from typing import Any

import docx
import pytest
from django.test import Client
from pypdf import PdfReader

from thidua.awards.models import AwardDecision
from thidua.emulation.models import Period, Vote
from thidua.portal.models import ArticlePage

pytestmark = pytest.mark.django_db


def test_review_2023_papers_and_article(demo: None, demo_client: Any) -> None:
    period = Period.objects.get(pact__group__year=2023, kind=Period.Kind.SO_KET)
    tinh = demo_client("tinh")
    page = tinh.get(f"/admin/emulation/periods/{period.pk}/dashboard/")
    assert b"data-documents" in page.content and b"data-article-draft" in page.content

    response = tinh.get(f"/admin/documents/periods/{period.pk}/report.docx")
    assert response.status_code == 200
    word = docx.Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in word.paragraphs)
    assert "Tổng giá trị sản xuất toàn Cụm là 31.434,47 tỷ đồng, đạt 43,31% so kế hoạch." in text
    assert [p.text for p in word.tables[0].cell(1, 1).paragraphs if p.text] == [
        "Trà Vinh, ngày 04 tháng 8 năm 2023"
    ]
    pdf = tinh.get(f"/admin/documents/periods/{period.pk}/report.pdf")
    pdf_text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "31.434,47 tỷ đồng, đạt 43,31% so kế hoạch" in re.sub(r"\s+", " ", pdf_text)

    vote = Vote.objects.get(group__year=2023)
    minutes = tinh.get(f"/admin/documents/votes/{vote.pk}/minutes.pdf")
    assert minutes.status_code == 200
    minutes_text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(minutes.content)).pages)
    assert "BIÊN BẢN" in minutes_text and "Cầu Ngang" in minutes_text
    assert tinh.get(f"/admin/documents/pacts/{period.pact_id}/pact.docx").status_code == 200

    # a member officer of 2026 sees neither the 2023 group's results nor its papers
    donvi = demo_client("donvi")
    assert donvi.get(f"/admin/documents/periods/{period.pk}/report.docx").status_code == 404
    assert donvi.get(f"/admin/documents/votes/{vote.pk}/minutes.docx").status_code == 404
    assert donvi.post(f"/admin/documents/periods/{period.pk}/article/", {"place": "x"}).status_code == 404

    response = tinh.post(f"/admin/documents/periods/{period.pk}/article/", {"place": "UBND thị xã Duyên Hải"})
    assert response.status_code == 302
    article = ArticlePage.objects.get(pk=int(response["Location"].rstrip("/").split("/")[-2]))
    assert not article.live and article.get_latest_revision() is not None
    body = " ".join(block.value.source for block in article.body if block.block_type == "paragraph")
    assert "Ngày 04/8/2023, tại UBND thị xã Duyên Hải, Cụm Thi đua số 1 tổ chức hội nghị sơ kết" in body
    assert "Tổng giá trị sản xuất toàn Cụm là 31.434,47 tỷ đồng, đạt 43,31% so kế hoạch." in body


def test_certificates_and_verify_page(demo: None, demo_client: Any) -> None:
    decision = AwardDecision.objects.filter(recipients__person__isnull=False).order_by("pk").first()
    assert decision is not None
    tinh = demo_client("tinh")
    inspect = tinh.get(f"/admin/awards/decisions/inspect/{decision.pk}/")
    assert b"data-documents" in inspect.content
    assert tinh.get(f"/admin/documents/decisions/{decision.pk}/decision.docx").status_code == 200
    response = tinh.get(f"/admin/documents/decisions/{decision.pk}/certificates.pdf")
    assert response.status_code == 200
    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) == decision.recipients.count()
    zipped = tinh.get(f"/admin/documents/decisions/{decision.pk}/certificates.zip")
    assert zipped.status_code == 200 and zipped.content[:2] == b"PK"

    from thidua.documents.selectors.certificates import certificate_token

    recipient = decision.recipients.filter(person__isnull=False).first()
    assert recipient is not None
    token = certificate_token(recipient.pk)
    page = Client().get(f"/xac-thuc/{token}/")
    assert page.status_code == 200 and b"data-verified" in page.content
    assert recipient.person.full_name in page.content.decode()
    assert decision.number in page.content.decode()
    if recipient.person.date_of_birth:
        assert recipient.person.date_of_birth.strftime("%d/%m/%Y") not in page.content.decode()
    # an altered id or a made-up signature is refused with a clear page
    forged = token.replace(token.split(":")[0], str(recipient.pk + 1), 1)
    for bad in (forged, token[:-2] + "xx", "abc"):
        refused = Client().get(f"/xac-thuc/{bad}/")
        assert refused.status_code == 404 and b"data-refused" in refused.content

    # who does not record decisions prints no certificates
    donvi = demo_client("donvi")
    refused = donvi.get(f"/admin/documents/decisions/{decision.pk}/certificates.pdf")
    # Wagtail answers PermissionDenied in its admin with a redirect and a message
    assert refused.status_code in (302, 403, 404) and refused.get("Content-Type") != "application/pdf"
