"""The OpenAPI description: committed in docs/api/openapi.yaml and never out of date with the code;
generated without a warning; served at /api/v1/schema/; its Swagger UI works under the CSP."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client

COMMITTED = Path(__file__).parents[2] / "docs/api/openapi.yaml"


def test_committed_schema_is_up_to_date_and_valid(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    generated = tmp_path / "openapi.yaml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(generated))
    assert generated.read_text(encoding="utf-8") == COMMITTED.read_text(encoding="utf-8"), (
        "docs/api/openapi.yaml is out of date: run `thidua spectacular --validate --file docs/api/openapi.yaml`"
    )


def test_schema_describes_only_the_api_and_its_token(db: None) -> None:
    response = Client().get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["paths"] and all(path.startswith("/api/v1/") for path in schema["paths"])
    assert schema["components"]["securitySchemes"]["maTruyCap"]["scheme"] == "bearer"


def test_swagger_ui_is_served_from_our_own_static_files(db: None) -> None:
    response = Client().get("/api/v1/docs/")
    assert response.status_code == 200
    page = response.content.decode()
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "http" not in policy.split("script-src")[1].split(";")[0]
    assert "swagger-ui-dist" in page  # the sidecar's copy under STATIC_URL
    assert "cdn" not in page.lower()
