from __future__ import annotations

from typing import Any


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
