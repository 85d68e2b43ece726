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

    code = models.CharField(_("code"), max_length=40, unique=True, help_text=_("A short unique code, e.g. UBND-84-847."))
    name = models.CharField(_("name"), max_length=300)
    short_name = models.CharField(_("short name"), max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    parent = models.ForeignKey(
        "self", verbose_name=_("parent organisation"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="departments",
    )
    admin_unit = models.ForeignKey(
        "org.AdminUnit", verbose_name=_("administrative unit"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="organisations",
        help_text=_("For a local government, the unit it governs; otherwise the locality it sits in."),
    )
    province = models.ForeignKey(
        "org.AdminUnit", verbose_name=_("province"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="+", limit_choices_to={"level": "province"},
    )
    address = models.CharField(_("address"), max_length=300, blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    established_on = models.DateField(_("established on"), null=True, blank=True)
    dissolved_on = models.DateField(_("dissolved on"), null=True, blank=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.short_name or self.name
