"""A system admin resets another account's second factor (a lost phone) from the Users screens: the
authenticator and the backup codes go, with a required reason, in one audited change; every other role
and an anonymous visitor are refused and change nothing; nobody resets their own account there."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex

from thidua.accounts.services import totp_device_enrol, two_factor_reset
from thidua.core.models import AuditEvent

pytestmark = pytest.mark.django_db

SETUP = "/admin/xac-thuc-hai-buoc/"
VERIFY = "/admin/xac-thuc-hai-buoc/nhap-ma/"


def _reset_url(user: Any) -> str:
    return f"/admin/users/two-factor-reset/{user.pk}/"


def _enrol(user: Any) -> list[str]:
    key = random_hex(20)
    return totp_device_enrol(actor=user, key=key, token=f"{totp(bytes.fromhex(key)):06d}").backup_codes


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _devices(user: Any) -> tuple[int, int, int]:
    return (
        TOTPDevice.objects.filter(user=user).count(),
        StaticDevice.objects.filter(user=user).count(),
        StaticToken.objects.filter(device__user=user).count(),
    )


def test_a_system_admin_resets_a_lost_phone_with_a_reason(personas: dict[str, Any]) -> None:
    officer = personas["province"]
    _enrol(officer)
    admin = _client(personas["sysadmin"])
    page = admin.get(_reset_url(officer))
    body = page.content.decode()
    assert page.status_code == 200 and "đã bật ứng dụng xác thực" in body and "Còn 10 mã dự phòng" in body

    response = admin.post(_reset_url(officer), {"reason": "Mất điện thoại, đã gọi xác minh"})

    assert (response.status_code, response.url) == (302, f"/admin/users/edit/{officer.pk}/")
    assert _devices(officer) == (0, 0, 0)
    event = AuditEvent.objects.get(action="accounts.two_factor.reset")
    assert event.actor_id == personas["sysadmin"].pk
    assert (event.target_id, event.reason) == (str(officer.pk), "Mất điện thoại, đã gọi xác minh")
    assert event.changes == {"authenticator": [True, False], "backup_codes": [10, 0]}
    assert "Đã đặt lại xác thực hai bước" in admin.get(response.url).content.decode()


def test_after_a_reset_the_user_must_enrol_again(personas: dict[str, Any], settings: Any) -> None:
    settings.REQUIRE_2FA = True
    officer = personas["province"]
    codes = _enrol(officer)
    # the officer's session, verified with a backup code before the reset
    session = Client()
    session.post("/admin/login/", {"username": "province", "password": "pw-province"}, REMOTE_ADDR="10.0.0.1")
    assert session.post(VERIFY, {"token": codes[0]}).status_code == 302
    assert session.get("/admin/").status_code == 200

    two_factor_reset(actor=personas["sysadmin"], user=officer, reason="Mất điện thoại")

    # that session is no longer verified, and the next sign-in leads to enrolment
    assert session.get("/admin/").url.startswith(SETUP)
    fresh = Client()
    fresh.post("/admin/login/", {"username": "province", "password": "pw-province"}, REMOTE_ADDR="10.0.0.1")
    assert fresh.get("/admin/").url.startswith(SETUP)
    assert "bắt buộc xác thực hai bước" in fresh.get(SETUP).content.decode()


def test_the_reason_is_required_and_nothing_changes_without_it(personas: dict[str, Any]) -> None:
    _enrol(personas["member"])
    admin = _client(personas["sysadmin"])

    response = admin.post(_reset_url(personas["member"]), {"reason": "   "})

    assert response.status_code == 200
    assert "error" in response.content.decode()
    assert _devices(personas["member"]) == (1, 1, 10)
    assert not AuditEvent.objects.filter(action="accounts.two_factor.reset").exists()
    with pytest.raises(Exception, match="lý do"):
        two_factor_reset(actor=personas["sysadmin"], user=personas["member"], reason="")
    assert _devices(personas["member"]) == (1, 1, 10)


@pytest.mark.parametrize(
    "role", ["anon", "province", "head", "member", "council", "editor", "chief", "outsider"]
)
def test_every_other_role_is_refused_and_nothing_changes(personas: dict[str, Any], role: str) -> None:
    target = personas["council"] if role == "member" else personas["member"]
    _enrol(target)
    client = Client() if role == "anon" else _client(personas[role])

    seen = client.get(_reset_url(target))
    posted = client.post(_reset_url(target), {"reason": "Mất điện thoại"})

    for response in (seen, posted):
        refused = response.status_code == 403 or (
            response.status_code == 302 and response.url.split("?")[0] in ("/admin/login/", "/admin/")
        )
        assert refused, (role, response.status_code)
    assert _devices(target) == (1, 1, 10)
    assert not AuditEvent.objects.filter(action="accounts.two_factor.reset").exists()


@pytest.mark.parametrize("role", ["province", "head", "member", "council", "editor", "chief", "outsider"])
def test_the_service_refuses_every_other_role(personas: dict[str, Any], role: str) -> None:
    target = personas["sysadmin"]
    _enrol(target)

    with pytest.raises(PermissionDenied):
        two_factor_reset(actor=personas[role], user=target, reason="Mất điện thoại")
    assert _devices(target) == (1, 1, 10)


def test_a_system_admin_cannot_reset_their_own_account_here(personas: dict[str, Any]) -> None:
    admin_user = personas["sysadmin"]
    codes = _enrol(admin_user)
    # a session verified with the second factor: an unverified one reaches no admin page at all
    admin = Client()
    admin.post("/admin/login/", {"username": "sysadmin", "password": "pw-sysadmin"}, REMOTE_ADDR="10.0.0.1")
    assert admin.post(VERIFY, {"token": codes[0]}).status_code == 302

    page = admin.get(_reset_url(admin_user)).content.decode()
    response = admin.post(_reset_url(admin_user), {"reason": "Thử"})

    assert "Đây là tài khoản của bạn" in page and 'name="reason"' not in page
    # Wagtail's admin answers a PermissionDenied with its home page and a message
    assert (response.status_code, response.url) == (302, "/admin/")
    assert _devices(admin_user) == (1, 1, 9)
    assert not AuditEvent.objects.filter(action="accounts.two_factor.reset").exists()


def test_an_account_without_a_second_factor_is_left_alone(personas: dict[str, Any]) -> None:
    admin = _client(personas["sysadmin"])

    response = admin.post(_reset_url(personas["member"]), {"reason": "Kiểm tra"}, follow=True)

    assert "chưa bật xác thực hai bước" in response.content.decode()
    assert not AuditEvent.objects.filter(action="accounts.two_factor.reset").exists()


def test_the_users_screens_link_to_the_reset_for_other_accounts_only(personas: dict[str, Any]) -> None:
    admin = _client(personas["sysadmin"])
    own, other = _reset_url(personas["sysadmin"]), _reset_url(personas["member"])

    listing = admin.get("/admin/users/").content.decode()
    edit_other = admin.get(f"/admin/users/edit/{personas['member'].pk}/").content.decode()
    edit_own = admin.get(f"/admin/users/edit/{personas['sysadmin'].pk}/").content.decode()

    assert other in listing and own not in listing
    assert other in edit_other and "Đặt lại xác thực hai bước" in edit_other
    assert own not in edit_own


def test_the_audit_log_names_the_reset(personas: dict[str, Any]) -> None:
    _enrol(personas["member"])
    two_factor_reset(actor=personas["sysadmin"], user=personas["member"], reason="Mất điện thoại")
    event = AuditEvent.objects.get(action="accounts.two_factor.reset")

    page = _client(personas["sysadmin"]).get(f"/admin/audit/inspect/{event.pk}/").content.decode()

    assert "Đặt lại xác thực hai bước" in page and "Mất điện thoại" in page
    assert "Số mã dự phòng còn dùng được" in page  # the change's key, in words
