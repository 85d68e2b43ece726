"""The dossier checklist of Luật TĐKT 2022 Điều 84, per award code; pure."""

from __future__ import annotations

import unicodedata

import pytest

from thidua.awards.eligibility.codes import AWARD_NAMES, AwardCode
from thidua.awards.rules.dossier import (
    COMMENDATION_FORMS,
    COMMENDATION_KIND_NAMES,
    DOCUMENT_NAMES,
    EMULATION_TITLES,
    CommendationKind,
    DocumentKind,
    missing,
    required_documents,
)

C, D, K = AwardCode, DocumentKind, CommendationKind
TITLE = [D.TO_TRINH, D.BAO_CAO_THANH_TICH, D.BIEN_BAN_XET_THI_DUA]
FORM = [D.TO_TRINH, D.BAO_CAO_THANH_TICH, D.BIEN_BAN_XET_KHEN_THUONG]
# award -> the documents of a yearly proposal (theo công trạng), in the Law's order
EXPECTED = {
    C.LAO_DONG_TIEN_TIEN: TITLE,
    C.CHIEN_SI_THI_DUA_CO_SO: [*TITLE, D.XAC_NHAN_SANG_KIEN],
    C.CHIEN_SI_THI_DUA_CAP_TINH: [*TITLE, D.XAC_NHAN_SANG_KIEN],
    C.CHIEN_SI_THI_DUA_TOAN_QUOC: [*TITLE, D.XAC_NHAN_SANG_KIEN],
    C.TAP_THE_LAO_DONG_TIEN_TIEN: TITLE,
    C.TAP_THE_LAO_DONG_XUAT_SAC: TITLE,
    C.CO_THI_DUA_CAP_TINH: TITLE,
    C.CO_THI_DUA_CHINH_PHU: TITLE,
    C.BANG_KHEN_CHU_TICH_UBND_TINH: FORM,
    C.BANG_KHEN_THU_TUONG: FORM,
    C.HUAN_CHUONG_LAO_DONG_HANG_BA: FORM,
    C.GIAY_KHEN: FORM,
}


def test_every_award_is_a_title_or_a_form() -> None:
    assert set(EXPECTED) == set(AWARD_NAMES) == EMULATION_TITLES | COMMENDATION_FORMS
    assert not EMULATION_TITLES & COMMENDATION_FORMS


@pytest.mark.parametrize("award", list(AwardCode))
def test_the_checklist_per_code(award: AwardCode) -> None:
    documents = required_documents(award, K.CONG_TRANG)
    assert [d.kind for d in documents] == EXPECTED[award]
    clause = "khoản 1" if award in EMULATION_TITLES else "khoản 2"
    letters = "abcd"
    for index, document in enumerate(documents):
        assert document.citation == f"Luật Thi đua, khen thưởng 2022, Điều 84 {clause} điểm {letters[index]}"
        assert document.name == DOCUMENT_NAMES[document.kind]


@pytest.mark.parametrize("award", sorted(COMMENDATION_FORMS))
def test_an_ad_hoc_commendation_needs_the_certification_of_the_achievement(award: AwardCode) -> None:
    kinds = [d.kind for d in required_documents(award, K.DOT_XUAT)]
    assert kinds == [*FORM, D.XAC_NHAN_THANH_TICH]
    for other in set(K) - {K.DOT_XUAT}:
        assert [d.kind for d in required_documents(award, other)] == FORM


@pytest.mark.parametrize("award", sorted(EMULATION_TITLES))
def test_the_kind_does_not_change_a_title(award: AwardCode) -> None:
    for kind in K:
        assert [d.kind for d in required_documents(award, kind)] == EXPECTED[award]


@pytest.mark.parametrize(
    ("award", "kind", "present", "expected"),
    [
        (C.CHIEN_SI_THI_DUA_CAP_TINH, K.CONG_TRANG, [], [*TITLE, D.XAC_NHAN_SANG_KIEN]),
        (C.CHIEN_SI_THI_DUA_CAP_TINH, K.CONG_TRANG, TITLE, [D.XAC_NHAN_SANG_KIEN]),
        (C.CHIEN_SI_THI_DUA_CAP_TINH, K.CONG_TRANG, [*TITLE, D.XAC_NHAN_SANG_KIEN], []),
        # the minutes of the wrong review do not stand in for the right one
        (C.LAO_DONG_TIEN_TIEN, K.CONG_TRANG, FORM, [D.BIEN_BAN_XET_THI_DUA]),
        (C.GIAY_KHEN, K.DOT_XUAT, FORM, [D.XAC_NHAN_THANH_TICH]),
        # an extra document is no harm
        (C.GIAY_KHEN, K.CONG_TRANG, [*FORM, D.XAC_NHAN_THANH_TICH], []),
        (
            C.BANG_KHEN_THU_TUONG,
            K.CONG_TRANG,
            [D.BAO_CAO_THANH_TICH],
            [D.TO_TRINH, D.BIEN_BAN_XET_KHEN_THUONG],
        ),
    ],
)
def test_missing(award: AwardCode, kind: CommendationKind, present: list[D], expected: list[D]) -> None:
    assert [d.kind for d in missing(award, kind, present)] == expected


def test_names_are_vietnamese_nfc() -> None:
    assert set(DOCUMENT_NAMES) == set(DocumentKind)
    assert set(COMMENDATION_KIND_NAMES) == set(CommendationKind)
    for name in [*DOCUMENT_NAMES.values(), *COMMENDATION_KIND_NAMES.values()]:
        assert unicodedata.is_normalized("NFC", name)
    assert DOCUMENT_NAMES[D.BIEN_BAN_XET_THI_DUA] == "Biên bản xét thi đua"
