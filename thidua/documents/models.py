"""Where the variable fields go on the province's pre-printed certificate blanks (#14).

The office measures its Bằng khen and Giấy khen paper once and enters each field's box in millimetres
from the sheet's top-left corner; certificates are then printed "on the blank" (only the name, unit,
achievement, decision and QR code). One layout per kind of certificate; the renderer receives it as
plain data (render/certificate.OverprintLayout) and stays free of the ORM.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from thidua.core.models import TimeStampedModel

__all__ = ["FIELD_NAMES", "CertificateLayout"]

# The fields that have a box: name, unit, achievement, decision number and date.
FIELD_NAMES = ("name", "unit", "achievement", "decision")


def _mm(label: Any, default: str, maximum: int = 297) -> models.DecimalField[Decimal, Decimal]:
    return models.DecimalField(
        label,
        max_digits=5,
        decimal_places=1,
        default=Decimal(default),
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(maximum))],
    )


def _pt(label: Any, default: str) -> models.DecimalField[Decimal, Decimal]:
    return models.DecimalField(
        label,
        max_digits=4,
        decimal_places=1,
        default=Decimal(default),
        validators=[MinValueValidator(Decimal(6)), MaxValueValidator(Decimal(72))],
    )


class CertificateLayout(TimeStampedModel):
    class Kind(models.TextChoices):
        BANG_KHEN = "bang_khen", _("Bằng khen")
        GIAY_KHEN = "giay_khen", _("Giấy khen")

    kind = models.CharField(_("loại phôi"), max_length=20, choices=Kind.choices, unique=True)
    page_width_mm = _mm(_("khổ giấy: chiều rộng (mm)"), "297", 500)
    page_height_mm = _mm(_("khổ giấy: chiều cao (mm)"), "210", 500)

    name_x_mm = _mm(_("họ tên: cách mép trái (mm)"), "48.5")
    name_y_mm = _mm(_("họ tên: cách mép trên (mm)"), "92")
    name_width_mm = _mm(_("họ tên: bề rộng (mm)"), "200")
    name_font_pt = _pt(_("họ tên: cỡ chữ (pt)"), "24")

    unit_x_mm = _mm(_("đơn vị: cách mép trái (mm)"), "48.5")
    unit_y_mm = _mm(_("đơn vị: cách mép trên (mm)"), "106")
    unit_width_mm = _mm(_("đơn vị: bề rộng (mm)"), "200")
    unit_font_pt = _pt(_("đơn vị: cỡ chữ (pt)"), "15")

    achievement_x_mm = _mm(_("thành tích: cách mép trái (mm)"), "38.5")
    achievement_y_mm = _mm(_("thành tích: cách mép trên (mm)"), "118")
    achievement_width_mm = _mm(_("thành tích: bề rộng (mm)"), "220")
    achievement_font_pt = _pt(_("thành tích: cỡ chữ (pt)"), "15")

    decision_x_mm = _mm(_("số, ngày quyết định: cách mép trái (mm)"), "50")
    decision_y_mm = _mm(_("số, ngày quyết định: cách mép trên (mm)"), "180")
    decision_width_mm = _mm(_("số, ngày quyết định: bề rộng (mm)"), "90")
    decision_font_pt = _pt(_("số, ngày quyết định: cỡ chữ (pt)"), "11")

    qr_x_mm = _mm(_("mã QR: cách mép trái (mm)"), "20")
    qr_y_mm = _mm(_("mã QR: cách mép trên (mm)"), "165")
    qr_size_mm = _mm(_("mã QR: cạnh (mm, 0 là không in)"), "25", 100)

    class Meta:
        verbose_name = _("vị trí in trên phôi bằng khen, giấy khen")
        verbose_name_plural = _("vị trí in trên phôi bằng khen, giấy khen")
        ordering = ["kind"]

    def __str__(self) -> str:
        return str(self.get_kind_display())
