"""The token's life cycle: issued once in clear, stored hashed, refused when wrong, expired, revoked
or its user locked; issuing and revoking are audited; the command line over the services."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.utils import timezone
from rest_framework.test import APIClient

from thidua.api.models import ApiToken
from thidua.api.selectors.tokens import token_hash
from thidua.api.services.tokens import api_token_create, api_token_revoke
from thidua.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def bearer(secret: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
    return client


def test_issued_secret_is_stored_only_as_its_hash(personas: dict[str, Any]) -> None:
    issued = api_token_create(actor=personas["sysadmin"], user=personas["member"], name="Hệ thống một cửa")
    token = ApiToken.objects.get(pk=issued.token.pk)
    assert issued.secret.startswith("thidua_") and len(issued.secret) > 40
    assert token.key_hash == token_hash(issued.secret)
    stored = [str(getattr(token, f.attname)) for f in ApiToken._meta.concrete_fields]
    assert issued.secret not in stored
    assert token.prefix == issued.secret[: len(token.prefix)]
    event = AuditEvent.objects.get(action="api.token.create", target_id=str(token.pk))
    assert event.actor_id == personas["sysadmin"].pk
    assert issued.secret not in str(event.changes)


def test_only_a_system_administrator_issues_tokens(personas: dict[str, Any]) -> None:
    with pytest.raises(PermissionDenied):
        api_token_create(actor=personas["province"], user=personas["province"], name="Tự cấp")
    with pytest.raises(ValidationError) as refused:
        api_token_create(actor=personas["sysadmin"], user=personas["member"], name=" ", days=0)
    assert set(refused.value.message_dict) == {"name", "days"}


def test_valid_token_acts_as_its_user_and_marks_its_use(personas: dict[str, Any], world: Any) -> None:
    issued = api_token_create(actor=None, user=personas["member"], name="Một cửa")
    response = bearer(issued.secret).get("/api/v1/people/")
    assert response.status_code == 200
    assert [row["id"] for row in response.json()["results"]] == [world.other_person.pk]
    assert ApiToken.objects.get(pk=issued.token.pk).last_used_at is not None


@pytest.mark.parametrize(
    "header",
    [
        "Bearer thidua_not-a-token",
        "Bearer something-else",
        "Bearer",
        "Bearer a b",
    ],
)
def test_wrong_token_is_401(world: Any, header: str) -> None:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=header)
    response = client.get("/api/v1/people/")
    assert response.status_code == 401
    assert not response.json()["detail"].isascii()


def test_expired_token_is_401(personas: dict[str, Any]) -> None:
    issued = api_token_create(actor=None, user=personas["member"], name="Ngắn hạn", days=1)
    assert bearer(issued.secret).get("/api/v1/people/").status_code == 200
    ApiToken.objects.filter(pk=issued.token.pk).update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    response = bearer(issued.secret).get("/api/v1/people/")
    assert response.status_code == 401
    assert response.json()["detail"] == "Mã truy cập đã hết hạn."


def test_revoked_token_is_401_and_the_revocation_audited(personas: dict[str, Any]) -> None:
    issued = api_token_create(actor=None, user=personas["member"], name="Sẽ thu hồi")
    api_token_revoke(actor=personas["sysadmin"], token=issued.token, reason="Lộ mã")
    response = bearer(issued.secret).get("/api/v1/people/")
    assert response.status_code == 401
    assert response.json()["detail"] == "Mã truy cập đã bị thu hồi."
    event = AuditEvent.objects.get(action="api.token.revoke", target_id=str(issued.token.pk))
    assert event.reason == "Lộ mã"
    with pytest.raises(ValidationError):
        api_token_revoke(actor=personas["sysadmin"], token=issued.token)


def test_only_the_owner_or_an_administrator_revokes(personas: dict[str, Any]) -> None:
    issued = api_token_create(actor=None, user=personas["member"], name="Của đơn vị")
    with pytest.raises(PermissionDenied):
        api_token_revoke(actor=personas["head"], token=issued.token)
    api_token_revoke(actor=personas["member"], token=issued.token)


def test_token_of_a_locked_account_is_401(personas: dict[str, Any]) -> None:
    issued = api_token_create(actor=None, user=personas["member"], name="Một cửa")
    personas["member"].is_active = False
    personas["member"].save(update_fields=["is_active"])
    assert bearer(issued.secret).get("/api/v1/people/").status_code == 401


def test_command_creates_lists_and_revokes(personas: dict[str, Any]) -> None:
    out, err = io.StringIO(), io.StringIO()
    call_command(
        "api_token",
        "create",
        "--user",
        "member",
        "--name",
        "Hệ thống báo cáo",
        "--days",
        "30",
        stdout=out,
        stderr=err,
    )
    secret = out.getvalue().strip()
    assert "không được hiển thị lại" in err.getvalue()
    token = ApiToken.objects.get(key_hash=token_hash(secret))
    assert token.user == personas["member"] and token.expires_at is not None
    assert bearer(secret).get("/api/v1/people/").status_code == 200
    listing = io.StringIO()
    call_command("api_token", "list", stdout=listing)
    assert "Hệ thống báo cáo" in listing.getvalue() and secret not in listing.getvalue()
    call_command("api_token", "revoke", str(token.pk), stdout=io.StringIO())
    assert bearer(secret).get("/api/v1/people/").status_code == 401
