"""The admin's API token screen (Settings > Mã truy cập API): only a system administrator reaches it;
a new token's secret is shown once, on the response that issued it; revoking works from the list."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client

from thidua.api.models import ApiToken
from thidua.api.selectors.tokens import token_hash

pytestmark = pytest.mark.django_db


def signed_in(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_only_a_system_administrator_reaches_the_screen(personas: dict[str, Any]) -> None:
    assert signed_in(personas["sysadmin"]).get("/admin/api-tokens/").status_code == 200
    for name in ("province", "member"):
        response = signed_in(personas[name]).get("/admin/api-tokens/")
        assert response.status_code in (302, 403)
        assert not ApiToken.objects.exists()


def test_issue_shows_the_secret_once_and_revoke(personas: dict[str, Any]) -> None:
    client = signed_in(personas["sysadmin"])
    response = client.post(
        "/admin/api-tokens/", {"user": personas["member"].pk, "name": "Phần mềm một cửa", "days": "30"}
    )
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    secret = re.search(r"<code data-secret>(thidua_[^<]+)</code>", response.content.decode()).group(1)
    token = ApiToken.objects.get(key_hash=token_hash(secret))
    assert token.user == personas["member"] and token.created_by == personas["sysadmin"]
    listing = client.get("/admin/api-tokens/").content.decode()
    assert "Phần mềm một cửa" in listing and secret not in listing
    client.post(f"/admin/api-tokens/{token.pk}/revoke/")
    token.refresh_from_db()
    assert token.revoked_at is not None and token.revoked_by == personas["sysadmin"]


def test_form_errors_are_shown(personas: dict[str, Any]) -> None:
    response = signed_in(personas["sysadmin"]).post(
        "/admin/api-tokens/", {"user": "", "name": "", "days": "0"}
    )
    assert response.status_code == 200
    assert not ApiToken.objects.exists()
    assert "data-secret" not in response.content.decode()
