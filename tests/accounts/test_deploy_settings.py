"""Production settings: `check --deploy` is clean, cookies and headers are what a deployment needs, and
signed-in sessions end after their idle and absolute limits."""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.test import Client, override_settings

ROOT = Path(__file__).resolve().parents[2]


def _production_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    """A production-like environment: a long random key, a host, no DEBUG, no demo, nothing else."""
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp_path),
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "thidua.vinhlong.gov.vn",
        "THIDUA_VAR_DIR": str(tmp_path / "var"),
        "DJANGO_SETTINGS_MODULE": "thidua.settings",
        **extra,
    }


def _settings_of(tmp_path: Path, names: list[str], **extra: str) -> dict[str, Any]:
    code = (
        "import json, django; django.setup(); from django.conf import settings as s; "
        f"print(json.dumps({{n: getattr(s, n, None) for n in {names!r}}}, default=str))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        env=_production_env(tmp_path, **extra),
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0, out.stderr
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def test_check_deploy_is_clean_in_production(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "django", "check", "--deploy", "--fail-level", "WARNING"],
        env=_production_env(tmp_path),
        cwd=ROOT,
        capture_output=True,
        text=True,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout, result.stdout + result.stderr


def test_only_the_explained_checks_are_silenced(tmp_path: Path) -> None:
    # each one carries its reason beside it in settings.py; a new one needs one too
    silenced = _settings_of(tmp_path, ["SILENCED_SYSTEM_CHECKS"])["SILENCED_SYSTEM_CHECKS"]
    assert set(silenced) == {"security.W019", "security.W005", "security.W021"}
    with_subdomains = _settings_of(tmp_path, ["SILENCED_SYSTEM_CHECKS"], SECURE_HSTS_INCLUDE_SUBDOMAINS="1")
    assert "security.W005" not in with_subdomains["SILENCED_SYSTEM_CHECKS"]


def test_production_cookies_https_and_second_factor(tmp_path: Path) -> None:
    names = [
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "SESSION_COOKIE_HTTPONLY",
        "SESSION_COOKIE_SAMESITE",
        "CSRF_COOKIE_SAMESITE",
        "SESSION_COOKIE_AGE",
        "SESSION_EXPIRE_AT_BROWSER_CLOSE",
        "SECURE_SSL_REDIRECT",
        "SECURE_HSTS_SECONDS",
        "SECURE_PROXY_SSL_HEADER",
        "REQUIRE_2FA",
        "AXES_IPWARE_META_PRECEDENCE_ORDER",
    ]
    production = _settings_of(tmp_path, names)
    assert production == {
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "CSRF_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_AGE": 8 * 3600,
        "SESSION_EXPIRE_AT_BROWSER_CLOSE": True,
        "SECURE_SSL_REDIRECT": True,
        "SECURE_HSTS_SECONDS": 31_536_000,
        "SECURE_PROXY_SSL_HEADER": ["HTTP_X_FORWARDED_PROTO", "https"],
        "REQUIRE_2FA": True,
        "AXES_IPWARE_META_PRECEDENCE_ORDER": ["REMOTE_ADDR"],
    }
    demo = _settings_of(
        tmp_path, ["REQUIRE_2FA", "SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS"], THIDUA_DEMO="1"
    )
    assert demo == {"REQUIRE_2FA": False, "SECURE_SSL_REDIRECT": False, "SECURE_HSTS_SECONDS": 0}
    knobs = _settings_of(
        tmp_path,
        ["REQUIRE_2FA", "SECURE_SSL_REDIRECT", "SESSION_COOKIE_AGE", "AXES_IPWARE_PROXY_COUNT"],
        THIDUA_REQUIRE_2FA="0",
        SECURE_SSL_REDIRECT="0",
        SESSION_HOURS="4",
        THIDUA_TRUSTED_PROXY_COUNT="2",
    )
    assert knobs == {
        "REQUIRE_2FA": False,
        "SECURE_SSL_REDIRECT": False,
        "SESSION_COOKIE_AGE": 4 * 3600,
        "AXES_IPWARE_PROXY_COUNT": 1,  # two proxies: the client and the first proxy in the header
    }


@pytest.mark.django_db
def test_security_headers_on_an_https_response() -> None:
    response = Client().get("/admin/login/", secure=True)

    assert response["Strict-Transport-Security"].startswith(f"max-age={django_settings.SECURE_HSTS_SECONDS}")
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert (
        "camera=()" in response["Permissions-Policy"] and "geolocation=()" in response["Permissions-Policy"]
    )


@pytest.mark.django_db
def test_plain_http_is_redirected_when_the_setting_is_on() -> None:
    with override_settings(SECURE_SSL_REDIRECT=True):
        response = Client().get("/admin/login/")

    assert (response.status_code, response["Location"]) == (301, "https://testserver/admin/login/")


@pytest.mark.django_db
def test_the_session_cookie_is_secure_httponly_and_lax(personas: dict[str, Any]) -> None:
    with override_settings(SESSION_COOKIE_SECURE=True, CSRF_COOKIE_SECURE=True):
        client = Client()
        client.post("/admin/login/", {"username": "member", "password": "pw-member"}, secure=True)

    cookie = client.cookies[django_settings.SESSION_COOKIE_NAME]
    assert cookie["secure"] is True and cookie["httponly"] is True and cookie["samesite"] == "Lax"


def _signed_in(user: Any) -> Client:
    client = Client()
    client.post("/admin/login/", {"username": user.username, "password": f"pw-{user.username}"})
    assert client.get("/admin/").status_code == 200
    return client


def _age_session(client: Client, **seconds_ago: int) -> None:
    session = client.session
    for key, ago in seconds_ago.items():
        session[key] = int(time.time()) - ago
    session.save()


@pytest.mark.django_db
def test_an_idle_session_ends(personas: dict[str, Any]) -> None:
    client = _signed_in(personas["member"])
    _age_session(client, thidua_seen_at=61 * 60)

    response = client.get("/admin/")

    assert response.status_code == 302 and response.url.startswith("/admin/login/")


@pytest.mark.django_db
def test_a_session_in_use_ends_after_its_hours(personas: dict[str, Any]) -> None:
    client = _signed_in(personas["member"])
    _age_session(client, thidua_login_at=8 * 3600 + 60, thidua_seen_at=60)

    response = client.get("/admin/")

    assert response.status_code == 302 and response.url.startswith("/admin/login/")


@pytest.mark.django_db
def test_the_idle_clock_is_written_only_every_few_minutes(personas: dict[str, Any]) -> None:
    client = _signed_in(personas["member"])
    _age_session(client, thidua_seen_at=60)
    seen = client.session["thidua_seen_at"]
    client.get("/admin/")
    assert client.session["thidua_seen_at"] == seen  # a minute ago: not rewritten

    _age_session(client, thidua_seen_at=django_settings.SESSION_ACTIVITY_WRITE_SECONDS + 1)
    client.get("/admin/")
    assert client.session["thidua_seen_at"] > int(time.time()) - 60
