"""The typed environment readers: values parse, bad values fail loudly naming the variable."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from thidua.env import EnvReader


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1", True),
        ("true", True),
        ("Yes", True),
        ("on", True),
        ("0", False),
        ("false", False),
        ("off", False),
        ("", False),
    ],
)
def test_bool_parses(raw: str, expected: bool) -> None:
    assert EnvReader({"X": raw}).bool("X") is expected


def test_bool_default_when_unset() -> None:
    assert EnvReader({}).bool("X", True) is True


@pytest.mark.parametrize("raw", ["maybe", "2", "yess"])
def test_bool_rejects_garbage(raw: str) -> None:
    with pytest.raises(ImproperlyConfigured, match="X must be a boolean"):
        EnvReader({"X": raw}).bool("X")


def test_int_parses_and_checks_range() -> None:
    env = EnvReader({"N": "42", "BAD": "4x", "LOW": "-1"})
    assert env.int("N", 0) == 42
    assert env.int("UNSET", 7) == 7
    with pytest.raises(ImproperlyConfigured, match="BAD must be an integer"):
        env.int("BAD", 0)
    with pytest.raises(ImproperlyConfigured, match="LOW must be at least 0"):
        env.int("LOW", 0, minimum=0)


def test_rate_parses_a_count_per_period_or_off() -> None:
    env = EnvReader({"R": " 300/Minute ", "S": "5/s", "OFF": "off", "ZERO": "0", "EMPTY": ""})
    assert env.rate("R", None) == "300/minute"
    assert env.rate("S", None) == "5/s"
    assert env.rate("OFF", "1/day") is None
    assert env.rate("ZERO", "1/day") is None
    assert env.rate("EMPTY", "1/day") == "1/day"
    assert env.rate("UNSET", "20/minute") == "20/minute"


@pytest.mark.parametrize("raw", ["300", "300/week", "-1/minute", "0/minute", "many/minute", "3/15m", "1e3/s"])
def test_rate_rejects_garbage(raw: str) -> None:
    with pytest.raises(ImproperlyConfigured, match="API_RATE must be a rate"):
        EnvReader({"API_RATE": raw}).rate("API_RATE", None)


def test_list_splits_and_strips() -> None:
    assert EnvReader({"L": " a, b ,,c "}).list("L") == ["a", "b", "c"]
    assert EnvReader({}).list("L", ["x"]) == ["x"]


def test_required_str_fails_loudly() -> None:
    with pytest.raises(ImproperlyConfigured, match="SECRET_KEY is required"):
        EnvReader({}).str("SECRET_KEY", required=True)


def test_secret_reads_file(tmp_path) -> None:
    secret = tmp_path / "key"
    secret.write_text("s3cret\n", encoding="utf-8")
    assert EnvReader({"K_FILE": str(secret)}).secret("K", required=True) == "s3cret"
    with pytest.raises(ImproperlyConfigured, match="K_FILE points to"):
        EnvReader({"K_FILE": str(tmp_path / "missing")}).secret("K", required=True)


def test_url_checks_scheme() -> None:
    env = EnvReader({"DATABASE_URL": "mysql://x/y", "R": "redis://127.0.0.1:6379/0"})
    assert env.url("R", schemes=("redis",)) == "redis://127.0.0.1:6379/0"
    with pytest.raises(ImproperlyConfigured, match="DATABASE_URL must be a URL starting with"):
        env.url("DATABASE_URL", schemes=("sqlite", "postgres"))


def _settings_import(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    clean = {
        k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "THIDUA_DEMO", "DEBUG", "DATABASE_URL"}
    }
    return subprocess.run(
        [sys.executable, "-c", "import thidua.settings as s; print(s.DATABASES['default']['ENGINE'])"],
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_settings_require_secret_key_outside_demo(tmp_path) -> None:
    result = _settings_import({"THIDUA_VAR_DIR": str(tmp_path)})
    assert result.returncode != 0
    assert "SECRET_KEY is required" in result.stderr


def test_settings_demo_runs_without_secret_key_on_sqlite(tmp_path) -> None:
    result = _settings_import({"THIDUA_DEMO": "1", "THIDUA_VAR_DIR": str(tmp_path)})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "django.db.backends.sqlite3"


def test_settings_database_url_selects_postgres(tmp_path) -> None:
    result = _settings_import(
        {"SECRET_KEY": "x", "DATABASE_URL": "postgres://u@127.0.0.1:5432/db", "THIDUA_VAR_DIR": str(tmp_path)}
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "django.db.backends.postgresql"


def test_settings_reject_bad_debug_value(tmp_path) -> None:
    result = _settings_import({"SECRET_KEY": "x", "DEBUG": "sometimes", "THIDUA_VAR_DIR": str(tmp_path)})
    assert result.returncode != 0
    assert "DEBUG must be a boolean" in result.stderr
