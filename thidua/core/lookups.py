"""`field__in_values=[...]`: membership in a list of any length passed to the database as ONE parameter.

Django's `__in` writes one placeholder per value, so a long list must be cut into chunks (SQLite allows
999 parameters per statement to Django) and the number of queries grows with the data: checking 10,000
proposal items took 82 queries. Here the whole list is one parameter: a PostgreSQL array
(`col = ANY(%s)`, which the planner turns into one index scan), or a JSON array read by SQLite's
`json_each` (built into every SQLite Django supports). Other databases fall back to a plain IN list.
Registered on every field and foreign key by CoreConfig.ready().
"""

from __future__ import annotations

import json
from typing import Any

from django.db.models import Field, ForeignObject, Lookup, Model


class InValues(Lookup):  # type: ignore[type-arg]
    lookup_name = "in_values"

    def get_prep_lookup(self) -> list[Any]:
        # One value per element as the column stores it (dates to ISO text on SQLite, etc.); None is
        # never equal to anything in SQL, so it is dropped as IN would.
        field = self.lhs.output_field
        # A foreign key compares its target column: an object in the list stands for its key.
        target = getattr(field, "target_field", None)
        values = [
            getattr(value, target.attname) if target is not None and isinstance(value, Model) else value
            for value in self.rhs
        ]
        return [field.get_prep_value(value) for value in dict.fromkeys(values) if value is not None]

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, list[Any]]:
        lhs, lhs_params = self.process_lhs(compiler, connection)
        field = self.lhs.output_field
        values = [field.get_db_prep_value(value, connection, prepared=True) for value in self.rhs]
        if not values:
            # An empty array has no element type for PostgreSQL to compare with; nothing matches anyway.
            return "1 = 0", list(lhs_params)[:0]
        if connection.vendor == "postgresql":
            return f"{lhs} = ANY(%s)", [*lhs_params, values]
        if connection.vendor == "sqlite":
            text = [value.isoformat() if hasattr(value, "isoformat") else value for value in values]
            return f"{lhs} IN (SELECT value FROM json_each(%s))", [*lhs_params, json.dumps(text)]
        placeholders = ", ".join(["%s"] * len(values))
        return f"{lhs} IN ({placeholders})", [*lhs_params, *values]


def register() -> None:
    Field.register_lookup(InValues)
    # A foreign key's lookups come from ForeignObject's own registry, not Field's (person_id__in_values).
    ForeignObject.register_lookup(InValues)
