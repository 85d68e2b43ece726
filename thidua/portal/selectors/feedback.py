"""Reads of the contact page's messages: the editors' queue and the publicly answered questions."""

from __future__ import annotations

from django.db.models import QuerySet

from thidua.portal.models import Feedback


def feedback_queue(*, status: str | None = None) -> QuerySet[Feedback]:
    items = Feedback.objects.select_related("answered_by")
    return items.filter(status=status) if status else items


def answered_feedback(*, limit: int = 20) -> list[Feedback]:
    """Questions answered publicly, newest answer first: only the subject, question and answer are
    shown, never the sender's e-mail or phone."""
    return list(
        Feedback.objects.filter(status=Feedback.Status.ANSWERED)
        .only("subject", "message", "answer", "answered_at", "created_at")
        .order_by("-answered_at")[:limit]
    )
