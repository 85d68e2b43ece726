"""Capability checks used by services, selectors and views."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from thidua.accounts.roles import ROLES, Cap


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


def may_watch_any_job(user: Any, job: Any) -> bool:
    """Whoever may read the audit log may also watch other people's background jobs.

    Registered with thidua.core.jobs in AccountsConfig.ready(): core checks only a job's owner and
    knows no roles.
    """
    return has_capability(user, Cap.VIEW_AUDIT)


def require(user: Any, *caps: str) -> None:
    """Raise PermissionDenied unless the user holds at least one of the capabilities."""
    held = capabilities(user)
    if not any(cap in held for cap in caps):
        raise PermissionDenied(_("Bạn không có quyền thực hiện thao tác này."))
