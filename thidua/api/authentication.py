"""`Authorization: Bearer thidua_…`: the request acts as the token's user, with that user's roles and
unit scope, so every selector and service scopes it exactly as it scopes the user's own session."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework import authentication, exceptions

from thidua.api.selectors.tokens import token_for_secret
from thidua.api.services.tokens import api_token_mark_used


class ApiTokenAuthentication(authentication.BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request: Any) -> tuple[Any, Any] | None:
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.lower().encode():
            return None  # not ours: the session may still authenticate the request
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(_("Tiêu đề Authorization phải là «Bearer <mã truy cập>»."))
        try:
            secret = header[1].decode("ascii")
        except UnicodeDecodeError:
            raise exceptions.AuthenticationFailed(_("Mã truy cập không hợp lệ.")) from None
        token = token_for_secret(secret)
        if token is None:
            raise exceptions.AuthenticationFailed(_("Mã truy cập không hợp lệ."))
        now = timezone.now()
        if token.revoked_at is not None:
            raise exceptions.AuthenticationFailed(_("Mã truy cập đã bị thu hồi."))
        if token.expires_at is not None and token.expires_at <= now:
            raise exceptions.AuthenticationFailed(_("Mã truy cập đã hết hạn."))
        if not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("Tài khoản gắn với mã truy cập đã bị khoá."))
        api_token_mark_used(token=token, now=now)
        return token.user, token

    def authenticate_header(self, request: Any) -> str:
        # A 401 (not a 403) for a missing or bad token: the client learns it must authenticate.
        return f'{self.keyword} realm="api"'
