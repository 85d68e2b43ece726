"""Reads of the document library: its filtered, searched and sorted list, the filters' choices, the
newest documents for the home page. Only live, public documents: a draft is never listed."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from wagtail.query import PageQuerySet

from thidua.portal.models import DocumentKind, DocumentLibraryPage, DocumentPage
from thidua.portal.rules.search import query_terms
from thidua.portal.selectors.pages import folded_match

NEWEST_ON_HOME = 5


@dataclass(frozen=True)
class DocumentFilters:
    """What a reader asked for; empty strings and None mean "any"."""

    kind: str = ""
    issuer: str = ""
    year: int | None = None
    field: str = ""
    query: str = ""
    oldest_first: bool = False


@dataclass(frozen=True)
class LibraryFacets:
    """The choices the filter form offers: only values some listed document has."""

    kinds: list[tuple[str, str]]
    issuers: list[str]
    years: list[int]
    fields: list[str]


@dataclass(frozen=True)
class LibraryListing:
    page: PaginatorPage[DocumentPage]
    filters: DocumentFilters
    terms: list[str]

    @property
    def filtered(self) -> bool:
        f = self.filters
        return bool(f.kind or f.issuer or f.year or f.field or self.terms)


def documents() -> PageQuerySet:
    """Every live, public document, newest first."""
    return (
        DocumentPage.objects.live()
        .public()
        .select_related("file")
        .defer("search_folded")
        .order_by("-issued_on", "-pk")
    )


def library_documents(*, library: DocumentLibraryPage, filters: DocumentFilters) -> PageQuerySet:
    qs = documents().child_of(library)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.issuer:
        qs = qs.filter(issuer=filters.issuer)
    if filters.year:
        qs = qs.filter(issued_on__year=filters.year)
    if filters.field:
        qs = qs.filter(field=filters.field)
    # The site search's matching: every folded word of the query in the folded number and summary.
    qs = folded_match(qs, query_terms(filters.query))
    if filters.oldest_first:
        qs = qs.order_by("issued_on", "pk")
    return qs


def library_listing(
    *, library: DocumentLibraryPage, filters: DocumentFilters, page: str | int | None, per_page: int
) -> LibraryListing:
    paginator = Paginator(library_documents(library=library, filters=filters), per_page)
    return LibraryListing(page=paginator.get_page(page), filters=filters, terms=query_terms(filters.query))


def library_facets(*, library: DocumentLibraryPage) -> LibraryFacets:
    """Three small queries, whatever the number of documents."""
    listed = documents().child_of(library).order_by()
    present = set(listed.values_list("kind", flat=True).distinct())
    return LibraryFacets(
        kinds=[(value, str(label)) for value, label in DocumentKind.choices if value in present],
        issuers=sorted({i for i in listed.values_list("issuer", flat=True).distinct() if i}),
        years=sorted({d.year for d in listed.dates("issued_on", "year")}, reverse=True),
        fields=sorted({f for f in listed.values_list("field", flat=True).distinct() if f}),
    )


def newest_documents(*, limit: int = NEWEST_ON_HOME) -> list[DocumentPage]:
    return list(documents()[:limit])
