from typing import Any

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
        audit_actions_register(audit_actions.ACTIONS, facts=audit_actions.FACTS, keys=audit_actions.KEYS)
        _register_imports()
        _register_honour_board()


def _register_honour_board() -> None:
    """The portal's honour board reads the registry (#13 designed it to take a source)."""
    from thidua.awards.selectors.honours import registry_honours
    from thidua.portal.selectors.honours import honour_source_register

    honour_source_register(registry_honours)


def _register_imports() -> None:
    """The registry's Excel imports join org's import machinery (ADR 0010): their sheet layouts, their
    kinds (importer, permission, screens) and the saving task, which org may not learn by importing
    this app."""
    from thidua.awards import spreadsheets
    from thidua.awards.presenters.imports import import_summary
    from thidua.awards.selectors.access import can_manage_decisions
    from thidua.awards.selectors.imports import can_import_ratings, ratings_scope_names
    from thidua.awards.services.imports import import_award_decisions, import_ratings
    from thidua.core.jobs import job_runner_register
    from thidua.org.import_kinds import ImportKind, import_kind_register
    from thidua.org.spreadsheets import sheet_register
    from thidua.org.tasks import import_commit

    for sheet in spreadsheets.SHEETS.values():
        sheet_register(sheet)
    common: dict[str, Any] = {
        "url_prefix": "awards_excel",
        "session_key": "awards_excel_pending",
        "summary": import_summary,
        "icon": "pick",
        # 100,000 rows of the decisions' layout weigh about 4 MB; room for long names and summaries.
        "max_upload_bytes": 20 * 1024 * 1024,
    }
    for entry in (
        ImportKind(
            kind="award_decisions",
            job_kind="awards.import.decisions",
            importer=import_award_decisions,
            may_import=can_manage_decisions,
            listing_url="awards_decision:index",
            title=_("quyết định khen thưởng"),
            slug="quyet-dinh-khen-thuong",
            **common,
        ),
        ImportKind(
            kind="ratings",
            job_kind="awards.import.ratings",
            importer=import_ratings,
            may_import=can_import_ratings,
            scope_names=ratings_scope_names,
            listing_url="awards_rating:index",
            title=_("xếp loại hằng năm"),
            slug="xep-loai-hang-nam",
            **common,
        ),
    ):
        import_kind_register(entry)
        job_runner_register(kind=entry.job_kind, task=import_commit)
