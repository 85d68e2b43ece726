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
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex

from thidua.accounts.forms import LoginCodeForm, TotpCodeForm, TwoFactorResetForm
from thidua.accounts.models import User
from thidua.accounts.permissions import has_capability, require
from thidua.accounts.roles import Cap
from thidua.accounts.selectors import (
    backup_codes_left,
    login_failures,
    totp_device_of,
    two_factor_required,
)
from thidua.accounts.services import (
    TOTP_DEVICE_NAME,
    backup_codes_regenerate,
    login_lockout_reset,
    second_factor_verify,
    totp_device_enrol,
    totp_device_remove,
    two_factor_reset,
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
    """The user's own second factor: enrol an authenticator (scan, then confirm with a first code), see
    it and how many backup codes are left, make a new set of backup codes, remove it.

    The codes are shown once, in the answer to the POST that made them, and never stored anywhere but
    django-otp's table. Another user's second factor is reset on the Users screens (a system admin)."""
    user: Any = request.user
    form = TotpCodeForm()
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "enrol":
            form = TotpCodeForm(request.POST)
            key = request.session.get(_PENDING_KEY)
            if key and form.is_valid():
                try:
                    enrolment = totp_device_enrol(actor=user, key=key, token=form.cleaned_data["token"])
                except ValidationError as error:
                    form.add_error("token", error.message_dict.get("token", error.messages))
                else:
                    request.session.pop(_PENDING_KEY, None)
                    otp_login(request, enrolment.device)
                    messages.success(request, _("Đã bật xác thực hai bước."))
                    return _backup_codes_page(request, enrolment.backup_codes)
        elif action == "regenerate":
            try:
                codes = backup_codes_regenerate(actor=user)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, _("Đã tạo bộ mã dự phòng mới; các mã cũ không dùng được nữa."))
                return _backup_codes_page(request, codes)
            return redirect("accounts_two_factor")
        elif action == "remove":
            totp_device_remove(actor=user)
            messages.success(request, _("Đã gỡ ứng dụng xác thực và các mã dự phòng khỏi tài khoản."))
            return redirect("accounts_two_factor")
    device = totp_device_of(user)
    context: dict[str, Any] = {
        "device": device,
        "backup_codes_left": backup_codes_left(user),
        "required": two_factor_required(user),
        "form": form,
        "may_reset_others": has_capability(user, Cap.MANAGE_USERS),
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


def _backup_codes_page(request: HttpRequest, codes: list[str]) -> HttpResponse:
    """The new backup codes, this once; "Tiếp tục" goes where the user was heading."""
    # Not cached anywhere: Wagtail's admin URLs answer with "Cache-Control: no-store, private".
    return render(
        request,
        "accounts/two_factor_codes.html",
        {"codes": [f"{code[:4]}-{code[4:]}" for code in codes], "next": _next_url(request)},
    )


def _base32(key: str) -> str:
    """The key as typed into an app by hand when the QR code cannot be scanned, in groups of four."""
    text = base64.b32encode(bytes.fromhex(key)).decode().rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


@require_http_methods(["GET", "POST"])
def two_factor_verify_view(request: HttpRequest) -> HttpResponse:
    """This login's code: the authenticator's, or a backup code. A wrong one is a failed login of the
    user for django-axes, so five lock the account out from this address as five wrong passwords would
    (and log the session out)."""
    user: Any = request.user
    if totp_device_of(user) is None:
        return redirect("accounts_two_factor")
    credentials = {"username": user.get_username()}
    if not AxesProxyHandler.is_allowed(request, credentials):
        logout(request)
        return _lockout(request, credentials)
    form = LoginCodeForm(request.POST or None)
    if request.method == "POST":
        valid = form.is_valid()
        check = second_factor_verify(actor=user, token=form.cleaned_data["token"]) if valid else None
        if check is not None and check.throttled:
            # django-otp's own throttle: after n wrong codes, 2^(n-1) seconds before the next is
            # checked. A code sent meanwhile is not checked, so it is not a failure either.
            form.add_error("token", _("Bạn vừa nhập sai. Hãy đợi vài giây rồi nhập mã mới."))
        elif check is not None and check.device is not None:
            otp_login(request, check.device)
            if check.backup_codes_left is not None:
                messages.warning(request, _backup_codes_left_message(check.backup_codes_left))
            return redirect(_next_url(request))
        else:
            user_login_failed.send(sender=__name__, credentials=credentials, request=request)
            if getattr(request, "axes_locked_out", False):
                logout(request)
                return _lockout(request, credentials)
            if valid:
                form.add_error(
                    "token",
                    _(
                        "Mã xác thực không đúng hoặc đã dùng. Hãy nhập mã đang hiện trong ứng dụng, "
                        "hoặc một mã dự phòng chưa dùng."
                    ),
                )
    return render(
        request,
        "accounts/two_factor_verify.html",
        {"form": form, "next": request.POST.get("next") or request.GET.get("next", "")},
    )


def _backup_codes_left_message(left: int) -> str:
    if left == 0:
        return _(
            "Bạn vừa dùng mã dự phòng cuối cùng. Hãy vào Xác thực hai bước để tạo bộ mã mới, "
            "hoặc bật lại với điện thoại mới."
        )
    return _(
        "Bạn vừa đăng nhập bằng mã dự phòng; còn %(left)d mã. Mất điện thoại thì hãy vào Xác thực "
        "hai bước để gỡ ứng dụng cũ và bật lại với điện thoại mới."
    ) % {"left": left}


@require_http_methods(["GET", "POST"])
def user_two_factor_reset_view(request: HttpRequest, pk: str) -> HttpResponse:
    """A system admin resets another account's second factor (a lost phone), with a reason; reached
    from the Users screens (the listing's "More" menu and the account's edit page)."""
    actor: Any = request.user
    require(actor, Cap.MANAGE_USERS)
    target = get_object_or_404(User, pk=pk)
    form = TwoFactorResetForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            removed = two_factor_reset(actor=actor, user=target, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            form.add_error("reason", error.message_dict.get("reason", error.messages))
        else:
            if removed:
                messages.success(
                    request,
                    _("Đã đặt lại xác thực hai bước của %(name)s; lần đăng nhập sau phải bật lại.")
                    % {"name": target},
                )
            else:
                messages.info(request, _("%(name)s chưa bật xác thực hai bước.") % {"name": target})
            return redirect("wagtailusers_users:edit", target.pk)
    return render(
        request,
        "accounts/user_two_factor_reset.html",
        {
            "target": target,
            "own": target.pk == actor.pk,
            "authenticator": totp_device_of(target) is not None,
            "backup_codes_left": backup_codes_left(target),
            "form": form,
        },
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
