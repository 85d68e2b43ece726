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

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=4, choices=Kind.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    province = models.ForeignKey(
        "org.AdminUnit", verbose_name=_("province"), on_delete=models.PROTECT, related_name="emulation_groups",
        limit_choices_to={"level": "province"},
    )
    head = models.ForeignKey(
        "org.Organisation", verbose_name=_("head unit"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )
    deputy = models.ForeignKey(
        "org.Organisation", verbose_name=_("deputy unit"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )
    head_person = models.ForeignKey(
        "org.Person", verbose_name=_("head's representative"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    deputy_person = models.ForeignKey(
        "org.Person", verbose_name=_("deputy's representative"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    previous = models.ForeignKey(
        "self", verbose_name=_("previous year's group"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="next_years",
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("emulation group")
        verbose_name_plural = _("emulation groups")
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
    group = models.ForeignKey(EmulationGroup, verbose_name=_("group"), on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(
        "org.Organisation", verbose_name=_("member"), on_delete=models.PROTECT, related_name="group_memberships"
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("group member")
        verbose_name_plural = _("group members")
        ordering = ["group", "order", "organisation__name"]
        constraints = [models.UniqueConstraint(fields=["group", "organisation"], name="org_membership_uniq")]

    def __str__(self) -> str:
        return f"{self.organisation} – {self.group}"
