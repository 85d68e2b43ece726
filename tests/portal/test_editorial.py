"""The editorial workflow: writer → editor → editor-in-chief, scheduled publishing, audit."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from wagtail.log_actions import LogContext
from wagtail.models import Workflow

from tests.portal import builders
from thidua.accounts.roles import RoleCode
from thidua.accounts.services import user_create
from thidua.core.models import AuditEvent
from thidua.portal.models import ArticlePage, DocumentPage
from thidua.portal.services.editorial import WORKFLOW_NAME, editorial_setup
from thidua.portal.services.pages import article_create, document_create, document_library_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def newsroom(personas: dict[str, Any]) -> dict[str, Any]:
    home = builders.home()
    editorial_setup(actor=personas["sysadmin"], home=home)
    editorial_setup(actor=personas["sysadmin"], home=home)  # idempotent
    writer = user_create(
        actor=None,
        username="writer",
        password="pw-writer",
        full_name="Phóng Viên",
        organisation=personas["editor"].organisation,
        roles=[RoleCode.PORTAL_EDITOR],
    )
    section = builders.section()
    return {"home": home, "section": section, "writer": writer, **personas}


def _draft(newsroom: dict[str, Any], **fields: Any) -> ArticlePage:
    page = article_create(
        actor=newsroom["writer"],
        section=newsroom["section"],
        title="Bài chờ duyệt",
        date=dt.date(2026, 12, 7),
        author="Phóng Viên",
        paragraphs=["Nội dung."],
        publish=False,
    )
    for name, value in fields.items():
        setattr(page, name, value)
    page.save_revision(user=newsroom["writer"])
    Workflow.objects.get(name=WORKFLOW_NAME).start(page, newsroom["writer"])
    page.refresh_from_db()
    return page


def _act(page: ArticlePage, user: Any, action: str = "approve") -> None:
    state = page.current_workflow_state.current_task_state
    task = state.task.specific
    assert action in [name for name, _label, _modal in task.get_actions(page, user)], user.username
    task.on_action(state, user, action)
    page.refresh_from_db()


def _actions(page: ArticlePage, user: Any) -> list[str]:
    task = page.current_workflow_state.current_task_state.task.specific
    return [name for name, _label, _modal in task.get_actions(page, user)]


def test_writer_editor_chief_publishes(newsroom: dict[str, Any]) -> None:
    page = _draft(newsroom)
    assert page.current_workflow_task.name == "Biên tập"
    assert _actions(page, newsroom["writer"]) == []  # no approving one's own article
    assert _actions(page, newsroom["member"]) == []
    _act(page, newsroom["editor"])
    assert page.current_workflow_task.name == "Trưởng Ban biên tập duyệt đăng"
    assert _actions(page, newsroom["editor"]) == []  # only the editor-in-chief publishes
    _act(page, newsroom["chief"])
    assert page.live
    codes = list(
        AuditEvent.objects.filter(target_id=str(page.pk)).order_by("pk").values_list("action", "actor_name")
    )
    assert ("portal.article.submit", "Phóng Viên") in codes
    assert ("portal.article.approve", "Người Dùng editor") in codes
    assert ("portal.article.approve", "Người Dùng chief") in codes
    assert any(code == "portal.article.publish" for code, _ in codes)


def test_rejected_article_goes_back_with_the_reason(newsroom: dict[str, Any]) -> None:
    page = _draft(newsroom)
    state = page.current_workflow_state.current_task_state
    state.task.specific.on_action(state, newsroom["editor"], "reject")
    page.refresh_from_db()
    assert not page.live
    assert page.current_workflow_state is None or page.current_workflow_state.status == "needs_changes"
    assert AuditEvent.objects.filter(action="portal.article.reject", target_id=str(page.pk)).exists()


def test_approved_for_later_is_published_by_the_scheduled_run(newsroom: dict[str, Any]) -> None:
    go_live = timezone.now() + dt.timedelta(hours=2)
    page = _draft(newsroom, go_live_at=go_live)
    _act(page, newsroom["editor"])
    _act(page, newsroom["chief"])
    assert not page.live  # approved, waiting for its time
    call_command("publish_scheduled", verbosity=0)
    page.refresh_from_db()
    assert not page.live
    # Two hours later (the revision's times moved back instead of the clock forward).
    revision = page.latest_revision
    past = timezone.now() - dt.timedelta(seconds=1)
    revision.approved_go_live_at = past
    revision.content["go_live_at"] = past.isoformat()
    revision.save(update_fields=["approved_go_live_at", "content"])
    call_command("publish_scheduled", verbosity=0)  # what the worker's tick runs
    page.refresh_from_db()
    assert page.live
    assert Client().get(page.url).status_code == 200


def test_editors_cannot_publish_directly(newsroom: dict[str, Any]) -> None:
    page = _draft(newsroom)
    assert not page.permissions_for_user(newsroom["editor"]).can_publish()
    assert page.permissions_for_user(newsroom["chief"]).can_publish()
    assert page.permissions_for_user(newsroom["writer"]).can_edit()


def test_the_tick_flushes_and_publishes(newsroom: dict[str, Any], settings: Any) -> None:
    from thidua.portal.tasks import portal_tick

    settings.PORTAL_COUNTERS_REDIS_URL = None  # a shared Redis may hold other test workers' counts
    # The tests' immediate backend runs the task at once and, unable to defer, does not re-queue it.
    result = portal_tick.enqueue()
    assert result.return_value == 0


def _steps(page: Any) -> list[tuple[str, str]]:
    return list(
        AuditEvent.objects.filter(target_id=str(page.pk)).order_by("pk").values_list("action", "actor_name")
    )


def test_a_library_document_is_logged_under_its_own_codes(newsroom: dict[str, Any]) -> None:
    library = document_library_create(actor=None, home=newsroom["home"])
    document = document_create(
        actor=newsroom["writer"],
        library=library,
        number="12/KH-UBND",
        kind="ke-hoach",
        summary="Tổ chức phong trào thi đua năm 2027",
        issued_on=dt.date(2026, 12, 1),
        issuer="UBND tỉnh Trà Vinh",
        publish=False,
    )
    document.save_revision(user=newsroom["writer"])
    Workflow.objects.get(name=WORKFLOW_NAME).start(document, newsroom["writer"])
    document.refresh_from_db()
    state = document.current_workflow_state.current_task_state
    state.task.specific.on_action(state, newsroom["editor"], "reject")  # back to the writer
    document.refresh_from_db()
    document.save_revision(user=newsroom["writer"])
    document.current_workflow_state.resume(newsroom["writer"])  # the writer sends the corrected text
    document.refresh_from_db()
    _act(document, newsroom["editor"])
    # Wagtail's admin views run inside a LogContext of the signed-in user; its publish and unpublish
    # signals name no user, so the receivers take the acting user from it.
    with LogContext(user=newsroom["chief"]):
        _act(document, newsroom["chief"])
        assert document.live
        document.specific.unpublish(user=newsroom["chief"])

    steps = _steps(document)
    assert ("portal.document.submit", "Phóng Viên") in steps
    assert ("portal.document.reject", "Người Dùng editor") in steps
    assert ("portal.document.approve", "Người Dùng editor") in steps
    assert ("portal.document.approve", "Người Dùng chief") in steps
    assert ("portal.document.publish", "Người Dùng chief") in steps
    assert ("portal.document.unpublish", "Người Dùng chief") in steps
    assert not [code for code, _name in steps if code.startswith("portal.article.")]
    assert isinstance(DocumentPage.objects.get(pk=document.pk), DocumentPage)

    # An article through the same workflow keeps the article codes.
    article = _draft(newsroom)
    _act(article, newsroom["editor"])
    _act(article, newsroom["chief"])
    codes = {code for code, _name in _steps(article)}
    assert {"portal.article.submit", "portal.article.approve", "portal.article.publish"} <= codes
    assert not [code for code in codes if code.startswith("portal.document.")]


def test_each_document_step_has_a_label() -> None:
    from thidua.core.audit_actions import audit_action_label

    for step, label in (
        ("submit", "Gửi văn bản của thư viện văn bản để duyệt"),
        ("approve", "Duyệt văn bản của thư viện văn bản (một bước)"),
        ("reject", "Trả lại văn bản của thư viện văn bản"),
        ("publish", "Đăng văn bản lên thư viện văn bản"),
        ("unpublish", "Gỡ văn bản khỏi thư viện văn bản"),
    ):
        assert audit_action_label(f"portal.document.{step}") == label
