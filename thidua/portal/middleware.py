"""Content-Security-Policy (Django 5.2 has no built-in CSP; a header needs no dependency).

The public pages get a strict policy: their only script is the portal's own file, their styles one
stylesheet. Wagtail's admin (and its page previews) still uses inline scripts and styles, so paths
under /admin/ get a policy that allows those but still no foreign origin.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if "Content-Security-Policy" not in response:
            admin = request.path.startswith(settings.PORTAL_CSP_ADMIN_PREFIXES)
            response["Content-Security-Policy"] = settings.PORTAL_CSP_ADMIN if admin else settings.PORTAL_CSP
        return response
