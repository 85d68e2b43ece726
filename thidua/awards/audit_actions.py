"""The awards app's audit action codes in words (registered with core from AwardsConfig.ready())."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from thidua.core.audit_actions import ALL_KEYS

ACTIONS = {
    "awards.decision.create": _("Thêm quyết định khen thưởng"),
    "awards.decision.update": _("Sửa quyết định khen thưởng"),
    "awards.decision.delete": _("Xoá quyết định khen thưởng"),
    "awards.decision.recipient_add": _("Thêm người, tập thể vào quyết định khen thưởng"),
    "awards.decision.recipient_remove": _("Bỏ người, tập thể khỏi quyết định khen thưởng"),
    "awards.rating.set": _("Ghi xếp loại hằng năm"),
    "awards.rating.delete": _("Xoá xếp loại hằng năm ghi nhầm"),
    "awards.initiative.create": _("Thêm sáng kiến"),
    "awards.initiative.update": _("Sửa sáng kiến"),
    "awards.initiative.delete": _("Xoá sáng kiến ghi nhầm"),
    "awards.discipline.create": _("Ghi nhận kỷ luật"),
    "awards.discipline.delete": _("Xoá kỷ luật ghi nhầm"),
    "awards.pending.open": _("Ghi nhận vụ việc đang xem xét"),
    "awards.pending.close": _("Kết thúc vụ việc đang xem xét"),
    "awards.pending.delete": _("Xoá vụ việc đang xem xét ghi nhầm"),
    "awards.criterion.create": _("Đặt tiêu chuẩn khen thưởng của tỉnh"),
    "awards.criterion.update": _("Sửa tiêu chuẩn khen thưởng của tỉnh"),
    "awards.criterion.delete": _("Bỏ tiêu chuẩn khen thưởng của tỉnh"),
}

PROPOSAL_ACTIONS = {
    "awards.proposal.create": _("Lập hồ sơ đề nghị khen thưởng"),
    "awards.proposal.items_add": _("Thêm danh sách người, tập thể được đề nghị"),
    "awards.proposal.item_add": _("Thêm người, tập thể được đề nghị"),
    "awards.proposal.item_remove": _("Bỏ người, tập thể khỏi hồ sơ đề nghị"),
    "awards.proposal.document_attach": _("Đính kèm tài liệu hồ sơ đề nghị"),
    "awards.proposal.document_remove": _("Xoá tài liệu hồ sơ đề nghị"),
    "awards.proposal.submit": _("Gửi hồ sơ đề nghị khen thưởng"),
    "awards.proposal.withdraw": _("Rút hồ sơ đề nghị khen thưởng"),
    "awards.proposal.return": _("Trả lại hồ sơ đề nghị khen thưởng"),
    "awards.proposal.appraise": _("Thẩm định hồ sơ đề nghị khen thưởng"),
    "awards.proposal.decide": _("Ghi quyết định khen thưởng từ hồ sơ đề nghị"),
    "awards.proposal.from_vote": _("Đề nghị Cờ thi đua từ kết quả suy tôn"),
    "awards.council.create": _("Lập Hội đồng Thi đua – Khen thưởng"),
    "awards.council.vote_open": _("Mở bỏ phiếu của Hội đồng Thi đua – Khen thưởng"),
    "awards.council.ballot_cast": _("Thành viên Hội đồng biểu quyết"),
    "awards.council.ballot_written": _("Ghi phiếu biểu quyết bằng văn bản của thành viên Hội đồng vắng mặt"),
    "awards.council.vote_close": _("Kết thúc bỏ phiếu của Hội đồng Thi đua – Khen thưởng"),
    "awards.council.threshold_add": _("Đặt tỷ lệ biểu quyết của Hội đồng theo quy chế của tỉnh"),
    "awards.council.threshold_remove": _("Bỏ tỷ lệ biểu quyết của Hội đồng theo quy chế của tỉnh"),
}
ACTIONS.update(PROPOSAL_ACTIONS)

# Values recorded as they were at the time (a count, the result of a check), not old → new pairs.
FACTS = {
    "awards.proposal.item_add": ["outcome", "duplicates"],
    "awards.proposal.submit": ["outcomes", "duplicates"],
    "awards.proposal.appraise": ["outcomes", "duplicates"],
    "awards.proposal.from_vote": ["cluster_vote"],
    "awards.council.vote_open": ["council"],
    "awards.council.ballot_cast": [ALL_KEYS],
    "awards.council.ballot_written": [ALL_KEYS],
    "awards.council.vote_close": ["present", "written", "passed", "not_passed"],
}

# Keys of `changes` that are not a field of the target's model. Keys are shared by every app (emulation
# already names "recipients" for reminders), hence "awardees".
KEYS = {"awardees": _("người, tập thể được khen thưởng")}
KEYS.update(
    {
        "items": _("người, tập thể được đề nghị"),
        "initiatives_used": _("sáng kiến đã dùng để khen thưởng"),
        "outcome": _("kết quả xét điều kiện"),
        "outcomes": _("kết quả xét điều kiện"),
        "duplicates": _("số trường hợp trùng lặp"),
        "documents": _("tài liệu hồ sơ"),
        "cluster_vote": _("kết quả suy tôn"),
        "council_members": _("thành viên hội đồng"),
        "council_member": _("thành viên hội đồng"),
        "ballots": _("số phiếu biểu quyết"),
        "present": _("số thành viên biểu quyết"),
        "written": _("số thành viên biểu quyết bằng văn bản"),
        "passed": _("được hội đồng tán thành"),
        "not_passed": _("không được hội đồng tán thành"),
    }
)
