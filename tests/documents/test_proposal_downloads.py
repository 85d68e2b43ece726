"""Done-when of #14 on the demo: every demo proposal's screen offers the proposal letter and each item's
achievement report, both download as DOCX and PDF, and a unit that cannot open the proposal gets 404."""

from __future__ import annotations

import io
import re
from typing import Any

import docx
import pytest
from pypdf import PdfReader

from thidua.accounts.models import User
from thidua.awards.models import Proposal
from thidua.awards.selectors.proposals import proposals_visible_to

pytestmark = pytest.mark.django_db


def _pdf_text(data: bytes) -> str:
    return re.sub(r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages))


def test_every_demo_proposal_prints_its_papers(demo: None, demo_client: Any) -> None:
    tinh = demo_client("tinh")
    proposals = list(Proposal.objects.prefetch_related("items").order_by("pk"))
    assert len(proposals) >= 4
    for proposal in proposals:
        page = tinh.get(f"/admin/awards/proposals/{proposal.pk}/")
        assert page.status_code == 200
        assert b"data-proposal-letter" in page.content
        letter = tinh.get(f"/admin/documents/proposals/{proposal.pk}/letter.docx")
        assert letter.status_code == 200, proposal
        word = docx.Document(io.BytesIO(letter.content))
        texts = [p.text for p in word.paragraphs if p.text]
        assert "TỜ TRÌNH" in texts
        assert any(t.startswith("Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022") for t in texts)
        names = {row.cells[1].text for row in word.tables[-1].rows}
        for item in proposal.items.all():
            subject = item.person.full_name if item.person else item.organisation.name  # type: ignore[union-attr]
            assert subject in names
            assert (
                f"/admin/documents/proposals/{proposal.pk}/items/{item.pk}/achievement.docx".encode()
                in page.content
            )
        pdf = tinh.get(f"/admin/documents/proposals/{proposal.pk}/letter.pdf")
        assert pdf["Content-Type"] == "application/pdf"
        assert "Kính gửi: Chủ tịch Ủy ban nhân dân tỉnh" in _pdf_text(pdf.content)
        for item in proposal.items.all():
            report = tinh.get(f"/admin/documents/proposals/{proposal.pk}/items/{item.pk}/achievement.pdf")
            assert report.status_code == 200
            text = _pdf_text(report.content)
            assert "BÁO CÁO THÀNH TÍCH" in text
            assert ("I. SƠ LƯỢC LÝ LỊCH" if item.person_id else "I. SƠ LƯỢC ĐẶC ĐIỂM, TÌNH HÌNH") in text


def test_registry_prefills_the_report_and_scope_is_the_screens(demo: None, demo_client: Any) -> None:
    # The 2023 Cờ thi đua proposal's unit has ratings and honours in the demo registry.
    tinh = demo_client("tinh")
    proposal = Proposal.objects.filter(source_vote__isnull=False).order_by("pk").first()
    assert proposal is not None
    item = proposal.items.order_by("pk").first()
    assert item is not None
    response = tinh.get(f"/admin/documents/proposals/{proposal.pk}/items/{item.pk}/achievement.docx")
    word = docx.Document(io.BytesIO(response.content))
    cells = [cell.text for table in word.tables for row in table.rows for cell in row.cells]
    assert any(c.startswith("Quyết định số ") for c in cells) or any("Hoàn thành" in c for c in cells), (
        "nothing pre-filled from the registry"
    )
    # another proposal's item through this proposal's URL: 404
    other = Proposal.objects.exclude(pk=proposal.pk).filter(items__isnull=False).first()
    assert other is not None
    other_item = other.items.first()
    assert other_item is not None
    url = f"/admin/documents/proposals/{proposal.pk}/items/{other_item.pk}/achievement.docx"
    assert tinh.get(url).status_code == 404
    assert tinh.get(f"/admin/documents/proposals/{proposal.pk}/letter.odt").status_code == 404
    # an officer who cannot open the proposal cannot print its papers
    for username in ("donvi", "cumtruong", "phongvien"):
        user = User.objects.get(username=username)
        hidden = Proposal.objects.exclude(pk__in=proposals_visible_to(user=user).values("pk")).first()
        if hidden is None:
            continue
        client = demo_client(username)
        assert client.get(f"/admin/documents/proposals/{hidden.pk}/letter.docx").status_code in (
            302,
            403,
            404,
        )
