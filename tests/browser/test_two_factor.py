"""Two-factor login in a real browser: a province officer who must use it enrols by reading the key the
page shows into an "app" (django-otp's TOTP computing the code, as the phone would), keeps the backup
codes shown once, signs in again with password and code, then, the phone lost, with a backup code."""

from __future__ import annotations

import base64
from typing import Any

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from thidua.accounts.roles import RoleCode
from thidua.accounts.services import user_create

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _code_from_secret(secret: str) -> str:
    """What an authenticator app shows for the key typed in by hand (base32, as the page shows it)."""
    text = secret.replace(" ", "")
    key = base64.b32decode(text + "=" * (-len(text) % 8))
    return f"{totp(key):06d}"


def _password(page: Any, base: str) -> None:
    page.goto(base + "/admin/login/")
    page.fill("#id_username", "thanh")
    page.fill("#id_password", "mat-khau-rat-dai-1")
    page.click("button[type=submit]")


def test_officer_enrols_then_signs_in_with_a_code_then_a_backup_code(
    live_server: Any, page: Any, settings: Any
) -> None:
    from playwright.sync_api import expect

    settings.REQUIRE_2FA = True
    user = user_create(
        actor=None,
        username="thanh",
        password="mat-khau-rat-dai-1",
        full_name="Lê Thị Thanh",
        roles=[RoleCode.PROVINCE_OFFICER],
    )
    base = live_server.url

    # the password alone leads to the enrolment page, whatever page was asked for
    _password(page, base)
    page.wait_for_url("**/admin/xac-thuc-hai-buoc/**")
    expect(page.locator("#two-factor-status")).to_contain_text("bắt buộc xác thực hai bước")
    expect(page.locator(".thidua-totp-qr svg").first).to_be_visible()  # the QR code
    page.goto(base + "/admin/audit/")
    page.wait_for_url("**/admin/xac-thuc-hai-buoc/**")

    # the officer types the key into the app and the app's code into the page
    page.fill("#id_token", _code_from_secret(page.inner_text("#totp-secret")))
    page.click("button:has-text('Bật xác thực hai bước')")
    # the backup codes, this once; then on to the page first asked for
    expect(page.locator("main h1")).to_contain_text("Mã dự phòng")
    codes = page.locator("#backup-codes li").all_inner_texts()
    assert len(codes) == 10
    page.click("#backup-codes-continue")
    page.wait_for_url(base + "/admin/audit/")
    assert TOTPDevice.objects.get(user=user).confirmed

    # next login: password, then the code of the moment
    page.context.clear_cookies()
    _password(page, base)
    page.wait_for_url("**/admin/xac-thuc-hai-buoc/nhap-ma/**")
    expect(page.locator("main h1")).to_contain_text("Nhập mã xác thực")
    device = TOTPDevice.objects.get(user=user)
    # a code not yet used: the enrolment used this 30-second step's, so take the next step's
    page.fill("#id_token", f"{totp(device.bin_key, drift=1):06d}")
    page.click("button:has-text('Xác nhận')")
    page.wait_for_url(base + "/admin/")
    expect(page.locator("main")).to_be_visible()

    # the phone lost: password, then a backup code typed in capitals; the next page says how many are left
    page.context.clear_cookies()
    _password(page, base)
    page.wait_for_url("**/admin/xac-thuc-hai-buoc/nhap-ma/**")
    page.fill("#id_token", codes[0].upper())
    page.click("button:has-text('Xác nhận')")
    page.wait_for_url(base + "/admin/")
    expect(page.locator(".messages")).to_contain_text("còn 9 mã")
    # used once, it opens nothing the next time
    page.context.clear_cookies()
    _password(page, base)
    page.wait_for_url("**/admin/xac-thuc-hai-buoc/nhap-ma/**")
    page.fill("#id_token", codes[0])
    page.click("button:has-text('Xác nhận')")
    expect(page.locator("main")).to_contain_text("Mã xác thực không đúng hoặc đã dùng")
    assert "/admin/xac-thuc-hai-buoc/nhap-ma/" in page.url
