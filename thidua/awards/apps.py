from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AwardsConfig(AppConfig):
    name = "thidua.awards"
    label = "awards"
    verbose_name = _("Khen thưởng")

    def ready(self) -> None:
        from thidua.awards import audit_actions
        from thidua.core.audit_actions import audit_actions_register

        # The audit log names this app's actions in words; core may not import the app to learn them.
        audit_actions_register(audit_actions.ACTIONS, keys=audit_actions.KEYS)
