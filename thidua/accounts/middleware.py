"""Session limits and the second factor, checked on every request after authentication.

Both sit after django_otp's OTPMiddleware (settings.MIDDLEWARE), which gives request.user its
is_verified(): whether this session's login was confirmed with a TOTP code.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, HttpResponseForbidden, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _

from thidua.accounts.selectors import SecondFactor, second_factor_due

_LOGIN_AT = "thidua_login_at"
_SEEN_AT = "thidua_seen_at"

# What the second factor guards: the staff admin, Django's admin and the API when used with a session
# (a system calling the API with a bearer token has no session user, so is never stopped here).
_GUARDED = ("/admin/", "/django-admin/", "/api/")


def session_start(session: Any) -> None:
    """Start the session's clocks (called at login; SessionLimitsMiddleware starts older sessions)."""
    now = int(time.time())
    session[_LOGIN_AT] = now
    session[_SEEN_AT] = now


class SessionLimitsMiddleware:
    """Ends a signed-in session SESSION_HOURS after its login, or after SESSION_IDLE_MINUTES idle.

    The server-side expiry alone (SESSION_COOKIE_AGE) moves forward each time the session is saved, so
    a session used daily would never end; the login time kept in the session does not move. The idle
    clock is written at most once per SESSION_ACTIVITY_WRITE_SECONDS, not on every request
    (SESSION_SAVE_EVERY_REQUEST's cost), so the idle limit is exact to within that many seconds.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            self._check(request)
        return self.get_response(request)

    def _check(self, request: HttpRequest) -> None:
        session = request.session
        now = int(time.time())
        login_at = session.get(_LOGIN_AT)
        if login_at is None:
            session_start(session)
            return
        seen_at = session.get(_SEEN_AT, login_at)
        idle = settings.SESSION_IDLE_MINUTES * 60
        if now - login_at > settings.SESSION_COOKIE_AGE or (idle and now - seen_at > idle):
            # Flushes the session; the admin then answers with its login page.
            logout(request)
            return
        if now - seen_at >= settings.SESSION_ACTIVITY_WRITE_SECONDS:
            session[_SEEN_AT] = now


class TwoFactorMiddleware:
    """Keeps a signed-in user who owes a second factor out of the admin until it is given.

    A user with an authenticator is sent to enter this login's code; a user who must have one
    (selectors.two_factor_required) and has none is sent to enrol. Only those pages, logging out and
    the admin's script catalogue and icons stay open to them.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and request.path.startswith(_GUARDED):
            refused = self._refuse(request, user)
            if refused is not None:
                return refused
        return self.get_response(request)

    def _refuse(self, request: HttpRequest, user: Any) -> HttpResponse | None:
        due = second_factor_due(user)
        if due is SecondFactor.NONE:
            return None
        target = reverse(
            "accounts_two_factor_verify" if due is SecondFactor.VERIFY else "accounts_two_factor"
        )
        open_paths = {
            target,
            reverse("wagtailadmin_logout"),
            reverse("wagtailadmin_login"),
            reverse("wagtailadmin_javascript_catalog"),
            # The admin's icons, which every page (these ones too) fetches and inlines: redirected,
            # the page itself would be fetched and inlined in their place.
            reverse("wagtailadmin_sprite"),
        }
        if request.path in open_paths:
            return None
        if not request.path.startswith("/admin/"):
            return HttpResponseForbidden(_("Hãy xác thực hai bước trong trang quản trị trước."))
        return HttpResponseRedirect(f"{target}?{urlencode({'next': request.get_full_path()})}")
