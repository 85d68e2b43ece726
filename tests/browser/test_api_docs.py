"""The API's Swagger UI (/api/v1/docs/, thidua/api/urls.py) in a real browser: its files come from our
own static files (drf-spectacular-sidecar), never a CDN; it reads the schema and lists the operations,
the proposal workflow's among them; the console stays free of errors (a CSP refusal included)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
SCHEMA = Path(__file__).resolve().parents[2] / "docs" / "api" / "openapi.yaml"
METHODS = {"get", "put", "post", "patch", "delete"}


def described_operations() -> int:
    paths = yaml.safe_load(SCHEMA.read_text(encoding="utf-8"))["paths"]
    return sum(1 for operations in paths.values() for method in operations if method in METHODS)


def test_swagger_ui_lists_the_operations_from_our_own_files(live_server: Any, page: Any) -> None:
    from playwright.sync_api import expect

    base = live_server.url
    errors: list[str] = []
    foreign: list[str] = []
    failed: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("request", lambda request: None if request.url.startswith(base) else foreign.append(request.url))
    page.on("requestfailed", lambda request: failed.append(request.url))
    page.on("response", lambda response: failed.append(response.url) if response.status >= 400 else None)

    # when a visitor opens the API's docs
    page.goto(base + "/api/v1/docs/")

    # then Swagger UI, loaded from our static files, lists the operations of the schema
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("Thi đua – API")
    operations = page.locator(".opblock")
    expect(operations.first).to_be_visible()
    assert operations.count() == described_operations() > 20
    summaries = page.locator(".opblock-summary-description").all_inner_texts()
    assert "Thêm cá nhân, tập thể vào hồ sơ đề nghị (một hoặc nhiều dòng)" in summaries
    assert "Thẩm định hồ sơ đề nghị (cấp tỉnh)" in summaries
    paths = page.locator(".opblock-summary-path").all_inner_texts()
    assert any(path.replace("\u200b", "") == "/api/v1/proposals/{id}/items/" for path in paths)
    # and opening one shows its parameters and request body
    page.locator(".opblock-post", has_text="/api/v1/proposals/{id}/appraise/").first.locator(
        ".opblock-summary"
    ).click()
    opened = page.locator(".opblock.is-open .opblock-body")
    expect(opened).to_contain_text("id")
    expect(opened).to_contain_text("received_on")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "api-docs.png"))

    scripts = page.eval_on_selector_all(
        "script[src], link[rel=stylesheet]", "els => els.map(e => e.src || e.href)"
    )
    assert scripts and all(src.startswith(base + "/static/") for src in scripts), scripts
    assert foreign == []
    assert failed == []
    assert errors == []
