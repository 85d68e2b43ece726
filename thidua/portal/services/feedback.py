"""Góp ý, hỏi đáp: a reader's message enters the moderation queue; an editor answers or closes it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core.audit import audit_record
from thidua.core.formatting import nfc
from thidua.portal.models import Feedback

if TYPE_CHECKING:
    from thidua.accounts.models import User


@transaction.atomic
def feedback_submit(*, name: str, email: str, phone: str, subject: str, message: str) -> Feedback:
    """A reader's message, waiting for the editors (never shown before an editor answers it)."""
    feedback = Feedback.objects.create(
        name=nfc(name.strip()),
        email=email.strip(),
        phone=phone.strip(),
        subject=nfc(subject.strip()),
        message=nfc(message.strip()),
    )
    audit_record(actor=None, action="portal.feedback.submit", target=feedback)
    return feedback


@transaction.atomic
def feedback_moderate(*, actor: User, feedback: Feedback, status: str, answer: str = "") -> Feedback:
    """Answer publicly, close without publishing, or mark as spam."""
    if not actor.has_perm("portal.change_feedback"):
        raise PermissionDenied(_("Bạn không có quyền xử lý góp ý, hỏi đáp."))
    if status not in Feedback.Status.values or status == Feedback.Status.NEW:
        raise ValidationError({"status": _("Trạng thái không hợp lệ.")})
    answer = nfc(answer.strip())
    if status == Feedback.Status.ANSWERED and not answer:
        raise ValidationError({"answer": _("Cần nội dung trả lời để công khai.")})
    feedback = Feedback.objects.select_for_update().get(pk=feedback.pk)
    before = {"status": feedback.status, "answer": feedback.answer}
    feedback.status = status
    feedback.answer = answer
    feedback.answered_by = actor
    feedback.answered_at = timezone.now()
    feedback.save(update_fields=["status", "answer", "answered_by", "answered_at"])
    audit_record(
        actor=actor,
        action="portal.feedback.moderate",
        target=feedback,
        changes={
            key: [before[key], value]
            for key, value in (("status", status), ("answer", answer))
            if before[key] != value
        },
    )
    return feedback
