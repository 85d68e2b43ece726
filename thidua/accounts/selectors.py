"""Reads about accounts: the second factor a user has or must have, and the failed logins on record."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Any

from axes.models import AccessAttempt, AccessFailureLog
from django.conf import settings
from django.db.models import QuerySet
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from thidua.accounts.permissions import role_codes


class SecondFactor(Enum):
    """What a signed-in user still owes before the admin opens."""

    NONE = "none"  # verified, or neither enrolled nor required to be
    VERIFY = "verify"  # enrolled: the code of this login is due
    ENROL = "enrol"  # must use a second factor and has none yet


def totp_device_of(user: Any) -> TOTPDevice | None:
    """The user's confirmed authenticator, if any (a user has at most one: enrolling replaces it)."""
    if user is None or not getattr(user, "pk", None):
        return None
    return TOTPDevice.objects.filter(user_id=user.pk, confirmed=True).order_by("-pk").first()


def backup_codes_left(user: Any) -> int | None:
    """How many unused backup codes the user has; None when they never had a set (enrolled before
    backup codes existed, or not enrolled)."""
    if user is None or not getattr(user, "pk", None):
        return None
    if not StaticDevice.objects.filter(user_id=user.pk).exists():
        return None
    return int(StaticToken.objects.filter(device__user_id=user.pk).count())


def two_factor_required(user: Any) -> bool:
    """Whether the user must use a second factor: THIDUA_REQUIRE_2FA on, and a superuser or a holder of
    one of settings.THIDUA_2FA_ROLES (province officers and system admins: they reach every unit's data)."""
    if not settings.REQUIRE_2FA or not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser:
        return True
    return bool(role_codes(user) & set(settings.THIDUA_2FA_ROLES))


def second_factor_due(user: Any) -> SecondFactor:
    """What the signed-in user must do before any admin page: nothing, enter a code, or enrol."""
    if not getattr(user, "is_authenticated", False):
        return SecondFactor.NONE
    is_verified = getattr(user, "is_verified", None)
    if is_verified is not None and is_verified():
        return SecondFactor.NONE
    if TOTPDevice.objects.filter(user_id=user.pk, confirmed=True).exists():
        return SecondFactor.VERIFY
    if two_factor_required(user):
        return SecondFactor.ENROL
    return SecondFactor.NONE


@dataclass(frozen=True)
class LoginFailures:
    attempts: QuerySet[AccessAttempt]  # one row per username and address with failures on record
    recent: QuerySet[AccessFailureLog]  # the latest failed logins, newest first
    limit: int


def login_failures(*, recent: int = 50) -> LoginFailures:
    """Failed logins on record for the screen of failed logins (its view checks who may read it)."""
    return LoginFailures(
        attempts=AccessAttempt.objects.order_by("-attempt_time"),
        recent=AccessFailureLog.objects.order_by("-attempt_time")[:recent],
        limit=int(settings.AXES_FAILURE_LIMIT),
    )
