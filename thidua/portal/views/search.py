"""Search (Tìm kiếm) and the HTML sitemap's companion views."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from thidua.portal.selectors.pages import search


def search_view(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "")[:200]
    results = search(query=query)
    page = Paginator(results.pages, 10).get_page(request.GET.get("trang"))
    return render(request, "portal/search.html", {"results": results, "found": page, "query": query})
