"""The emulation app's audit action codes in words (registered with core from EmulationConfig.ready())."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from thidua.core.audit_actions import ALL_KEYS

ACTIONS = {
    "emulation.ruleset.create": _("Thêm quy chế cụm, khối"),
    "emulation.ruleset.update": _("Sửa quy chế cụm, khối"),
    "emulation.template.create": _("Thêm bộ tiêu chí mẫu"),
    "emulation.template.update": _("Sửa bộ tiêu chí mẫu"),
    "emulation.pact.create": _("Tạo giao ước thi đua"),
    "emulation.pact.criteria_replace": _("Thay bộ tiêu chí của giao ước"),
    "emulation.pact.sign": _("Ký kết giao ước thi đua"),
    "emulation.pact.reopen": _("Mở lại giao ước thi đua"),
    "emulation.pact.aggregates_set": _("Sửa số liệu tổng hợp, thứ tự xét khi bằng điểm của giao ước"),
    "emulation.targets.register": _("Đăng ký chỉ tiêu"),
    "emulation.period.open": _("Mở kỳ đánh giá"),
    "emulation.period.close": _("Khóa kỳ đánh giá"),
    "emulation.period.reclose": _("Khóa lại kỳ đánh giá"),
    "emulation.period.publish": _("Công bố kết quả kỳ đánh giá trên cổng thông tin"),
    "emulation.period.unpublish": _("Thôi công bố kết quả kỳ đánh giá trên cổng thông tin"),
    "emulation.report.create": _("Tạo báo cáo"),
    "emulation.report.save": _("Lưu báo cáo"),
    "emulation.report.submit": _("Gửi báo cáo"),
    "emulation.report.return": _("Trả lại báo cáo"),
    "emulation.report.appraise": _("Thẩm định báo cáo"),
    "emulation.report.unlock": _("Mở khóa báo cáo"),
    "emulation.evidence.add": _("Thêm minh chứng"),
    "emulation.evidence.remove": _("Xoá minh chứng"),
    "emulation.vote.open": _("Mở bỏ phiếu suy tôn"),
    "emulation.vote.ballot_cast": _("Bỏ phiếu suy tôn"),
    "emulation.vote.close": _("Kết thúc bỏ phiếu suy tôn"),
    "emulation.vote.round_open": _("Mở vòng bỏ phiếu suy tôn mới"),
    "emulation.reminder.sent": _("Gửi nhắc hạn báo cáo"),
}

# These rows record values as they were at the time (a vote's seats, a reminder's recipients), so a
# list of two names must not read as "old → new".
FACTS = {
    "emulation.vote.open": [ALL_KEYS],
    "emulation.vote.ballot_cast": [ALL_KEYS],
    "emulation.vote.close": ["cast", "blank", "votes", "leaders", "tied"],
    "emulation.vote.round_open": ["candidates", "seats", "elected"],
    "emulation.reminder.sent": [ALL_KEYS],
}

# Keys of `changes` that are not a field of the target's model.
KEYS = {
    "values": _("giá trị tiêu chí"),
    "criteria": _("số tiêu chí"),
    "evidence": _("minh chứng"),
    "on": _("ngày"),
    "organisation": _("đơn vị"),
    "days_left": _("số ngày còn lại"),
    "recipients": _("người nhận"),
    "members": _("đơn vị thành viên"),
    "ruleset": _("quy chế"),
    "event": _("sự kiện"),
    "cast": _("số phiếu đã bỏ"),
    "blank": _("số phiếu trắng"),
    "votes": _("số phiếu của từng đơn vị"),
    "leaders": _("đơn vị dẫn đầu"),
    "tied": _("đơn vị bằng phiếu"),
    "round": _("vòng bỏ phiếu"),
    "candidates": _("đơn vị được bầu chọn trong vòng"),
    "elected": _("đơn vị đã trúng"),
}
