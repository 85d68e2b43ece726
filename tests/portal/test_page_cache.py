"""The public pages' memory cache: a stored page costs no query and keeps its headers; a publication
makes it stale; signed-in staff, query strings and the beacon go past it."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.portal import builders
from thidua.portal.middleware import PortalPageCacheMiddleware

pytestmark = pytest.mark.django_db
BROWSER = "Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0 Safari/537.36"


@pytest.fixture(autouse=True)
def page_cache(settings: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    settings.PORTAL_PAGE_CACHE_SECONDS = 300
    settings.PORTAL_COUNTERS_REDIS_URL = None
    # The generation number lives in the shared cache; on a Redis shared with other test workers their
    # publications would bump it between two requests here.
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    # Look at the generation on every request, so a test need not wait a second after a change.
    monkeypatch.setattr(PortalPageCacheMiddleware, "CHECK_EVERY", 0.0)


def test_second_view_is_served_from_memory_with_its_headers() -> None:
    page = builders.article(builders.section(), "Bài lưu đệm")
    client = Client()
    first = client.get(page.url)
    with CaptureQueriesContext(connection) as queries:
        second = client.get(page.url)
    assert second.content == first.content
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert second["X-Content-Type-Options"] == "nosniff"
    assert len(queries) == 0


def test_publishing_makes_stored_pages_stale() -> None:
    page = builders.article(builders.section(), "Tên cũ")
    client = Client()
    assert "Tên cũ" in client.get(page.url).content.decode()
    page.title = "Tên mới"
    page.save_revision().publish()
    assert "Tên mới" in client.get(page.url).content.decode()


def test_staff_and_query_strings_bypass_it(personas: dict[str, Any]) -> None:
    news = builders.section()
    builders.article(news, "Bài")
    client = Client()
    client.get(news.url)
    with CaptureQueriesContext(connection) as queries:
        client.get(news.url + "?trang=1")
    assert len(queries) > 0
    staff = Client()
    staff.force_login(personas["editor"])
    with CaptureQueriesContext(connection) as queries:
        staff.get(news.url)
    assert len(queries) > 0


def test_the_beacon_counts_cached_pages() -> None:
    page = builders.article(builders.section(), "Bài")
    client = Client(HTTP_USER_AGENT=BROWSER)
    client.get(page.url)
    client.get(page.url)  # from memory
    assert client.post("/luot-xem/", {"page": page.pk}).json()["views"] == 1
    assert client.post("/luot-xem/", {"page": page.pk}).json()["views"] == 2
