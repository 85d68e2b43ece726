"""What every view of the API shares: the rate limits, numeric ids and the `?year=` filter, checked."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter
from rest_framework.exceptions import ValidationError

from thidua.api.throttling import API_THROTTLES

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


# Ids in addresses are digits: anything else is a 404 from the router, never a query. No docstrings on
# these mixins: drf-spectacular publishes a view's first docstring as each operation's description.
class NumericLookup:
    lookup_value_regex = "[0-9]{1,18}"


# The API's rate limits (thidua/api/throttling.py), set on each view rather than as DRF's default,
# which would also count Wagtail's admin API; tests/api/test_throttling.py fails on an API view without
# them.
class RateLimited:
    throttle_classes = API_THROTTLES
