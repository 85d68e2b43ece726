"""The award decision's signer (box 7 of NĐ 30/2020 Phụ lục I, mục II.7a): printed as recorded with the
decision (its `signing` and `head_title`) in the DOCX (python-docx) and the PDF (pypdf), and on the
certificates; a decision recorded before the choice existed keeps the guess from the signer's title."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from tests.awards.builders import decision
from tests.documents.test_letter_signer import _pdf_text, _signature_cell
from tests.documents.test_render import DECISION
from thidua.core.signing import SigningAuthority
from thidua.documents.render.certificate import certificate_html
from thidua.documents.render.compose import decision_document
from thidua.documents.render.docx import render_docx
from thidua.documents.render.pdf import render_pdf
from thidua.documents.selectors.certificates import certificates_data, decision_data

S = SigningAuthority
COMMITTEE = "Ủy ban nhân dân tỉnh Trà Vinh"
AGENCY = "Sở Nội vụ tỉnh Trà Vinh"


@pytest.mark.parametrize(
    ("issuer", "signing", "head", "signer", "expected"),
    [
        (COMMITTEE, S.HEAD, "Chủ tịch", "Chủ tịch", ["CHỦ TỊCH"]),
        (COMMITTEE, S.TM, "Chủ tịch", "Chủ tịch", ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]),
        (
            COMMITTEE,
            S.TM_KT,
            "Chủ tịch",
            "Phó Chủ tịch",
            ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"],
        ),
        (COMMITTEE, S.KT, "Chủ tịch", "Phó Chủ tịch", ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]),
        (AGENCY, S.TL, "Giám đốc", "Chánh Văn phòng", ["TL. GIÁM ĐỐC", "CHÁNH VĂN PHÒNG"]),
        (AGENCY, S.TUQ, "Giám đốc", "Trưởng phòng Thi đua", ["TUQ. GIÁM ĐỐC", "TRƯỞNG PHÒNG THI ĐUA"]),
        (AGENCY, S.Q, "Giám đốc", "", ["Q. GIÁM ĐỐC"]),
    ],
)
def test_box_7_as_recorded_docx_and_pdf(
    issuer: str, signing: SigningAuthority, head: str, signer: str, expected: list[str]
) -> None:
    data = dataclasses.replace(
        DECISION,
        issuer_name=issuer,
        signing=signing,
        head_title=head,
        signer_title=signer,
        signer_name="Lê Văn Ký",
    )
    document = decision_document(data)
    assert _signature_cell(render_docx(document)) == [*expected, "Lê Văn Ký"]
    text = _pdf_text(render_pdf(document))
    assert " ".join([*expected, "Lê Văn Ký"]) in text


@pytest.mark.parametrize(
    ("issuer", "signer", "expected"),
    [
        # A committee's head signs for the collective body, named without its place (Phụ lục I, II.7a).
        (COMMITTEE, "Chủ tịch", ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]),
        (COMMITTEE, "", ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]),
        (COMMITTEE, "Phó Chủ tịch", ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]),
        (AGENCY, "Giám đốc", ["TM. SỞ NỘI VỤ TỈNH TRÀ VINH", "GIÁM ĐỐC"]),
    ],
)
def test_not_chosen_keeps_the_guess(issuer: str, signer: str, expected: list[str]) -> None:
    data = dataclasses.replace(DECISION, issuer_name=issuer, signer_title=signer, signer_name="Lê Văn Ký")
    assert data.signing is None
    document = decision_document(data)
    assert _signature_cell(render_docx(document)) == [*expected, "Lê Văn Ký"]
    assert " ".join([*expected, "Lê Văn Ký"]) in _pdf_text(render_pdf(document))


@pytest.mark.django_db
def test_the_stored_choice_reaches_the_decision_and_its_certificates(
    world: Any, personas: dict[str, Any]
) -> None:
    made = decision(
        personas["province"],
        issuer=world.home,  # "Ủy ban nhân dân xã Nhà": a committee
        people=[world.home_person],
        signing=S.TM_KT,
        head_title="Chủ tịch",
        signer_title="Phó Chủ tịch",
        signer_name="Trần Văn Phó",
    )
    data = decision_data(decision=made)
    assert (data.signing, data.head_title) == (S.TM_KT, "Chủ tịch")
    lines = ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Trần Văn Phó"]
    assert _signature_cell(render_docx(decision_document(data))) == lines
    (certificate,) = certificates_data(decision=made, verify_url="https://x.test/{token}")
    assert certificate.signer_authority == "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH"
    assert certificate.signer_title == "PHÓ CHỦ TỊCH"
    html = certificate_html([certificate])
    assert (
        '<p class="t">TM. ỦY BAN NHÂN DÂN</p><p class="t">KT. CHỦ TỊCH</p><p class="t">PHÓ CHỦ TỊCH</p>'
        in html
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("signing", "head", "signer", "authority", "title"),
    [
        ("", "", "Phó Chủ tịch", "KT. CHỦ TỊCH", "Phó Chủ tịch"),  # an older row: guessed
        ("", "", "", "", "Chủ tịch"),
        (S.HEAD, "", "Giám đốc", "", "GIÁM ĐỐC"),
        (S.KT, "Giám đốc", "Phó Giám đốc", "KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"),
        (S.Q, "Giám đốc", "", "", "Q. GIÁM ĐỐC"),
    ],
)
def test_certificate_signer_lines(
    world: Any, personas: dict[str, Any], signing: str, head: str, signer: str, authority: str, title: str
) -> None:
    made = decision(
        personas["province"],
        issuer=world.office,
        people=[world.home_person],
        signing=signing,
        head_title=head,
        signer_title=signer,
    )
    (certificate,) = certificates_data(decision=made, verify_url="https://x.test/{token}")
    assert (certificate.signer_authority, certificate.signer_title) == (authority, title)
