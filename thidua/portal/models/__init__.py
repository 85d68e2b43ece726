"""Models of the public portal: page types, counters, site settings."""

from thidua.portal.models.counters import OnlineVisitor, PageViewCount, VisitDay
from thidua.portal.models.documents import DocumentKind, DocumentLibraryPage, DocumentPage
from thidua.portal.models.editorial import EditorReviewTask
from thidua.portal.models.feedback import Feedback
from thidua.portal.models.pages import (
    ArticlePage,
    ContactPage,
    HomePage,
    MapPage,
    NewsIndexPage,
    ResultsPage,
    SitemapPage,
    StandardPage,
)
from thidua.portal.models.settings import PortalSettings

__all__ = [
    "ArticlePage",
    "ContactPage",
    "DocumentKind",
    "DocumentLibraryPage",
    "DocumentPage",
    "EditorReviewTask",
    "Feedback",
    "HomePage",
    "MapPage",
    "NewsIndexPage",
    "OnlineVisitor",
    "PageViewCount",
    "PortalSettings",
    "ResultsPage",
    "SitemapPage",
    "StandardPage",
    "VisitDay",
]
