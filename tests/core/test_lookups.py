"""field__in_values (thidua/core/lookups.py): the same rows as __in, in one query for any length."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import OrganisationFactory, PersonFactory
from thidua.org.models import Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def people() -> list[Person]:
    unit, other = OrganisationFactory(), OrganisationFactory()
    return [
        PersonFactory(organisation=unit, civil_servant_code="CS-1", date_of_birth=dt.date(1980, 1, 2)),
        PersonFactory(organisation=unit, civil_servant_code="CS-2", date_of_birth=dt.date(1990, 12, 31)),
        PersonFactory(organisation=other, civil_servant_code="", date_of_birth=None),
    ]


def _ids(**lookup: object) -> set[int]:
    return set(Person.objects.filter(**lookup).values_list("id", flat=True))


@pytest.mark.parametrize(
    ("field", "values"),
    [
        ("id", "first two ids"),
        ("civil_servant_code", ["CS-1", "cs-1", "CS-2", "nobody"]),
        ("date_of_birth", [dt.date(1980, 1, 2), dt.date(1990, 12, 31), dt.date(2000, 1, 1)]),
        ("organisation_id", "first unit"),
        ("organisation", "first unit as an object"),
        ("id", []),
        ("date_of_birth", [None]),
    ],
)
def test_matches_the_same_rows_as_in(people: list[Person], field: str, values: object) -> None:
    if values == "first two ids":
        values = [people[0].pk, people[1].pk]
    elif values == "first unit":
        values = [people[0].organisation_id]
    elif values == "first unit as an object":
        values = [people[0].organisation]
    expected = _ids(**{f"{field}__in": values})
    assert _ids(**{f"{field}__in_values": values}) == expected
    # The table is not vacuous: most rows pick someone, and the empty list and None pick no one.
    assert (len(expected) > 0) == (values not in ([], [None]))


def test_a_long_list_is_one_query_with_one_parameter(people: list[Person]) -> None:
    # 20,000 values: far past SQLite's 999 parameters, which __in would have to cut into chunks.
    wanted = [people[1].pk, *range(10**9, 10**9 + 20_000)]
    with CaptureQueriesContext(connection) as queries:
        found = _ids(id__in_values=wanted)
    assert found == {people[1].pk}
    assert len(queries) == 1
    # One parameter for the whole list: an array on PostgreSQL, a JSON text read by json_each on SQLite.
    assert ("= ANY(" if connection.vendor == "postgresql" else "json_each(") in queries[0]["sql"]
