"""TOTP two-factor (django-otp): enrolling with a first code, a login's code before any admin page,
the roles that must use it when THIDUA_REQUIRE_2FA is on, wrong codes counting toward the lockout,
and removing one's own device, audited. Backup codes: test_backup_codes.py; a system admin's reset:
test_two_factor_reset.py."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from thidua.core.models import AuditEvent

pytestmark = pytest.mark.django_db

SETUP = "/admin/xac-thuc-hai-buoc/"
VERIFY = "/admin/xac-thuc-hai-buoc/nhap-ma/"


def _code(key_hex: str, drift: int = 0) -> str:
    """The code an authenticator app shows now for the key (django-otp's own TOTP)."""
    return f"{totp(bytes.fromhex(key_hex), drift=drift):06d}"


def _wrong(code: str) -> str:
    return f"{(int(code) + 1) % 1_000_000:06d}"


def _device(user: Any) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="Ứng dụng xác thực", confirmed=True)


def _password_login(username: str) -> Client:
    client = Client()
    response = client.post(
        "/admin/login/", {"username": username, "password": f"pw-{username}"}, REMOTE_ADDR="10.0.0.1"
    )
    assert response.status_code == 302, response.content[:300]
    return client


def test_enrolment_shows_a_qr_code_and_a_wrong_first_code_is_refused(personas: dict[str, Any]) -> None:
    client = Client()
    client.force_login(personas["member"])

    page = client.get(SETUP)
    body = page.content.decode()
    key = client.session["thidua_totp_pending_key"]
    assert page.status_code == 200 and "<svg" in body and "Trạng thái: chưa bật." in body
    refused = client.post(SETUP, {"action": "enrol", "token": _wrong(_code(key))})

    assert refused.status_code == 200
    assert "Mã xác thực không đúng" in refused.content.decode()
    assert not TOTPDevice.objects.filter(user=personas["member"]).exists()


def test_enrolment_with_the_right_code_turns_it_on_and_is_audited(personas: dict[str, Any]) -> None:
    client = Client()
    client.force_login(personas["member"])
    client.get(SETUP)
    key = client.session["thidua_totp_pending_key"]

    response = client.post(SETUP, {"action": "enrol", "token": _code(key), "next": "/admin/org/people/"})

    # the backup codes, shown this once, then on to where the user was heading
    body = response.content.decode()
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    assert len(re.findall(r"<li>[a-z2-7]{4}-[a-z2-7]{4}</li>", body)) == 10
    assert 'href="/admin/org/people/"' in body
    device = TOTPDevice.objects.get(user=personas["member"])
    assert device.confirmed and device.key == key
    assert AuditEvent.objects.filter(
        action="accounts.totp.enrol", target_id=str(personas["member"].pk)
    ).exists()
    # this session is verified by the first code: the admin opens at once
    assert client.get("/admin/").status_code == 200
    assert "Trạng thái: đã bật" in client.get(SETUP).content.decode()


def test_the_otpauth_address_names_the_issuer_and_the_user(personas: dict[str, Any]) -> None:
    device = TOTPDevice(user=personas["member"], key="3132333435363738393031323334353637383930")
    assert device.config_url.startswith("otpauth://totp/Thi%20%C4%91ua%20%E2%80%93%20Kh")
    assert "member" in device.config_url and "issuer=" in device.config_url


def test_after_the_password_a_user_with_a_device_must_enter_a_code(personas: dict[str, Any]) -> None:
    device = _device(personas["member"])
    client = _password_login("member")

    blocked = client.get("/admin/org/people/")
    assert (blocked.status_code, blocked.url) == (302, VERIFY + "?next=%2Fadmin%2Forg%2Fpeople%2F")
    wrong = client.post(VERIFY, {"token": _wrong(_code(device.key)), "next": "/admin/org/people/"})
    assert wrong.status_code == 200 and "Mã xác thực không đúng" in wrong.content.decode()
    assert client.get("/admin/").status_code == 302
    # django-otp throttles the next code for a second after a wrong one: the user types again later
    hurried = client.post(VERIFY, {"token": _code(device.key)})
    assert "Hãy đợi vài giây" in hurried.content.decode()
    device.refresh_from_db()
    device.throttle_reset()

    right = client.post(VERIFY, {"token": _code(device.key), "next": "/admin/org/people/"})

    assert (right.status_code, right.url) == (302, "/admin/org/people/")
    assert client.get("/admin/").status_code == 200


def test_a_code_is_not_accepted_twice(personas: dict[str, Any]) -> None:
    device = _device(personas["member"])
    code = _code(device.key)
    first = _password_login("member")
    assert first.post(VERIFY, {"token": code}).status_code == 302

    second = _password_login("member")

    assert second.post(VERIFY, {"token": code}).status_code == 200  # refused: the same step again


def test_an_unverified_session_cannot_use_the_api(personas: dict[str, Any]) -> None:
    _device(personas["member"])
    client = _password_login("member")

    response = client.get("/api/v1/")

    assert response.status_code == 403


def test_five_wrong_codes_lock_the_account_out(personas: dict[str, Any], settings: Any) -> None:
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # as if the user waited out django-otp's throttle each time
    device = _device(personas["member"])
    client = _password_login("member")
    wrong = _wrong(_code(device.key))
    for _ in range(4):
        assert client.post(VERIFY, {"token": wrong}, REMOTE_ADDR="10.0.0.1").status_code == 200

    fifth = client.post(VERIFY, {"token": wrong}, REMOTE_ADDR="10.0.0.1")

    assert fifth.status_code == 429
    assert "Tài khoản đã bị tạm khóa" in fifth.content.decode()
    assert "_auth_user_id" not in client.session  # logged out
    assert AuditEvent.objects.filter(action="accounts.login.lockout").count() == 1
    # and the password no longer opens a session from that address
    again = Client().post(
        "/admin/login/", {"username": "member", "password": "pw-member"}, REMOTE_ADDR="10.0.0.1"
    )
    assert again.status_code == 429


@pytest.mark.parametrize("name", ["province", "sysadmin"])
def test_required_roles_must_enrol_when_the_setting_is_on(
    personas: dict[str, Any], settings: Any, name: str
) -> None:
    settings.REQUIRE_2FA = True
    client = Client()
    client.force_login(personas[name])

    for path in ("/admin/", "/admin/org/people/", "/admin/audit/"):
        response = client.get(path)
        assert (response.status_code, response.url.split("?")[0]) == (302, SETUP), path
    page = client.get(SETUP)
    assert page.status_code == 200
    assert "bắt buộc xác thực hai bước" in page.content.decode()


@pytest.mark.parametrize("name", ["province", "sysadmin"])
def test_required_roles_are_not_forced_when_the_setting_is_off(
    personas: dict[str, Any], settings: Any, name: str
) -> None:
    settings.REQUIRE_2FA = False
    client = Client()
    client.force_login(personas[name])

    assert client.get("/admin/").status_code == 200


@pytest.mark.parametrize("name", ["member", "head", "council", "editor", "chief"])
def test_other_roles_are_not_forced(personas: dict[str, Any], settings: Any, name: str) -> None:
    settings.REQUIRE_2FA = True
    client = Client()
    client.force_login(personas[name])

    assert client.get("/admin/").status_code == 200


def test_removing_the_own_device_is_audited(personas: dict[str, Any]) -> None:
    device = _device(personas["member"])
    client = _password_login("member")
    client.post(VERIFY, {"token": _code(device.key)})

    response = client.post(SETUP, {"action": "remove"})

    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=personas["member"]).exists()
    event = AuditEvent.objects.get(action="accounts.totp.remove")
    assert event.actor_id == personas["member"].pk and event.target_id == str(personas["member"].pk)


def test_the_command_resets_the_second_factor_as_the_system(personas: dict[str, Any]) -> None:
    _device(personas["member"])

    call_command("totp_remove", "member", reason="Mất điện thoại", stdout=open("/dev/null", "w"))

    assert not TOTPDevice.objects.filter(user=personas["member"]).exists()
    event = AuditEvent.objects.get(action="accounts.two_factor.reset")
    assert (event.actor_name, event.reason) == ("hệ thống", "Mất điện thoại")


def test_the_admin_icons_stay_open_to_a_user_who_must_enrol(personas: dict[str, Any], settings: Any) -> None:
    # every page inlines the icon sprite it fetches; a redirect would inline the enrolment page instead
    settings.REQUIRE_2FA = True
    client = Client()
    client.force_login(personas["province"])

    response = client.get("/admin/sprite/")

    assert response.status_code == 200 and "<svg" in response.content.decode()
