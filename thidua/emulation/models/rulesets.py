"""The provincial ruleset: choices each province makes in its "Quy chế tổ chức và hoạt động của cụm,
khối thi đua", kept as dated data (legal-rules §4.2: scale, vote threshold and flags per group are set
by each province, not by national law)."""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from thidua.core.models import TimeStampedModel


class Ruleset(TimeStampedModel):
    class ThresholdRule(models.TextChoices):
        MORE_THAN = "more_than", _("Trên tỷ lệ (>)")
        AT_LEAST = "at_least", _("Từ tỷ lệ trở lên (≥)")

    province = models.ForeignKey(
        "org.AdminUnit",
        verbose_name=_("tỉnh, thành phố"),
        on_delete=models.PROTECT,
        related_name="rulesets",
        limit_choices_to={"level": "province"},
    )
    effective_from = models.DateField(_("hiệu lực từ ngày"))
    scoring_scale = models.PositiveIntegerField(
        _("thang điểm"), default=1000, help_text=_("Tổng điểm tối đa của giao ước (không kể điểm thưởng).")
    )
    vote_threshold_percent = models.DecimalField(
        _("tỷ lệ phiếu suy tôn (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("50"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
    )
    vote_threshold_rule = models.CharField(
        _("cách tính ngưỡng"), max_length=10, choices=ThresholdRule.choices, default=ThresholdRule.MORE_THAN
    )
    leading_units_per_group = models.PositiveSmallIntegerField(
        _("số đơn vị dẫn đầu mỗi cụm, khối"), default=1, validators=[MinValueValidator(1)]
    )
    # Quotas are off by default: the Ministry of Home Affairs says Luật Thi đua, khen thưởng 2022 sets
    # none (legal-rules §2.2); a province that adopts one turns it on here.
    quotas_enabled = models.BooleanField(_("áp dụng tỷ lệ khen thưởng"), default=False)
    quota_percent = models.DecimalField(
        _("tỷ lệ khen thưởng tối đa (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    legal_basis = models.CharField(_("căn cứ"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("quy chế cụm, khối của tỉnh")
        verbose_name_plural = _("quy chế cụm, khối của tỉnh")
        ordering = ["province", "-effective_from"]
        constraints = [models.UniqueConstraint(fields=["province", "effective_from"], name="em_ruleset_uniq")]

    def __str__(self) -> str:
        # Translators: a province's cluster/block rules and the day they take effect.
        return gettext("%(province)s – từ %(day)s") % {
            "province": self.province.name,
            "day": f"{self.effective_from:%d/%m/%Y}",
        }
