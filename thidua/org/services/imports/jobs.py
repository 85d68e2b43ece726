"""Queue the saving step of a confirmed import as a background job."""

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
from thidua.org.import_kinds import import_kind
from thidua.org.services.imports.stash import pending_path, upload_path
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
    return job
