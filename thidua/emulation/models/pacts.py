"""Criteria templates, the yearly pact of a group (giao ước thi đua), targets and signatures."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from thidua.core.models import TimeStampedModel
from thidua.emulation.scoring.engine import AggregateKind
from thidua.emulation.scoring.engine import Method as EngineMethod

# The scoring methods are the engine's (scoring.engine.Method, the contract's list); the model adds
# only their Vietnamese labels and GROUP, the empty method of a node whose points are its children's.
METHOD_LABELS = {
    EngineMethod.RATIO_TO_TARGET: _("Tỷ lệ so chỉ tiêu"),
    EngineMethod.BOOLEAN: _("Đạt / không đạt"),
    EngineMethod.THRESHOLD: _("Ngưỡng"),
    EngineMethod.TIERS: _("Theo mức"),
    EngineMethod.MANUAL: _("Chấm trực tiếp"),
    EngineMethod.RELATIVE: _("So với đơn vị cao nhất"),
    EngineMethod.BONUS: _("Điểm thưởng"),
    EngineMethod.PENALTY: _("Điểm trừ"),
    EngineMethod.VETO: _("Tiêu chí phủ quyết"),
}
# The engine's aggregates (scoring.engine.AggregateKind) in words; Pact.aggregates stores the values.
AGGREGATE_KIND_LABELS = {
    AggregateKind.SUM_RATIO: _("Tổng thực hiện so kế hoạch"),
    AggregateKind.COUNT_TRUE: _("Số đơn vị đạt"),
}
Method = models.TextChoices(  # type: ignore[call-overload]  # functional API: the values are not repeated
    "Method",
    [("GROUP", ("", _("Nhóm tiêu chí")))]
    + [(method.name, (method.value, METHOD_LABELS[method])) for method in EngineMethod],
)


class CriterionFields(models.Model):
    code = models.CharField(_("mã"), max_length=20)
    name = models.CharField(_("tên tiêu chí"), max_length=500)
    unit = models.CharField(_("đơn vị tính"), max_length=50, blank=True)
    max_points = models.DecimalField(_("điểm tối đa"), max_digits=9, decimal_places=2, null=True, blank=True)
    method = models.CharField(_("cách chấm"), max_length=20, choices=Method.choices, blank=True)
    params = models.JSONField(_("tham số"), default=dict, blank=True)
    evidence_required = models.CharField(
        _("minh chứng cần có"),
        max_length=500,
        blank=True,
        help_text=_("Ví dụ: Báo cáo thống kê của Chi cục Thống kê."),
    )
    order = models.PositiveIntegerField(_("thứ tự"), default=0)

    class Meta:
        abstract = True


class CriteriaTemplate(TimeStampedModel):
    """A reusable criteria tree (bộ tiêu chí mẫu) from which pacts are cloned."""

    name = models.CharField(_("tên"), max_length=300)
    kind = models.CharField(
        _("dùng cho"), max_length=4, choices=[("cum", _("Cụm thi đua")), ("khoi", _("Khối thi đua"))]
    )
    province = models.ForeignKey(
        "org.AdminUnit",
        verbose_name=_("tỉnh, thành phố"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    description = models.TextField(_("mô tả"), blank=True)
    is_active = models.BooleanField(_("đang dùng"), default=True)
    tie_break = models.JSONField(_("tiêu chí xét khi bằng điểm"), default=list, blank=True)
    aggregates = models.JSONField(_("số liệu tổng hợp"), default=list, blank=True)

    class Meta:
        verbose_name = _("bộ tiêu chí mẫu")
        verbose_name_plural = _("bộ tiêu chí mẫu")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class TemplateCriterion(CriterionFields):
    template = models.ForeignKey(CriteriaTemplate, on_delete=models.CASCADE, related_name="criteria")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )

    class Meta:
        verbose_name = _("tiêu chí mẫu")
        verbose_name_plural = _("tiêu chí mẫu")
        ordering = ["template", "order"]
        constraints = [models.UniqueConstraint(fields=["template", "code"], name="em_template_code_uniq")]

    def __str__(self) -> str:
        return f"{self.code}. {self.name}"


class Pact(TimeStampedModel):
    """The pact of one group for one year. Its criteria are a copy, so later edits of the template or
    of next year's pact never change a signed pact."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Đang soạn")
        SIGNED = "signed", _("Đã ký kết")

    group = models.OneToOneField(
        "org.EmulationGroup", verbose_name=_("cụm, khối"), on_delete=models.PROTECT, related_name="pact"
    )
    title = models.CharField(_("tên giao ước"), max_length=300)
    status = models.CharField(_("trạng thái"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    version = models.PositiveIntegerField(_("phiên bản"), default=1)
    tie_break = models.JSONField(_("tiêu chí xét khi bằng điểm"), default=list, blank=True)
    aggregates = models.JSONField(_("số liệu tổng hợp"), default=list, blank=True)
    source_template = models.ForeignKey(
        CriteriaTemplate,
        verbose_name=_("tạo từ bộ tiêu chí"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    source_pact = models.ForeignKey(
        "self",
        verbose_name=_("tạo từ giao ước năm trước"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    illustrative = models.BooleanField(
        _("số liệu minh họa"),
        default=False,
        help_text=_("Dữ liệu dựng để minh họa, không phải số liệu thật."),
    )

    class Meta:
        verbose_name = _("giao ước thi đua")
        verbose_name_plural = _("giao ước thi đua")
        ordering = ["-group__year", "group__name"]

    def __str__(self) -> str:
        return self.title


class PactCriterion(CriterionFields):
    pact = models.ForeignKey(
        Pact, verbose_name=_("giao ước"), on_delete=models.CASCADE, related_name="criteria"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("nhóm"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="children",
    )

    class Meta:
        verbose_name = _("tiêu chí giao ước")
        verbose_name_plural = _("tiêu chí giao ước")
        ordering = ["pact", "order"]
        constraints = [models.UniqueConstraint(fields=["pact", "code"], name="em_pact_code_uniq")]

    def __str__(self) -> str:
        return f"{self.code}. {self.name}"


class Target(TimeStampedModel):
    """A member's registered target (chỉ tiêu đăng ký) for a ratio_to_target criterion."""

    pact = models.ForeignKey(Pact, on_delete=models.CASCADE, related_name="targets")
    organisation = models.ForeignKey(
        "org.Organisation", verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="+"
    )
    criterion = models.ForeignKey(
        PactCriterion, verbose_name=_("tiêu chí"), on_delete=models.CASCADE, related_name="targets"
    )
    value = models.DecimalField(_("chỉ tiêu"), max_digits=18, decimal_places=4)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("chỉ tiêu đăng ký")
        verbose_name_plural = _("chỉ tiêu đăng ký")
        constraints = [
            models.UniqueConstraint(fields=["pact", "organisation", "criterion"], name="em_target_uniq"),
            models.CheckConstraint(condition=Q(value__gt=0), name="em_target_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} – {self.criterion.code}: {self.value}"


class PactSignature(models.Model):
    """The signed pact as a record of its own: who signed, when, and which version, with the
    criteria and targets as signed."""

    pact = models.ForeignKey(Pact, on_delete=models.CASCADE, related_name="signatures")
    version = models.PositiveIntegerField(_("phiên bản"))
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người xác nhận"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    signed_on = models.DateField(_("ngày ký kết"))
    recorded_at = models.DateTimeField(_("thời điểm ghi nhận"), auto_now_add=True)
    snapshot = models.JSONField(_("nội dung đã ký"), default=dict)
    note = models.TextField(_("ghi chú"), blank=True)

    class Meta:
        verbose_name = _("bản ký kết giao ước")
        verbose_name_plural = _("bản ký kết giao ước")
        ordering = ["pact", "-version"]
        constraints = [models.UniqueConstraint(fields=["pact", "version"], name="em_signature_version_uniq")]

    def __str__(self) -> str:
        return gettext("%(pact)s – phiên bản %(version)s") % {"pact": self.pact, "version": self.version}
