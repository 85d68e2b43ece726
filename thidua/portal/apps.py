from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "thidua.portal"
    label = "portal"
    verbose_name = _("Cổng thông tin")

    def ready(self) -> None:
        from thidua.core.audit_actions import audit_actions_register
        from thidua.portal import audit_actions, signals

        audit_actions_register(audit_actions.ACTIONS, facts=audit_actions.FACTS, keys=audit_actions.KEYS)
        # Wagtail's editor and its workflow screens change pages through Wagtail's own actions; these
        # receivers copy each editorial step into the project's audit log (services.editorial).
        signals.connect()
