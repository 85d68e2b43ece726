"""The API's model serializers' base: integer bounds that do not depend on the database.

DRF takes an integer field's minimum and maximum from the connection's ranges, which differ between
backends (SQLite says any 64-bit value for a PositiveSmallIntegerField, PostgreSQL 0..32767), so the
generated OpenAPI file would change with DATABASE_URL. The standard SQL ranges (Django's defaults,
PostgreSQL's) are used whatever the backend: the description and the checks are the same everywhere.
"""

from __future__ import annotations

from typing import Any

from django.db.backends.base.operations import BaseDatabaseOperations
from rest_framework import serializers


class ApiModelSerializer(serializers.ModelSerializer):
    def build_standard_field(self, field_name: str, model_field: Any) -> tuple[Any, dict[str, Any]]:
        field_class, kwargs = super().build_standard_field(field_name, model_field)
        bounds = BaseDatabaseOperations.integer_field_ranges.get(model_field.get_internal_type())
        if bounds is not None:
            low, high = bounds
            if low is not None:
                kwargs["min_value"] = max(kwargs.get("min_value", low), low)
            if high is not None:
                kwargs["max_value"] = min(kwargs.get("max_value", high), high)
        return field_class, kwargs
