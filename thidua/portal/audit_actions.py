"""The portal's audit action codes in words (registered with core from PortalConfig.ready())."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

ACTIONS = {
    "portal.settings.update": _("Sửa thông tin chân trang cổng thông tin"),
    "portal.section.create": _("Thêm chuyên mục tin"),
    "portal.page.create": _("Thêm trang nội dung"),
    "portal.article.create": _("Thêm bài viết"),
    "portal.article.publish": _("Đăng bài viết"),
    "portal.article.unpublish": _("Gỡ bài viết"),
    "portal.article.submit": _("Gửi bài viết để duyệt"),
    "portal.article.approve": _("Duyệt bài viết (một bước)"),
    "portal.article.reject": _("Trả lại bài viết"),
    "portal.editorial.setup": _("Thiết lập quy trình duyệt bài"),
    "portal.library.create": _("Thêm thư viện văn bản"),
    "portal.document.create": _("Thêm văn bản vào thư viện văn bản"),
    # The editorial workflow's steps on a document of the library (Văn bản), apart from the articles'.
    "portal.document.submit": _("Gửi văn bản của thư viện văn bản để duyệt"),
    "portal.document.approve": _("Duyệt văn bản của thư viện văn bản (một bước)"),
    "portal.document.reject": _("Trả lại văn bản của thư viện văn bản"),
    "portal.document.publish": _("Đăng văn bản lên thư viện văn bản"),
    "portal.document.unpublish": _("Gỡ văn bản khỏi thư viện văn bản"),
    "portal.feedback.submit": _("Nhận góp ý, hỏi đáp của người dân"),
    "portal.feedback.moderate": _("Xử lý góp ý, hỏi đáp"),
}

# What a step of the editorial workflow records: facts at the time, not old → new pairs.
FACTS = {
    "portal.article.publish": ["go_live_at", "revision"],
    "portal.article.submit": ["workflow"],
    "portal.article.approve": ["task"],
    "portal.article.reject": ["task"],
    "portal.editorial.setup": ["workflow", "tasks"],
    "portal.article.create": ["views_start"],
    "portal.document.create": ["number", "kind"],
    "portal.document.publish": ["go_live_at", "revision"],
    "portal.document.submit": ["workflow"],
    "portal.document.approve": ["task"],
    "portal.document.reject": ["task"],
}

KEYS = {
    "go_live_at": _("hẹn giờ đăng"),
    "revision": _("phiên bản"),
    "workflow": _("quy trình"),
    "task": _("bước duyệt"),
    "tasks": _("các bước duyệt"),
    "views_start": _("lượt xem ban đầu"),
    "number": _("số ký hiệu"),
    "kind": _("loại văn bản"),
}
