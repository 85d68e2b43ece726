"""Models of the public portal: page types, counters, site settings."""

from thidua.portal.models.counters import OnlineVisitor, PageViewCount, VisitDay
from thidua.portal.models.editorial import EditorReviewTask
from thidua.portal.models.pages import (
    ArticlePage,
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
    "EditorReviewTask",
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
