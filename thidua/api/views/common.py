"""What every list view of the API shares: the `?year=` filter, checked."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter
from rest_framework.exceptions import ValidationError

YEAR_PARAMETER = OpenApiParameter(
    "year", int, description="Chỉ lấy bản ghi của năm này (ví dụ 2026).", required=False
)


def year_param(request: Any) -> int | None:
    raw = request.query_params.get("year")
    if raw in (None, ""):
        return None
    if not raw.isascii() or not raw.isdigit() or not 1900 <= int(raw) <= 9999:
        raise ValidationError({"year": [_("Năm phải là số từ 1900 đến 9999.")]})
    return int(raw)


class NumericLookup:
    """Ids in addresses are digits: anything else is a 404 from the router, never a query."""

    lookup_value_regex = "[0-9]{1,18}"
