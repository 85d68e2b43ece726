"""The generation number of the public pages' cache (middleware.PortalPageCacheMiddleware).

Kept in Django's default cache, which is Redis in production and shared by every process; bumping
it makes every process drop its stored pages at its next look (within a second)."""

from __future__ import annotations

from django.core.cache import cache

KEY = "portal:page-generation"


def page_cache_generation() -> int:
    value = cache.get(KEY)
    return int(value) if value is not None else 0


def page_cache_bump() -> None:
    """Something a public page shows has changed: every stored page is stale."""
    try:
        cache.incr(KEY)
    except ValueError:  # not set yet (or evicted): start from 1, never back to a used number's 0
        cache.add(KEY, 1, timeout=None)
        cache.incr(KEY)
