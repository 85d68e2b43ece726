"""The registry's choices, built from the eligibility contract's enums (eligibility/codes.py).

The stored values are the engine's codes, so the registry, the engine and the import speak one
vocabulary; the models add only the labels, wrapped for translation. tests/awards/test_models.py
checks that each Vietnamese label is the name codes.py gives the code.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from thidua.awards.eligibility.codes import AwardCode, DisciplineLevel, InitiativeScope, PendingKind, Rating

AWARD_LABELS = {
    AwardCode.LAO_DONG_TIEN_TIEN: _("Lao động tiên tiến"),
    AwardCode.CHIEN_SI_THI_DUA_CO_SO: _("Chiến sĩ thi đua cơ sở"),
    AwardCode.CHIEN_SI_THI_DUA_CAP_TINH: _("Chiến sĩ thi đua cấp tỉnh"),
    AwardCode.CHIEN_SI_THI_DUA_TOAN_QUOC: _("Chiến sĩ thi đua toàn quốc"),
    AwardCode.TAP_THE_LAO_DONG_TIEN_TIEN: _("Tập thể lao động tiên tiến"),
    AwardCode.TAP_THE_LAO_DONG_XUAT_SAC: _("Tập thể lao động xuất sắc"),
    AwardCode.CO_THI_DUA_CAP_TINH: _("Cờ thi đua của Ủy ban nhân dân tỉnh"),
    AwardCode.CO_THI_DUA_CHINH_PHU: _("Cờ thi đua của Chính phủ"),
    AwardCode.BANG_KHEN_CHU_TICH_UBND_TINH: _("Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh"),
    AwardCode.BANG_KHEN_THU_TUONG: _("Bằng khen của Thủ tướng Chính phủ"),
    AwardCode.HUAN_CHUONG_LAO_DONG_HANG_BA: _("Huân chương Lao động hạng Ba"),
    AwardCode.GIAY_KHEN: _("Giấy khen"),
}
RATING_LABELS = {
    Rating.HTXS: _("Hoàn thành xuất sắc nhiệm vụ"),
    Rating.HTT: _("Hoàn thành tốt nhiệm vụ"),
    Rating.HT: _("Hoàn thành nhiệm vụ"),
    Rating.KHT: _("Không hoàn thành nhiệm vụ"),
}
DISCIPLINE_LABELS = {
    DisciplineLevel.KHIEN_TRACH: _("Khiển trách"),
    DisciplineLevel.CANH_CAO: _("Cảnh cáo"),
    DisciplineLevel.HA_BAC_LUONG: _("Hạ bậc lương"),
    DisciplineLevel.GIANG_CHUC: _("Giáng chức"),
    DisciplineLevel.CACH_CHUC: _("Cách chức"),
    DisciplineLevel.BUOC_THOI_VIEC: _("Buộc thôi việc"),
}
PENDING_LABELS = {
    PendingKind.DISCIPLINE_REVIEW: _("Đang xem xét kỷ luật"),
    PendingKind.INVESTIGATION: _("Đang bị điều tra"),
    PendingKind.INSPECTION: _("Đang thanh tra, kiểm tra có dấu hiệu vi phạm"),
    PendingKind.AUDIT: _("Đang kiểm toán có dấu hiệu vi phạm"),
    PendingKind.COMPLAINT: _("Đang xác minh khiếu nại, tố cáo"),
}
SCOPE_LABELS = {
    InitiativeScope.CO_SO: _("Cấp cơ sở"),
    InitiativeScope.TINH: _("Cấp tỉnh"),
    InitiativeScope.TOAN_QUOC: _("Toàn quốc"),
}

# Functional API, as emulation's Method: the values come from the enums and are not repeated here.
Award = models.TextChoices(  # type: ignore[call-overload]
    "Award", [(code.name, (code.value, AWARD_LABELS[code])) for code in AwardCode]
)
RatingChoice = models.TextChoices(  # type: ignore[call-overload]
    "RatingChoice", [(code.name, (code.value, RATING_LABELS[code])) for code in Rating]
)
DisciplineChoice = models.TextChoices(  # type: ignore[call-overload]
    "DisciplineChoice", [(code.name, (code.value, DISCIPLINE_LABELS[code])) for code in DisciplineLevel]
)
PendingChoice = models.TextChoices(  # type: ignore[call-overload]
    "PendingChoice", [(code.name, (code.value, PENDING_LABELS[code])) for code in PendingKind]
)
ScopeChoice = models.TextChoices(  # type: ignore[call-overload]
    "ScopeChoice", [(code.name, (code.value, SCOPE_LABELS[code])) for code in InitiativeScope]
)
