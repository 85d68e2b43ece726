"""Góp ý, hỏi đáp: what readers send through the contact page, and the editors' answers."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Feedback(models.Model):
    class Status(models.TextChoices):
        NEW = "new", _("Chờ xử lý")
        ANSWERED = "answered", _("Đã trả lời, công khai")
        CLOSED = "closed", _("Đã xử lý, không công khai")
        SPAM = "spam", _("Thư rác")

    name = models.CharField(_("họ và tên"), max_length=200)
    email = models.EmailField(_("thư điện tử"))
    phone = models.CharField(_("điện thoại"), max_length=30, blank=True)
    subject = models.CharField(_("tiêu đề"), max_length=300)
    message = models.TextField(_("nội dung"), max_length=5000)
    created_at = models.DateTimeField(_("gửi lúc"), auto_now_add=True)
    status = models.CharField(_("trạng thái"), max_length=10, choices=Status.choices, default=Status.NEW)
    answer = models.TextField(_("trả lời"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answered_at = models.DateTimeField(_("trả lời lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("góp ý, hỏi đáp")
        verbose_name_plural = _("góp ý, hỏi đáp")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "-created_at"], name="portal_feedback_queue")]

    def __str__(self) -> str:
        return self.subject
