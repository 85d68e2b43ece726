"""The screens of login security: enrolling an authenticator, entering a login's code, failed logins.

Thin: each request reads one selector or calls one service. Who must enrol or enter a code before
anything else is decided by middleware.TwoFactorMiddleware, which sends them here.
"""

from __future__ import annotations

import base64
from typing import Any

import segno
from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_lockout_response
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex

from thidua.accounts.forms import TotpCodeForm, UsernameForm
from thidua.accounts.models import User
from thidua.accounts.permissions import has_capability, require
from thidua.accounts.roles import Cap
from thidua.accounts.selectors import login_failures, totp_device_of, two_factor_required
from thidua.accounts.services import (
    TOTP_DEVICE_NAME,
    login_lockout_reset,
    totp_device_enrol,
    totp_device_remove,
)

# The secret key being enrolled, kept in the session (never in the page's form) until confirmed.
_PENDING_KEY = "thidua_totp_pending_key"


def _next_url(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return reverse("wagtailadmin_home")


@require_http_methods(["GET", "POST"])
def two_factor_view(request: HttpRequest) -> HttpResponse:
    """The user's own authenticator: enrol (scan, then confirm with a first code), see it, remove it.

    A system admin also removes another user's authenticator here (a lost phone)."""
    user: Any = request.user
    form = TotpCodeForm()
    other_form = UsernameForm(prefix="other")
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "enrol":
            form = TotpCodeForm(request.POST)
            key = request.session.get(_PENDING_KEY)
            if key and form.is_valid():
                try:
                    device = totp_device_enrol(actor=user, key=key, token=form.cleaned_data["token"])
                except ValidationError as error:
                    form.add_error("token", error.message_dict.get("token", error.messages))
                else:
                    request.session.pop(_PENDING_KEY, None)
                    otp_login(request, device)
                    messages.success(request, _("Đã bật xác thực hai bước."))
                    return redirect(_next_url(request))
        elif action == "remove":
            totp_device_remove(actor=user, user=user)
            messages.success(request, _("Đã gỡ ứng dụng xác thực khỏi tài khoản."))
            return redirect("accounts_two_factor")
        elif action == "remove_other":
            require(user, Cap.MANAGE_USERS)
            other_form = UsernameForm(request.POST, prefix="other")
            if other_form.is_valid():
                other = User.objects.filter(username=other_form.cleaned_data["username"]).first()
                if other is None:
                    other_form.add_error("username", _("Không có tài khoản này."))
                else:
                    removed = totp_device_remove(
                        actor=user, user=other, reason=other_form.cleaned_data["reason"]
                    )
                    if removed:
                        messages.success(
                            request, _("Đã gỡ ứng dụng xác thực của %(name)s.") % {"name": other}
                        )
                    else:
                        messages.info(request, _("%(name)s chưa bật xác thực hai bước.") % {"name": other})
                    return redirect("accounts_two_factor")
    device = totp_device_of(user)
    context: dict[str, Any] = {
        "device": device,
        "required": two_factor_required(user),
        "form": form,
        "other_form": other_form if has_capability(user, Cap.MANAGE_USERS) else None,
        "next": request.POST.get("next") or request.GET.get("next", ""),
    }
    if device is None:
        key = request.session.get(_PENDING_KEY)
        if not key:
            key = request.session[_PENDING_KEY] = random_hex(20)
        # An unsaved device gives the otpauth:// address the apps read (its issuer: OTP_TOTP_ISSUER).
        url = TOTPDevice(user=user, key=key, name=TOTP_DEVICE_NAME).config_url
        context["qr_svg"] = segno.make(url, error="m").svg_inline(scale=5, omitsize=False, title=_("Mã QR"))
        context["secret"] = _base32(key)
    return render(request, "accounts/two_factor.html", context)


def _base32(key: str) -> str:
    """The key as typed into an app by hand when the QR code cannot be scanned, in groups of four."""
    text = base64.b32encode(bytes.fromhex(key)).decode().rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


@require_http_methods(["GET", "POST"])
def two_factor_verify_view(request: HttpRequest) -> HttpResponse:
    """This login's code. A wrong code is a failed login of the user for django-axes, so five lock the
    account out from this address as five wrong passwords would (and log the session out)."""
    user: Any = request.user
    device = totp_device_of(user)
    if device is None:
        return redirect("accounts_two_factor")
    credentials = {"username": user.get_username()}
    if not AxesProxyHandler.is_allowed(request, credentials):
        logout(request)
        return _lockout(request, credentials)
    form = TotpCodeForm(request.POST or None)
    if request.method == "POST" and not device.verify_is_allowed()[0]:
        # django-otp's own throttle: after n wrong codes, 2^(n-1) seconds before the next is checked.
        # A code sent meanwhile is not checked, so it is not a failure either.
        form.is_valid()
        form.add_error("token", _("Bạn vừa nhập sai. Hãy đợi vài giây rồi nhập mã mới."))
    elif request.method == "POST":
        if form.is_valid() and device.verify_token(form.cleaned_data["token"]):
            otp_login(request, device)
            return redirect(_next_url(request))
        user_login_failed.send(sender=__name__, credentials=credentials, request=request)
        if getattr(request, "axes_locked_out", False):
            logout(request)
            return _lockout(request, credentials)
        if form.is_valid():
            form.add_error(
                "token", _("Mã xác thực không đúng hoặc đã dùng. Hãy nhập mã đang hiện trong ứng dụng.")
            )
    return render(
        request,
        "accounts/two_factor_verify.html",
        {"form": form, "next": request.POST.get("next") or request.GET.get("next", "")},
    )


def _lockout(request: HttpRequest, credentials: dict[str, str]) -> HttpResponse:
    """django-axes' lockout page (settings.AXES_LOCKOUT_TEMPLATE), as a wrong password would get."""
    response: HttpResponse = get_lockout_response(request, None, credentials)
    return response


@require_http_methods(["GET", "POST"])
def login_failures_view(request: HttpRequest) -> HttpResponse:
    """Failed logins and lockouts, for whoever reads the audit log; system admins lift a lockout here."""
    user: Any = request.user
    require(user, Cap.VIEW_AUDIT)
    if request.method == "POST":
        if not has_capability(user, Cap.MANAGE_USERS):
            raise PermissionDenied(_("Bạn không có quyền thực hiện thao tác này."))
        username = request.POST.get("username", "")
        if login_lockout_reset(actor=user, username=username):
            messages.success(request, _("Đã mở khóa đăng nhập cho %(username)s.") % {"username": username})
        return redirect("accounts_login_failures")
    return render(
        request,
        "accounts/login_failures.html",
        {"failures": login_failures(), "may_unlock": has_capability(user, Cap.MANAGE_USERS)},
    )
