"""Reads of the portal's pages: the home page's lists, a section, related articles, search, sitemap.

Each list is one query whatever the number of articles (the home page's query count is tested)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from wagtail.models import Page
from wagtail.query import PageQuerySet

from thidua.portal.models import ArticlePage, NewsIndexPage, StandardPage
from thidua.portal.rules.search import query_terms
from thidua.portal.selectors.honours import HonourEntry, honour_board
from thidua.portal.selectors.results import PublishedResult, published_results

if TYPE_CHECKING:
    from thidua.portal.models import HomePage

LATEST = 8
FEATURED = 3
RELATED = 4


@dataclass(frozen=True)
class HomeContent:
    latest: list[ArticlePage]
    featured: list[ArticlePage]
    sections: list[Page]
    honours: list[HonourEntry]
    results: list[PublishedResult]


def articles() -> PageQuerySet:
    """Live, public articles, newest first: what a reader may see."""
    return (
        ArticlePage.objects.live()
        .public()
        .defer("body", "search_folded")
        .order_by("-date", "-first_published_at", "-pk")
    )


def home_content(*, home: HomePage) -> HomeContent:
    featured = list(articles().filter(featured=True)[:FEATURED])
    shown = [a.pk for a in featured]
    latest = list(articles().exclude(pk__in=shown)[:LATEST])
    sections = list(home.get_children().live().public().in_menu().type(NewsIndexPage).specific(defer=True))
    results = published_results(limit=3)
    return HomeContent(
        latest=latest,
        featured=featured,
        sections=sections,
        # The default honour source reads the same published results: read once.
        honours=honour_board(limit=6, published=results),
        results=results,
    )


def section_articles(*, section: NewsIndexPage) -> PageQuerySet:
    return articles().child_of(section)


def article_related(*, article: ArticlePage) -> list[ArticlePage]:
    """Other articles of the same section, newest first."""
    return list(articles().sibling_of(article, inclusive=False)[:RELATED])


@dataclass
class SearchResults:
    query: str
    terms: list[str]
    pages: list[Page] = field(default_factory=list)


def search(*, query: str, limit: int = 50) -> SearchResults:
    """Articles and plain pages whose text contains every word of the query, with or without
    diacritics: both sides are folded (rules/search.py), so "thi dua" finds "Thi đua"."""
    terms = query_terms(query)
    results = SearchResults(query=query, terms=terms)
    if not terms:
        return results
    found: list[Page] = []
    for model in (ArticlePage, StandardPage):
        qs = model.objects.live().public()
        for term in terms:
            qs = qs.filter(search_folded__contains=term)
        found.extend(qs.defer("body").order_by("-first_published_at")[:limit])
    found.sort(key=lambda p: (getattr(p, "date", None) is not None, p.first_published_at), reverse=True)
    results.pages = found[:limit]
    return results


@dataclass
class SitemapNode:
    page: Page
    children: list[SitemapNode] = field(default_factory=list)


def sitemap_tree(*, root: Page, max_depth: int = 2) -> list[SitemapNode]:
    """The public pages under the home page as a tree, sections without their articles (the
    sections' own pages list those), in one query."""
    pages = list(
        Page.objects.descendant_of(root)
        .live()
        .public()
        .filter(depth__lte=root.depth + max_depth)
        .not_type(ArticlePage)
        .order_by("path")
    )
    nodes: dict[str, SitemapNode] = {}
    top: list[SitemapNode] = []
    for page in pages:
        node = SitemapNode(page)
        nodes[page.path] = node
        parent = nodes.get(page.path[: -Page.steplen])
        (parent.children if parent else top).append(node)
    return top


def site_menu(*, request: object | None) -> list[Page]:
    """The home page's children shown in menus: the header's navigation."""
    from wagtail.models import Site

    site = Site.find_for_request(request) if request is not None else None
    root = site.root_page if site is not None else None
    if root is None:
        return []
    return list(Page.objects.child_of(root).live().public().in_menu().order_by("path"))
