"""Reads of the Excel import screens."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from thidua.core.models import Job

# Job.kind of each import; thidua/org/apps.py registers the saving task for both.
IMPORT_JOB_KINDS = {"people": "org.import.people", "units": "org.import.units"}


def import_jobs_recent(*, user: Any, kind: str, limit: int = 5) -> QuerySet[Job]:
    """The user's latest imports of this kind, for the import screen."""
    return Job.objects.filter(created_by_id=user.pk, kind=IMPORT_JOB_KINDS[kind]).order_by("-created_at")[
        :limit
    ]
