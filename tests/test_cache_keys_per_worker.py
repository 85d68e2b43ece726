"""The test harness gives each pytest-xdist worker its own cache keys (conftest._cache_keys_per_worker):
with a shared Redis, one worker's cached Wagtail site ids were read by another."""

from __future__ import annotations

import os

from django.core.cache import cache


def test_cache_keys_carry_the_worker() -> None:
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    assert cache.make_key("wagtail_site_root_paths").startswith(f"tests-{worker}:")


def test_a_key_written_under_another_workers_prefix_is_not_read() -> None:
    from django.conf import settings
    from django.core.cache import caches
    from django.test.utils import override_settings

    other = {alias: {**config, "KEY_PREFIX": "tests-elsewhere:"} for alias, config in settings.CACHES.items()}
    with override_settings(CACHES=other):
        caches["default"].set("harness-probe", "theirs", 30)
    assert cache.get("harness-probe") is None
