from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "thidua.core"
    label = "core"
    verbose_name = _("Nền tảng")

    def ready(self) -> None:
        from django.db import models
        from wagtail.admin.forms.models import register_form_field_override

        from thidua.core import backup, lookups
        from thidua.core.audit_actions import audit_actions_register
        from thidua.core.forms import VNDateField, VNDateInput

        audit_actions_register(backup.ACTIONS)
        # field__in_values: a list of any length as one query parameter (core/lookups.py).
        lookups.register()

        # Every model DateField on a Wagtail form (the viewsets' generated forms, and model forms
        # built on WagtailAdminModelForm) reads and shows dd/mm/yyyy; see core/forms.py for why.
        # core is the first installed app, so this runs before any app's form class is built.
        register_form_field_override(
            models.DateField, override={"form_class": VNDateField, "widget": VNDateInput}
        )
