"""The group's secret ballot for its leading unit (bỏ phiếu kín suy tôn đơn vị dẫn đầu).

Secrecy by design: BallotReceipt says which member voted (to stop double votes and show turnout),
Ballot says what was chosen; nothing links them. Ballot ids are random UUIDs and ballots carry no
timestamp, so neither row order nor time can pair a ballot with a receipt.

A vote has one or more rounds (a tie for the last seat opens another among the tied units:
rules/votes.py). Receipts and ballots carry their round, so each unit votes once per round and
each round is counted on its own; every ballot of a round carries the same number, which says
nothing about who cast it.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from thidua.core.models import TimeStampedModel


class Vote(TimeStampedModel):
    class Status(models.TextChoices):
        OPEN = "open", _("Đang bỏ phiếu")
        CLOSED = "closed", _("Đã kiểm phiếu")

    group = models.OneToOneField(
        "org.EmulationGroup", verbose_name=_("cụm, khối"), on_delete=models.PROTECT, related_name="vote"
    )
    status = models.CharField(_("trạng thái"), max_length=10, choices=Status.choices, default=Status.OPEN)
    seats = models.PositiveSmallIntegerField(_("số đơn vị dẫn đầu được suy tôn"), default=1)
    # The round being voted or last counted; its candidates and seats follow from the tally.
    round = models.PositiveSmallIntegerField(_("vòng bỏ phiếu"), default=1)
    threshold_percent = models.DecimalField(_("tỷ lệ phiếu cần đạt (%)"), max_digits=5, decimal_places=2)
    threshold_rule = models.CharField(_("cách tính ngưỡng"), max_length=10)
    electorate = models.PositiveSmallIntegerField(_("số đơn vị được bỏ phiếu"))
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    closed_at = models.DateTimeField(_("thời điểm kiểm phiếu"), null=True, blank=True)
    tally = models.JSONField(_("kết quả kiểm phiếu"), default=dict, blank=True)
    ruleset = models.ForeignKey(
        "emulation.Ruleset", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("bỏ phiếu suy tôn")
        verbose_name_plural = _("bỏ phiếu suy tôn")

    def __str__(self) -> str:
        return gettext("Suy tôn %(group)s") % {"group": self.group}


class BallotReceipt(models.Model):
    vote = models.ForeignKey(Vote, on_delete=models.CASCADE, related_name="receipts")
    round = models.PositiveSmallIntegerField(_("vòng bỏ phiếu"), default=1)
    organisation = models.ForeignKey("org.Organisation", on_delete=models.PROTECT, related_name="+")
    cast_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("đơn vị đã bỏ phiếu")
        verbose_name_plural = _("đơn vị đã bỏ phiếu")
        constraints = [
            models.UniqueConstraint(fields=["vote", "round", "organisation"], name="em_receipt_round_uniq")
        ]

    def __str__(self) -> str:
        return f"{self.organisation} – {self.vote}"


class Ballot(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    vote = models.ForeignKey(Vote, on_delete=models.CASCADE, related_name="ballots")
    round = models.PositiveSmallIntegerField(_("vòng bỏ phiếu"), default=1)
    choices = models.JSONField(_("đơn vị được chọn"), default=list)

    class Meta:
        verbose_name = _("phiếu bầu")
        verbose_name_plural = _("phiếu bầu")

    def __str__(self) -> str:
        return gettext("Phiếu kín")
