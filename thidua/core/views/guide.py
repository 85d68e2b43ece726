"""The officers' user guide, as pages of the admin (Trợ giúp → Hướng dẫn sử dụng).

Officers have no access to the repository, so the guide of docs/user-guide/ is served here as
templates (core/guide/<slug>.html); the project has no Markdown library, and the guide is short.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import Http404, HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class GuideSection:
    slug: str
    title: str  # the section's heading, in Vietnamese like the guide itself
    source: str  # its copy in the repository


# In the order of docs/user-guide/README.md. The first is the guide's home page.
SECTIONS = (
    GuideSection("", "Hướng dẫn sử dụng dành cho cán bộ", "docs/user-guide/README.md"),
    GuideSection("danh-muc", "Danh mục tổ chức", "docs/user-guide/danh-muc.md"),
    GuideSection("import-excel", "Nhập và xuất danh sách từ Excel", "docs/user-guide/import-excel.md"),
    GuideSection("thi-dua", "Giao ước và báo cáo thi đua", "docs/user-guide/thi-dua.md"),
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
    return TemplateResponse(request, f"core/guide/{slug or 'index'}.html", context)
