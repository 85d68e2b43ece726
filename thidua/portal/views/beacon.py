"""The view beacon: the article page's script POSTs here once the page is shown to a reader.

Counting happens here, not when the page is rendered, so a page served from any cache (the
application's, a proxy's, the browser's back button) still counts, and a page fetched by a crawler or
a prefetch does not. The answer carries the fresh count and statistics for the page to show.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from thidua.portal.models import ArticlePage, PortalSettings
from thidua.portal.rules.counting import VISIT_IDLE_SECONDS, is_bot, is_prefetch
from thidua.portal.selectors.stats import visitor_stats
from thidua.portal.services.counters import counter_store, page_hit

VISIT_COOKIE = "tdv"


# Per process: the live articles' ids and the site's visits-before figure, looked up again after a
# minute, so a beacon neither reads the page table nor the settings row (nor a cache server for them).
_MEMO_SECONDS = 60.0
_memo: dict[str, tuple[float, Any]] = {}


def _memoised(key: str, load: Callable[[], Any]) -> Any:
    now = time.monotonic()
    hit = _memo.get(key)
    if hit is None or now - hit[0] > _MEMO_SECONDS:
        hit = (now, load())
        _memo[key] = hit
    return hit[1]


def memo_clear() -> None:
    _memo.clear()


def _counted_page(raw: str) -> int | None:
    """The id of a live, public article, or None (an article published in the last minute is found
    by looking again when its id is not yet known)."""
    if not raw.isdigit():
        return None
    page_id = int(raw)

    def live_ids() -> frozenset[int]:
        return frozenset(ArticlePage.objects.live().public().values_list("pk", flat=True))

    if page_id in _memoised("articles", live_ids):
        return page_id
    if ArticlePage.objects.live().public().filter(pk=page_id).exists():
        _memo.pop("articles", None)
        return page_id
    return None


# CSRF is not asked for: the pages are cached and shared, so they carry no per-reader token, and a
# forged beacon can do no more than a reader pressing reload. Cross-site browsers are refused below.
@csrf_exempt
@require_POST
@never_cache
def beacon(request: HttpRequest) -> JsonResponse:
    headers = {k: v for k, v in request.headers.items()}
    if (
        is_bot(request.headers.get("User-Agent", ""))
        or is_prefetch(headers)
        or request.headers.get("Sec-Fetch-Site", "same-origin") not in ("same-origin", "none")
    ):
        return JsonResponse({"counted": False}, status=202)
    store = counter_store()
    now = timezone.now()
    hit = page_hit(
        store=store,
        page_id=_counted_page(request.POST.get("page", "")),
        token=request.COOKIES.get(VISIT_COOKIE),
        now=now,
    )
    before = _memoised(
        f"before:{request.get_host()}", lambda: PortalSettings.for_request(request).visits_before
    )
    # The hit carries the store's figures: the beacon's one round trip to Redis (docs/portal-counting.md).
    stats = visitor_stats(visits_before=before, now=now, store=store, hit=hit)
    response = JsonResponse(
        {
            "counted": True,
            "views": hit.views,
            "stats": {"online": stats.online, "today": stats.today, "week": stats.week, "total": stats.total},
        }
    )
    # The visit's token: random, no personal data, renewed on every view so a visit ends after
    # 30 minutes of silence. It is needed for counting visits, not for tracking across sites.
    response.set_cookie(
        VISIT_COOKIE,
        hit.token,
        max_age=VISIT_IDLE_SECONDS,
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )
    return response
