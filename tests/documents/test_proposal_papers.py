"""The dossier's papers (#14): the proposal letter (tờ trình) with its annexed list and the achievement
reports of a collective and of an individual, read back from the DOCX (python-docx) and the PDF (pypdf)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import re

import docx
import pytest
from docx.shared import Pt
from pypdf import PdfReader

from thidua.documents.render.awards import (
    AchievementData,
    HonourLine,
    InitiativeLine,
    ProposalLetterData,
    ProposalLine,
    achievement_report_document,
    proposal_letter_document,
    signature_for,
)
from thidua.documents.render.compose import PactData, pact_document
from thidua.documents.render.docx import render_docx
from thidua.documents.render.pdf import render_html, render_pdf
from thidua.documents.selectors.proposals import unit_place
from thidua.org.models import AdminUnit, Organisation

LETTER = ProposalLetterData(
    unit_name="Ủy ban nhân dân huyện Cầu Ngang",
    parent_authority="UBND TỈNH TRÀ VINH",
    unit_code="UBND",
    place="Trà Vinh",
    year=2025,
    title="Đề nghị khen thưởng thành tích năm 2025",
    commendation_kind="Khen thưởng theo công trạng và thành tích đạt được",
    addressee="Chủ tịch Ủy ban nhân dân tỉnh Trà Vinh",
    legal_grounds=(
        "Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022",
        "Nghị định 152/2025/NĐ-CP của Chính phủ quy định chi tiết thi hành một số điều của Luật Thi đua, "
        "khen thưởng",
    ),
    lines=(
        ProposalLine(
            "Nguyễn Văn An",
            False,
            "Chuyên viên",
            "Ủy ban nhân dân huyện Cầu Ngang",
            "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh",
            "2024–2025",
            "Hoàn thành xuất sắc nhiệm vụ 02 năm liên tục",
            "Đạt (9/11 đồng ý)",
        ),
        ProposalLine(
            "Ủy ban nhân dân xã Hiệp Mỹ",
            True,
            "",
            "Ủy ban nhân dân huyện Cầu Ngang",
            "Tập thể lao động xuất sắc",
            "2025",
            "Dẫn đầu phong trào thi đua",
        ),
    ),
    signer_title="Phó Chủ tịch",
    signer_name="Trần Văn Bình",
    issued_on=dt.date(2026, 2, 3),
)
PERSON = AchievementData(
    collective=False,
    name="Nguyễn Văn An",
    award="Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh",
    period="2024–2025",
    unit="Ủy ban nhân dân huyện Cầu Ngang",
    parent_authority="",
    place="Trà Vinh",
    year=2025,
    position="Chuyên viên",
    gender="Nam",
    date_of_birth=dt.date(1985, 2, 3),
    ratings=((2024, "Hoàn thành xuất sắc nhiệm vụ"), (2025, "Hoàn thành tốt nhiệm vụ")),
    titles=(
        HonourLine(
            "2024",
            "Chiến sĩ thi đua cơ sở",
            "Quyết định số 15/QĐ-UBND ngày 04/8/2024 của Ủy ban nhân dân huyện Cầu Ngang",
        ),
    ),
    initiatives=(
        InitiativeLine("Số hóa hồ sơ thi đua", "Cấp cơ sở", "Hội đồng sáng kiến huyện, 12/11/2024"),
    ),
    summary="Hoàn thành xuất sắc nhiệm vụ được giao",
)
COLLECTIVE = AchievementData(
    collective=True,
    name="Ủy ban nhân dân xã Hiệp Mỹ",
    award="Tập thể lao động xuất sắc",
    period="2025",
    unit="Ủy ban nhân dân huyện Cầu Ngang",
    parent_authority="UBND HUYỆN CẦU NGANG",
    place="Trà Vinh",
    year=2025,
    commendations=(
        HonourLine("2023", "Giấy khen", "Quyết định số 07/QĐ-UBND ngày 05/01/2024 của Ủy ban nhân dân huyện"),
    ),
)


def _texts(cell: docx.table._Cell) -> list[str]:
    return [p.text for p in cell.paragraphs if p.text]


def _pdf_text(data: bytes) -> str:
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages))


def test_letter_docx_layout() -> None:
    word = docx.Document(io.BytesIO(render_docx(proposal_letter_document(LETTER))))
    section = word.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert (round(section.left_margin.mm), round(section.right_margin.mm)) == (30, 15)
    assert (round(section.top_margin.mm), round(section.bottom_margin.mm)) == (20, 20)
    assert len(word.sections) == 2  # the annexed list numbers its own pages
    header = word.tables[0]
    assert _texts(header.cell(0, 0)) == ["UBND TỈNH TRÀ VINH", "ỦY BAN NHÂN DÂN", "HUYỆN CẦU NGANG"]
    assert _texts(header.cell(0, 1)) == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    number = _texts(header.cell(1, 0))[0]
    assert number.startswith("Số:") and number.endswith("/TTr-UBND")
    date = next(p for p in header.cell(1, 1).paragraphs if p.text)
    assert date.text == "Trà Vinh, ngày 03 tháng 02 năm 2026"  # month 02 padded (NĐ 30 Phụ lục I, II.4.b)
    assert date.runs[0].italic and date.runs[0].font.name == "Times New Roman"
    body = [p for p in word.paragraphs if p.text]
    texts = [p.text for p in body]
    kind = next(p for p in body if p.text == "TỜ TRÌNH")
    assert kind.runs[0].bold and kind.runs[0].font.size == Pt(14)
    assert "Về việc đề nghị khen thưởng thành tích năm 2025" in texts
    assert "Kính gửi: Chủ tịch Ủy ban nhân dân tỉnh Trà Vinh." in texts
    grounds = [p for p in body if p.text.startswith("Căn cứ")]
    assert [p.text[-1] for p in grounds] == [";", "."]  # NĐ 30 Phụ lục I, mục II.6a
    assert all(p.runs[0].italic for p in grounds)
    assert "Nghị định 152/2025/NĐ-CP" in grounds[1].text
    assert "- Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh: 01 cá nhân;" in texts
    assert "- Tập thể lao động xuất sắc: 01 tập thể." in texts
    closing = word.tables[1]
    assert _texts(closing.cell(0, 0)) == [
        "Nơi nhận:",
        "- Như trên;",
        "- Ban Thi đua - Khen thưởng tỉnh;",
        "- Lưu: VT, UBND.",
    ]
    assert _texts(closing.cell(0, 1)) == ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Trần Văn Bình"]
    annex = word.tables[-1]
    assert [c.text for c in annex.rows[0].cells] == [
        "STT",
        "Họ và tên / Tên tập thể",
        "Chức vụ",
        "Đơn vị",
        "Hình thức khen thưởng",
        "Thành tích tóm tắt",
    ]
    assert [c.text for c in annex.rows[1].cells][:2] == ["I", "TẬP THỂ"]
    assert [c.text for c in annex.rows[4].cells][:4] == [
        "1",
        "Nguyễn Văn An",
        "Chuyên viên",
        "Ủy ban nhân dân huyện Cầu Ngang",
    ]
    assert annex.rows[4].cells[4].text.endswith("Hội đồng: Đạt (9/11 đồng ý)")
    # The list fits the 165 mm of text of a portrait page.
    assert round(sum(c.width.mm for c in annex.columns)) <= 165


def test_letter_pdf_text() -> None:
    text = _pdf_text(render_pdf(proposal_letter_document(LETTER)))
    for expected in (
        "TỜ TRÌNH",
        "Về việc đề nghị khen thưởng thành tích năm 2025",
        "Trà Vinh, ngày 03 tháng 02 năm 2026",
        "Kính gửi: Chủ tịch Ủy ban nhân dân tỉnh Trà Vinh.",
        "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
        "DANH SÁCH",
        "TẬP THỂ, CÁ NHÂN ĐỀ NGHỊ KHEN THƯỞNG NĂM 2025",
        "Nơi nhận:",
        "KT. CHỦ TỊCH",
    ):
        assert expected in text, expected


@pytest.mark.parametrize(
    ("authority", "title", "expected"),
    [
        ("Ủy ban nhân dân xã Hiệp Mỹ", "", ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH")),
        ("Ủy ban nhân dân xã Hiệp Mỹ", "Phó Chủ tịch", ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH")),
        ("Sở Nội vụ tỉnh Trà Vinh", "Phó Giám đốc", ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC")),
        ("Sở Nội vụ tỉnh Trà Vinh", "Giám đốc", ("", "GIÁM ĐỐC")),
    ],
)
def test_signature_prefix(authority: str, title: str, expected: tuple[str, str]) -> None:
    signature = signature_for(authority, title)
    assert (signature.authority_line, signature.title) == expected


def test_individual_achievement_report() -> None:
    document = achievement_report_document(PERSON)
    word = docx.Document(io.BytesIO(render_docx(document)))
    header = word.tables[0]
    assert _texts(header.cell(1, 0)) == []  # the form has no number of its own
    assert _texts(header.cell(1, 1))[0].startswith("Trà Vinh, ngày")
    texts = [p.text for p in word.paragraphs if p.text]
    for heading in (
        "I. SƠ LƯỢC LÝ LỊCH",
        "II. THÀNH TÍCH ĐẠT ĐƯỢC",
        "III. CÁC HÌNH THỨC KHEN THƯỞNG ĐÃ ĐƯỢC GHI NHẬN",
    ):
        assert heading in texts
    assert "BÁO CÁO THÀNH TÍCH" in texts
    assert "Đề nghị tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh" in texts
    assert "- Sinh ngày: 03/02/1985" in texts
    assert "- Chức vụ (Đảng, chính quyền, đoàn thể): Chuyên viên" in texts
    assert "Hoàn thành xuất sắc nhiệm vụ được giao." in texts
    assert any(t.startswith("…") for t in texts)  # the narrative is left for the officer
    tables = {t.rows[0].cells[1].text: t for t in word.tables[1:] if len(t.rows[0].cells) > 1}
    assert [c.text for c in tables["Xếp loại"].rows[2].cells] == ["2025", "Hoàn thành tốt nhiệm vụ"]
    assert [c.text for c in tables["Danh hiệu thi đua"].rows[1].cells] == [
        "2024",
        "Chiến sĩ thi đua cơ sở",
        "Quyết định số 15/QĐ-UBND ngày 04/8/2024 của Ủy ban nhân dân huyện Cầu Ngang",
    ]
    assert tables["Tên sáng kiến"].rows[1].cells[1].text == "Số hóa hồ sơ thi đua"
    signers = word.tables[-1]
    assert _texts(signers.cell(0, 0)) == ["THỦ TRƯỞNG ĐƠN VỊ XÁC NHẬN, ĐỀ NGHỊ"]
    assert _texts(signers.cell(0, 1)) == ["NGƯỜI BÁO CÁO THÀNH TÍCH", "Nguyễn Văn An"]
    text = _pdf_text(render_pdf(document))
    for expected in (
        "BÁO CÁO THÀNH TÍCH",
        "I. SƠ LƯỢC LÝ LỊCH",
        "- Họ và tên: Nguyễn Văn An",
        "Quyết định số 15/QĐ-UBND ngày 04/8/2024",
        "(Chưa có hình thức khen thưởng nào được ghi nhận trong cơ sở dữ liệu.)",
    ):
        assert expected in text, expected


def test_collective_achievement_report() -> None:
    document = achievement_report_document(COLLECTIVE)
    word = docx.Document(io.BytesIO(render_docx(document)))
    assert _texts(word.tables[0].cell(0, 0)) == ["UBND HUYỆN CẦU NGANG", "ỦY BAN NHÂN DÂN", "XÃ HIỆP MỸ"]
    texts = [p.text for p in word.paragraphs if p.text]
    assert "I. SƠ LƯỢC ĐẶC ĐIỂM, TÌNH HÌNH" in texts
    assert "Đơn vị cấp trên trực tiếp: Ủy ban nhân dân huyện Cầu Ngang." in texts
    assert "(Chưa có danh hiệu thi đua nào được ghi nhận trong cơ sở dữ liệu.)" in texts
    signers = word.tables[-1]
    assert _texts(signers.cell(0, 1)) == ["THỦ TRƯỞNG ĐƠN VỊ"]
    text = _pdf_text(render_pdf(document))
    assert "Đề nghị tặng Tập thể lao động xuất sắc" in text
    assert "Quyết định số 07/QĐ-UBND ngày 05/01/2024" in text


def test_letter_counts_only_what_is_proposed() -> None:
    people_only = dataclasses.replace(LETTER, lines=LETTER.lines[:1], minutes_note="", issued_on=None)
    texts = [
        p.text
        for p in docx.Document(io.BytesIO(render_docx(proposal_letter_document(people_only)))).paragraphs
    ]
    opening = next(t for t in texts if t.startswith("Xét thành tích"))
    assert opening.endswith("cho 01 cá nhân, cụ thể như sau:") and "00 tập thể" not in opening
    # an undated letter leaves the annex's date for the clerk, with blanks the PDF does not collapse
    reference = next(t for t in texts if t.startswith("(Kèm theo Tờ trình số"))
    assert (
        "ngày\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0tháng\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0năm 2025"
        in reference
    )
    assert "ngày\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0tháng" in render_html(
        proposal_letter_document(people_only)
    )


def test_many_signers_go_two_to_a_row() -> None:
    pact = PactData(
        title="Giao ước thi đua năm 2023",
        group_name="Cụm Thi đua số 1",
        group_word="Cụm",
        province_name="Trà Vinh",
        parent_authority="UBND TỈNH TRÀ VINH",
        year=2023,
        signed_on=dt.date(2023, 3, 10),
        members=tuple(
            f"Ủy ban nhân dân huyện {n}"
            for n in ("Châu Thành", "Cầu Ngang", "Duyên Hải", "Trà Cú", "Tiểu Cần")
        ),
        head_name="Ủy ban nhân dân huyện Châu Thành",
        criteria=(),
    )
    word = docx.Document(io.BytesIO(render_docx(pact_document(pact))))
    signers = word.tables[-1]
    assert (len(signers.rows), len(signers.columns)) == (3, 2)
    assert _texts(signers.cell(0, 0))[0] == "TM. ỦY BAN NHÂN DÂN HUYỆN CHÂU THÀNH"
    assert _texts(signers.cell(2, 0))[0] == "TM. ỦY BAN NHÂN DÂN HUYỆN TIỂU CẦN"
    minutes_like = docx.Document(
        io.BytesIO(render_docx(pact_document(dataclasses.replace(pact, members=pact.members[:2]))))
    )
    assert (len(minutes_like.tables[-1].rows), len(minutes_like.tables[-1].columns)) == (1, 2)


@pytest.mark.parametrize(
    ("kind", "unit", "expected"),
    [
        ("local_government", ("Huyện Cầu Ngang", "Huyện", "district"), "Cầu Ngang"),
        ("local_government", ("Phường Nguyệt Hóa", "Phường", "commune"), "Nguyệt Hóa"),
        ("local_government", ("Phường 1", "Phường", "commune"), "Phường 1"),
        ("local_government", ("Tỉnh Trà Vinh", "Tỉnh", "province"), "Trà Vinh"),
        ("agency", ("Huyện Cầu Ngang", "Huyện", "district"), "Trà Vinh"),
    ],
)
def test_date_line_place_is_where_the_issuer_sits(
    kind: str, unit: tuple[str, str, str], expected: str
) -> None:
    # NĐ 30/2020 Phụ lục I, mục II.4.a; unsaved rows: the rule reads no database.
    province = AdminUnit(name="Tỉnh Trà Vinh", kind="Tỉnh", level="province")
    name, unit_kind, level = unit
    organisation = Organisation(
        name=f"Ủy ban nhân dân {name}",
        kind=kind,
        admin_unit=AdminUnit(name=name, kind=unit_kind, level=level),
        province=province,
    )
    assert unit_place(organisation) == expected
