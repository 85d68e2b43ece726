"""The pure renderers: NĐ 30/2020 layout in the DOCX (python-docx reads it back), exact Vietnamese text
in the PDF (pypdf extracts it)."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import docx
import pytest
from docx.shared import Pt
from pypdf import PdfReader

from thidua.documents.render.certificate import CertificateData, render_certificates
from thidua.documents.render.compose import (
    DecisionData,
    RankLine,
    ReceiverLine,
    ReportData,
    decision_document,
    report_document,
)
from thidua.documents.render.docx import render_docx
from thidua.documents.render.model import Header
from thidua.documents.render.pdf import render_pdf

REPORT = ReportData(
    group_name="Cụm Thi đua số 1",
    group_word="Cụm",
    province_name="Trà Vinh",
    parent_authority="UBND TỈNH TRÀ VINH",
    year=2023,
    mid_year=True,
    final=True,
    issued_on=dt.date(2023, 8, 4),
    members=("huyện Châu Thành", "huyện Cầu Ngang", "thị xã Duyên Hải"),
    head_name="UBND huyện Châu Thành",
    aggregates=("Tổng giá trị sản xuất toàn Cụm là 31.434,47 tỷ đồng, đạt 43,31% so kế hoạch",),
    ranking=(
        RankLine(1, "Huyện Cầu Ngang", Decimal("1912.5"), Decimal("1915")),
        RankLine(2, "Thị xã Duyên Hải", Decimal("700"), None, vetoed=True),
    ),
)
DECISION = DecisionData(
    number="05/QĐ-UBND",
    signed_on=dt.date(2024, 2, 5),
    issuer_name="Ủy ban nhân dân tỉnh Trà Vinh",
    place="Trà Vinh",
    award_label="Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh",
    period_text="2023",
    summary="xuất sắc trong phong trào thi đua năm 2023",
    signer_title="Phó Chủ tịch",
    signer_name="Lê Văn Hẳn",
    people=(ReceiverLine("Nguyễn Văn An", "Chuyên viên, UBND huyện Cầu Ngang"),),
    organisations=(ReceiverLine("UBND huyện Cầu Ngang", ""),),
)


def _text_of(cell: docx.table._Cell) -> list[str]:
    return [p.text for p in cell.paragraphs if p.text]


def _run(paragraph: docx.text.paragraph.Paragraph) -> docx.text.run.Run:
    return paragraph.runs[0]


def test_report_docx_follows_nd30() -> None:
    document = docx.Document(io.BytesIO(render_docx(report_document(REPORT))))
    section = document.sections[0]
    # A4 and the margins of Phụ lục I, mục I.3
    # (Word stores twips, so compare in whole millimetres.)
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert round(section.top_margin.mm) == 20 and round(section.bottom_margin.mm) == 20
    assert round(section.left_margin.mm) == 30 and round(section.right_margin.mm) == 15
    assert section.different_first_page_header_footer  # no page number on page 1
    header = document.tables[0]
    left, right = header.cell(0, 0), header.cell(0, 1)
    assert _text_of(left) == ["UBND TỈNH TRÀ VINH", "CỤM THI ĐUA SỐ 1"]
    assert _text_of(right) == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    quoc_hieu, tieu_ngu = (p for p in right.paragraphs if p.text)
    assert _run(quoc_hieu).bold and _run(quoc_hieu).font.size == Pt(12)
    assert _run(tieu_ngu).bold and _run(tieu_ngu).font.size == Pt(13)
    assert _run(quoc_hieu).font.name == "Times New Roman"
    authority = [p for p in left.paragraphs if p.text][1]
    assert _run(authority).bold and _run(authority).font.size == Pt(13)
    number = next(p for p in header.cell(1, 0).paragraphs if p.text)
    date = next(p for p in header.cell(1, 1).paragraphs if p.text)
    assert number.text.startswith("Số:") and number.text.endswith("/BC-CTĐ")
    assert date.text == "Trà Vinh, ngày 04 tháng 8 năm 2023"
    assert _run(date).italic and _run(date).font.size == Pt(14)
    body = [p for p in document.paragraphs if p.text]
    title = next(p for p in body if p.text == "BÁO CÁO")
    assert _run(title).bold and _run(title).font.size == Pt(14)
    text = "\n".join(p.text for p in body)
    assert "Tổng giá trị sản xuất toàn Cụm là 31.434,47 tỷ đồng, đạt 43,31% so kế hoạch." in text
    ranking = document.tables[1]
    assert [c.text for c in ranking.rows[1].cells] == ["1", "Huyện Cầu Ngang", "1.915,00", "1.912,50", "1"]
    assert document.inline_shapes  # the chart
    closing = document.tables[-1]
    assert _text_of(closing.cell(0, 0))[-1] == "- Lưu: VT, TĐKT."
    assert _text_of(closing.cell(0, 1))[:2] == ["TM. CỤM THI ĐUA SỐ 1", "CỤM TRƯỞNG"]


def test_dates_pad_months_one_and_two() -> None:
    header = Header(authority="X", symbol="BC-X", place="Trà Vinh", date=dt.date(2024, 2, 5), number="5")
    assert header.date_text == "Trà Vinh, ngày 05 tháng 02 năm 2024"
    assert header.number_text == "Số: 05/BC-X"


def test_report_pdf_text() -> None:
    text = "".join(
        page.extract_text() for page in PdfReader(io.BytesIO(render_pdf(report_document(REPORT)))).pages
    )
    for expected in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Trà Vinh, ngày 04 tháng 8 năm 2023",
        "31.434,47 tỷ đồng, đạt 43,31% so kế hoạch",
        "1.912,50",
        "Nơi nhận:",
    ):
        assert expected in text.replace("\n", " ").replace("  ", " ") or expected in text


def test_decision_docx_and_pdf_with_annex() -> None:
    document = decision_document(DECISION)
    word = docx.Document(io.BytesIO(render_docx(document)))
    assert len(word.sections) == 2  # the annexed list numbers its own pages
    header = word.tables[0]
    assert _text_of(header.cell(0, 0)) == ["ỦY BAN NHÂN DÂN", "TỈNH TRÀ VINH"]
    assert _text_of(header.cell(1, 0)) == ["Số: 05/QĐ-UBND"]
    assert _text_of(header.cell(1, 1)) == ["Trà Vinh, ngày 05 tháng 02 năm 2024"]
    reader = PdfReader(io.BytesIO(render_pdf(document)))
    assert len(reader.pages) == 2
    annex = reader.pages[1].extract_text()
    assert "Nguyễn Văn An" in annex and "DANH SÁCH" in annex
    first = reader.pages[0].extract_text()
    assert "KT. CHỦ TỊCH" in first and "PHÓ CHỦ TỊCH" in first


@pytest.mark.parametrize("count", [1, 3])
def test_certificates_one_landscape_page_each(count: int) -> None:
    certificate = CertificateData(
        title="BẰNG KHEN",
        conferred_by="CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH TRÀ VINH",
        recipient_name="Nguyễn Văn An",
        recipient_unit="UBND huyện Cầu Ngang",
        achievement="Đã có thành tích xuất sắc trong phong trào thi đua năm 2023",
        decision_number="05/QĐ-UBND",
        decision_date=dt.date(2024, 2, 5),
        place="Trà Vinh",
        signer_title="Phó Chủ tịch",
        signer_name="Lê Văn Hẳn",
        verify_url="https://example.test/xac-thuc/abc/",
    )
    reader = PdfReader(io.BytesIO(render_certificates([certificate] * count)))
    assert len(reader.pages) == count
    box = reader.pages[0].mediabox
    assert float(box.width) > float(box.height)  # landscape
    text = reader.pages[0].extract_text()
    assert "BẰNG KHEN" in text and "Nguyễn Văn An" in text
    assert "Trà Vinh, ngày 05 tháng 02 năm 2024" in text
