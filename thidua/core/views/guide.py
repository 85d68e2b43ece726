"""The officers' user guide, as pages of the admin (Trợ giúp → Hướng dẫn sử dụng).

Officers have no access to the repository, so the guide's Markdown files (settings.USER_GUIDE_DIR,
docs/user-guide/ of the checkout) are rendered here by thidua.core.guide: one source, no copy to drift.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from thidua.core.guide import guide_html


@dataclass(frozen=True)
class GuideSection:
    slug: str
    title: str  # the section's heading, in Vietnamese like the guide itself
    source: str  # its file in settings.USER_GUIDE_DIR


# In the order of docs/user-guide/README.md. The first is the guide's home page.
SECTIONS = (
    GuideSection("", "Hướng dẫn sử dụng dành cho cán bộ", "README.md"),
    GuideSection("danh-muc", "Danh mục tổ chức", "danh-muc.md"),
    GuideSection("import-excel", "Nhập và xuất danh sách từ Excel", "import-excel.md"),
    GuideSection("thi-dua", "Giao ước và báo cáo thi đua", "thi-dua.md"),
    GuideSection("khen-thuong", "Sổ theo dõi khen thưởng", "khen-thuong.md"),
    GuideSection("van-ban", "Văn bản: báo cáo, biên bản, giao ước, quyết định, bằng khen", "van-ban.md"),
    GuideSection("cong-thong-tin", "Cổng thông tin: bài viết và thư viện văn bản", "cong-thong-tin.md"),
    GuideSection("dang-nhap", "Đăng nhập an toàn: xác thực hai bước, tạm khóa khi nhập sai", "dang-nhap.md"),
)
GUIDE_TITLE = _("Hướng dẫn sử dụng")


def section_url(slug: str) -> str:
    return reverse("core_guide_section", args=[slug]) if slug else reverse("core_guide")


def guide_view(request: HttpRequest, slug: str = "") -> HttpResponse:
    section = next((s for s in SECTIONS if s.slug == slug), None)
    if section is None:
        raise Http404
    context = {
        "guide_title": GUIDE_TITLE,
        "section_title": section.title,
        "subtitle": "" if not slug else section.title,
        "sections": [
            {"title": s.title, "url": section_url(s.slug), "current": s is section} for s in SECTIONS
        ],
    }
    text = (Path(str(settings.USER_GUIDE_DIR)) / section.source).read_text(encoding="utf-8")
    links = {s.source: section_url(s.slug) for s in SECTIONS}
    # Safe: guide_html renders with raw HTML off, so the text cannot carry markup of its own.
    context["body"] = mark_safe(guide_html(unicodedata.normalize("NFC", text), links=links))
    return TemplateResponse(request, "core/guide/base.html", context)
