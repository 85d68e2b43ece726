"""Every list of the API is paged: `?page=N`, 50 rows a page, at most `page_size=200`."""

from __future__ import annotations

from rest_framework.pagination import PageNumberPagination


class Pagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
