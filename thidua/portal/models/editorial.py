"""The editor's step of the editorial workflow (viết → biên tập → Trưởng Ban duyệt đăng)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from wagtail.models import AbstractGroupApprovalTask, TaskState


def _requested_by(obj: Any) -> int | None:
    state = getattr(obj, "current_workflow_state", None)
    return getattr(state, "requested_by_id", None)


class EditorReviewTask(AbstractGroupApprovalTask):  # type: ignore[misc]  # Wagtail ships no types
    """A group approval in which the writer may not approve their own article: the editor's reading
    is the second pair of eyes the Ban biên tập's rules ask for (a superuser is not exempt)."""

    def get_actions(self, obj: Any, user: Any) -> list[tuple[str, str, bool]]:
        if _requested_by(obj) == user.pk:
            return []
        actions: list[tuple[str, str, bool]] = super().get_actions(obj, user)
        return actions

    def get_task_states_user_can_moderate(self, user: Any, **kwargs: Any) -> Any:
        return (
            super()
            .get_task_states_user_can_moderate(user, **kwargs)
            .exclude(workflow_state__requested_by=user)
        )

    @classmethod
    def get_description(cls) -> str:
        return str(_("Thành viên các nhóm được chọn duyệt bài; người viết không tự duyệt bài của mình"))

    class Meta:
        verbose_name = _("bước biên tập (người viết không tự duyệt)")
        verbose_name_plural = _("bước biên tập (người viết không tự duyệt)")


__all__ = ["EditorReviewTask", "TaskState"]
