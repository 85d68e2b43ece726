"""Hands the document library's page to its view (models may not import forms or views)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from wagtail import hooks

from thidua.portal.models import DocumentLibraryPage
from thidua.portal.views.documents import document_library_serve


@hooks.register("before_serve_page")  # type: ignore[untyped-decorator]
def serve_document_library(page: Any, request: HttpRequest, serve_args: Any, serve_kwargs: Any) -> Any:
    if isinstance(page.specific, DocumentLibraryPage):
        return document_library_serve(request, page=page.specific)
    return None
