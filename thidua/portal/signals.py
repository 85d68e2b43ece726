"""Receivers of Wagtail's page and workflow signals: each editorial step reaches the audit log.

Wagtail's admin publishes, submits and approves pages through its own action classes, which log to
Wagtail's history; the project's audit log (core.audit) is where officers look for who did what, so
the receivers hand each step to services.editorial.editorial_step_record, which records it under
the page's own codes (an article's, or a library document's).
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

from thidua.portal.services.editorial import editorial_step_record
from thidua.portal.services.page_cache import page_cache_bump


def _acting_user(fallback: Any = None) -> Any:
    """Who acts: Wagtail's publish and unpublish signals name no user, but its admin views run inside a
    LogContext holding the signed-in user (the editor-in-chief who approved, or who clicked Gỡ). Outside
    the admin (publish_scheduled, a command) there is none, and the fallback stands."""
    from wagtail.log_actions import get_active_log_context

    user = getattr(get_active_log_context(), "user", None)
    return user if getattr(user, "is_authenticated", False) else fallback


def _published(sender: Any, instance: Any, revision: Any = None, **kwargs: Any) -> None:
    editorial_step_record(
        actor=_acting_user(getattr(revision, "user", None)),
        step="publish",
        page=instance,
        changes={"revision": getattr(revision, "pk", None)},
    )


def _unpublished(sender: Any, instance: Any, **kwargs: Any) -> None:
    editorial_step_record(actor=_acting_user(kwargs.get("user")), step="unpublish", page=instance)


def _submitted(sender: Any, instance: Any, user: Any = None, **kwargs: Any) -> None:
    editorial_step_record(
        actor=user,
        step="submit",
        page=instance.content_object,
        changes={"workflow": str(instance.workflow)},
    )


def _task_approved(sender: Any, instance: Any, user: Any = None, **kwargs: Any) -> None:
    editorial_step_record(
        actor=user,
        step="approve",
        page=instance.workflow_state.content_object,
        changes={"task": str(instance.task)},
    )


def _task_rejected(sender: Any, instance: Any, user: Any = None, **kwargs: Any) -> None:
    editorial_step_record(
        actor=user,
        step="reject",
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
