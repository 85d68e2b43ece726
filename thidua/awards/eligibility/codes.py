"""The vocabulary of the eligibility contract (docs/contracts/eligibility.md): one source of truth.

The registry's models, the proposal screens, the Excel import and the engine all take their codes
from here, so a title or a rating cannot be spelt two ways. Pure: the standard library only.
"""

from __future__ import annotations

from enum import StrEnum

__all__ = [
    "AWARD_NAMES",
    "COLLECTIVE_AWARDS",
    "DISCIPLINE_NAMES",
    "INDIVIDUAL_AWARDS",
    "INITIATIVE_SCOPE_NAMES",
    "PENDING_NAMES",
    "RATING_NAMES",
    "AwardCode",
    "DisciplineLevel",
    "InitiativeScope",
    "PendingKind",
    "Rating",
    "SubjectKind",
]


class SubjectKind(StrEnum):
    INDIVIDUAL = "individual"
    COLLECTIVE = "collective"


class AwardCode(StrEnum):
    """Emulation titles (danh hiệu thi đua) and commendation forms (hình thức khen thưởng)."""

    LAO_DONG_TIEN_TIEN = "lao_dong_tien_tien"
    CHIEN_SI_THI_DUA_CO_SO = "chien_si_thi_dua_co_so"
    CHIEN_SI_THI_DUA_CAP_TINH = "chien_si_thi_dua_cap_tinh"
    CHIEN_SI_THI_DUA_TOAN_QUOC = "chien_si_thi_dua_toan_quoc"
    TAP_THE_LAO_DONG_TIEN_TIEN = "tap_the_lao_dong_tien_tien"
    TAP_THE_LAO_DONG_XUAT_SAC = "tap_the_lao_dong_xuat_sac"
    CO_THI_DUA_CAP_TINH = "co_thi_dua_cap_tinh"
    CO_THI_DUA_CHINH_PHU = "co_thi_dua_chinh_phu"
    BANG_KHEN_CHU_TICH_UBND_TINH = "bang_khen_chu_tich_ubnd_tinh"
    BANG_KHEN_THU_TUONG = "bang_khen_thu_tuong"
    HUAN_CHUONG_LAO_DONG_HANG_BA = "huan_chuong_lao_dong_hang_ba"
    GIAY_KHEN = "giay_khen"


AWARD_NAMES: dict[AwardCode, str] = {
    AwardCode.LAO_DONG_TIEN_TIEN: "Lao động tiên tiến",
    AwardCode.CHIEN_SI_THI_DUA_CO_SO: "Chiến sĩ thi đua cơ sở",
    AwardCode.CHIEN_SI_THI_DUA_CAP_TINH: "Chiến sĩ thi đua cấp tỉnh",
    AwardCode.CHIEN_SI_THI_DUA_TOAN_QUOC: "Chiến sĩ thi đua toàn quốc",
    AwardCode.TAP_THE_LAO_DONG_TIEN_TIEN: "Tập thể lao động tiên tiến",
    AwardCode.TAP_THE_LAO_DONG_XUAT_SAC: "Tập thể lao động xuất sắc",
    AwardCode.CO_THI_DUA_CAP_TINH: "Cờ thi đua của Ủy ban nhân dân tỉnh",
    AwardCode.CO_THI_DUA_CHINH_PHU: "Cờ thi đua của Chính phủ",
    AwardCode.BANG_KHEN_CHU_TICH_UBND_TINH: "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh",
    AwardCode.BANG_KHEN_THU_TUONG: "Bằng khen của Thủ tướng Chính phủ",
    AwardCode.HUAN_CHUONG_LAO_DONG_HANG_BA: "Huân chương Lao động hạng Ba",
    AwardCode.GIAY_KHEN: "Giấy khen",
}

# Who may receive each (Law 06/2022, Chương II–III). Bằng khen, Huân chương and Giấy khen go to both.
INDIVIDUAL_AWARDS: frozenset[AwardCode] = frozenset(
    {
        AwardCode.LAO_DONG_TIEN_TIEN,
        AwardCode.CHIEN_SI_THI_DUA_CO_SO,
        AwardCode.CHIEN_SI_THI_DUA_CAP_TINH,
        AwardCode.CHIEN_SI_THI_DUA_TOAN_QUOC,
        AwardCode.BANG_KHEN_CHU_TICH_UBND_TINH,
        AwardCode.BANG_KHEN_THU_TUONG,
        AwardCode.HUAN_CHUONG_LAO_DONG_HANG_BA,
        AwardCode.GIAY_KHEN,
    }
)
COLLECTIVE_AWARDS: frozenset[AwardCode] = frozenset(
    {
        AwardCode.TAP_THE_LAO_DONG_TIEN_TIEN,
        AwardCode.TAP_THE_LAO_DONG_XUAT_SAC,
        AwardCode.CO_THI_DUA_CAP_TINH,
        AwardCode.CO_THI_DUA_CHINH_PHU,
        AwardCode.BANG_KHEN_CHU_TICH_UBND_TINH,
        AwardCode.BANG_KHEN_THU_TUONG,
        AwardCode.HUAN_CHUONG_LAO_DONG_HANG_BA,
        AwardCode.GIAY_KHEN,
    }
)


class Rating(StrEnum):
    """The yearly task-completion rating (kết quả đánh giá, xếp loại), best first."""

    HTXS = "htxs"
    HTT = "htt"
    HT = "ht"
    KHT = "kht"


RATING_NAMES: dict[Rating, str] = {
    Rating.HTXS: "Hoàn thành xuất sắc nhiệm vụ",
    Rating.HTT: "Hoàn thành tốt nhiệm vụ",
    Rating.HT: "Hoàn thành nhiệm vụ",
    Rating.KHT: "Không hoàn thành nhiệm vụ",
}


class DisciplineLevel(StrEnum):
    """Disciplinary measures, lightest first (Luật Cán bộ, công chức; Luật Viên chức)."""

    KHIEN_TRACH = "khien_trach"
    CANH_CAO = "canh_cao"
    HA_BAC_LUONG = "ha_bac_luong"
    GIANG_CHUC = "giang_chuc"
    CACH_CHUC = "cach_chuc"
    BUOC_THOI_VIEC = "buoc_thoi_viec"


DISCIPLINE_NAMES: dict[DisciplineLevel, str] = {
    DisciplineLevel.KHIEN_TRACH: "Khiển trách",
    DisciplineLevel.CANH_CAO: "Cảnh cáo",
    DisciplineLevel.HA_BAC_LUONG: "Hạ bậc lương",
    DisciplineLevel.GIANG_CHUC: "Giáng chức",
    DisciplineLevel.CACH_CHUC: "Cách chức",
    DisciplineLevel.BUOC_THOI_VIEC: "Buộc thôi việc",
}


class PendingKind(StrEnum):
    """Open matters that suspend any award or proposal (gate G3, NĐ 152/2025 Điều 4)."""

    DISCIPLINE_REVIEW = "discipline_review"
    INVESTIGATION = "investigation"
    INSPECTION = "inspection"
    AUDIT = "audit"
    COMPLAINT = "complaint"


PENDING_NAMES: dict[PendingKind, str] = {
    PendingKind.DISCIPLINE_REVIEW: "Đang xem xét kỷ luật",
    PendingKind.INVESTIGATION: "Đang bị điều tra",
    PendingKind.INSPECTION: "Đang thanh tra, kiểm tra có dấu hiệu vi phạm",
    PendingKind.AUDIT: "Đang kiểm toán có dấu hiệu vi phạm",
    PendingKind.COMPLAINT: "Đang xác minh khiếu nại, tố cáo",
}


class InitiativeScope(StrEnum):
    """The scope of an initiative's effect, narrowest first."""

    CO_SO = "co_so"
    TINH = "tinh"
    TOAN_QUOC = "toan_quoc"


INITIATIVE_SCOPE_NAMES: dict[InitiativeScope, str] = {
    InitiativeScope.CO_SO: "Cấp cơ sở",
    InitiativeScope.TINH: "Cấp tỉnh",
    InitiativeScope.TOAN_QUOC: "Toàn quốc",
}
