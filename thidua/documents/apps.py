from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "thidua.documents"
    label = "documents"
    verbose_name = _("Văn bản")

    def ready(self) -> None:
        from thidua.core.audit_actions import audit_actions_register
        from thidua.core.jobs import job_runner_register
        from thidua.documents import (
            audit_actions,
            checks,  # noqa: F401  (registers the font check)
        )
        from thidua.documents.services.certificates import CERTIFICATES_JOB_KIND
        from thidua.documents.tasks import certificates_print

        audit_actions_register(
            audit_actions.ACTIONS,
            facts=audit_actions.FACTS,
            keys=audit_actions.KEYS,
            values=audit_actions.VALUES,
        )
        # The print service queues the task by the job's kind (core.jobs.job_schedule).
        job_runner_register(kind=CERTIFICATES_JOB_KIND, task=certificates_print)
