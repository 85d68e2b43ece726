from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "thidua.accounts"
    label = "accounts"
    verbose_name = _("Tài khoản và vai trò")

    def ready(self) -> None:
        from thidua.accounts import audit_actions, signals
        from thidua.accounts.permissions import may_watch_any_job
        from thidua.core.audit_actions import audit_actions_register
        from thidua.core.jobs import job_viewer_register

        # Core's job pages know only the job's owner; the rest of who may watch a job is a role rule.
        job_viewer_register(may_watch_any_job)
        # The audit log names this app's actions in words; core may not import the app to learn them.
        audit_actions_register(audit_actions.ACTIONS, keys=audit_actions.KEYS, values=audit_actions.VALUES)

        # Role groups carry model permissions, which exist only after every app has migrated;
        # post_migrate is Django's hook for exactly this (it is how auth creates permissions).
        post_migrate.connect(signals.sync_roles_after_migrate, dispatch_uid="thidua_sync_roles")

        # Lockouts are audited and logged; a login starts the session's clock (SESSION_HOURS).
        from axes.signals import user_locked_out
        from django.contrib.auth.signals import user_logged_in

        user_locked_out.connect(signals.record_lockout, dispatch_uid="thidua_record_lockout")
        user_logged_in.connect(signals.remember_login_time, dispatch_uid="thidua_login_time")
