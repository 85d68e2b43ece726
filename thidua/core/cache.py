"""Django's Redis cache backend, made to degrade to "nothing cached" while Redis is unreachable.

The default cache holds what every process may rebuild: Wagtail's renditions lookups, the portal's
page-cache generation (thidua/portal/services/page_cache.py). With Django's own RedisCache a Redis
outage turns each of those reads into a 500 page; here a read is a miss and a write is dropped, with a
warning in the log, so the site keeps serving from the database (docs/reliability.md, "Redis down").
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, TypeVar

from django.core.cache.backends.redis import RedisCache

logger = logging.getLogger(__name__)

T = TypeVar("T")


def _soft(call: Callable[[], T], fallback: T) -> T:
    import redis

    try:
        return call()
    except redis.RedisError as error:
        logger.warning("Redis cache unreachable, carrying on without it: %s", error)
        return fallback


class FailSoftRedisCache(RedisCache):
    def add(self, key: Any, value: Any, timeout: Any = None, version: int | None = None) -> bool:
        return _soft(lambda: super(FailSoftRedisCache, self).add(key, value, timeout, version), False)

    def get(self, key: Any, default: Any = None, version: int | None = None) -> Any:
        return _soft(lambda: super(FailSoftRedisCache, self).get(key, default, version), default)

    def set(self, key: Any, value: Any, timeout: Any = None, version: int | None = None) -> None:
        _soft(lambda: super(FailSoftRedisCache, self).set(key, value, timeout, version), None)

    def touch(self, key: Any, timeout: Any = None, version: int | None = None) -> bool:
        return _soft(lambda: super(FailSoftRedisCache, self).touch(key, timeout, version), False)

    def delete(self, key: Any, version: int | None = None) -> bool:
        return _soft(lambda: super(FailSoftRedisCache, self).delete(key, version), False)

    def get_many(self, keys: Any, version: int | None = None) -> dict[Any, Any]:
        return _soft(lambda: super(FailSoftRedisCache, self).get_many(keys, version), {})

    def has_key(self, key: Any, version: int | None = None) -> bool:
        return _soft(lambda: super(FailSoftRedisCache, self).has_key(key, version), False)

    def incr(self, key: Any, delta: int = 1, version: int | None = None) -> int:
        # A missing key still raises ValueError (the callers' "start from 1" path); an outage gives 0.
        return _soft(lambda: super(FailSoftRedisCache, self).incr(key, delta, version), 0)

    def set_many(self, data: dict[Any, Any], timeout: Any = None, version: int | None = None) -> list[Any]:
        return _soft(lambda: super(FailSoftRedisCache, self).set_many(data, timeout, version), list(data))

    def delete_many(self, keys: Any, version: int | None = None) -> None:
        _soft(lambda: super(FailSoftRedisCache, self).delete_many(keys, version), None)

    def clear(self) -> None:
        _soft(lambda: super(FailSoftRedisCache, self).clear(), None)
