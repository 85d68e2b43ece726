"""The awards app's audit action codes in words (registered with core from AwardsConfig.ready())."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

ACTIONS = {
    "awards.decision.create": _("Thêm quyết định khen thưởng"),
    "awards.decision.update": _("Sửa quyết định khen thưởng"),
    "awards.decision.delete": _("Xoá quyết định khen thưởng"),
    "awards.decision.recipient_add": _("Thêm người, tập thể vào quyết định khen thưởng"),
    "awards.decision.recipient_remove": _("Bỏ người, tập thể khỏi quyết định khen thưởng"),
    "awards.rating.set": _("Ghi xếp loại hằng năm"),
    "awards.initiative.create": _("Thêm sáng kiến"),
    "awards.initiative.update": _("Sửa sáng kiến"),
    "awards.discipline.create": _("Ghi nhận kỷ luật"),
    "awards.pending.open": _("Ghi nhận vụ việc đang xem xét"),
    "awards.pending.close": _("Kết thúc vụ việc đang xem xét"),
    "awards.criterion.create": _("Đặt tiêu chuẩn khen thưởng của tỉnh"),
    "awards.criterion.update": _("Sửa tiêu chuẩn khen thưởng của tỉnh"),
    "awards.criterion.delete": _("Bỏ tiêu chuẩn khen thưởng của tỉnh"),
}

# Keys of `changes` that are not a field of the target's model. Keys are shared by every app (emulation
# already names "recipients" for reminders), hence "awardees".
KEYS = {"awardees": _("người, tập thể được khen thưởng")}
