from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgConfig(AppConfig):
    name = "thidua.org"
    label = "org"
    verbose_name = _("Danh mục tổ chức")

    def ready(self) -> None:
        from thidua.core.audit_actions import audit_actions_register
        from thidua.core.jobs import job_runner_register
        from thidua.org import audit_actions
        from thidua.org.selectors.imports import IMPORT_JOB_KINDS
        from thidua.org.tasks import import_commit

        # The import service queues its saving step by the job's kind (core.jobs.job_schedule), so it
        # never imports the task module, which imports the services.
        for kind in IMPORT_JOB_KINDS.values():
            job_runner_register(kind=kind, task=import_commit)
        # The audit log names this app's actions in words; core may not import the app to learn them.
        audit_actions_register(audit_actions.ACTIONS, facts=audit_actions.FACTS, keys=audit_actions.KEYS)
