from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from thidua.core.models import TimeStampedModel


class Organisation(TimeStampedModel):
    """A body that takes part in emulation: a local government (UBND), an agency (sở, ban, ngành),
    a mass organisation (đoàn thể), an enterprise, or a department inside one of them.

    Users and people belong to an organisation, and an emulation group's members are organisations.
    """

    class Kind(models.TextChoices):
        LOCAL_GOVERNMENT = "local_government", _("Ủy ban nhân dân")
        AGENCY = "agency", _("Sở, ban, ngành")
        MASS_ORGANISATION = "mass_organisation", _("Tổ chức chính trị – xã hội, đoàn thể")
        ENTERPRISE = "enterprise", _("Doanh nghiệp")
        PUBLIC_SERVICE = "public_service", _("Đơn vị sự nghiệp")
        DEPARTMENT = "department", _("Phòng, ban trực thuộc")
        OTHER = "other", _("Khác")

    code = models.CharField(
        _("mã"),
        max_length=40,
        unique=True,
        help_text=_("Mã ngắn, duy nhất, ví dụ UBND-29254 (Ủy ban nhân dân phường Nguyệt Hóa)."),
    )
    name = models.CharField(_("tên"), max_length=300)
    short_name = models.CharField(_("tên ngắn"), max_length=200, blank=True)
    kind = models.CharField(_("loại"), max_length=20, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("cơ quan cấp trên"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="departments",
    )
    admin_unit = models.ForeignKey(
        "org.AdminUnit",
        verbose_name=_("đơn vị hành chính"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="organisations",
        help_text=_(
            "Với Ủy ban nhân dân: đơn vị hành chính do Ủy ban quản lý; với cơ quan khác: địa bàn đặt trụ sở."
        ),
    )
    province = models.ForeignKey(
        "org.AdminUnit",
        verbose_name=_("tỉnh, thành phố"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"level": "province"},
    )
    address = models.CharField(_("địa chỉ"), max_length=300, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=50, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    established_on = models.DateField(_("ngày thành lập"), null=True, blank=True)
    dissolved_on = models.DateField(_("ngày giải thể"), null=True, blank=True)

    class Meta:
        verbose_name = _("cơ quan, đơn vị")
        verbose_name_plural = _("cơ quan, đơn vị")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.short_name or self.name
