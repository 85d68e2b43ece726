"""A criterion the province sets in place of the one the software carries (legal-rules §6.2, §7.1).

The eligibility engine's rule sets are dated data in thidua/awards/eligibility/rulesets.py. Where a
rule is not verified (every criterion of the Law as amended by Luật 06/2026/QH16, whose text the
project has not read, and the [R]/[I]/[U] rules), a province officer replaces it with the criterion
of a document they name: its number, date and article. The engine then cites that document and marks
the criterion verified. One row per rule set and award; deleting it returns to the software's rule.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from thidua.awards.eligibility.rulesets import RULE_SETS
from thidua.awards.models.choices import Award
from thidua.core.models import TimeStampedModel

RULE_SET_CHOICES = [(rule_set.id, rule_set.name) for rule_set in RULE_SETS.values()]


class ProvincialCriterion(TimeStampedModel):
    rule_set = models.CharField(_("bộ quy tắc"), max_length=60, choices=RULE_SET_CHOICES)
    award = models.CharField(_("hình thức, danh hiệu"), max_length=40, choices=Award.choices)
    # The engine's parameters for the award, as eligibility/overrides.py reads them (PARAM_FIELDS).
    params = models.JSONField(_("tham số"), default=dict)
    source_type = models.CharField(_("loại văn bản"), max_length=60, blank=True)
    source_number = models.CharField(_("số, ký hiệu văn bản"), max_length=60)
    source_date = models.DateField(_("ngày ban hành"))
    source_article = models.CharField(_("điều, khoản"), max_length=120)
    valid_from = models.DateField(_("áp dụng từ ngày"), null=True, blank=True)
    valid_to = models.DateField(_("áp dụng đến ngày"), null=True, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)

    class Meta:
        verbose_name = _("tiêu chuẩn do tỉnh quy định")
        verbose_name_plural = _("tiêu chuẩn do tỉnh quy định")
        ordering = ["rule_set", "award"]
        constraints = [
            models.UniqueConstraint(
                fields=["rule_set", "award"],
                name="awards_criterion_one_per_rule_set_award",
                violation_error_message=_(
                    "Bộ quy tắc này đã có tiêu chuẩn do tỉnh quy định cho hình thức này."
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_award_display()} – {self.get_rule_set_display()}"

    def override_data(self) -> dict[str, object]:
        """The criterion in the shape of the contract's "rules" object (docs/contracts/eligibility.md)."""
        source: dict[str, object] = {
            "number": self.source_number,
            "date": self.source_date.isoformat(),
            "article": self.source_article,
        }
        if self.source_type:
            source["type"] = self.source_type
        return {
            "params": self.params,
            "source": source,
            "valid_from": self.valid_from.isoformat() if self.valid_from else None,
            "valid_to": self.valid_to.isoformat() if self.valid_to else None,
        }
