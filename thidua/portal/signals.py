"""Receivers of Wagtail's page and workflow signals: each editorial step reaches the audit log.

Wagtail's admin publishes, submits and approves pages through its own action classes, which log to
Wagtail's history; the project's audit log (core.audit) is where officers look for who did what, so
the receivers hand each step to services.editorial.article_event_record.
"""

from __future__ import annotations

from typing import Any

from wagtail.signals import page_published, page_unpublished, task_approved, task_rejected, workflow_submitted

from thidua.portal.services.editorial import article_event_record


def _published(sender: Any, instance: Any, revision: Any = None, **kwargs: Any) -> None:
    article_event_record(
        actor=getattr(revision, "user", None),
        action="portal.article.publish",
        page=instance,
        changes={"revision": getattr(revision, "pk", None)},
    )


def _unpublished(sender: Any, instance: Any, **kwargs: Any) -> None:
    article_event_record(actor=kwargs.get("user"), action="portal.article.unpublish", page=instance)


def _submitted(sender: Any, instance: Any, user: Any = None, **kwargs: Any) -> None:
    article_event_record(
        actor=user,
        action="portal.article.submit",
        page=instance.content_object,
        changes={"workflow": str(instance.workflow)},
    )


def _task_approved(sender: Any, instance: Any, user: Any = None, **kwargs: Any) -> None:
    article_event_record(
        actor=user,
        action="portal.article.approve",
        page=instance.workflow_state.content_object,
        changes={"task": str(instance.task)},
    )


def _task_rejected(sender: Any, instance: Any, user: Any = None, **kwargs: Any) -> None:
    article_event_record(
        actor=user,
        action="portal.article.reject",
        page=instance.workflow_state.content_object,
        changes={"task": str(instance.task)},
        reason=str(getattr(instance, "comment", "") or ""),
    )


def connect() -> None:
    page_published.connect(_published, dispatch_uid="portal_audit_published")
    page_unpublished.connect(_unpublished, dispatch_uid="portal_audit_unpublished")
    workflow_submitted.connect(_submitted, dispatch_uid="portal_audit_submitted")
    task_approved.connect(_task_approved, dispatch_uid="portal_audit_task_approved")
    task_rejected.connect(_task_rejected, dispatch_uid="portal_audit_task_rejected")
