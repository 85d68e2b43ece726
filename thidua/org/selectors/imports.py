"""Reads of the Excel import screens."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from thidua.core.models import Job
from thidua.org.import_kinds import import_kind

# Job.kind of org's imports; thidua/org/apps.py registers them (thidua.org.import_kinds) and the saving
# task for both. Other apps' kinds name their own job kinds.
IMPORT_JOB_KINDS = {"people": "org.import.people", "units": "org.import.units"}


def import_jobs_recent(*, user: Any, kind: str, limit: int = 5) -> QuerySet[Job]:
    """The user's latest imports of this kind, for the import screen."""
    entry = import_kind(kind)
    job_kind = entry.job_kind if entry is not None else IMPORT_JOB_KINDS[kind]
    return Job.objects.filter(created_by_id=user.pk, kind=job_kind).order_by("-created_at")[:limit]
