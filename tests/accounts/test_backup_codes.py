"""Backup codes (django-otp's static plugin): ten single-use codes made when the authenticator is
enrolled, accepted instead of the app's code at login once each, wrong ones counted toward the lockout
as wrong app codes are, and a new set that ends the old one."""

from __future__ import annotations

from typing import Any

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.util import random_hex

from thidua.accounts.services import totp_device_enrol
from thidua.core.models import AuditEvent

pytestmark = pytest.mark.django_db

SETUP = "/admin/xac-thuc-hai-buoc/"
VERIFY = "/admin/xac-thuc-hai-buoc/nhap-ma/"


def _enrol(user: Any) -> list[str]:
    """The user enrols an authenticator through the service; its backup codes as the page shows them."""
    key = random_hex(20)
    enrolment = totp_device_enrol(actor=user, key=key, token=f"{totp(bytes.fromhex(key)):06d}")
    return enrolment.backup_codes


def _password_login(username: str) -> Client:
    client = Client()
    response = client.post(
        "/admin/login/", {"username": username, "password": f"pw-{username}"}, REMOTE_ADDR="10.0.0.1"
    )
    assert response.status_code == 302, response.content[:300]
    return client


def _failures(username: str) -> int:
    attempt = AccessAttempt.objects.filter(username=username).first()
    return attempt.failures_since_start if attempt else 0


def _unused(codes: list[str]) -> set[str]:
    return set(StaticToken.objects.filter(token__in=codes).values_list("token", flat=True))


def test_enrolment_makes_ten_single_use_codes_kept_by_django_otp(personas: dict[str, Any]) -> None:
    codes = _enrol(personas["member"])

    assert len(set(codes)) == 10 and all(len(code) == 8 for code in codes)
    device = StaticDevice.objects.get(user=personas["member"])
    assert set(device.token_set.values_list("token", flat=True)) == set(codes)
    event = AuditEvent.objects.get(action="accounts.totp.enrol")
    assert event.changes == {"backup_codes": [None, 10]}


def test_a_backup_code_signs_in_once_and_is_refused_the_second_time(personas: dict[str, Any]) -> None:
    codes = _enrol(personas["member"])
    client = _password_login("member")

    first = client.post(VERIFY, {"token": codes[0], "next": "/admin/org/people/"}, REMOTE_ADDR="10.0.0.1")

    assert (first.status_code, first.url) == (302, "/admin/org/people/")
    # the next page says how many codes are left; the session is verified
    page = client.get("/admin/org/people/")
    assert page.status_code == 200 and "còn 9 mã" in page.content.decode()
    assert _unused(codes) == set(codes[1:])
    event = AuditEvent.objects.get(action="accounts.backup_codes.use")
    assert event.actor_id == personas["member"].pk and event.changes == {"backup_codes": [10, 9]}

    again = _password_login("member")
    refused = again.post(VERIFY, {"token": codes[0]}, REMOTE_ADDR="10.0.0.1")

    assert refused.status_code == 200
    assert "Mã xác thực không đúng hoặc đã dùng" in refused.content.decode()
    assert again.get("/admin/").status_code == 302  # still not through
    assert _failures("member") == 1  # counted as a failed login
    assert AuditEvent.objects.filter(action="accounts.backup_codes.use").count() == 1


def test_a_backup_code_is_read_in_any_case_with_or_without_its_dash(personas: dict[str, Any]) -> None:
    codes = _enrol(personas["member"])
    client = _password_login("member")

    response = client.post(VERIFY, {"token": f" {codes[3][:4].upper()}-{codes[3][4:]} "})

    assert response.status_code == 302
    assert codes[3] not in _unused(codes)


def test_a_wrong_backup_code_is_refused_and_counted(personas: dict[str, Any]) -> None:
    codes = _enrol(personas["member"])
    client = _password_login("member")

    response = client.post(VERIFY, {"token": "abcd-2345"}, REMOTE_ADDR="10.0.0.1")

    assert response.status_code == 200
    assert "Mã xác thực không đúng" in response.content.decode()
    assert _failures("member") == 1
    assert _unused(codes) == set(codes)  # nothing used up
    assert not AuditEvent.objects.filter(action="accounts.backup_codes.use").exists()


def test_a_malformed_code_is_refused_and_counted(personas: dict[str, Any]) -> None:
    _enrol(personas["member"])
    client = _password_login("member")

    response = client.post(VERIFY, {"token": "12345"}, REMOTE_ADDR="10.0.0.1")

    assert response.status_code == 200
    assert "mã dự phòng 8 ký tự" in response.content.decode()
    assert _failures("member") == 1


def test_a_code_sent_during_django_otps_throttle_is_neither_checked_nor_counted(
    personas: dict[str, Any],
) -> None:
    codes = _enrol(personas["member"])
    client = _password_login("member")
    client.post(VERIFY, {"token": "abcd-2345"}, REMOTE_ADDR="10.0.0.1")

    hurried = client.post(VERIFY, {"token": codes[0]}, REMOTE_ADDR="10.0.0.1")

    assert "Hãy đợi vài giây" in hurried.content.decode()
    assert _failures("member") == 1
    assert codes[0] in _unused(codes)


def test_five_wrong_backup_codes_lock_the_account_out(personas: dict[str, Any], settings: Any) -> None:
    settings.OTP_STATIC_THROTTLE_FACTOR = 0  # as if the user waited out django-otp's throttle each time
    codes = _enrol(personas["member"])
    client = _password_login("member")
    for _ in range(4):
        assert client.post(VERIFY, {"token": "abcd-2345"}, REMOTE_ADDR="10.0.0.1").status_code == 200

    fifth = client.post(VERIFY, {"token": "abcd-2345"}, REMOTE_ADDR="10.0.0.1")

    assert fifth.status_code == 429
    assert "_auth_user_id" not in client.session  # logged out
    # a right code does not open it either: the password is refused from that address
    again = Client().post(
        "/admin/login/", {"username": "member", "password": "pw-member"}, REMOTE_ADDR="10.0.0.1"
    )
    assert again.status_code == 429
    assert _unused(codes) == set(codes)


def test_wrong_app_codes_and_wrong_backup_codes_count_together(
    personas: dict[str, Any], settings: Any
) -> None:
    settings.OTP_STATIC_THROTTLE_FACTOR = 0
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    _enrol(personas["member"])
    client = _password_login("member")
    for token in ("abcd-2345", "000000", "abcd-2345", "000001"):
        client.post(VERIFY, {"token": token}, REMOTE_ADDR="10.0.0.1")

    fifth = client.post(VERIFY, {"token": "abcd-2346"}, REMOTE_ADDR="10.0.0.1")

    assert fifth.status_code == 429


def test_the_page_shows_how_many_codes_are_left(personas: dict[str, Any]) -> None:
    codes = _enrol(personas["member"])
    client = _password_login("member")
    client.post(VERIFY, {"token": codes[0]})
    client.get("/admin/")  # the message of the code used

    page = client.get(SETUP).content.decode()

    assert "Còn 9 mã dự phòng chưa dùng" in page


def test_a_new_set_ends_the_old_one(personas: dict[str, Any], settings: Any) -> None:
    settings.OTP_STATIC_THROTTLE_FACTOR = 0  # the old code's refusal would hold the new one back
    old = _enrol(personas["member"])
    client = _password_login("member")
    client.post(VERIFY, {"token": old[0]})
    device_pk = StaticDevice.objects.get(user=personas["member"]).pk

    response = client.post(SETUP, {"action": "regenerate"})

    body = response.content.decode()
    assert response.status_code == 200
    new = [code.replace("-", "") for code in _codes_shown(body)]
    assert len(new) == 10 and not set(new) & set(old)
    assert _unused(old) == set()
    assert set(
        StaticToken.objects.filter(device__user=personas["member"]).values_list("token", flat=True)
    ) == set(new)
    # the device is kept: the session verified with a backup code stays verified
    assert StaticDevice.objects.get(user=personas["member"]).pk == device_pk
    assert client.get("/admin/").status_code == 200
    event = AuditEvent.objects.get(action="accounts.backup_codes.regenerate")
    assert event.actor_id == personas["member"].pk and event.changes == {"backup_codes": [9, 10]}
    # an old code no longer signs in; a new one does
    later = _password_login("member")
    assert later.post(VERIFY, {"token": old[1]}).status_code == 200
    assert _password_login("member").post(VERIFY, {"token": new[0]}).status_code == 302


def test_a_new_set_needs_a_verified_session(personas: dict[str, Any]) -> None:
    old = _enrol(personas["member"])
    client = _password_login("member")  # password only: the code is still due

    response = client.post(SETUP, {"action": "regenerate"})

    assert (response.status_code, response.url.split("?")[0]) == (302, VERIFY)
    assert _unused(old) == set(old)
    assert not AuditEvent.objects.filter(action="accounts.backup_codes.regenerate").exists()


def test_no_backup_codes_without_an_authenticator(personas: dict[str, Any]) -> None:
    client = Client()
    client.force_login(personas["member"])

    response = client.post(SETUP, {"action": "regenerate"}, follow=True)

    assert "Hãy bật xác thực hai bước trước" in response.content.decode()
    assert not StaticDevice.objects.filter(user=personas["member"]).exists()


def test_removing_the_own_authenticator_removes_the_backup_codes(personas: dict[str, Any]) -> None:
    codes = _enrol(personas["member"])
    client = _password_login("member")
    client.post(VERIFY, {"token": codes[0]})

    client.post(SETUP, {"action": "remove"})

    assert not StaticDevice.objects.filter(user=personas["member"]).exists()
    event = AuditEvent.objects.get(action="accounts.totp.remove")
    assert event.changes == {"authenticator": [True, False], "backup_codes": [9, 0]}


def _codes_shown(body: str) -> list[str]:
    import re

    return re.findall(r"<li>([a-z2-7]{4}-[a-z2-7]{4})</li>", body)
