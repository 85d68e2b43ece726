"""Base models shared by every app, the audit log and the progress record of long jobs."""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thidua.core.audit_actions import audit_action_label


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("thời điểm tạo"), auto_now_add=True)
    updated_at = models.DateTimeField(_("thời điểm cập nhật"), auto_now=True)

    class Meta:
        abstract = True


class AppendOnlyError(Exception):
    """An attempt to change or remove an audit row, which nobody may do."""


# The one change allowed (Django's Collector makes it when an account is deleted: the FK is
# SET_NULL): the actor link is forgotten, the name kept as text says who acted.
_FORGET_ACTOR = ({"actor"}, {"actor_id"})


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    def update(self, **kwargs: Any) -> int:
        if set(kwargs) not in _FORGET_ACTOR or any(value is not None for value in kwargs.values()):
            raise AppendOnlyError(_("Nhật ký thay đổi chỉ được ghi thêm, không được sửa."))
        return super().update(**kwargs)

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError(_("Nhật ký thay đổi chỉ được ghi thêm, không được xoá."))

    delete.queryset_only = True  # type: ignore[attr-defined]


class AuditEvent(models.Model):
    """One state change: who did what to which record, when, old -> new, and why.

    Written by thidua.core.audit.audit_record() inside the same transaction as the change it
    describes, so a change without its audit row cannot be committed.
    """

    created_at = models.DateTimeField(_("thời điểm"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thực hiện"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Kept as text too, so the record still says who acted after the account is deleted.
    actor_name = models.CharField(_("tên người thực hiện"), max_length=200, blank=True)
    action = models.CharField(_("thao tác"), max_length=100, db_index=True)
    target_type = models.CharField(_("loại bản ghi"), max_length=100, db_index=True)
    target_id = models.CharField(_("mã bản ghi"), max_length=64, db_index=True)
    target_repr = models.CharField(_("bản ghi"), max_length=300)
    changes = models.JSONField(_("nội dung thay đổi"), default=dict, blank=True)
    reason = models.TextField(_("lý do"), blank=True)

    # Append-only: rows are only ever inserted (thidua.core.audit); the database refuses the rest
    # too (thidua.core.audit_guard, migration 0002).
    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("nhật ký thay đổi")
        verbose_name_plural = _("nhật ký thay đổi")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["target_type", "target_id"], name="core_audit_target_idx")]

    def __str__(self) -> str:
        # The database hands created_at back in UTC; formatting it as it comes put the inspect page's
        # title seven hours behind the list (#17). Vietnam time, and the action in words.
        moment = timezone.localtime(self.created_at) if self.created_at else None
        when = f"{moment:%d/%m/%Y %H:%M} " if moment else ""
        return f"{when}{self.actor_name} – {audit_action_label(self.action)} – {self.target_repr}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AppendOnlyError(_("Nhật ký thay đổi chỉ được ghi thêm, không được sửa."))
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError(_("Nhật ký thay đổi chỉ được ghi thêm, không được xoá."))


class Job(models.Model):
    """Progress of a long job (import, bulk PDF, report) that a person can watch as a progress bar.

    The task worker updates it through thidua.core.jobs; pages poll it.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("Đang chờ")
        RUNNING = "running", _("Đang chạy")
        SUCCEEDED = "succeeded", _("Hoàn thành")
        FAILED = "failed", _("Thất bại")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(_("loại"), max_length=100)
    title = models.CharField(_("tiêu đề"), max_length=300)
    status = models.CharField(_("trạng thái"), max_length=20, choices=Status.choices, default=Status.QUEUED)
    total = models.PositiveIntegerField(_("tổng số bước"), default=0)
    done = models.PositiveIntegerField(_("số bước đã xong"), default=0)
    message = models.TextField(_("thông báo"), blank=True)
    params = models.JSONField(_("tham số"), default=dict, blank=True)
    result = models.JSONField(_("kết quả"), default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người tạo"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("thời điểm tạo"), auto_now_add=True)
    updated_at = models.DateTimeField(_("thời điểm cập nhật"), auto_now=True)

    class Meta:
        verbose_name = _("tác vụ nền")
        verbose_name_plural = _("tác vụ nền")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(done__lte=models.F("total")), name="core_job_done_lte_total"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def percent(self) -> int:
        if self.status == self.Status.SUCCEEDED:
            return 100
        return int(100 * self.done / self.total) if self.total else 0

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.SUCCEEDED, self.Status.FAILED)
