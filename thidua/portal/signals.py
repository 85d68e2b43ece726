"""Receivers of Wagtail's page and workflow signals: each editorial step reaches the audit log.

Wagtail's admin publishes, submits and approves pages through its own action classes, which log to
Wagtail's history; the project's audit log (core.audit) is where officers look for who did what, so
the receivers hand each step to services.editorial.article_event_record.
"""

from __future__ import annotations

from typing import Any

from wagtail.signals import (
    page_published,
    page_unpublished,
    post_page_move,
    task_approved,
    task_rejected,
    workflow_submitted,
)

from thidua.portal.services.editorial import article_event_record
from thidua.portal.services.page_cache import page_cache_bump


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


def _page_changed(sender: Any, **kwargs: Any) -> None:
    # A settings row created on a site's first request holds only defaults: nothing shown changed.
    if not kwargs.get("created", False):
        page_cache_bump()


def connect() -> None:
    from django.db.models.signals import post_delete, post_save
    from wagtail.models import Page

    from thidua.portal.models import PortalSettings

    # What a public page shows has changed: stored pages are stale (middleware.PortalPageCacheMiddleware).
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(_page_changed, dispatch_uid=f"portal_cache_{id(signal)}")
    post_delete.connect(_page_changed, sender=Page, dispatch_uid="portal_cache_page_delete")
    post_save.connect(_page_changed, sender=PortalSettings, dispatch_uid="portal_cache_settings")

    page_published.connect(_published, dispatch_uid="portal_audit_published")
    page_unpublished.connect(_unpublished, dispatch_uid="portal_audit_unpublished")
    workflow_submitted.connect(_submitted, dispatch_uid="portal_audit_submitted")
    task_approved.connect(_task_approved, dispatch_uid="portal_audit_task_approved")
    task_rejected.connect(_task_rejected, dispatch_uid="portal_audit_task_rejected")
