"""Review periods (sơ kết, tổng kết), member reports with values and evidence, and frozen results."""

from __future__ import annotations

from django.conf import settings
from django.core.files.storage import Storage, storages
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from thidua.core.models import TimeStampedModel
from thidua.emulation.rules.workflow import State

REPORT_STATUS_LABELS = {
    State.DRAFT: _("Đang nhập"),
    State.SUBMITTED: _("Đã gửi"),
    State.RETURNED: _("Bị trả lại"),
    State.APPRAISED: _("Đã thẩm định"),
    State.LOCKED: _("Đã khóa"),
}


class Period(TimeStampedModel):
    class Kind(models.TextChoices):
        SO_KET = "so_ket", _("Sơ kết 6 tháng")
        TONG_KET = "tong_ket", _("Tổng kết năm")

    pact = models.ForeignKey(
        "emulation.Pact", verbose_name=_("giao ước"), on_delete=models.PROTECT, related_name="periods"
    )
    kind = models.CharField(_("kỳ"), max_length=10, choices=Kind.choices)
    opens_on = models.DateField(_("mở từ ngày"))
    closes_on = models.DateField(_("hạn nộp báo cáo"))
    remind_days_before = models.PositiveSmallIntegerField(_("nhắc trước hạn (ngày)"), default=3)
    closed_at = models.DateTimeField(_("thời điểm khóa kỳ"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    aggregates = models.JSONField(_("số liệu tổng hợp"), default=list, blank=True)
    # The public portal shows a closed period's ranking and aggregates only once this is set
    # (services.periods.period_publish): the group decides when its results become public.
    published_at = models.DateTimeField(_("thời điểm công bố trên cổng thông tin"), null=True, blank=True)
    ruleset = models.ForeignKey(
        "emulation.Ruleset",
        verbose_name=_("quy chế áp dụng"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("kỳ đánh giá")
        verbose_name_plural = _("kỳ đánh giá")
        ordering = ["pact", "opens_on"]
        constraints = [
            models.UniqueConstraint(fields=["pact", "kind"], name="em_period_kind_uniq"),
            models.CheckConstraint(condition=Q(closes_on__gte=models.F("opens_on")), name="em_period_dates"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.pact.group.year} – {self.pact.group.name}"

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None


class Report(TimeStampedModel):
    """One member's report for one period. `version` implements optimistic locking: a save names the
    version it started from and is refused when another save got there first."""

    # The states are the workflow table's (rules.workflow.State); the model adds their labels.
    Status = models.TextChoices(  # type: ignore[call-overload]  # functional API: the values are not repeated
        "Status", [(state.name, (state.value, REPORT_STATUS_LABELS[state])) for state in State]
    )

    period = models.ForeignKey(Period, verbose_name=_("kỳ"), on_delete=models.PROTECT, related_name="reports")
    organisation = models.ForeignKey(
        "org.Organisation", verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(_("trạng thái"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    # The state to return to when a province officer unlocks a locked report.
    status_before_lock = models.CharField(max_length=10, choices=Status.choices, blank=True)
    version = models.PositiveIntegerField(_("phiên bản"), default=1)
    self_total = models.DecimalField(
        _("điểm tự chấm"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    appraised_total = models.DecimalField(
        _("điểm thẩm định"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    return_reason = models.TextField(_("lý do trả lại"), blank=True)
    submitted_at = models.DateTimeField(_("thời điểm gửi"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    appraised_at = models.DateTimeField(_("thời điểm thẩm định"), null=True, blank=True)
    appraised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("báo cáo của đơn vị")
        verbose_name_plural = _("báo cáo của đơn vị")
        ordering = ["period", "organisation__name"]
        constraints = [models.UniqueConstraint(fields=["period", "organisation"], name="em_report_uniq")]

    def __str__(self) -> str:
        return f"{self.organisation} – {self.period}"


class ReportValue(models.Model):
    """The value a member reports for one leaf criterion, in the scoring contract's shape (a decimal
    string, a boolean, or for ratio_to_target the actual value; the target comes from Target), and
    the value the head's officer appraised."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="values")
    criterion = models.ForeignKey(
        "emulation.PactCriterion", verbose_name=_("tiêu chí"), on_delete=models.CASCADE, related_name="+"
    )
    value = models.JSONField(_("giá trị tự đánh giá"), null=True, blank=True)
    explanation = models.TextField(_("giải trình"), blank=True)
    self_points = models.DecimalField(
        _("điểm tự chấm"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    appraised_value = models.JSONField(_("giá trị thẩm định"), null=True, blank=True)
    appraised_points = models.DecimalField(
        _("điểm thẩm định"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    appraisal_note = models.TextField(_("ý kiến thẩm định"), blank=True)

    class Meta:
        verbose_name = _("giá trị báo cáo")
        verbose_name_plural = _("giá trị báo cáo")
        constraints = [models.UniqueConstraint(fields=["report", "criterion"], name="em_report_value_uniq")]

    def __str__(self) -> str:
        return f"{self.report} – {self.criterion.code}"


def private_storage() -> Storage:
    """Evidence may hold personal data: it lives in the private storage, which has no public URL."""
    return storages["private"]


def evidence_path(instance: Evidence, filename: str) -> str:
    return f"evidence/{instance.value.report.period_id}/{instance.value.report_id}/{filename}"


class Evidence(models.Model):
    value = models.ForeignKey(ReportValue, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(_("tệp"), upload_to=evidence_path, storage=private_storage, max_length=300)
    original_name = models.CharField(_("tên tệp"), max_length=255)
    content_type = models.CharField(_("loại tệp"), max_length=100)
    size = models.PositiveIntegerField(_("dung lượng (byte)"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("thời điểm tải lên"), auto_now_add=True)

    class Meta:
        verbose_name = _("minh chứng")
        verbose_name_plural = _("minh chứng")
        ordering = ["uploaded_at"]

    def __str__(self) -> str:
        return self.original_name


class ReportChange(models.Model):
    """After submission every change to a report keeps the old value, the new one, who, when and why."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="changes")
    criterion = models.ForeignKey(
        "emulation.PactCriterion", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    field = models.CharField(_("nội dung"), max_length=30)
    old = models.JSONField(_("giá trị cũ"), null=True, blank=True)
    new = models.JSONField(_("giá trị mới"), null=True, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(_("thời điểm"), auto_now_add=True)
    reason = models.TextField(_("lý do"), blank=True)

    class Meta:
        verbose_name = _("lịch sử thay đổi báo cáo")
        verbose_name_plural = _("lịch sử thay đổi báo cáo")
        ordering = ["report", "at", "id"]

    def __str__(self) -> str:
        return f"{self.report} – {self.field}"


class PeriodResult(models.Model):
    """A member's frozen score when its period closed: the final record the ranking shows."""

    period = models.ForeignKey(Period, on_delete=models.CASCADE, related_name="results")
    organisation = models.ForeignKey("org.Organisation", on_delete=models.PROTECT, related_name="+")
    rank = models.PositiveIntegerField(_("xếp hạng"))
    total = models.DecimalField(_("tổng điểm"), max_digits=12, decimal_places=2)
    self_total = models.DecimalField(_("điểm tự chấm"), max_digits=12, decimal_places=2, null=True)
    vetoed = models.BooleanField(_("vi phạm tiêu chí phủ quyết"), default=False)
    points = models.JSONField(_("điểm từng tiêu chí"), default=dict)
    self_points = models.JSONField(_("điểm tự chấm từng tiêu chí"), default=dict)

    class Meta:
        verbose_name = _("kết quả chốt của kỳ")
        verbose_name_plural = _("kết quả chốt của kỳ")
        ordering = ["period", "rank"]
        constraints = [models.UniqueConstraint(fields=["period", "organisation"], name="em_result_uniq")]

    def __str__(self) -> str:
        return f"{self.period} – {self.organisation}: {self.total}"
