"""Issuing and revoking API tokens. The secret exists in clear only in the value returned by
api_token_create(): it is shown once to whoever issued it and never stored."""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.accounts.permissions import require
from thidua.accounts.roles import Cap
from thidua.api.models import ApiToken
from thidua.api.selectors.tokens import TOKEN_PREFIX, token_hash
from thidua.core.audit import audit_record
from thidua.core.formatting import nfc

if TYPE_CHECKING:
    from thidua.accounts.models import User

# A token unused for this long is not marked again: one write a minute at most per token, not one
# per request (a busy integration sends many).
LAST_USED_GRANULARITY = dt.timedelta(minutes=1)
MAX_DAYS = 3650


@dataclass(frozen=True)
class IssuedToken:
    token: ApiToken
    secret: str  # shown once; only its hash is stored


@transaction.atomic
def api_token_create(*, actor: User | None, user: User, name: str, days: int | None = None) -> IssuedToken:
    """Issue a token acting as `user`. A system administrator issues them (or a command, actor None)."""
    if actor is not None:
        require(actor, Cap.MANAGE_USERS)
    name = nfc(name.strip())
    errors: dict[str, list[str]] = {}
    if not name:
        errors["name"] = [_("Hãy ghi tên hệ thống sẽ dùng mã truy cập này.")]
    elif len(name) > ApiToken._meta.get_field("name").max_length:  # type: ignore[operator]
        errors["name"] = [_("Tên quá dài.")]
    if days is not None and not 1 <= days <= MAX_DAYS:
        errors["days"] = [_("Thời hạn phải từ 1 đến %(max)s ngày.") % {"max": MAX_DAYS}]
    if not user.is_active:
        errors["user"] = [_("Tài khoản này đã bị khoá; không cấp được mã truy cập.")]
    if errors:
        raise ValidationError(errors)
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    expires_at = timezone.now() + dt.timedelta(days=days) if days is not None else None
    token = ApiToken.objects.create(
        name=name,
        user=user,
        prefix=secret[: len(TOKEN_PREFIX) + 6],
        key_hash=token_hash(secret),
        created_by=actor if actor is not None and actor.pk else None,
        expires_at=expires_at,
    )
    audit_record(
        actor=actor,
        action="api.token.create",
        target=token,
        changes={
            "name": [None, name],
            "user": [None, user.get_username()],
            "expires_at": [None, expires_at.isoformat() if expires_at else None],
        },
    )
    return IssuedToken(token=token, secret=secret)


@transaction.atomic
def api_token_revoke(*, actor: User | None, token: ApiToken, reason: str = "") -> ApiToken:
    """Revoke a token at once; the next request with it is refused. A token's own user may revoke it
    too (a leaked secret should not wait for an administrator)."""
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if actor is not None and actor.pk != token.user_id:
        require(actor, Cap.MANAGE_USERS)
    if token.revoked_at is not None:
        raise ValidationError(_("Mã truy cập này đã bị thu hồi từ trước."))
    token.revoked_at = timezone.now()
    token.revoked_by = actor if actor is not None and actor.pk else None
    token.save(update_fields=["revoked_at", "revoked_by", "updated_at"])
    audit_record(
        actor=actor,
        action="api.token.revoke",
        target=token,
        changes={"revoked_at": [None, token.revoked_at.isoformat()]},
        reason=nfc(reason.strip()),
    )
    return token


def api_token_mark_used(*, token: ApiToken, now: dt.datetime) -> None:
    """Note when the token was last used. Bookkeeping, not a change anyone makes: no audit row (it
    would be one per request) and a single UPDATE outside any transaction of the request's own."""
    if token.last_used_at is not None and now - token.last_used_at < LAST_USED_GRANULARITY:
        return
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    token.last_used_at = now
