"""Reads of the portal's pages: the home page's lists, a section, related articles, search, sitemap.

Each list is one query whatever the number of articles (the home page's query count is tested)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from wagtail.models import Page
from wagtail.query import PageQuerySet

from thidua.portal.models import ArticlePage, DocumentPage, NewsIndexPage, StandardPage
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
    documents: list[DocumentPage] = field(default_factory=list)


def articles() -> PageQuerySet:
    """Live, public articles, newest first: what a reader may see."""
    return (
        ArticlePage.objects.live()
        .public()
        .defer("body", "search_folded")
        .order_by("-date", "-first_published_at", "-pk")
    )


def home_content(*, home: HomePage) -> HomeContent:
    # Imported here: selectors.documents uses this module's folded_match.
    from thidua.portal.selectors.documents import newest_documents

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
        documents=newest_documents(),
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


def folded_match(qs: PageQuerySet, terms: list[str]) -> PageQuerySet:
    """The portal's one way of matching text: every folded term (rules/search.query_terms) is in the
    page's folded column (models/search.FoldedSearchMixin). The site search and the document
    library's search both use it, so they find the same things the same way."""
    for term in terms:
        qs = qs.filter(search_folded__contains=term)
    return qs


def search(*, query: str, limit: int = 50) -> SearchResults:
    """Articles, plain pages and documents whose text contains every word of the query, with or
    without diacritics: both sides are folded (rules/search.py), so "thi dua" finds "Thi đua"."""
    terms = query_terms(query)
    results = SearchResults(query=query, terms=terms)
    if not terms:
        return results
    found: list[Page] = []
    for model in (ArticlePage, StandardPage, DocumentPage):
        qs = folded_match(model.objects.live().public(), terms)
        if model is not DocumentPage:
            qs = qs.defer("body")
        found.extend(qs.order_by("-first_published_at")[:limit])
    found.sort(key=lambda p: (getattr(p, "date", None) is not None, p.first_published_at), reverse=True)
    results.pages = found[:limit]
    return results


@dataclass
class SitemapNode:
    page: Page
    children: list[SitemapNode] = field(default_factory=list)


def sitemap_tree(*, root: Page, max_depth: int = 2) -> list[SitemapNode]:
    """The public pages under the home page as a tree, sections without their articles and the
    library without its documents (their own pages list those), in one query."""
    pages = list(
        Page.objects.descendant_of(root)
        .live()
        .public()
        .filter(depth__lte=root.depth + max_depth)
        .not_type(ArticlePage, DocumentPage)
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
