"""Reads of API tokens: the lookup behind every token-authenticated request, and the lists."""

from __future__ import annotations

import hashlib
from typing import Any

from django.db.models import QuerySet

from thidua.accounts.permissions import has_capability
from thidua.accounts.roles import Cap
from thidua.api.models import ApiToken

# Every token starts with this, so a secret pasted into a log or a repository is easy to recognise
# (and to search for with a secret scanner).
TOKEN_PREFIX = "thidua_"


def token_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def token_for_secret(secret: str) -> ApiToken | None:
    """The token whose secret this is, with its user, whatever its state (the caller checks it).

    Looked up by the hash: the comparison happens inside the database's unique index on a value the
    caller cannot choose, so timing tells nothing about any stored secret.
    """
    if not secret.startswith(TOKEN_PREFIX) or len(secret) > 200:
        return None
    return ApiToken.objects.select_related("user").filter(key_hash=token_hash(secret)).first()


def tokens_visible_to(*, user: Any) -> QuerySet[ApiToken]:
    """Every token for a system administrator (who issues them); otherwise the user's own."""
    tokens = ApiToken.objects.select_related("user", "created_by", "revoked_by")
    if has_capability(user, Cap.MANAGE_USERS):
        return tokens
    if getattr(user, "pk", None) is None:
        return tokens.none()
    return tokens.filter(user=user)
