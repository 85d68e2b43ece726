from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from thidua.core.formatting import fold_name
from thidua.core.models import TimeStampedModel


class Person(TimeStampedModel):
    """A person who may be proposed for titles and awards.

    Personal data is kept to what commendation dossiers need (Luật Bảo vệ dữ liệu cá nhân 2025):
    no national ID number; date of birth and civil-servant code are shown only to those whose work
    needs them (thidua.org.selectors.people.can_see_personal_data).
    """

    class Gender(models.TextChoices):
        MALE = "male", _("Nam")
        FEMALE = "female", _("Nữ")

    full_name = models.CharField(_("họ và tên"), max_length=200)
    gender = models.CharField(_("giới tính"), max_length=10, choices=Gender.choices)
    date_of_birth = models.DateField(_("ngày sinh"), null=True, blank=True)
    civil_servant_code = models.CharField(
        _("mã số công chức, viên chức"),
        max_length=30,
        blank=True,
        help_text=_("Mã số công chức, viên chức (nếu có)."),
    )
    organisation = models.ForeignKey(
        "org.Organisation", verbose_name=_("cơ quan, đơn vị"), on_delete=models.PROTECT, related_name="people"
    )
    position = models.CharField(_("chức vụ"), max_length=200, blank=True)
    is_active = models.BooleanField(_("đang công tác"), default=True)
    # The name without diacritics, lower case (core.formatting.fold_name), kept by save(): officers
    # type names without marks, and neither SQLite nor PostgreSQL without the unaccent extension
    # folds Vietnamese letters in a query (the portal's search keeps a folded column the same way).
    # Longer than full_name: NFKD may spell a compatibility character (a ligature) with two letters.
    name_folded = models.CharField(_("họ và tên (không dấu)"), max_length=400, editable=False, default="")

    class Meta:
        verbose_name = _("cá nhân")
        verbose_name_plural = _("cá nhân")
        ordering = ["organisation__name", "full_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["civil_servant_code"],
                condition=~Q(civil_servant_code=""),
                name="org_person_cs_code_uniq",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.name_folded = fold_name(self.full_name)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "full_name" in update_fields:
            kwargs["update_fields"] = [*update_fields, "name_folded"]
        super().save(*args, **kwargs)


class PersonPosition(TimeStampedModel):
    """One entry of a person's position history; the open entry (no end date) is the current one."""

    person = models.ForeignKey(
        Person, verbose_name=_("cá nhân"), on_delete=models.CASCADE, related_name="positions"
    )
    organisation = models.ForeignKey(
        "org.Organisation", verbose_name=_("cơ quan, đơn vị"), on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("chức vụ"), max_length=200)
    start_date = models.DateField(_("từ ngày"))
    end_date = models.DateField(_("đến ngày"), null=True, blank=True)

    class Meta:
        verbose_name = _("quá trình công tác")
        verbose_name_plural = _("quá trình công tác")
        ordering = ["person", "-start_date"]
        constraints = [
            models.UniqueConstraint(
                fields=["person"], condition=Q(end_date__isnull=True), name="org_position_one_open"
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="org_position_interval",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title}, {self.organisation}"
