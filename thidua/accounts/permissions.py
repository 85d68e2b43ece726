"""Capability checks used by services, selectors and views."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from thidua.accounts.roles import ROLES


def role_codes(user: Any) -> frozenset[str]:
    """The role codes the user holds, cached on the user object for the request."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset()
    cached = getattr(user, "_thidua_role_codes", None)
    if cached is None:
        cached = frozenset(user.groups.filter(role__isnull=False).values_list("role__code", flat=True))
        user._thidua_role_codes = cached
    return cached


def capabilities(user: Any) -> frozenset[str]:
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset()
    if user.is_superuser:
        return frozenset().union(*(spec.capabilities for spec in ROLES.values()))
    return frozenset().union(*(ROLES[code].capabilities for code in role_codes(user) if code in ROLES))


def has_capability(user: Any, capability: str) -> bool:
    return capability in capabilities(user)


def require(user: Any, *caps: str) -> None:
    """Raise PermissionDenied unless the user holds at least one of the capabilities."""
    held = capabilities(user)
    if not any(cap in held for cap in caps):
        raise PermissionDenied(_("Bạn không có quyền thực hiện thao tác này."))
