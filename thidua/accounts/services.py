"""Services that change accounts and roles."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from axes.models import AccessAttempt
from axes.utils import reset as axes_reset
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django_otp.models import Device
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from thidua.accounts.models import Role, User
from thidua.accounts.permissions import require
from thidua.accounts.roles import ROLES, Cap
from thidua.core.audit import audit_record


def roles_sync(*, using: str = "default") -> None:
    """Create or update one group per role with exactly the permissions its RoleSpec lists.

    Runs after every migrate (signals.py), on the database being migrated. All or nothing, so a role
    never holds half its permissions; durable, since it is never part of a larger change.
    """
    with transaction.atomic(using=using, durable=True):
        _roles_sync(using)


def _roles_sync(using: str) -> None:
    for spec in ROLES.values():
        role = Role.objects.using(using).select_related("group").filter(code=spec.code).first()
        if role is None:
            group, _ = Group.objects.using(using).get_or_create(name=str(spec.name))
            role = Role.objects.using(using).create(code=spec.code, group=group)
        wanted = []
        for dotted in sorted(spec.permissions):
            app_label, codename = dotted.split(".", 1)
            perm = (
                Permission.objects.using(using)
                .filter(content_type__app_label=app_label, codename=codename)
                .first()
            )
            if perm is None:
                raise LookupError(f"Role {spec.code} names permission {dotted}, which does not exist.")
            wanted.append(perm)
        role.group.permissions.set(wanted)


@transaction.atomic
def user_create(
    *,
    actor: User | None,
    username: str,
    password: str | None,
    full_name: str,
    organisation: Any = None,
    roles: list[str] | tuple[str, ...] = (),
    email: str = "",
    is_superuser: bool = False,
    is_demo: bool = False,
) -> User:
    """Create a staff account with its organisation and roles."""
    unknown = [code for code in roles if code not in ROLES]
    if unknown:
        raise ValueError(f"Unknown role(s): {', '.join(unknown)}")
    last, _, first = full_name.rpartition(" ")
    user = User(
        username=username,
        email=email,
        first_name=first,
        last_name=last,
        organisation=organisation,
        is_staff=True,
        is_superuser=is_superuser,
        is_demo=is_demo,
    )
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    user.groups.set(Group.objects.filter(role__code__in=roles))
    audit_record(
        actor=actor, action="accounts.user.create", target=user, changes={"roles": [None, list(roles)]}
    )
    return user


# --- Accounts changed on Wagtail's Users screens -----------------------------------------------------
# Wagtail saves the form itself (in a transaction of its own view); thidua/accounts/viewsets.py calls
# these inside that transaction, so an account's change and its audit row commit together.


def account_facts(user: User) -> dict[str, Any]:
    """What the audit log compares before and after an account is changed: who it is, where it works,
    what it may do (roles, and Wagtail groups that are not roles), whether it may sign in."""
    groups = list(user.groups.select_related("role").order_by("name")) if user.pk else []
    return {
        "username": user.username,
        "full_name": user.get_full_name(),
        "email": user.email,
        "organisation": user.organisation,
        "roles": sorted(group.role.code for group in groups if hasattr(group, "role")),
        "groups": [group.name for group in groups if not hasattr(group, "role")],
        "is_active": user.is_active,
        "is_superuser": user.is_superuser,
    }


def user_change_record(
    *, actor: User | None, user: User, before: dict[str, Any] | None, password_changed: bool = False
) -> None:
    """The audit row of an account created (before is None) or changed on the Users screens: the fields
    that changed, old and new; a new password is recorded as changed, never its value."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("user_change_record() must run in the transaction that saved the account")
    after = account_facts(user)
    if before is None:
        changes = {key: [None, value] for key, value in after.items() if value not in (None, "", [], False)}
        audit_record(actor=actor, action="accounts.user.create", target=user, changes=changes)
        return
    changes = {key: [before[key], after[key]] for key in after if before.get(key) != after[key]}
    if password_changed:
        changes["password"] = ["", _("(đã đổi)")]
    if changes:
        audit_record(actor=actor, action="accounts.user.change", target=user, changes=changes)


@transaction.atomic
def user_delete(*, actor: User | None, user: User) -> None:
    """Delete an account, recording what it was; the audit rows it wrote keep its name (actor_name)."""
    audit_record(
        actor=actor,
        action="accounts.user.delete",
        target=user,
        changes={
            key: [value, None] for key, value in account_facts(user).items() if value not in (None, "", [])
        },
    )
    user.delete()


# --- Login security (docs/adr/0013-login-security.md) ---------------------------------------------

TOTP_DEVICE_NAME = "Ứng dụng xác thực"


def _totp_matches(key: str, token: str) -> TOTP | None:
    """The TOTP of the key that the token matches, one 30-second step either side for the phone's clock."""
    token = token.strip().replace(" ", "")
    if not (token.isdigit() and len(token) == 6):
        return None
    totp = TOTP(bytes.fromhex(key), step=30, t0=0, digits=6, drift=0)
    totp.time = time.time()
    return totp if totp.verify(int(token), tolerance=1) else None


@dataclass(frozen=True)
class TotpEnrolment:
    device: TOTPDevice
    backup_codes: list[str]  # shown once to the user; django-otp keeps them to check, nobody shows them again


@transaction.atomic
def totp_device_enrol(*, actor: User, key: str, token: str) -> TotpEnrolment:
    """Give the actor an authenticator: the secret key shown to them, confirmed by a code from their app,
    and a fresh set of backup codes for the day the phone is lost.

    The key lives in the actor's session until this call (nothing is stored while they scan the QR
    code); the device is created confirmed, replacing any earlier one, so a user never has two.
    """
    totp = _totp_matches(key, token)
    if totp is None:
        raise ValidationError(
            {"token": _("Mã xác thực không đúng. Hãy nhập mã 6 chữ số đang hiện trong ứng dụng.")}
        )
    TOTPDevice.objects.filter(user=actor).delete()
    # last_t: the code just used may not be used again to log in.
    device = TOTPDevice.objects.create(
        user=actor, name=TOTP_DEVICE_NAME, key=key, confirmed=True, last_t=totp.t(), drift=totp.drift
    )
    codes = _backup_codes_replace(actor)
    audit_record(
        actor=actor, action="accounts.totp.enrol", target=actor, changes={"backup_codes": [None, len(codes)]}
    )
    return TotpEnrolment(device=device, backup_codes=codes)


@transaction.atomic
def totp_device_remove(*, actor: User) -> int:
    """The user removes their own authenticator (a new phone), and with it their backup codes, which
    belong to it: a new enrolment gives new ones.

    Returns how many devices were removed (0 when there was none: nothing is recorded then). A user who
    must use a second factor is sent to enrol again at their next admin page. Another user's devices are
    reset by a system admin (two_factor_reset).
    """
    before = _two_factor_facts(actor)
    removed = _two_factor_devices_delete(actor)
    if removed:
        audit_record(
            actor=actor,
            action="accounts.totp.remove",
            target=actor,
            changes=_two_factor_changes(before, _two_factor_facts(actor)),
        )
    return removed


# --- Backup codes: django-otp's static plugin, one StaticDevice per user holding its unused codes ------

BACKUP_DEVICE_NAME = "Mã dự phòng"
BACKUP_CODE_COUNT = 10


def _backup_codes_replace(user: User) -> list[str]:
    """A new set of BACKUP_CODE_COUNT codes for the user; the previous set stops working.

    The user's static device is kept (its tokens replaced), so a session verified with a backup code
    stays verified when the user makes a new set from it."""
    device = StaticDevice.objects.filter(user=user).order_by("pk").first()
    if device is None:
        device = StaticDevice.objects.create(user=user, name=BACKUP_DEVICE_NAME, confirmed=True)
    StaticDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.token_set.all().delete()
    codes: set[str] = set()
    while len(codes) < BACKUP_CODE_COUNT:
        codes.add(StaticToken.random_token())  # 8 characters of base32, 40 random bits
    ordered = sorted(codes)
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in ordered)
    return ordered


@transaction.atomic
def backup_codes_regenerate(*, actor: User) -> list[str]:
    """A new set of backup codes for the actor, who has an authenticator; every code of the old set,
    used or not, stops working. Returns the codes, to be shown once."""
    if not TOTPDevice.objects.filter(user=actor, confirmed=True).exists():
        raise ValidationError(_("Hãy bật xác thực hai bước trước khi tạo mã dự phòng."))
    before = StaticToken.objects.filter(device__user=actor).count()
    codes = _backup_codes_replace(actor)
    audit_record(
        actor=actor,
        action="accounts.backup_codes.regenerate",
        target=actor,
        changes={"backup_codes": [before, len(codes)]},
    )
    return codes


def _is_totp_code(token: str) -> bool:
    return token.isdigit() and len(token) == 6


@dataclass(frozen=True)
class CodeCheck:
    """The outcome of a login's second-factor code."""

    device: Device | None  # the device the code was right for; None when it was wrong
    throttled: bool = False  # django-otp's throttle held it back: not checked, so not a failure either
    backup_codes_left: int | None = None  # set when a backup code was used


@transaction.atomic
def second_factor_verify(*, actor: User, token: str) -> CodeCheck:
    """Check a login's code: six digits from the authenticator, or one of the actor's backup codes.

    A backup code is used up (django-otp deletes it) and the use is audited with how many are left. The
    device's row is locked first, so two requests racing with the same code cannot both pass (on
    PostgreSQL; SQLite serialises writes). Counting failures toward the lockout is the view's part:
    django-axes needs the request.
    """
    model: type[TOTPDevice] | type[StaticDevice] = TOTPDevice if _is_totp_code(token) else StaticDevice
    device = model.objects.select_for_update().filter(user=actor, confirmed=True).order_by("pk").first()
    if device is None:
        return CodeCheck(device=None)
    if not device.verify_is_allowed()[0]:
        return CodeCheck(device=None, throttled=True)
    if not device.verify_token(token):
        return CodeCheck(device=None)
    if not isinstance(device, StaticDevice):
        return CodeCheck(device=device)
    left = device.token_set.count()
    audit_record(
        actor=actor,
        action="accounts.backup_codes.use",
        target=actor,
        changes={"backup_codes": [left + 1, left]},
    )
    return CodeCheck(device=device, backup_codes_left=left)


# --- A system admin's reset of another account's second factor (a lost phone) ------------------------


def _two_factor_facts(user: User) -> dict[str, Any]:
    return {
        "authenticator": TOTPDevice.objects.filter(user=user).exists(),
        "backup_codes": StaticToken.objects.filter(device__user=user).count(),
    }


def _two_factor_changes(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    return {key: [before[key], after[key]] for key in before if before[key] != after[key]}


def _two_factor_devices_delete(user: User) -> int:
    removed: int = TOTPDevice.objects.filter(user=user).delete()[0]
    # Counted by device: the static device's delete also counts its tokens.
    static = StaticDevice.objects.filter(user=user)
    removed += static.count()
    static.delete()
    return removed


@transaction.atomic
def two_factor_reset(*, actor: User | None, user: User, reason: str) -> int:
    """Remove another account's authenticator and backup codes, for a lost phone: a system admin on the
    Users screens, or an operator's command (actor None, the system). The reason is required.

    Returns how many devices were removed; 0 (nothing to reset) records nothing. The user's sessions
    verified with a removed device stop being verified (django-otp's middleware finds no device), and a
    user who must use a second factor enrols again at their next admin page. An admin cannot reset
    their own account this way: their own page (Xác thực hai bước) removes it while they are verified.
    """
    if actor is not None:
        require(actor, Cap.MANAGE_USERS)
        if actor.pk == user.pk:
            raise PermissionDenied(
                _("Không tự đặt lại xác thực hai bước của chính mình; hãy dùng trang Xác thực hai bước.")
            )
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Hãy ghi lý do đặt lại.")})
    before = _two_factor_facts(user)
    removed = _two_factor_devices_delete(user)
    if removed:
        audit_record(
            actor=actor,
            action="accounts.two_factor.reset",
            target=user,
            changes=_two_factor_changes(before, _two_factor_facts(user)),
            reason=reason,
        )
    return removed


@transaction.atomic
def login_lockout_record(*, username: str, ip_address: str | None) -> None:
    """Record that django-axes locked a username out from an address (its user_locked_out signal).

    The row names the account when it exists; a lockout of a username nobody has is only logged
    (signals.py), since an audit row needs a target.
    """
    user = User.objects.filter(username=username).first()
    if user is not None:
        audit_record(
            actor=None, action="accounts.login.lockout", target=user, changes={"ip": [None, ip_address]}
        )


@transaction.atomic
def login_lockout_reset(*, actor: User | None, username: str) -> int:
    """Lift the lockouts and forget the failures of a username, from every address (a system admin's
    unlock; the `axes_reset_username` command does the same without the audit row)."""
    if actor is not None:
        require(actor, Cap.MANAGE_USERS)
    target: Any = User.objects.filter(username=username).first()
    if target is None:
        target = AccessAttempt.objects.filter(username=username).first()
    removed = int(axes_reset(username=username))
    if removed and target is not None:
        audit_record(
            actor=actor, action="accounts.login.unlock", target=target, changes={"failures": [removed, 0]}
        )
    return removed
