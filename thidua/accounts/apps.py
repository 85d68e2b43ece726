from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "thidua.accounts"
    label = "accounts"
    verbose_name = _("Tài khoản và vai trò")

    def ready(self) -> None:
        from thidua.accounts import signals

        # Role groups carry model permissions, which exist only after every app has migrated;
        # post_migrate is Django's hook for exactly this (it is how auth creates permissions).
        post_migrate.connect(signals.sync_roles_after_migrate, dispatch_uid="thidua_sync_roles")
