"""The document library (Văn bản): a page listing official documents, and one page per document.

Each document is a page, not a snippet: editors add it under the library as they add an article under
a section, it goes through the same approval workflow (writer → editor → editor-in-chief) and audit,
it has an address of its own for the sitemap and search engines, and its draft is never shown.
ND 43/2011 Điều 10 lists what a portal's Văn bản section shows: kind, issuing body, number and symbol,
issue date, effective date, summary, a downloadable file, and a search tool.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, TitleFieldPanel
from wagtail.documents.models import Document
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from thidua.portal.models.pages import AsciiSlugMixin, CachedPageMixin, _today
from thidua.portal.models.search import FoldedSearchMixin
from thidua.portal.rules.search import fold


class DocumentKind(models.TextChoices):
    """Kinds of administrative documents (NĐ 30/2020 Phụ lục III) a portal commonly publishes."""

    QUYET_DINH = "quyet-dinh", _("Quyết định")
    KE_HOACH = "ke-hoach", _("Kế hoạch")
    CONG_VAN = "cong-van", _("Công văn")
    THONG_BAO = "thong-bao", _("Thông báo")
    HUONG_DAN = "huong-dan", _("Hướng dẫn")
    CHI_THI = "chi-thi", _("Chỉ thị")
    NGHI_QUYET = "nghi-quyet", _("Nghị quyết")
    BAO_CAO = "bao-cao", _("Báo cáo")
    CHUONG_TRINH = "chuong-trinh", _("Chương trình")
    KHAC = "khac", _("Văn bản khác")


class DocumentLibraryPage(AsciiSlugMixin, Page):  # type: ignore[misc]
    """Văn bản: the documents under it, filtered by kind, issuing body, year and field, searched by
    number and summary with or without diacritics, newest (or oldest) first, `per_page` a page.
    Served by views.documents (through Wagtail's before_serve_page hook, as the contact page is:
    its filter form is a Django form, which models may not import)."""

    intro = RichTextField(_("giới thiệu"), blank=True, features=["bold", "italic", "link"])
    per_page: models.PositiveSmallIntegerField[int, int] = models.PositiveSmallIntegerField(
        _("số văn bản mỗi trang"), default=20
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("per_page")]
    parent_page_types = ["portal.HomePage"]
    subpage_types = ["portal.DocumentPage"]

    class Meta:
        verbose_name = _("thư viện văn bản")
        verbose_name_plural = _("thư viện văn bản")


class DocumentPage(CachedPageMixin, AsciiSlugMixin, FoldedSearchMixin, Page):  # type: ignore[misc, django-manager-missing]
    """One official document: its title is the trích yếu (summary), as registers list documents."""

    number = models.CharField(
        _("số ký hiệu"), max_length=60, help_text=_("Ví dụ: 123/QĐ-UBND, 05/KH-HĐTĐKT.")
    )
    kind = models.CharField(_("loại văn bản"), max_length=20, choices=DocumentKind.choices)
    issued_on = models.DateField(_("ngày ban hành"), default=_today)
    effective_on = models.DateField(_("ngày hiệu lực"), null=True, blank=True)
    issuer = models.CharField(
        _("cơ quan ban hành"), max_length=255, help_text=_("Ví dụ: UBND tỉnh Trà Vinh.")
    )
    field = models.CharField(
        _("lĩnh vực"), max_length=120, blank=True, help_text=_("Ví dụ: Thi đua, khen thưởng.")
    )
    file: models.ForeignKey[Document | None, Document | None] = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("tệp văn bản"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Tệp PDF (bắt buộc với văn bản chỉ đọc) hoặc DOCX."),
    )
    illustrative = models.BooleanField(
        _("văn bản minh họa"),
        default=False,
        help_text=_("Văn bản dựng để minh họa phần mềm, không phải văn bản thật; trang ghi rõ như vậy."),
    )

    content_panels = [
        TitleFieldPanel("title", heading=_("Trích yếu"), placeholder=_("Trích yếu văn bản")),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("number"), FieldPanel("kind")]),
                FieldRowPanel([FieldPanel("issued_on"), FieldPanel("effective_on")]),
                FieldPanel("issuer"),
                FieldPanel("field"),
            ],
            heading=_("Thông tin văn bản"),
        ),
        FieldPanel("file"),
        FieldPanel("illustrative"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("number"), index.FilterField("kind")]
    parent_page_types = ["portal.DocumentLibraryPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("văn bản")
        verbose_name_plural = _("văn bản")
        indexes = [models.Index(fields=["issued_on"], name="portal_document_issued")]

    @property
    def date(self) -> Any:
        """The issue date under the name the portal's lists (search results) read for every item."""
        return self.issued_on

    def search_text(self) -> str:
        # The title (trích yếu) is folded by the mixin; the number "123/QĐ-UBND" folds to "123 qd ubnd",
        # so "123/QĐ-UBND", "qd-ubnd 123" and "QD UBND" all find it.
        return f"{self.number} {self.issuer}"

    def full_clean(self, *args: Any, **kwargs: Any) -> None:
        # "123-qd-ubnd-2023": short and stable; numbers restart each year, so the year keeps it unique.
        if not self.slug and self.number:
            year = self.issued_on.year if self.issued_on else ""
            self.slug = "-".join(fold(f"{self.number} {year}").split())[:255]
        super().full_clean(*args, **kwargs)

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context: dict[str, Any] = super().get_context(request, *args, **kwargs)
        context["library"] = self.get_parent()
        return context


__all__ = ["DocumentKind", "DocumentLibraryPage", "DocumentPage"]
