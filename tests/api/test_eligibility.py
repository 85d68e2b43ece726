"""POST /api/v1/eligibility/check/ is `thidua eligibility` over HTTP: for the contract's examples
the response body is the command line's standard output, byte for byte; bad input is a 400 listing
the problems the command line prints."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from rest_framework.test import APIClient

from thidua.cli import main as thidua_main

pytestmark = pytest.mark.django_db

EXAMPLES = sorted(
    path
    for folder in (
        Path(__file__).parents[1] / "awards/eligibility/examples",
        Path("/work/shared/contracts/examples"),
    )
    if folder.is_dir()
    for path in folder.glob("eligibility-*.json")
    if not path.name.endswith(".expected.json")
)


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.name)
def test_same_output_as_the_command_line(
    clients: dict[str, APIClient], example: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert thidua_main(["eligibility", str(example)]) == 0
    cli_output = capsys.readouterr().out
    response = clients["member"].post(
        "/api/v1/eligibility/check/", example.read_bytes(), content_type="application/json"
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response.content.decode("utf-8") == cli_output
    expected = example.with_name(example.name.replace(".json", ".expected.json"))
    if expected.exists():
        outcomes: dict[str, dict[str, str]] = {}
        for result in json.loads(response.content)["results"]:
            outcomes.setdefault(result["id"], {})[result["requested"]] = result["outcome"]
        assert outcomes == json.loads(expected.read_text(encoding="utf-8"))


def test_invalid_input_lists_the_problems_the_command_line_prints(
    clients: dict[str, APIClient], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document: dict[str, Any] = {"subjects": [{"id": "P-1", "kind": "robot", "requested": []}], "extra": 1}
    source = tmp_path / "bad.json"
    source.write_text(json.dumps(document), encoding="utf-8")
    assert thidua_main(["eligibility", str(source)]) == 2
    printed = capsys.readouterr().err.splitlines()[1:]
    response = clients["member"].post("/api/v1/eligibility/check/", document, format="json")
    assert response.status_code == 400
    body = response.json()
    assert [f"{p['path']}: {p['message']}" for p in body["problems"]] == printed
    assert body["detail"].startswith("Dữ liệu xét điều kiện không hợp lệ")


def test_empty_body_is_400(clients: dict[str, APIClient]) -> None:
    response = clients["member"].post("/api/v1/eligibility/check/", b"", content_type="application/json")
    assert response.status_code == 400
    assert response.json()["problems"]


def test_needs_authentication(world: Any) -> None:
    assert APIClient().post("/api/v1/eligibility/check/", {}, format="json").status_code == 401
