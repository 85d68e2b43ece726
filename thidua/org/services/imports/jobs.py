"""Queue the saving step of a confirmed import, and the dry run of a large file, as background jobs."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from thidua.core.jobs import job_schedule
from thidua.core.models import Job
from thidua.org.import_kinds import CHECK_JOB_KIND, import_kind
from thidua.org.services.imports.stash import check_path, pending_path, upload_path
from thidua.org.spreadsheets import get_sheet

if TYPE_CHECKING:
    from thidua.accounts.models import User


@transaction.atomic(durable=True)
def import_schedule(*, actor: User, kind: str, token: str, filename: str) -> Job:
    """Create the progress record of an import and queue its saving step once this transaction commits.

    The stashed file moves to imports/<job id>.xlsx, where the task finds it (and deletes it). The task
    is the one registered for the job's kind (thidua.org.tasks.import_commit, by org's and the awards
    app's AppConfig.ready()); it is not imported here, since the task module imports the services.
    Any registered kind of import (thidua.org.import_kinds) is scheduled the same way.
    """
    entry = import_kind(kind)
    if entry is None:
        raise ValueError(f"unknown import kind: {kind!r}")
    if not entry.may_import(actor):
        raise PermissionDenied(_("Bạn không có quyền thực hiện thao tác này."))
    pending = pending_path(token)
    if not pending.exists():
        raise ValidationError(
            _("Tệp tải lên không còn trên máy chủ (đã quá hạn hoặc đã được nhập). Hãy tải lên lại.")
        )
    # The job's title is stored and shown later, so it stays Vietnamese whatever the officer's language
    # (docs/i18n.md, "What not to wrap"); the sheet's noun is translated, so it is taken in Vietnamese.
    with translation.override(settings.LANGUAGE_CODE):
        noun = str(get_sheet(kind).noun)
    # After commit (job_schedule): the worker must find the Job row and the moved file, and the
    # immediate backend used in tests and the demo runs the task right away.
    job = job_schedule(
        actor=actor,
        kind=entry.job_kind,
        title=f"Nhập {noun} từ tệp «{filename[:200]}»",
        params={"kind": kind, "filename": filename, "actor_id": actor.pk},
    )
    os.replace(pending, upload_path(name=f"{job.pk}.xlsx"))
    # A background dry run's outcome is of no use once the file is on its way to be saved.
    check_path(token).unlink(missing_ok=True)
    return job


@transaction.atomic(durable=True)
def import_check_schedule(*, actor: User, kind: str, token: str, filename: str, language: str) -> Job:
    """Queue the dry run of a large stashed upload as a background job (thidua.org.tasks.import_check).

    Nothing is saved: the task checks the file as the import screen does for a small one and keeps the
    outcome next to the stashed file (stash.check_store), and the job links to the result screen, which
    only the job's owner may open. `language` is the officer's, in which the errors are written.
    """
    entry = import_kind(kind)
    if entry is None:
        raise ValueError(f"unknown import kind: {kind!r}")
    if not entry.may_import(actor):
        raise PermissionDenied(_("Bạn không có quyền thực hiện thao tác này."))
    if not pending_path(token).exists():
        raise ValidationError(_("Tệp tải lên không còn trên máy chủ. Hãy tải lên lại."))
    with translation.override(settings.LANGUAGE_CODE):
        noun = str(get_sheet(kind).noun)
    return job_schedule(
        actor=actor,
        kind=CHECK_JOB_KIND,
        title=f"Kiểm tra tệp {noun} «{filename[:200]}»",
        params={
            "kind": kind,
            "filename": filename,
            "actor_id": actor.pk,
            "token": token,
            "language": language,
        },
    )
