from typing import Any

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
        from thidua.org.import_kinds import CHECK_JOB_KIND, import_kind_register
        from thidua.org.selectors.imports import IMPORT_JOB_KINDS
        from thidua.org.tasks import import_check, import_commit

        # The import service queues its saving step by the job's kind (core.jobs.job_schedule), so it
        # never imports the task module, which imports the services.
        for kind in IMPORT_JOB_KINDS.values():
            job_runner_register(kind=kind, task=import_commit)
        # The dry run of a large file, for every registered kind of import (the kind is a parameter).
        job_runner_register(kind=CHECK_JOB_KIND, task=import_check)
        # The import screens, the task and import_schedule serve every registered kind of import.
        for entry in _import_kinds():
            import_kind_register(entry)
        # The audit log names this app's actions in words; core may not import the app to learn them.
        audit_actions_register(audit_actions.ACTIONS, facts=audit_actions.FACTS, keys=audit_actions.KEYS)


def _import_kinds() -> list[Any]:
    from thidua.accounts.permissions import capabilities
    from thidua.accounts.roles import Cap
    from thidua.org.import_kinds import ImportKind
    from thidua.org.models import Organisation
    from thidua.org.presenters.imports import import_summary
    from thidua.org.selectors.exports import people_export_rows, units_export_rows
    from thidua.org.selectors.imports import IMPORT_JOB_KINDS
    from thidua.org.selectors.scope import user_scope_ids
    from thidua.org.services.imports.people import import_people
    from thidua.org.services.imports.units import import_units

    def holds(*caps: str) -> Any:
        return lambda user: bool(set(caps) & capabilities(user))

    def people_scope(user: Any) -> list[str]:
        """For a unit's officer, the units whose people they may import (shown on the page)."""
        if Cap.MANAGE_ALL_PEOPLE in capabilities(user):
            return []
        return [
            str(o) for o in Organisation.objects.filter(pk__in=user_scope_ids(user=user)).order_by("name")
        ]

    common: dict[str, Any] = {
        "url_prefix": "org_excel",
        "session_key": "org_excel_pending",
        "summary": import_summary,
    }
    return [
        ImportKind(
            kind="people",
            job_kind=IMPORT_JOB_KINDS["people"],
            importer=import_people,
            may_import=holds(Cap.MANAGE_ALL_PEOPLE, Cap.MANAGE_OWN_PEOPLE),
            may_export=holds(Cap.VIEW_ALL_PEOPLE, Cap.VIEW_OWN_PEOPLE),
            export=lambda user, params: people_export_rows(user=user),
            scope_names=people_scope,
            listing_url="org_person:index",
            title=_("cá nhân"),
            icon="user",
            slug="ca-nhan",
            **common,
        ),
        ImportKind(
            kind="units",
            job_kind=IMPORT_JOB_KINDS["units"],
            importer=import_units,
            may_import=holds(Cap.MANAGE_UNITS),
            may_export=holds(Cap.VIEW_REGISTRY),
            export=lambda user, params: (
                units_export_rows(user=user, level=params.get("level")),
                frozenset(),
            ),
            listing_url="org_unit:index",
            title=_("đơn vị hành chính"),
            icon="site",
            slug="don-vi-hanh-chinh",
            **common,
        ),
    ]
