"""Schemathesis fuzzes every operation of the OpenAPI description (docs/api/openapi.yaml, which
test_schema.py keeps equal to what the code generates) against the app in-process (WSGI), with the
token of a province officer and of a member unit, over the world's data: no request it makes may get
a 5xx. Examples are kept few so the run stays within a couple of minutes.

The schema is read from the committed file rather than through schemathesis.pytest.from_fixture:
that loader sets a pytest node attribute that pytest 9 no longer has."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.test import Client
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from tests.api.conftest import ApiData
from thidua.api.services.tokens import api_token_create

schema = schemathesis.openapi.from_path(Path(__file__).parents[2] / "docs/api/openapi.yaml")
schema.app = get_wsgi_application()

SETTINGS = settings(
    max_examples=8,
    deadline=None,
    derandomize=True,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
    ],
)


@pytest.fixture
def bearers(settings: Any, personas: dict[str, Any], data: ApiData) -> dict[str, dict[str, str]]:
    """A token header per fuzzing persona; `data` gives every endpoint rows of both units."""
    settings.ALLOWED_HOSTS = ["*"]  # schemathesis's WSGI client sends a Host of its own
    headers = {}
    for name in ("province", "member"):
        issued = api_token_create(actor=None, user=personas[name], name="Kiểm thử schemathesis")
        headers[name] = {"Authorization": f"Bearer {issued.secret}"}
        # The fuzz is worth something only past authentication: each token must open the API.
        assert Client().get("/api/v1/people/", headers=headers[name]).status_code == 200
    # The plain WSGI handler closes the database connection when a request starts and finishes;
    # inside the test's transaction (PostgreSQL) that would end it. Django's test client disconnects
    # the same receiver for the same reason.
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    try:
        yield headers
    finally:
        for signal in (request_started, request_finished):
            signal.connect(close_old_connections)


@pytest.mark.django_db
@schema.parametrize()
@SETTINGS
def test_no_server_error(case: Any, bearers: dict[str, dict[str, str]]) -> None:
    for headers in bearers.values():
        case.call_and_validate(headers=headers, checks=[not_a_server_error])
