"""Redis down (#15, faults): with REDIS_URL pointing at a port where nothing listens, the portal keeps
serving its pages, the beacon still answers, and every view is counted in the database instead."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client

from tests.portal import builders
from thidua.portal.models import PageViewCount, VisitDay
from thidua.portal.services.counters import FallbackCounters, counter_store
from thidua.portal.services.page_cache import page_cache_bump, page_cache_generation

pytestmark = pytest.mark.django_db

# Nothing listens here: every Redis call is refused at once.
DOWN = "redis://127.0.0.1:6390/0"
BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36"


@pytest.fixture
def redis_down(settings: Any) -> None:
    settings.PORTAL_COUNTERS_REDIS_URL = DOWN
    settings.CACHES = {
        "default": {
            "BACKEND": "thidua.core.cache.FailSoftRedisCache",
            "LOCATION": DOWN,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }


def test_pages_and_the_beacon_keep_working_and_views_go_to_the_database(redis_down: None) -> None:
    assert isinstance(counter_store(), FallbackCounters)
    page = builders.article(builders.section(), "Bài khi Redis dừng")
    client = Client(HTTP_USER_AGENT=BROWSER)

    assert client.get("/").status_code == 200
    assert client.get(page.url).status_code == 200
    first = client.post("/luot-xem/", {"page": page.pk})
    second = client.post("/luot-xem/", {"page": page.pk})

    assert (first.status_code, second.status_code) == (200, 200)
    assert (first.json()["views"], second.json()["views"]) == (1, 2)
    assert second.json()["stats"]["today"] == 1
    assert PageViewCount.objects.get(page=page).count == 2
    assert sum(VisitDay.objects.values_list("visits", flat=True)) == 1


def test_the_default_cache_reads_as_empty_while_redis_is_down(redis_down: None) -> None:
    cache.set("k", 1)
    assert cache.get("k") is None
    assert cache.get("k", "d") == "d"
    assert cache.add("k", 1) is False
    page_cache_bump()  # a page published during the outage must not fail
    assert page_cache_generation() == 0
