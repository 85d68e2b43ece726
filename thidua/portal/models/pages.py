"""Page types of the public portal: the home page, a news section, an article, a plain page."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.paginator import Paginator
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from thidua.org.models import EmulationGroup
from thidua.portal.models.blocks import BodyBlock
from thidua.portal.models.search import FoldedSearchMixin
from thidua.portal.rules.search import fold


def _today() -> dt.date:
    return timezone.localdate()


class AsciiSlugMixin:
    """Slugs without diacritics ("bai-viet", not "bài-viết" nor Django's "bi-vit"): addresses that
    survive being typed, pasted into SMS and printed. Wagtail's admin makes the same from the title
    (WAGTAIL_ALLOW_UNICODE_SLUGS = False); this covers pages created in code."""

    slug: str
    title: str

    def full_clean(self, *args: Any, **kwargs: Any) -> None:
        if not self.slug and self.title:
            self.slug = "-".join(fold(self.title).split())[:255]
        super().full_clean(*args, **kwargs)  # type: ignore[misc]  # Page's, after this mixin


class CachedPageMixin:
    """Marks an anonymous reader's view of the page as storable by PortalPageCacheMiddleware.

    Wagtail answers a view-restricted page before serve() is reached (password or login form), and a
    reader who passed a password has a session, which the middleware never caches."""

    def serve(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.GET and not request.user.is_authenticated:
            request.portal_cacheable = True  # type: ignore[attr-defined]
        response: HttpResponse = super().serve(request, *args, **kwargs)  # type: ignore[misc]
        return response


class HomePage(CachedPageMixin, Page):  # type: ignore[misc]  # Wagtail ships no types
    intro = RichTextField(_("lời giới thiệu"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    max_count = 1
    subpage_types = [
        "portal.NewsIndexPage",
        "portal.StandardPage",
        "portal.SitemapPage",
        "portal.ResultsPage",
        "portal.DocumentLibraryPage",
        "portal.MapPage",
        "portal.ContactPage",
    ]

    class Meta:
        verbose_name = _("trang chủ")
        verbose_name_plural = _("trang chủ")

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from thidua.portal.selectors.pages import home_content

        context: dict[str, Any] = super().get_context(request, *args, **kwargs)
        context["home"] = home_content(home=self)
        return context


class NewsIndexPage(CachedPageMixin, AsciiSlugMixin, RoutablePageMixin, Page):  # type: ignore[misc]
    """A news section (Tin tức, Thi đua – khen thưởng, Thông báo…): its articles, newest first, with
    pages of `per_page`, and its RSS 2.0 feed at rss/."""

    intro = RichTextField(_("giới thiệu chuyên mục"), blank=True, features=["bold", "italic", "link"])
    per_page: models.PositiveSmallIntegerField[int, int] = models.PositiveSmallIntegerField(
        _("số bài mỗi trang"), default=10
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("per_page")]
    parent_page_types = ["portal.HomePage"]
    subpage_types = ["portal.ArticlePage"]

    class Meta:
        verbose_name = _("chuyên mục tin")
        verbose_name_plural = _("chuyên mục tin")

    @path("")  # type: ignore[untyped-decorator]
    def listing(self, request: HttpRequest) -> HttpResponse:
        from thidua.portal.selectors.pages import section_articles

        paginator = Paginator(section_articles(section=self), self.per_page or 10)
        articles = paginator.get_page(request.GET.get("trang"))
        response: HttpResponse = self.render(request, context_overrides={"articles": articles})
        return response

    @path("rss/")  # type: ignore[untyped-decorator]
    def feed(self, request: HttpRequest) -> HttpResponse:
        from thidua.portal.feeds import SectionFeed

        response: HttpResponse = SectionFeed()(request, section=self)
        return response


class ArticlePage(CachedPageMixin, AsciiSlugMixin, FoldedSearchMixin, RoutablePageMixin, Page):  # type: ignore[misc, django-manager-missing]
    date = models.DateField(_("ngày đăng"), default=_today)
    author = models.CharField(_("tác giả"), max_length=255, blank=True)
    summary = models.TextField(_("tóm tắt"), blank=True, max_length=1000)
    body = StreamField(BodyBlock(), verbose_name=_("nội dung"), blank=True)
    featured = models.BooleanField(_("tin nổi bật"), default=False)
    illustrative = models.BooleanField(
        _("bài minh họa"),
        default=False,
        help_text=_("Bài viết dựng để minh họa phần mềm, không phải tin thật; trang bài ghi rõ như vậy."),
    )

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel([FieldPanel("date"), FieldPanel("author")], heading=_("Thông tin bài")),
        FieldPanel("summary"),
        FieldPanel("body"),
        MultiFieldPanel([FieldPanel("featured"), FieldPanel("illustrative")], heading=_("Hiển thị")),
    ]
    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("body")]
    parent_page_types = ["portal.NewsIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("bài viết")
        verbose_name_plural = _("bài viết")
        indexes = [models.Index(fields=["date"], name="portal_article_date")]

    def search_text(self) -> str:
        parts = [self.summary]
        for block in self.body:
            if block.block_type == "paragraph":
                parts.append(strip_tags(block.value.source))
            elif block.block_type == "image":
                parts.append(block.value.get("caption") or "")
        return " ".join(parts)

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from thidua.portal.selectors.pages import article_related
        from thidua.portal.selectors.stats import page_views

        context: dict[str, Any] = super().get_context(request, *args, **kwargs)
        context["related"] = article_related(article=self)
        context["view_count"] = page_views(page_id=self.pk)
        return context

    @path("")  # type: ignore[untyped-decorator]
    def article(self, request: HttpRequest) -> HttpResponse:
        response: HttpResponse = self.render(request)
        return response

    @path("luu/")  # type: ignore[untyped-decorator]
    def save_copy(self, request: HttpRequest) -> HttpResponse:
        """ "Lưu": the article as one self-contained HTML file a reader keeps (ND 42/2022 Điều 7)."""
        response: HttpResponse = TemplateResponse(
            request, "portal/article_save.html", self.get_context(request)
        ).render()
        response["Content-Disposition"] = f'attachment; filename="{self.slug}.html"'
        return response


class StandardPage(CachedPageMixin, AsciiSlugMixin, FoldedSearchMixin, Page):  # type: ignore[misc, django-manager-missing]
    """Giới thiệu, Tổ chức bộ máy, Liên hệ…: a title and a body."""

    body = StreamField(BodyBlock(), verbose_name=_("nội dung"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("body")]
    parent_page_types = ["portal.HomePage", "portal.StandardPage"]

    class Meta:
        verbose_name = _("trang nội dung")
        verbose_name_plural = _("trang nội dung")

    def search_text(self) -> str:
        return " ".join(
            strip_tags(block.value.source) for block in self.body if block.block_type == "paragraph"
        )


class ResultsPage(CachedPageMixin, AsciiSlugMixin, RoutablePageMixin, Page):  # type: ignore[misc]
    """Kết quả thi đua: the cluster results the groups have published, each with its ranking and
    aggregate sentences (read from emulation's frozen results)."""

    intro = RichTextField(_("giới thiệu"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["portal.HomePage"]
    subpage_types: list[str] = []
    max_count = 1

    class Meta:
        verbose_name = _("trang kết quả thi đua")
        verbose_name_plural = _("trang kết quả thi đua")

    @path("")  # type: ignore[untyped-decorator]
    def listing(self, request: HttpRequest) -> HttpResponse:
        from thidua.portal.selectors.results import published_results

        response: HttpResponse = self.render(
            request, context_overrides={"results": published_results(limit=50)}
        )
        return response

    @path("<int:period_id>/")  # type: ignore[untyped-decorator]
    def result(self, request: HttpRequest, period_id: int) -> HttpResponse:
        from thidua.portal.selectors.results import published_result

        response: HttpResponse = self.render(
            request,
            context_overrides={"result": published_result(period_id=period_id)},
            template="portal/results_detail.html",
        )
        return response


class MapPage(CachedPageMixin, AsciiSlugMixin, RoutablePageMixin, Page):  # type: ignore[misc]
    """Bản đồ hành chính (ND 224/2026 Điều 9 khoản 1 điểm c): the cluster's units today, and the units
    before the 01/07/2025 reorganisation, as markers at their centres; the official map image when the
    editors upload one. It never draws an outline of the country (presenters/map.py says why)."""

    intro = RichTextField(_("giới thiệu"), blank=True, features=["bold", "italic", "link"])
    official_map: models.ForeignKey[Any, Any] = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("ảnh bản đồ hành chính chính thức"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Chỉ dùng ảnh bản đồ do cơ quan có thẩm quyền phát hành, thể hiện đầy đủ chủ quyền quốc gia "
            "(gồm quần đảo Hoàng Sa và Trường Sa) khi bản đồ có phần lãnh thổ quốc gia."
        ),
    )
    group_today: models.ForeignKey[EmulationGroup | None, EmulationGroup | None] = models.ForeignKey(
        "org.EmulationGroup",
        verbose_name=_("cụm, khối hiện nay"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    group_before: models.ForeignKey[EmulationGroup | None, EmulationGroup | None] = models.ForeignKey(
        "org.EmulationGroup",
        verbose_name=_("cụm, khối trước ngày 01/07/2025"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("official_map"),
        FieldPanel("group_today"),
        FieldPanel("group_before"),
    ]
    parent_page_types = ["portal.HomePage", "portal.StandardPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("bản đồ hành chính")
        verbose_name_plural = _("bản đồ hành chính")

    def _render_map(self, request: HttpRequest, *, before: bool) -> HttpResponse:
        from thidua.portal.presenters.map import HEIGHT, WIDTH, place
        from thidua.portal.selectors.map import group_unit_points

        group = self.group_before if before else self.group_today
        markers, missing = place(group_unit_points(group=group)) if group is not None else ([], [])
        response: HttpResponse = self.render(
            request,
            context_overrides={
                "before": before,
                "group": group,
                "markers": markers,
                "missing": missing,
                "width": WIDTH,
                "height": HEIGHT,
            },
        )
        return response

    @path("")  # type: ignore[untyped-decorator]
    def today(self, request: HttpRequest) -> HttpResponse:
        return self._render_map(request, before=False)

    @path("truoc-2025/")  # type: ignore[untyped-decorator]
    def before_2025(self, request: HttpRequest) -> HttpResponse:
        return self._render_map(request, before=True)


class ContactPage(AsciiSlugMixin, Page):  # type: ignore[misc]
    """Liên hệ, góp ý: the contact details, the form (moderated, no third-party CAPTCHA) and the
    questions the editors answered publicly. Not stored by the page cache: the form carries a CSRF
    token and a signed time that belong to one reader. Its GET and POST are answered by
    views.contact (through Wagtail's before_serve_page hook, so that models import no view)."""

    intro = RichTextField(_("giới thiệu"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["portal.HomePage"]
    subpage_types: list[str] = []
    max_count = 1

    class Meta:
        verbose_name = _("trang liên hệ, góp ý")
        verbose_name_plural = _("trang liên hệ, góp ý")


class SitemapPage(CachedPageMixin, AsciiSlugMixin, Page):  # type: ignore[misc]
    """Sơ đồ cổng: every public page as a tree (TT 32/2017 Điều 16 asks for one for readers)."""

    parent_page_types = ["portal.HomePage"]
    subpage_types: list[str] = []
    max_count = 1

    class Meta:
        verbose_name = _("sơ đồ cổng")
        verbose_name_plural = _("sơ đồ cổng")

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from thidua.portal.selectors.pages import sitemap_tree

        context: dict[str, Any] = super().get_context(request, *args, **kwargs)
        context["tree"] = sitemap_tree(root=self.get_parent())
        return context


__all__ = [
    "ArticlePage",
    "HomePage",
    "MapPage",
    "NewsIndexPage",
    "ResultsPage",
    "SitemapPage",
    "StandardPage",
]
