"""Administrative units (đơn vị hành chính) with official codes, and their lineage.

Since 01/07/2025 local government has two tiers: 34 provinces and 3,321 communes, wards and special
zones (Nghị quyết 202/2025/QH15; Luật Tổ chức chính quyền địa phương 2025). Districts were abolished.
Units of both structures are kept: a unit has a validity interval, and UnitLineage records which
units became which, from what date, so that awards and groups of the old units keep their history.
"""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from thidua.core.models import TimeStampedModel

REFORM_2025 = dt.date(2025, 7, 1)


class AdminUnit(TimeStampedModel):
    class Level(models.TextChoices):
        PROVINCE = "province", _("Tỉnh, thành phố trực thuộc trung ương")
        DISTRICT = "district", _("Huyện, quận, thị xã, thành phố thuộc tỉnh")
        COMMUNE = "commune", _("Xã, phường, thị trấn, đặc khu")

    code = models.CharField(
        _("mã"), max_length=10, help_text=_("Mã đơn vị hành chính theo danh mục của Nhà nước.")
    )
    name = models.CharField(_("tên"), max_length=200)
    short_name = models.CharField(_("tên ngắn"), max_length=200, blank=True)
    level = models.CharField(_("cấp"), max_length=10, choices=Level.choices)
    kind = models.CharField(
        _("loại hình"), max_length=40, help_text=_("Tỉnh, Thành phố, Huyện, Thị xã, Xã, Phường…")
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("đơn vị hành chính cấp trên"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    valid_from = models.DateField(_("hiệu lực từ ngày"), null=True, blank=True)
    valid_until = models.DateField(
        _("hiệu lực đến ngày"), null=True, blank=True, help_text=_("Ngày cuối cùng đơn vị còn tồn tại.")
    )
    latitude = models.DecimalField(_("vĩ độ"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("kinh độ"), max_digits=9, decimal_places=6, null=True, blank=True)
    area_km2 = models.DecimalField(
        _("diện tích (km²)"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    source = models.CharField(_("nguồn dữ liệu"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("đơn vị hành chính")
        verbose_name_plural = _("đơn vị hành chính")
        ordering = ["level", "code"]
        constraints = [
            # A code names one current unit per level; units that ended keep their code, and the
            # same code may be reused by a successor (tỉnh Vĩnh Long 86 before and after 2025).
            models.UniqueConstraint(
                fields=["level", "code"],
                condition=Q(valid_until__isnull=True),
                name="org_adminunit_current_code_uniq",
            ),
            models.UniqueConstraint(
                fields=["level", "code", "valid_until"], name="org_adminunit_code_until_uniq"
            ),
            models.CheckConstraint(
                condition=Q(valid_from__isnull=True)
                | Q(valid_until__isnull=True)
                | Q(valid_until__gte=models.F("valid_from")),
                name="org_adminunit_valid_interval",
            ),
        ]
        indexes = [models.Index(fields=["code"], name="org_adminunit_code_idx")]

    def __str__(self) -> str:
        if self.valid_until:
            # Translators: a unit that no longer exists: its name (official code, last day dd/mm/yyyy).
            return gettext("%(name)s (%(code)s, đến %(until)s)") % {
                "name": self.name,
                "code": self.code,
                "until": f"{self.valid_until:%d/%m/%Y}",
            }
        return f"{self.name} ({self.code})"

    def is_valid_on(self, day: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_until is None or day <= self.valid_until
        )


# Provinces before districts before communes, the order Level declares them: imports create parents
# first by it and listings sort by it. Keyed by Level, so a plain stored value finds its rank too.
LEVEL_ORDER: dict[str, int] = {level: rank for rank, level in enumerate(AdminUnit.Level)}


class UnitLineage(TimeStampedModel):
    """predecessor became (wholly or partly) successor from effective_on."""

    class Kind(models.TextChoices):
        MERGED = "merged", _("Nhập, hợp nhất")
        SPLIT = "split", _("Chia, tách một phần")
        RENAMED = "renamed", _("Đổi tên, giữ nguyên địa giới")

    predecessor = models.ForeignKey(
        AdminUnit,
        verbose_name=_("đơn vị trước sắp xếp"),
        on_delete=models.CASCADE,
        related_name="successor_links",
    )
    successor = models.ForeignKey(
        AdminUnit,
        verbose_name=_("đơn vị sau sắp xếp"),
        on_delete=models.CASCADE,
        related_name="predecessor_links",
    )
    effective_on = models.DateField(_("ngày có hiệu lực"))
    kind = models.CharField(_("loại"), max_length=10, choices=Kind.choices, default=Kind.MERGED)
    legal_basis = models.CharField(_("căn cứ pháp lý"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("lịch sử sắp xếp đơn vị hành chính")
        verbose_name_plural = _("lịch sử sắp xếp đơn vị hành chính")
        ordering = ["effective_on", "predecessor__code"]
        constraints = [
            models.UniqueConstraint(fields=["predecessor", "successor"], name="org_lineage_pair_uniq"),
            models.CheckConstraint(
                condition=~Q(predecessor=models.F("successor")), name="org_lineage_not_self"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.predecessor.name} → {self.successor.name} ({self.effective_on:%d/%m/%Y})"
