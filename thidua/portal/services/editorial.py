"""Editorial work: the approval workflow's setup and the audit of each step.

The workflow (Wagtail's): a writer (a portal editor) writes and submits; another editor (or the
editor-in-chief) reads it in the editor's step, where the writer cannot approve their own article;
the editor-in-chief approves for publication, which publishes it, or schedules it when the article
has a "go live" time (the worker's tick runs publish_scheduled).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from thidua.core.audit import audit_record
from thidua.portal.models import DocumentPage, EditorReviewTask, HomePage

if TYPE_CHECKING:
    from thidua.accounts.models import User

WORKFLOW_NAME = "Duyệt bài cổng thông tin"
EDITOR_TASK = "Biên tập"
CHIEF_TASK = "Trưởng Ban biên tập duyệt đăng"
# Wagtail's page permissions: editors write and edit, only the editor-in-chief publishes.
EDITOR_PAGE_PERMS = ("add_page", "change_page")
CHIEF_PAGE_PERMS = ("add_page", "change_page", "publish_page", "lock_page", "unlock_page")
MEDIA_PERMS = {
    "wagtailimages": ("add_image", "change_image", "choose_image"),
    "wagtaildocs": ("add_document", "change_document", "choose_document"),
}


def root_collection() -> Collection:
    """Wagtail's root collection, made again if a flushed database lost it (transactional tests,
    a database emptied since its migrations ran), like portal_home_ensure does for the home page."""
    root: Collection | None = Collection.get_first_root_node()
    return root if root is not None else Collection.add_root(name="Root")


def _role_group(code: str) -> Group:
    return Group.objects.get(role__code=code)


@transaction.atomic
def editorial_setup(*, actor: User | None, home: HomePage) -> Workflow:
    """Give the portal roles their rights on the site's pages and media, and put the site under the
    approval workflow (idempotent: run again, it changes nothing)."""
    from thidua.accounts.roles import RoleCode

    editors = _role_group(RoleCode.PORTAL_EDITOR)
    chiefs = _role_group(RoleCode.EDITOR_IN_CHIEF)
    for group, codenames in ((editors, EDITOR_PAGE_PERMS), (chiefs, CHIEF_PAGE_PERMS)):
        for codename in codenames:
            permission = Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)
            GroupPagePermission.objects.get_or_create(group=group, page=home, permission=permission)
        root = root_collection()
        for app_label, media_codenames in MEDIA_PERMS.items():
            for codename in media_codenames:
                permission = Permission.objects.get(content_type__app_label=app_label, codename=codename)
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=root, permission=permission
                )

    editor_task = EditorReviewTask.objects.filter(name=EDITOR_TASK).first()
    if editor_task is None:
        editor_task = EditorReviewTask.objects.create(name=EDITOR_TASK)
    editor_task.groups.set([editors, chiefs])
    chief_task = GroupApprovalTask.objects.filter(name=CHIEF_TASK).first()
    if chief_task is None:
        chief_task = GroupApprovalTask.objects.create(name=CHIEF_TASK)
    chief_task.groups.set([chiefs])
    workflow, created = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    for order, task in enumerate((editor_task, chief_task)):
        WorkflowTask.objects.update_or_create(workflow=workflow, task=task, defaults={"sort_order": order})
    WorkflowPage.objects.update_or_create(page=home, defaults={"workflow": workflow})
    if created:
        audit_record(
            actor=actor,
            action="portal.editorial.setup",
            target=home,
            changes={"workflow": WORKFLOW_NAME, "tasks": [EDITOR_TASK, CHIEF_TASK]},
        )
    return workflow


# The steps of the workflow the project's audit log records (the receivers in signals.py).
EDITORIAL_STEPS = ("submit", "approve", "reject", "publish", "unpublish")


@transaction.atomic
def editorial_step_record(
    *,
    actor: User | Any | None,
    step: str,
    page: Page,
    changes: dict[str, Any] | None = None,
    reason: str = "",
) -> None:
    """One editorial step (submitted, approved, rejected, published, unpublished) in the project's audit
    log, under the codes of what the page is: an official document of the library (DocumentPage) has its
    own codes, so that the log of the Văn bản section is not mixed with the news articles' and a filter
    by action finds it; every other page (an article, a section, the results page) is an article."""
    if step not in EDITORIAL_STEPS:
        raise ValueError(f"unknown editorial step {step!r}")
    person = actor if getattr(actor, "is_authenticated", False) else None
    # specific_class reads the content type Wagtail caches, not the page's own row again.
    subject = "document" if issubclass(page.specific_class or Page, DocumentPage) else "article"
    wanted = ".".join(("portal", subject, step))
    # Spelled out so that the audit-label test sees every code this writes.
    code = next(
        known
        for known in (
            "portal.article.publish",
            "portal.article.unpublish",
            "portal.article.submit",
            "portal.article.approve",
            "portal.article.reject",
            "portal.document.publish",
            "portal.document.unpublish",
            "portal.document.submit",
            "portal.document.approve",
            "portal.document.reject",
        )
        if known == wanted
    )
    audit_record(actor=person, action=code, target=page, changes=changes, reason=reason)
