from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "thidua.documents"
    label = "documents"
    verbose_name = _("Văn bản")

    def ready(self) -> None:
        from thidua.core.audit_actions import audit_actions_register
        from thidua.documents import audit_actions

        audit_actions_register(audit_actions.ACTIONS, facts=audit_actions.FACTS)
