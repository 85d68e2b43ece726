"""Rate limits (thidua/api/throttling.py): a token's budget bites at N+1 with a 429 in Vietnamese and
Retry-After, and is whole again once the window has passed; another token, even of the same account,
has its own; the eligibility check has a smaller one on top; requests without credentials count per
address; every API view is limited; a Redis outage lets requests through rather than failing them.
Time is a fake clock, never a wait."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.core.cache import cache
from django.urls import URLPattern, URLResolver, get_resolver
from rest_framework.test import APIClient

from tests.api.conftest import token_client
from thidua.api.throttling import (
    AnonymousRateThrottle,
    ClientRateThrottle,
    EligibilityRateThrottle,
)

pytestmark = pytest.mark.django_db

# Nothing listens here (as in tests/portal/test_redis_down.py): every Redis call is refused at once.
DOWN = "redis://127.0.0.1:6390/0"
PEOPLE = "/api/v1/people/"
CHECK = "/api/v1/eligibility/check/"
ELIGIBILITY_INPUT = {
    "as_of": "2026-01-20",
    "subjects": [
        {
            "id": "P-1",
            "kind": "individual",
            "name": "Trần Văn Bình",
            "requested": ["lao_dong_tien_tien"],
            "year": 2025,
            "ratings": {"2025": "ht"},
        }
    ],
}


class Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Iterator[Clock]:
    """DRF's throttles read time.time(); they read this clock instead. The counts of earlier tests
    (the process's LocMemCache) are cleared first."""
    fake = Clock()
    for throttle in (ClientRateThrottle, AnonymousRateThrottle):
        monkeypatch.setattr(throttle, "timer", staticmethod(lambda: fake.now))
    cache.clear()
    yield fake
    cache.clear()


def test_the_limit_bites_at_n_plus_one_and_resets(
    settings: Any, clock: Clock, personas: dict[str, Any]
) -> None:
    settings.API_RATE = "3/minute"
    client = token_client(personas["member"])

    # given three requests within the minute
    assert [client.get(PEOPLE).status_code for _ in range(3)] == [200, 200, 200]
    clock.advance(30)

    # when the fourth comes
    refused = client.get(PEOPLE)

    # then it is refused in Vietnamese, saying when to come back
    assert refused.status_code == 429
    assert refused["Retry-After"] == "30"
    assert refused.json() == {"detail": "Quá nhiều yêu cầu; hãy thử lại sau 30 giây."}
    # and a minute after the first, the budget is whole again
    clock.advance(30)
    assert [client.get(PEOPLE).status_code for _ in range(3)] == [200, 200, 200]
    assert client.get(PEOPLE).status_code == 429


def test_another_token_has_its_own_budget(settings: Any, clock: Clock, personas: dict[str, Any]) -> None:
    settings.API_RATE = "2/minute"
    first = token_client(personas["member"])
    second = token_client(personas["member"])  # the same account, another system
    other_account = token_client(personas["province"])

    assert [first.get(PEOPLE).status_code for _ in range(3)] == [200, 200, 429]
    assert [second.get(PEOPLE).status_code for _ in range(3)] == [200, 200, 429]
    assert other_account.get(PEOPLE).status_code == 200


def test_a_signed_in_officer_has_a_budget_per_account(
    settings: Any, clock: Clock, personas: dict[str, Any]
) -> None:
    settings.API_RATE = "2/minute"
    browser = APIClient()
    browser.force_login(personas["province"])
    token = token_client(personas["province"])

    assert [browser.get(PEOPLE).status_code for _ in range(3)] == [200, 200, 429]
    assert token.get(PEOPLE).status_code == 200


def test_the_eligibility_check_has_a_smaller_budget_on_top(
    settings: Any, clock: Clock, personas: dict[str, Any]
) -> None:
    settings.API_RATE = "10/minute"
    settings.API_RATE_ELIGIBILITY = "2/minute"
    client = token_client(personas["member"])

    answers = [client.post(CHECK, ELIGIBILITY_INPUT, format="json").status_code for _ in range(3)]

    assert answers == [200, 200, 429]
    # The other endpoints still answer: three of the ten requests are spent.
    assert client.get(PEOPLE).status_code == 200
    clock.advance(60)
    assert client.post(CHECK, ELIGIBILITY_INPUT, format="json").status_code == 200


def test_requests_without_credentials_count_per_address(settings: Any, clock: Clock) -> None:
    settings.API_RATE_ANON = "2/minute"
    visitor = APIClient(REMOTE_ADDR="203.0.113.7")

    assert [visitor.get("/api/v1/docs/").status_code for _ in range(2)] == [200, 200]
    refused = visitor.get("/api/v1/docs/")
    assert refused.status_code == 429
    assert refused["Retry-After"] == "60"
    # A header the client writes itself is not trusted without THIDUA_TRUSTED_PROXY_COUNT.
    assert visitor.get("/api/v1/docs/", HTTP_X_FORWARDED_FOR="198.51.100.1").status_code == 429
    assert APIClient(REMOTE_ADDR="203.0.113.8").get("/api/v1/docs/").status_code == 200
    # Without credentials the other endpoints answer 401 as before, never 429.
    assert visitor.get(PEOPLE).status_code == 401


def test_an_off_rate_does_not_limit(settings: Any, clock: Clock, personas: dict[str, Any]) -> None:
    settings.API_RATE = None
    client = token_client(personas["member"])
    assert {client.get(PEOPLE).status_code for _ in range(5)} == {200}


def test_while_redis_is_down_requests_go_through(
    settings: Any, clock: Clock, personas: dict[str, Any]
) -> None:
    """FailSoftRedisCache reads as empty and drops writes: the limits fail open, with no 500."""
    settings.API_RATE = "1/minute"
    settings.API_RATE_ELIGIBILITY = "1/minute"
    settings.CACHES = {
        "default": {
            "BACKEND": "thidua.core.cache.FailSoftRedisCache",
            "LOCATION": DOWN,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    client = token_client(personas["member"])

    assert [client.get(PEOPLE).status_code for _ in range(3)] == [200, 200, 200]
    assert [client.post(CHECK, ELIGIBILITY_INPUT, format="json").status_code for _ in range(2)] == [200, 200]


def _api_views() -> Iterator[tuple[str, Any]]:
    def walk(resolver: URLResolver, prefix: str) -> Iterator[tuple[str, Any]]:
        for pattern in resolver.url_patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern, prefix + str(pattern.pattern))
            elif isinstance(pattern, URLPattern) and (prefix + str(pattern.pattern)).startswith("api/"):
                yield prefix + str(pattern.pattern), pattern.callback

    yield from walk(get_resolver(), "")


def test_every_api_view_is_rate_limited() -> None:
    views = list(_api_views())
    assert len(views) > 40
    for route, callback in views:
        view_class = getattr(callback, "cls", None) or callback.view_class
        initkwargs = getattr(callback, "initkwargs", {})
        throttles = initkwargs.get("throttle_classes", view_class.throttle_classes)
        assert ClientRateThrottle in throttles and AnonymousRateThrottle in throttles, route
        if "eligibility" in route:
            assert EligibilityRateThrottle in throttles
