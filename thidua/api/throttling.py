"""Rate limits of the REST API (docs/api.md, "Rate limits"), with DRF's own throttling.

Each API token has a budget of its own (API_RATE), so two systems acting as the same account do not
starve each other; an officer signed in to the admin (the Swagger UI) has one per account. The
eligibility check spends a second, smaller budget (API_RATE_ELIGIBILITY): its engine is CPU-bound and
a single client could keep a web process busy with it. Requests without credentials reach only the
public schema and its docs, and are counted per address (API_RATE_ANON).

The counts live in the project's default cache. With Redis that is FailSoftRedisCache, which reads as
empty and drops writes while Redis is down: the limits then fail open rather than turning every API
call into a 500. Without Redis (LocMemCache) each web process counts on its own.

The rates are read from the settings on every request, not once at import as DRF's
THROTTLE_RATES is, so a test (or a settings override) takes effect at once.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from rest_framework.throttling import SimpleRateThrottle

from thidua.api.models import ApiToken


def _client(request: Any) -> str | None:
    """Whose budget the request spends: its token's, else its signed-in account's, else None."""
    if isinstance(request.auth, ApiToken):
        return f"token-{request.auth.pk}"
    user = request.user
    if user is not None and user.is_authenticated:
        return f"user-{user.pk}"
    return None


class _SettingRate(SimpleRateThrottle):
    setting = ""

    def get_rate(self) -> str | None:
        rate: str | None = getattr(settings, self.setting)
        return rate


class ClientRateThrottle(_SettingRate):
    """Every endpoint: per API token, or per account signed in with a session."""

    scope = "api"
    setting = "API_RATE"

    def get_cache_key(self, request: Any, view: Any) -> str | None:
        client = _client(request)
        if client is None:
            return None
        return str(self.cache_format % {"scope": self.scope, "ident": client})


class EligibilityRateThrottle(ClientRateThrottle):
    """POST eligibility/check/ again, on a smaller budget of its own."""

    scope = "eligibility"
    setting = "API_RATE_ELIGIBILITY"


class AnonymousRateThrottle(_SettingRate):
    """Requests without credentials, per address (behind THIDUA_TRUSTED_PROXY_COUNT proxies)."""

    scope = "anon"
    setting = "API_RATE_ANON"

    def get_cache_key(self, request: Any, view: Any) -> str | None:
        if _client(request) is not None:
            return None
        return str(self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)})


# What every view of /api/v1/ counts against (views/common.py RateLimited, urls.py).
API_THROTTLES: list[type[SimpleRateThrottle]] = [ClientRateThrottle, AnonymousRateThrottle]
