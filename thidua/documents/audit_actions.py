"""The documents app's audit action codes in words (registered from DocumentsConfig.ready())."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

ACTIONS = {
    "documents.article.draft": _("Tạo bài viết nháp từ kết quả sơ kết, tổng kết"),
    "documents.certificates.print": _("In bằng khen, giấy khen của một quyết định (chạy nền)"),
    "documents.certificates.remove": _("Xoá tệp bằng khen, giấy khen đã in (đã in lại hoặc hết hạn lưu giữ)"),
    "documents.layout.create": _("Thêm vị trí in trên phôi bằng khen, giấy khen"),
    "documents.layout.update": _("Sửa vị trí in trên phôi bằng khen, giấy khen"),
}
FACTS = {
    "documents.article.draft": ["period"],
    "documents.certificates.print": ["count", "format"],
    "documents.certificates.remove": ["stored_file", "decision_id", "removed_because"],
}
KEYS = {
    "stored_file": _("tệp đã lưu"),
    "decision_id": _("mã quyết định"),
    "removed_because": _("lý do xoá"),
}
VALUES = {
    "removed_because": {
        "superseded": _("quyết định đã được in lại"),
        "expired": _("hết thời gian lưu giữ"),
    },
}
