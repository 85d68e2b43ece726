from __future__ import annotations

import logging
from typing import Any

logger = logging.getLogger("thidua.accounts.security")


def sync_roles_after_migrate(sender: Any, **kwargs: Any) -> None:
    from django.apps import apps
    from django.contrib.auth.management import create_permissions

    from thidua.accounts.services import roles_sync

    if getattr(sender, "label", None) != "accounts":
        return
    using = kwargs.get("using", "default")
    # Roles reference permissions of apps that migrate after this one; create them all first
    # (create_permissions is idempotent, and auth runs it again for each app anyway).
    for app_config in apps.get_app_configs():
        create_permissions(app_config, verbosity=0, using=using)
    roles_sync(using=using)


def record_lockout(sender: Any, request: Any, username: str, ip_address: str, **kwargs: Any) -> None:
    """django-axes locked a username out from an address: a warning in the log (for the operator's
    monitoring) and an audit row on the account, which the audit log shows to the province."""
    from thidua.accounts.services import login_lockout_record

    # axes sends the signal again for every attempt refused during the lockout; only the attempt that
    # locked (the one whose failures axes counted) is the lockout itself.
    if getattr(request, "axes_failures_since_start", None) is None:
        logger.info("Login refused during a lockout: username=%r ip=%s", username, ip_address)
        return
    logger.warning("Login locked out: username=%r ip=%s", username, ip_address)
    login_lockout_record(username=username or "", ip_address=ip_address)


def remember_login_time(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    """The session's start, from which SessionLimitsMiddleware counts SESSION_HOURS."""
    from thidua.accounts.middleware import session_start

    if request is not None and hasattr(request, "session"):
        session_start(request.session)
