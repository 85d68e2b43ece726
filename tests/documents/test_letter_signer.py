"""The proposal letter's signer (tờ trình, box 7 of NĐ 30/2020): the officer chooses who signs and how
(TM., KT., TL., TUQ., Q.) on the proposal's screen; the DOCX (python-docx) and the PDF (pypdf) print the
block as chosen, for the head and for a deputy."""

from __future__ import annotations

import dataclasses
import io
import re
from typing import Any

import docx
import pytest
from django.contrib.messages import get_messages
from pypdf import PdfReader

from tests.documents.test_proposal_papers import LETTER
from thidua.awards.models import Proposal
from thidua.documents.forms import ProposalLetterSignerForm
from thidua.documents.render.awards import SigningAuthority, proposal_letter_document, signature_block
from thidua.documents.render.docx import render_docx
from thidua.documents.render.pdf import render_pdf

S = SigningAuthority


def _signature_cell(data: bytes) -> list[str]:
    """The lines of box 7 in the DOCX: the right cell of the closing table (Nơi nhận | signature)."""
    word = docx.Document(io.BytesIO(data))
    closing = next(t for t in word.tables if t.cell(0, 0).paragraphs[0].text == "Nơi nhận:")
    return [p.text for p in closing.cell(0, 1).paragraphs if p.text]


def _signature_bold(data: bytes) -> bool:
    word = docx.Document(io.BytesIO(data))
    closing = next(t for t in word.tables if t.cell(0, 0).paragraphs[0].text == "Nơi nhận:")
    return all(run.bold for p in closing.cell(0, 1).paragraphs for run in p.runs if run.text)


def _pdf_text(data: bytes) -> str:
    return re.sub(r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages))


@pytest.mark.parametrize(
    ("authority", "signing", "head", "signer", "expected"),
    [
        ("Ủy ban nhân dân huyện Cầu Ngang", S.TM, "Chủ tịch", "", ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH")),
        (
            "Ủy ban nhân dân huyện Cầu Ngang",
            S.TM_KT,
            "Chủ tịch",
            "Phó Chủ tịch",
            ("TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"),
        ),
        (
            "Ủy ban nhân dân huyện Cầu Ngang",
            S.KT,
            "Chủ tịch",
            "Phó Chủ tịch",
            ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"),
        ),
        ("Sở Nội vụ tỉnh Trà Vinh", S.HEAD, "Giám đốc", "Giám đốc", ("", "GIÁM ĐỐC")),
        ("Sở Nội vụ tỉnh Trà Vinh", S.KT, "Giám đốc", "Phó Giám đốc", ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC")),
        ("Sở Nội vụ tỉnh Trà Vinh", S.TL, "Giám đốc", "Chánh Văn phòng", ("TL. GIÁM ĐỐC", "CHÁNH VĂN PHÒNG")),
        (
            "Sở Nội vụ tỉnh Trà Vinh",
            S.TUQ,
            "Giám đốc",
            "Trưởng phòng Thi đua",
            ("TUQ. GIÁM ĐỐC", "TRƯỞNG PHÒNG THI ĐUA"),
        ),
        ("Sở Nội vụ tỉnh Trà Vinh", S.Q, "Giám đốc", "", ("", "Q. GIÁM ĐỐC")),
        ("Hội Nông dân tỉnh", S.TM, "Chủ tịch", "", ("TM. HỘI NÔNG DÂN TỈNH", "CHỦ TỊCH")),
    ],
)
def test_signature_block(
    authority: str, signing: SigningAuthority, head: str, signer: str, expected: tuple[str, str]
) -> None:
    block = signature_block(
        authority=authority, signing=signing, head_title=head, signer_title=signer, signer_name=" Lê Văn Ký "
    )
    assert (block.authority_line, block.title, block.name) == (*expected, "Lê Văn Ký")


HEAD = dataclasses.replace(
    LETTER, signing=S.TM, head_title="Chủ tịch", signer_title="Chủ tịch", signer_name="Nguyễn Văn Trưởng"
)
DEPUTY = dataclasses.replace(
    LETTER, signing=S.TM_KT, head_title="Chủ tịch", signer_title="Phó Chủ tịch", signer_name="Trần Văn Phó"
)


def test_letter_signed_by_the_head_docx_and_pdf() -> None:
    document = proposal_letter_document(HEAD)
    word = render_docx(document)
    assert _signature_cell(word) == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Nguyễn Văn Trưởng"]
    assert _signature_bold(word)  # box 7a and 7b: bold (Phụ lục I, mục II.7)
    text = _pdf_text(render_pdf(document))
    assert "TM. ỦY BAN NHÂN DÂN CHỦ TỊCH Nguyễn Văn Trưởng" in text
    assert "KT." not in text


def test_letter_signed_by_a_deputy_docx_and_pdf() -> None:
    document = proposal_letter_document(DEPUTY)
    word = render_docx(document)
    assert _signature_cell(word) == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Trần Văn Phó"]
    text = _pdf_text(render_pdf(document))
    assert "TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH Trần Văn Phó" in text
    # A deputy of a body that is not collective: KT. alone.
    agency = dataclasses.replace(
        DEPUTY,
        unit_name="Sở Nội vụ tỉnh Trà Vinh",
        signing=S.KT,
        head_title="Giám đốc",
        signer_title="Phó Giám đốc",
    )
    assert _signature_cell(render_docx(proposal_letter_document(agency))) == [
        "KT. GIÁM ĐỐC",
        "PHÓ GIÁM ĐỐC",
        "Trần Văn Phó",
    ]
    assert "KT. GIÁM ĐỐC PHÓ GIÁM ĐỐC Trần Văn Phó" in _pdf_text(render_pdf(proposal_letter_document(agency)))


def test_no_choice_keeps_the_guess() -> None:
    # LETTER names a deputy and no choice: the block guessed from the title, as before.
    assert _signature_cell(render_docx(proposal_letter_document(LETTER))) == [
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
        "Trần Văn Bình",
    ]


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"signing": "kt", "head_title": "Chủ tịch", "signer_title": ""}, "signer_title"),
        ({"signing": "kt", "head_title": "Chủ tịch", "signer_title": "chủ tịch"}, "signer_title"),
        ({"signing": "tm-kt", "head_title": "", "signer_title": "Phó Chủ tịch"}, "head_title"),
        ({"signing": "tl", "head_title": "Giám đốc", "signer_title": ""}, "signer_title"),
        ({"signing": "tuq", "head_title": "", "signer_title": "Chánh Văn phòng"}, "head_title"),
        ({"signing": "q", "head_title": ""}, "head_title"),
        ({"signing": "xx"}, "signing"),
        ({"signing": "head", "signer_name": "x" * 101}, "signer_name"),
    ],
)
def test_signer_form_refuses(data: dict[str, str], field: str) -> None:
    form = ProposalLetterSignerForm(data)
    assert not form.is_valid()
    assert field in form.errors


def test_signer_form_cleans_to_nfc() -> None:
    decomposed = "Tra\u0302\u0300n Va\u0306n Pho\u0301"  # "Trần Văn Phó" typed with combining marks
    form = ProposalLetterSignerForm(
        {
            "signing": "tm-kt",
            "head_title": " Chủ  tịch ",
            "signer_title": "Phó Chủ tịch",
            "signer_name": decomposed,
        }
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["signing"] is S.TM_KT
    assert form.cleaned_data["head_title"] == "Chủ tịch"
    assert form.cleaned_data["signer_name"] == "Trần Văn Phó"


@pytest.mark.django_db
def test_the_proposal_screen_chooses_the_signer(demo: None, demo_client: Any) -> None:
    tinh = demo_client("tinh")
    proposal = Proposal.objects.filter(items__isnull=False).order_by("pk").first()
    assert proposal is not None
    page = tinh.get(f"/admin/awards/proposals/{proposal.pk}/").content.decode()
    assert "data-letter-signer" in page and 'name="signer_name"' in page and 'id="letter_signing"' in page
    url = f"/admin/documents/proposals/{proposal.pk}/letter"
    deputy = {
        "signing": "tm-kt",
        "head_title": "Chủ tịch",
        "signer_title": "Phó Chủ tịch",
        "signer_name": "Trần Văn Phó",
    }
    word = tinh.get(f"{url}.docx", deputy)
    assert word.status_code == 200
    assert _signature_cell(word.content)[-3:] == ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Trần Văn Phó"]
    pdf = tinh.get(f"{url}.pdf", deputy)
    assert "KT. CHỦ TỊCH PHÓ CHỦ TỊCH Trần Văn Phó" in _pdf_text(pdf.content)
    head = {"signing": "head", "head_title": "", "signer_title": "Giám đốc", "signer_name": "Lê Thị Trưởng"}
    assert _signature_cell(tinh.get(f"{url}.docx", head).content) == ["GIÁM ĐỐC", "Lê Thị Trưởng"]
    # A choice that breaks the rules gives no file: back to the proposal, with the reason.
    refused = tinh.get(f"{url}.docx", {**deputy, "signer_title": "Chủ tịch"})
    assert refused.status_code == 302
    assert refused["Location"] == f"/admin/awards/proposals/{proposal.pk}/"
    assert any("cấp phó" in str(m) for m in get_messages(refused.wsgi_request))
    # Without the form's fields (an old link): the letter as before, its block guessed.
    assert tinh.get(f"{url}.docx").status_code == 200
