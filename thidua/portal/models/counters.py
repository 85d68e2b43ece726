"""Counters of views and visits (docs/portal-counting.md).

They live outside the page tables on purpose: publishing a revision rewrites the page row from the
revision's copy, which would put back the count of the day the revision was saved.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class PageViewCount(models.Model):
    page = models.OneToOneField(
        "wagtailcore.Page", primary_key=True, on_delete=models.CASCADE, related_name="view_count_row"
    )
    count = models.BigIntegerField(_("lượt xem"), default=0)

    class Meta:
        verbose_name = _("lượt xem của trang")
        verbose_name_plural = _("lượt xem của trang")

    def __str__(self) -> str:
        return f"{self.page_id}: {self.count}"


class VisitDay(models.Model):
    """Visits (lượt truy cập) started on one calendar day in Việt Nam."""

    day = models.DateField(_("ngày"), primary_key=True)
    visits = models.BigIntegerField(_("lượt truy cập"), default=0)

    class Meta:
        verbose_name = _("lượt truy cập trong ngày")
        verbose_name_plural = _("lượt truy cập theo ngày")

    def __str__(self) -> str:
        return f"{self.day}: {self.visits}"


class OnlineVisitor(models.Model):
    """The last beacon of each visit, for "đang online" when the site runs without Redis."""

    token = models.CharField(max_length=64, primary_key=True)
    last_seen = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("khách đang truy cập")
        verbose_name_plural = _("khách đang truy cập")

    def __str__(self) -> str:
        return f"{self.token[:6]}…: {self.last_seen:%H:%M:%S}"
