"""The documents a proposal's dossier must hold (Luật Thi đua, khen thưởng 2022, Điều 84), as data (pure).

Law Art 84(1), for an emulation title [V]: (a) the proposal letter (tờ trình), (b) the achievement
report (báo cáo thành tích), (c) the minutes of the emulation review (biên bản xét thi đua), (d) for
Chiến sĩ thi đua cơ sở, cấp tỉnh and toàn quốc: the competent body's certification of the initiative
or scientific work (its effect and scope).
Law Art 84(2), for a commendation form [V]: (a) tờ trình, (b) báo cáo thành tích, (c) the minutes of
the commendation review (biên bản xét khen thưởng), (d) the certification of a special or ad-hoc
achievement, contribution or invention "where relevant": required here for an ad-hoc commendation
(khen thưởng đột xuất), the one case the clause plainly concerns [I]; for the others the officer may
attach one.

Not encoded, and why:
- the extra items for state-level awards of Art 84(3) (legal-rules §5 [V-partial]: its list was not
  read);
- the simplified procedure for ad-hoc commendations (thủ tục đơn giản) and its shorter dossier: not in
  the legal notes, so the full Art 84(2) list applies until a province enters its own;
- the form numbers (NĐ 98/2023 Phụ lục I: Mẫu 01 tờ trình, Mẫu 02 báo cáo thành tích tập thể, Mẫu 03
  cá nhân) are named in the hints only: whether NĐ 152/2025 or TT 15/2025 renumbered them is [U].
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from thidua.awards.eligibility.codes import AwardCode

__all__ = [
    "COMMENDATION_FORMS",
    "COMMENDATION_KIND_NAMES",
    "DOCUMENT_NAMES",
    "EMULATION_TITLES",
    "INITIATIVE_TITLES",
    "CommendationKind",
    "DocumentKind",
    "RequiredDocument",
    "missing",
    "required_documents",
]


class DocumentKind(StrEnum):
    TO_TRINH = "to_trinh"
    BAO_CAO_THANH_TICH = "bao_cao_thanh_tich"
    BIEN_BAN_XET_THI_DUA = "bien_ban_xet_thi_dua"
    BIEN_BAN_XET_KHEN_THUONG = "bien_ban_xet_khen_thuong"
    XAC_NHAN_SANG_KIEN = "xac_nhan_sang_kien"
    XAC_NHAN_THANH_TICH = "xac_nhan_thanh_tich"


DOCUMENT_NAMES: dict[DocumentKind, str] = {
    DocumentKind.TO_TRINH: "Tờ trình đề nghị khen thưởng",
    DocumentKind.BAO_CAO_THANH_TICH: "Báo cáo thành tích",
    DocumentKind.BIEN_BAN_XET_THI_DUA: "Biên bản xét thi đua",
    DocumentKind.BIEN_BAN_XET_KHEN_THUONG: "Biên bản xét khen thưởng",
    DocumentKind.XAC_NHAN_SANG_KIEN: (
        "Xác nhận của cấp có thẩm quyền về hiệu quả áp dụng, phạm vi ảnh hưởng của sáng kiến, "
        "đề tài nghiên cứu khoa học"
    ),
    DocumentKind.XAC_NHAN_THANH_TICH: (
        "Xác nhận của cấp có thẩm quyền về thành tích đặc biệt xuất sắc, đột xuất, đóng góp, phát minh, sáng chế"
    ),
}


class CommendationKind(StrEnum):
    """The types of commendation (Luật TĐKT 2022 Điều 8 [V])."""

    CONG_TRANG = "cong_trang"  # theo công trạng và thành tích đạt được: the yearly proposals
    THEO_DOT = "theo_dot"  # theo đợt hoặc theo chuyên đề
    DOT_XUAT = "dot_xuat"
    CONG_HIEN = "cong_hien"
    NIEN_HAN = "nien_han"
    DOI_NGOAI = "doi_ngoai"


COMMENDATION_KIND_NAMES: dict[CommendationKind, str] = {
    CommendationKind.CONG_TRANG: "Khen thưởng theo công trạng và thành tích đạt được",
    CommendationKind.THEO_DOT: "Khen thưởng theo đợt hoặc theo chuyên đề",
    CommendationKind.DOT_XUAT: "Khen thưởng đột xuất",
    CommendationKind.CONG_HIEN: "Khen thưởng quá trình cống hiến",
    CommendationKind.NIEN_HAN: "Khen thưởng theo niên hạn",
    CommendationKind.DOI_NGOAI: "Khen thưởng đối ngoại",
}

# Emulation titles (danh hiệu thi đua, Law Chương II) take Art 84(1); the rest are commendation forms
# (hình thức khen thưởng, Law Art 9) and take Art 84(2).
EMULATION_TITLES: frozenset[AwardCode] = frozenset(
    {
        AwardCode.LAO_DONG_TIEN_TIEN,
        AwardCode.CHIEN_SI_THI_DUA_CO_SO,
        AwardCode.CHIEN_SI_THI_DUA_CAP_TINH,
        AwardCode.CHIEN_SI_THI_DUA_TOAN_QUOC,
        AwardCode.TAP_THE_LAO_DONG_TIEN_TIEN,
        AwardCode.TAP_THE_LAO_DONG_XUAT_SAC,
        AwardCode.CO_THI_DUA_CAP_TINH,
        AwardCode.CO_THI_DUA_CHINH_PHU,
    }
)
COMMENDATION_FORMS: frozenset[AwardCode] = frozenset(AwardCode) - EMULATION_TITLES
# Art 84(1)(d): the titles that rest on an initiative or a scientific work.
INITIATIVE_TITLES: frozenset[AwardCode] = frozenset(
    {
        AwardCode.CHIEN_SI_THI_DUA_CO_SO,
        AwardCode.CHIEN_SI_THI_DUA_CAP_TINH,
        AwardCode.CHIEN_SI_THI_DUA_TOAN_QUOC,
    }
)

_ART_84_1 = "Luật Thi đua, khen thưởng 2022, Điều 84 khoản 1 điểm %s"
_ART_84_2 = "Luật Thi đua, khen thưởng 2022, Điều 84 khoản 2 điểm %s"


@dataclass(frozen=True)
class RequiredDocument:
    kind: DocumentKind
    citation: str

    @property
    def name(self) -> str:
        return DOCUMENT_NAMES[self.kind]


def required_documents(
    award: AwardCode, kind: CommendationKind = CommendationKind.CONG_TRANG
) -> list[RequiredDocument]:
    """The documents the dossier of a proposal for `award` must hold, in the Law's order.

    `kind` matters for commendation forms only (an ad-hoc one needs the certification of the
    achievement); an emulation title is always awarded for the year's achievement."""
    if award in EMULATION_TITLES:
        documents = [
            RequiredDocument(DocumentKind.TO_TRINH, _ART_84_1 % "a"),
            RequiredDocument(DocumentKind.BAO_CAO_THANH_TICH, _ART_84_1 % "b"),
            RequiredDocument(DocumentKind.BIEN_BAN_XET_THI_DUA, _ART_84_1 % "c"),
        ]
        if award in INITIATIVE_TITLES:
            documents.append(RequiredDocument(DocumentKind.XAC_NHAN_SANG_KIEN, _ART_84_1 % "d"))
        return documents
    documents = [
        RequiredDocument(DocumentKind.TO_TRINH, _ART_84_2 % "a"),
        RequiredDocument(DocumentKind.BAO_CAO_THANH_TICH, _ART_84_2 % "b"),
        RequiredDocument(DocumentKind.BIEN_BAN_XET_KHEN_THUONG, _ART_84_2 % "c"),
    ]
    if kind == CommendationKind.DOT_XUAT:
        documents.append(RequiredDocument(DocumentKind.XAC_NHAN_THANH_TICH, _ART_84_2 % "d"))
    return documents


def missing(
    award: AwardCode, kind: CommendationKind, present_kinds: Iterable[DocumentKind]
) -> list[RequiredDocument]:
    """The required documents not among `present_kinds`, in the Law's order (empty: complete)."""
    present = frozenset(present_kinds)
    return [document for document in required_documents(award, kind) if document.kind not in present]
