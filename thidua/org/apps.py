from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgConfig(AppConfig):
    name = "thidua.org"
    label = "org"
    verbose_name = _("Danh mục tổ chức")

    def ready(self) -> None:
        from thidua.core.jobs import job_runner_register
        from thidua.org.selectors.imports import IMPORT_JOB_KINDS
        from thidua.org.tasks import import_commit

        # The import service queues its saving step by the job's kind (core.jobs.job_schedule), so it
        # never imports the task module, which imports the services.
        for kind in IMPORT_JOB_KINDS.values():
            job_runner_register(kind=kind, task=import_commit)
