from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EmulationConfig(AppConfig):
    name = "thidua.emulation"
    label = "emulation"
    verbose_name = _("Thi đua")

    def ready(self) -> None:
        from thidua.core.audit_actions import audit_actions_register
        from thidua.emulation import audit_actions

        # The audit log names this app's actions in words; core may not import the app to learn them.
        audit_actions_register(audit_actions.ACTIONS, facts=audit_actions.FACTS, keys=audit_actions.KEYS)
