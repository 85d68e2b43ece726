from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from thidua.core.models import TimeStampedModel


class EmulationGroup(TimeStampedModel):
    """A cụm (cluster of localities) or khối (block of agencies) for one year.

    Each year has its own record, so members, head and deputy are kept as they were; the yearly
    handover links a group to the one it continues (previous).
    """

    class Kind(models.TextChoices):
        CUM = "cum", _("Cụm thi đua")
        KHOI = "khoi", _("Khối thi đua")

    name = models.CharField(_("tên"), max_length=200)
    kind = models.CharField(_("loại"), max_length=4, choices=Kind.choices)
    year = models.PositiveSmallIntegerField(_("năm"))
    province = models.ForeignKey(
        "org.AdminUnit",
        verbose_name=_("tỉnh, thành phố"),
        on_delete=models.PROTECT,
        related_name="emulation_groups",
        limit_choices_to={"level": "province"},
    )
    head = models.ForeignKey(
        "org.Organisation",
        verbose_name=_("đơn vị cụm trưởng, khối trưởng"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    deputy = models.ForeignKey(
        "org.Organisation",
        verbose_name=_("đơn vị cụm phó, khối phó"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    head_person = models.ForeignKey(
        "org.Person",
        verbose_name=_("đại diện cụm trưởng, khối trưởng"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    deputy_person = models.ForeignKey(
        "org.Person",
        verbose_name=_("đại diện cụm phó, khối phó"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    previous = models.ForeignKey(
        "self",
        verbose_name=_("cụm, khối năm trước"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="next_years",
    )
    note = models.TextField(_("ghi chú"), blank=True)

    class Meta:
        verbose_name = _("cụm, khối thi đua")
        verbose_name_plural = _("cụm, khối thi đua")
        ordering = ["-year", "province", "name"]
        constraints = [
            models.UniqueConstraint(fields=["province", "year", "name"], name="org_group_name_year_uniq"),
            models.CheckConstraint(
                condition=Q(head__isnull=True) | Q(deputy__isnull=True) | ~Q(head=models.F("deputy")),
                name="org_group_head_not_deputy",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.year})"


class GroupMembership(TimeStampedModel):
    group = models.ForeignKey(
        EmulationGroup, verbose_name=_("nhóm"), on_delete=models.CASCADE, related_name="memberships"
    )
    organisation = models.ForeignKey(
        "org.Organisation",
        verbose_name=_("đơn vị thành viên"),
        on_delete=models.PROTECT,
        related_name="group_memberships",
    )
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("thành viên cụm, khối")
        verbose_name_plural = _("thành viên cụm, khối")
        ordering = ["group", "order", "organisation__name"]
        constraints = [models.UniqueConstraint(fields=["group", "organisation"], name="org_membership_uniq")]

    def __str__(self) -> str:
        return f"{self.organisation} – {self.group}"
