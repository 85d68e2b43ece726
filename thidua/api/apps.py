from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "thidua.api"
    label = "api"
    verbose_name = _("API")

    def ready(self) -> None:
        from thidua.api import audit_actions, schema  # noqa: F401  (schema: registers the token scheme)
        from thidua.core.audit_actions import audit_actions_register

        # The audit log names this app's actions in words; core may not import the app to learn them.
        audit_actions_register(audit_actions.ACTIONS, keys=audit_actions.KEYS)
