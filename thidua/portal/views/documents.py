"""The document library's list (DocumentLibraryPage.serve hands over here, see admin/documents.py)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse

from thidua.portal.forms import DocumentFilterForm
from thidua.portal.selectors.documents import library_facets, library_listing


def document_library_serve(request: HttpRequest, *, page: Any) -> HttpResponse:
    # The bare list is what most readers open: storable like the other pages (CachedPageMixin's
    # rule); a filtered or searched list has a query string, which the page cache never stores.
    if not request.GET and not request.user.is_authenticated:
        request.portal_cacheable = True  # type: ignore[attr-defined]
    form = DocumentFilterForm(request.GET or None, facets=library_facets(library=page))
    listing = library_listing(
        library=page, filters=form.filters(), page=request.GET.get("trang"), per_page=page.per_page or 20
    )
    context = page.get_context(request)
    context.update({"form": form, "listing": listing, "documents": listing.page})
    return TemplateResponse(request, page.get_template(request), context)
