"""The lockout (django-axes): five wrong passwords for a username from an address lock it out for 15
minutes, even with the right password; a success before that forgets the failures; the lockout is
audited, shown to the province and lifted by a system admin."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from axes.models import AccessAttempt, AccessFailureLog
from django.test import Client

from thidua.accounts.services import login_lockout_reset
from thidua.core.models import AuditEvent

pytestmark = pytest.mark.django_db

LOCKED = "Tài khoản đã bị tạm khóa vì nhập sai 5 lần liên tiếp"


def _login(client: Client, username: str, password: str, ip: str = "10.0.0.1") -> Any:
    return client.post(
        "/admin/login/", {"username": username, "password": password}, REMOTE_ADDR=ip, follow=False
    )


def _fail(client: Client, username: str, times: int, ip: str = "10.0.0.1") -> Any:
    response = None
    for _ in range(times):
        response = _login(client, username, "wrong-password", ip)
    return response


def test_five_failures_lock_out_even_the_right_password(personas: dict[str, Any]) -> None:
    client = Client()
    fourth = _fail(client, "member", 4)
    assert fourth.status_code == 200  # the login form again, with its error
    fifth = _fail(client, "member", 1)
    assert fifth.status_code == 429
    assert LOCKED in fifth.content.decode()

    sixth = _login(client, "member", "pw-member")

    body = sixth.content.decode()
    assert sixth.status_code == 429
    assert LOCKED in body and "Hãy thử lại sau 15 phút." in body
    assert 'class="login"' in body or "login" in body.split("<body", 1)[1][:200]  # Wagtail's login layout
    assert "_auth_user_id" not in client.session


def test_the_lockout_is_per_username_and_address(personas: dict[str, Any]) -> None:
    _fail(Client(), "member", 5, ip="10.0.0.1")

    from_elsewhere = _login(Client(), "member", "pw-member", ip="10.0.0.2")
    other_user = _login(Client(), "head", "pw-head", ip="10.0.0.1")

    assert from_elsewhere.status_code == 302
    assert other_user.status_code == 302


def test_the_lockout_ends_after_its_cool_off(personas: dict[str, Any]) -> None:
    _fail(Client(), "member", 5)
    # 16 minutes later: axes keeps each attempt's expiry; move them into the past.
    past = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=16)
    for attempt in AccessAttempt.objects.all():
        attempt.attempt_time = past
        attempt.save(update_fields=["attempt_time"])
        if hasattr(attempt, "expiration"):
            attempt.expiration.expires_at = past
            attempt.expiration.save(update_fields=["expires_at"])

    assert _login(Client(), "member", "pw-member").status_code == 302


def test_a_success_forgets_the_failures(personas: dict[str, Any]) -> None:
    _fail(Client(), "member", 4)
    assert _login(Client(), "member", "pw-member").status_code == 302

    after = _fail(Client(), "member", 4)

    assert after.status_code == 200  # four new failures: not locked, the count started again


def test_a_lockout_is_audited_once_and_logged(personas: dict[str, Any], caplog: Any) -> None:
    _fail(Client(), "member", 5)
    _login(Client(), "member", "pw-member")  # refused during the lockout: no second row

    events = AuditEvent.objects.filter(action="accounts.login.lockout")
    assert events.count() == 1
    assert events.get().target_id == str(personas["member"].pk)
    assert events.get().changes == {"ip": [None, "10.0.0.1"]}
    assert any("locked out" in r.getMessage() and "member" in r.getMessage() for r in caplog.records)
    assert AccessFailureLog.objects.filter(username="member").count() == 5


def test_province_and_sysadmin_see_failures_others_do_not(personas: dict[str, Any]) -> None:
    _fail(Client(), "member", 5)
    for name in ("province", "sysadmin"):
        client = Client()
        client.force_login(personas[name])
        response = client.get("/admin/dang-nhap-that-bai/")
        assert response.status_code == 200, name
        body = response.content.decode()
        assert "Đang bị khóa" in body and "10.0.0.1" in body
        assert ("Mở khóa" in body) is (name == "sysadmin")
    client = Client()
    client.force_login(personas["member"])
    refused = client.get("/admin/dang-nhap-that-bai/")
    # Wagtail answers a PermissionDenied in its admin with a redirect home and a message
    assert (refused.status_code, refused.url) == (302, "/admin/")


def test_a_system_admin_unlocks_and_the_unlock_is_audited(personas: dict[str, Any]) -> None:
    _fail(Client(), "member", 5)
    client = Client()
    client.force_login(personas["sysadmin"])

    response = client.post("/admin/dang-nhap-that-bai/", {"username": "member"})

    assert response.status_code == 302
    assert not AccessAttempt.objects.filter(username="member").exists()
    event = AuditEvent.objects.get(action="accounts.login.unlock")
    assert event.actor_id == personas["sysadmin"].pk and event.target_id == str(personas["member"].pk)
    assert _login(Client(), "member", "pw-member").status_code == 302


def test_only_a_system_admin_unlocks(personas: dict[str, Any]) -> None:
    _fail(Client(), "member", 5)
    client = Client()
    client.force_login(personas["province"])

    refused = client.post("/admin/dang-nhap-that-bai/", {"username": "member"})
    assert (refused.status_code, refused.url) == (302, "/admin/")
    with pytest.raises(Exception, match="không có quyền"):
        login_lockout_reset(actor=personas["province"], username="member")
    assert AccessAttempt.objects.filter(username="member").exists()


def test_forwarded_for_is_ignored_unless_a_proxy_is_trusted(personas: dict[str, Any], settings: Any) -> None:
    # a client writing its own X-Forwarded-For must not get five fresh tries per forged address
    client = Client()
    for n in range(5):
        client.post(
            "/admin/login/",
            {"username": "member", "password": "wrong"},
            REMOTE_ADDR="10.0.0.9",
            HTTP_X_FORWARDED_FOR=f"203.0.113.{n}",
        )
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"10.0.0.9"}


def test_a_trusted_proxy_passes_the_client_address(personas: dict[str, Any], settings: Any) -> None:
    # THIDUA_TRUSTED_PROXY_COUNT=1 (one nginx in front), as settings.py turns it into ipware's settings
    settings.AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR")
    settings.AXES_IPWARE_PROXY_COUNT = 0
    settings.AXES_IPWARE_PROXY_ORDER = "right-most"
    wrong = {"username": "member", "password": "wrong"}

    Client().post("/admin/login/", wrong, REMOTE_ADDR="10.0.0.9", HTTP_X_FORWARDED_FOR="203.0.113.5")
    # a client that forged its own header: the proxy appended the real address after it
    Client().post(
        "/admin/login/", wrong, REMOTE_ADDR="10.0.0.9", HTTP_X_FORWARDED_FOR="198.51.100.7, 203.0.113.6"
    )

    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.5", "10.0.0.9"}
