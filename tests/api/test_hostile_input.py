"""Bodies the API must refuse with a clear 4xx and never a 500: too large, nested too deep, not
JSON, not UTF-8, NaN. DRF's JSONParser reads the stream itself, so Django's
DATA_UPLOAD_MAX_MEMORY_SIZE does not protect it; thidua.api.parsers does."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import override_settings
from rest_framework.test import APIClient

from tests.api.conftest import token_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def client(personas: dict[str, Any]) -> APIClient:
    return token_client(personas["member"])


@pytest.mark.parametrize("path", ["/api/v1/proposals/", "/api/v1/eligibility/check/"])
def test_oversized_body_is_413(client: APIClient, path: str) -> None:
    body = '{"title": "' + "a" * 5000 + '"}'
    with override_settings(API_MAX_BODY_BYTES=1000, DATA_UPLOAD_MAX_MEMORY_SIZE=None):
        response = client.post(path, body, content_type="application/json")
    assert response.status_code == 413
    assert "quá lớn" in response.json()["detail"]


def test_default_limit_refuses_a_body_past_it(client: APIClient, settings: Any) -> None:
    body = '{"title": "' + "a" * (settings.API_MAX_BODY_BYTES + 10) + '"}'
    response = client.post("/api/v1/proposals/", body, content_type="application/json")
    assert response.status_code in (400, 413)


@pytest.mark.parametrize("path", ["/api/v1/proposals/", "/api/v1/eligibility/check/"])
def test_deeply_nested_body_is_400(client: APIClient, path: str) -> None:
    body = "[" * 100_000 + "]" * 100_000
    response = client.post(path, body, content_type="application/json")
    assert response.status_code == 400
    assert "lồng nhau quá sâu" in response.json()["detail"]


def test_nesting_within_the_limit_is_read(client: APIClient) -> None:
    body = '{"title": "x", "organisation": 1, "year": 2025, "extra": ' + "[" * 20 + "]" * 20 + "}"
    response = client.post("/api/v1/proposals/", body, content_type="application/json")
    assert response.status_code != 500
    assert "lồng nhau" not in response.json()["detail"]


def test_brackets_inside_strings_do_not_count(client: APIClient) -> None:
    body = '{"title": "' + "[" * 500 + '"}'
    response = client.post("/api/v1/proposals/", body, content_type="application/json")
    assert response.status_code == 400
    assert "lồng nhau" not in response.json()["detail"]


@pytest.mark.parametrize(
    "body",
    [b"{not json", b'{"year": NaN}', b'{"year": Infinity}', b"\xff\xfe{}", b"[1, 2"],
)
def test_bad_json_is_400_in_vietnamese(client: APIClient, body: bytes) -> None:
    response = client.post("/api/v1/proposals/", body, content_type="application/json")
    assert response.status_code == 400
    assert not response.json()["detail"].isascii()


def test_a_form_body_is_415(client: APIClient) -> None:
    response = client.post("/api/v1/proposals/", "title=x", content_type="application/x-www-form-urlencoded")
    assert response.status_code == 415
    assert not response.json()["detail"].isascii()
