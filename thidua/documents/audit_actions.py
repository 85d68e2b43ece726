"""The documents app's audit action codes in words (registered from DocumentsConfig.ready())."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

ACTIONS = {
    "documents.article.draft": _("Tạo bài viết nháp từ kết quả sơ kết, tổng kết"),
}
FACTS = {"documents.article.draft": ["period"]}
