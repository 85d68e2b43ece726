"""Content-Security-Policy (Django 5.2 has no built-in CSP; a header needs no dependency).

The public pages get a strict policy: their only script is the portal's own file, their styles one
stylesheet. Wagtail's admin (and its page previews) still uses inline scripts and styles, so paths
under /admin/ get a policy that allows those but still no foreign origin.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.template.response import SimpleTemplateResponse


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if "Content-Security-Policy" not in response:
            admin = request.path.startswith(settings.PORTAL_CSP_ADMIN_PREFIXES)
            response["Content-Security-Policy"] = settings.PORTAL_CSP_ADMIN if admin else settings.PORTAL_CSP
        return response


class PortalPageCacheMiddleware:
    """Serve anonymous readers' page views from this process's memory.

    First in MIDDLEWARE, so a hit skips every other middleware and Wagtail's routing: the stored
    response is the final one (CSP and security headers included). Only pages that said so are
    stored (CachedPageMixin.serve: public Wagtail pages, an anonymous reader, no query string) and only
    for readers without a session or a language choice. Views still count: the beacon is a separate
    POST that never touches this cache (docs/portal-counting.md).

    Freshness: an entry lives PORTAL_PAGE_CACHE_SECONDS at most, and publishing, unpublishing, moving
    or deleting a page, or saving the footer settings, bumps a generation number kept in the shared
    cache (Redis in production); each process looks at that number at most once a second, so an
    edit shows within about a second with Redis, and within the entry's lifetime without it.
    """

    MAX_ENTRIES = 2000
    CHECK_EVERY = 1.0

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.entries: dict[str, tuple[int, float, int, list[tuple[str, str]], bytes]] = {}
        self.generation = -1
        self.checked = 0.0

    def _current_generation(self, now: float) -> int:
        if now - self.checked >= self.CHECK_EVERY:
            from thidua.portal.services.page_cache import page_cache_generation

            self.generation = page_cache_generation()
            self.checked = now
        return self.generation

    def __call__(self, request: HttpRequest) -> HttpResponse:
        seconds = settings.PORTAL_PAGE_CACHE_SECONDS
        if (
            not seconds
            or request.method != "GET"
            or request.META.get("QUERY_STRING")
            or settings.SESSION_COOKIE_NAME in request.COOKIES
            or settings.LANGUAGE_COOKIE_NAME in request.COOKIES
        ):
            return self.get_response(request)
        now = time.monotonic()
        key = f"{request.get_host()}{request.path}"
        generation = self._current_generation(now)
        entry = self.entries.get(key)
        if entry is not None and entry[0] == generation and entry[1] > now:
            response = HttpResponse(entry[4], status=entry[2])
            for name, value in entry[3]:
                response[name] = value
            return response
        response = self.get_response(request)
        if (
            getattr(request, "portal_cacheable", False)
            and response.status_code == 200
            and not response.cookies
            and not getattr(response, "streaming", False)
        ):
            if isinstance(response, SimpleTemplateResponse) and not response.is_rendered:
                response.render()
            if len(self.entries) >= self.MAX_ENTRIES:
                self.entries.clear()  # a crude bound: refilled from the next requests
            self.entries[key] = (
                generation,
                now + seconds,
                response.status_code,
                list(response.items()),
                response.content,
            )
        return response
