"""The documents app's audit action codes in words (registered from DocumentsConfig.ready())."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

ACTIONS = {
    "documents.article.draft": _("Tạo bài viết nháp từ kết quả sơ kết, tổng kết"),
    "documents.certificates.print": _("In bằng khen, giấy khen của một quyết định (chạy nền)"),
    "documents.layout.create": _("Thêm vị trí in trên phôi bằng khen, giấy khen"),
    "documents.layout.update": _("Sửa vị trí in trên phôi bằng khen, giấy khen"),
}
FACTS = {"documents.article.draft": ["period"], "documents.certificates.print": ["count", "format"]}
