"""Typed readers for environment variables.

Every setting that comes from the environment is read once, at the top of settings.py, through
these helpers. A value that cannot be parsed raises ImproperlyConfigured naming the variable, so a
misconfigured server refuses to start instead of running with a silent default.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}
# A request rate as Django REST framework's throttles read it: a count per second, minute, hour or day.
_RATE = re.compile(r"(?P<count>[0-9]{1,9})/(?P<period>s|sec|second|m|min|minute|h|hour|d|day)")


class EnvReader:
    """Reads typed values from a mapping (os.environ by default; a dict in tests)."""

    def __init__(self, environ: Mapping[str, str] | None = None) -> None:
        self.environ = os.environ if environ is None else environ

    def str(self, name: str, default: str | None = None, *, required: bool = False) -> str | None:
        value = self.environ.get(name)
        if value is None or value == "":
            if required:
                raise ImproperlyConfigured(f"Environment variable {name} is required.")
            return default
        return value

    def bool(self, name: str, default: bool = False) -> bool:
        raw = self.environ.get(name)
        if raw is None:
            return default
        value = raw.strip().lower()
        if value in _TRUE:
            return True
        if value in _FALSE:
            return False
        raise ImproperlyConfigured(
            f"{name} must be a boolean (true/false, 1/0, yes/no, on/off), got {raw!r}."
        )

    def int(self, name: str, default: int, *, minimum: int | None = None, maximum: int | None = None) -> int:
        raw = self.environ.get(name)
        if raw is None or raw.strip() == "":
            return default
        try:
            value = int(raw.strip())
        except ValueError:
            raise ImproperlyConfigured(f"{name} must be an integer, got {raw!r}.") from None
        if minimum is not None and value < minimum:
            raise ImproperlyConfigured(f"{name} must be at least {minimum}, got {value}.")
        if maximum is not None and value > maximum:
            raise ImproperlyConfigured(f"{name} must be at most {maximum}, got {value}.")
        return value

    def rate(self, name: str, default: str | None) -> str | None:
        """A rate like "300/minute" (also "/s", "/hour", "/day"); "off" (or 0, no) is None: no limit."""
        raw = self.environ.get(name)
        if raw is None or raw.strip() == "":
            return default
        value = raw.strip().lower()
        if value in _FALSE:
            return None
        match = _RATE.fullmatch(value)
        if match is None or int(match["count"]) < 1:
            raise ImproperlyConfigured(
                f"{name} must be a rate such as 300/minute (per second, minute, hour or day) or off, got {raw!r}."
            )
        return value

    def list(self, name: str, default: list[str] | None = None) -> list[str]:
        raw = self.environ.get(name)
        if raw is None:
            return list(default or [])
        return [item.strip() for item in raw.split(",") if item.strip()]

    def secret(self, name: str, *, required: bool) -> str | None:
        """Read NAME, or the contents of the file named by NAME_FILE (for container secrets)."""
        file_name = self.environ.get(f"{name}_FILE")
        if file_name:
            try:
                return Path(file_name).read_text(encoding="utf-8").strip()
            except OSError as exc:
                raise ImproperlyConfigured(
                    f"{name}_FILE points to {file_name!r}, which cannot be read: {exc}."
                ) from None
        return self.str(name, required=required)

    def url(self, name: str, default: str | None = None, *, schemes: tuple[str, ...]) -> str | None:
        value = self.str(name, default)
        if value is None:
            return None
        scheme = value.split("://", 1)[0] if "://" in value else ""
        if scheme not in schemes:
            raise ImproperlyConfigured(
                f"{name} must be a URL starting with one of {', '.join(s + '://' for s in schemes)}; got {value!r}."
            )
        return value
