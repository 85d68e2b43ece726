"""The kinds of Excel import the import screens, the saving task and import_schedule() serve.

Org registers its own (people, units) and other apps register theirs from their AppConfig.ready()
(the awards registry's decisions and ratings), as core.jobs does for job runners: org may not import
those apps (import-linter), so it learns about them here instead. This module imports nothing of org's
layers, so services, selectors, views and tasks may all read it.

An importer is a service `importer(*, actor, rows, dry_run, on_progress=None) -> ImportReport` that
plans the rows of thidua.org.spreadsheets.read_rows() and, unless dry_run, saves them all or nothing
(thidua/org/services/imports/common.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

# core.Job.kind of the background dry run of a large file, for every kind of import (the kind is in the
# job's params); org registers thidua.org.tasks.import_check for it in OrgConfig.ready().
CHECK_JOB_KIND = "org.import.check"

# Whether a user may use a screen; the registry's permission checks come from the owning app.
UserCheck = Callable[[Any], bool]


@dataclass(frozen=True)
class ImportKind:
    kind: str  # the sheet's kind (thidua.org.spreadsheets.get_sheet) and the URL's <kind>
    job_kind: str  # core.Job.kind of its saving job
    importer: Callable[..., Any]
    # The report in one sentence (preview, job message): presenters/imports.py's import_summary for org.
    summary: Callable[[Any], str]
    may_import: UserCheck
    listing_url: str  # the URL name the finished job links to
    # The screens: the URL names are <url_prefix>_import, _confirm, _checked, _template, _failed, _export.
    url_prefix: str
    title: Any  # lazy text: «Nhập <title> từ Excel»
    icon: str
    slug: str  # the downloaded template's name: mau-nhap-<slug>.xlsx
    # The session key under which an upload waits for its confirmation (one per app's screens).
    session_key: str
    may_export: UserCheck | None = None
    # export(user, GET parameters) -> (rows, columns to omit), in the sheet's layout.
    export: Callable[[Any, Any], tuple[list[dict[str, Any]], frozenset[str]]] | None = None
    # For a scoped officer: the units whose rows they may import, shown on the page.
    scope_names: Callable[[Any], list[str]] | None = None
    max_upload_bytes: int = 5 * 1024 * 1024


_kinds: dict[str, ImportKind] = {}


def import_kind_register(entry: ImportKind) -> None:
    """Add a kind of import; called from the owning app's AppConfig.ready()."""
    _kinds[entry.kind] = entry


def import_kind(kind: str) -> ImportKind | None:
    return _kinds.get(kind)


def import_kinds() -> list[ImportKind]:
    return list(_kinds.values())
