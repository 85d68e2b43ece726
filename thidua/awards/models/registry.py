"""The awards registry (sổ theo dõi khen thưởng): decisions and who received them, yearly ratings,
initiatives, discipline and open matters: the facts the eligibility engine reads (legal-rules §7.2).

A recipient, a rating and an open matter belong to a person or to an organisation, exactly one of
the two (a CheckConstraint). Names are never copied from the registry of people and organisations:
a rename shows everywhere, and history stays attached to the record (legal-rules §6.3: individual
history follows the person, collective history the legal entity).
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from thidua.awards.models.choices import Award, DisciplineChoice, PendingChoice, RatingChoice, ScopeChoice
from thidua.core.models import TimeStampedModel
from thidua.core.signing_rules import SIGNING_CHOICES

# Exactly one of person / organisation.
_ONE_SUBJECT = (Q(person__isnull=False) & Q(organisation__isnull=True)) | (
    Q(person__isnull=True) & Q(organisation__isnull=False)
)

# What a form shows when a row breaks a constraint (Django's default names the constraint in English).
_ONE_SUBJECT_MESSAGE = _("Hãy chọn một cá nhân hoặc một tập thể.")
_INTERVAL_MESSAGE = _("Ngày kết thúc không thể trước ngày bắt đầu.")
_RATING_TWICE = _("Đã có xếp loại năm này; hãy sửa xếp loại đã có.")
_RECIPIENT_TWICE = _("Người, tập thể này đã có trong quyết định.")


class AwardDecision(TimeStampedModel):
    """A decision (quyết định) conferring one title or form on one or more recipients.

    The achievement period (thời gian đạt thành tích) is what the interval rule counts from
    (NĐ 152/2025 Điều 33 khoản 7); a one-year period has both years equal.
    """

    number = models.CharField(_("số, ký hiệu"), max_length=60, help_text=_("Ví dụ: 15/QĐ-UBND."))
    signed_on = models.DateField(_("ngày ký"))
    issuer = models.ForeignKey(
        "org.Organisation",
        verbose_name=_("cơ quan ban hành"),
        on_delete=models.PROTECT,
        related_name="award_decisions_issued",
    )
    signer_name = models.CharField(_("người ký"), max_length=200, blank=True)
    signer_title = models.CharField(_("chức vụ người ký"), max_length=200, blank=True)
    # How the decision is signed (NĐ 30/2020 Điều 13; Phụ lục I, mục II.7a), printed in box 7 of its
    # papers. Blank on the rows recorded before the choice existed: their block is guessed from the
    # signer's title, as it was.
    signing = models.CharField(
        _("quyền hạn ký"),
        max_length=8,
        choices=SIGNING_CHOICES,
        blank=True,
        help_text=_("TM., KT., TL., TUQ., Q. Để trống: đoán theo chức vụ người ký."),
    )
    head_title = models.CharField(
        _("chức vụ người đứng đầu"),
        max_length=200,
        blank=True,
        help_text=_("Ghi sau KT., TL., TUQ., Q. Ví dụ: Chủ tịch, Giám đốc."),
    )
    award = models.CharField(_("hình thức, danh hiệu"), max_length=40, choices=Award.choices)
    period_from_year = models.PositiveSmallIntegerField(_("thành tích từ năm"))
    period_to_year = models.PositiveSmallIntegerField(
        _("thành tích đến năm"), help_text=_("Thành tích một năm: ghi cùng năm ở cả hai ô.")
    )
    summary = models.TextField(_("trích yếu"), blank=True)
    note = models.TextField(_("ghi chú"), blank=True)

    class Meta:
        verbose_name = _("quyết định khen thưởng")
        verbose_name_plural = _("quyết định khen thưởng")
        ordering = ["-signed_on", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["issuer", "number"],
                name="awards_decision_issuer_number_uniq",
                violation_error_message=_("Cơ quan ban hành đã có quyết định số này trong sổ."),
            ),
            models.CheckConstraint(
                condition=Q(period_to_year__gte=models.F("period_from_year")),
                name="awards_decision_period_order",
                violation_error_message=_(
                    "Năm kết thúc thời gian đạt thành tích không thể trước năm bắt đầu."
                ),
            ),
        ]

    def __str__(self) -> str:
        # Translators: an award decision: its number and the day it was signed (dd/mm/yyyy).
        return gettext("Quyết định số %(number)s ngày %(day)s") % {
            "number": self.number,
            "day": f"{self.signed_on:%d/%m/%Y}" if self.signed_on else "",
        }

    @property
    def period_text(self) -> str:
        if self.period_from_year == self.period_to_year:
            return str(self.period_to_year)
        return f"{self.period_from_year}–{self.period_to_year}"


class AwardRecipient(TimeStampedModel):
    decision = models.ForeignKey(
        AwardDecision, verbose_name=_("quyết định"), on_delete=models.CASCADE, related_name="recipients"
    )
    person = models.ForeignKey(
        "org.Person",
        verbose_name=_("cá nhân"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="honours",
    )
    organisation = models.ForeignKey(
        "org.Organisation",
        verbose_name=_("tập thể"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="honours",
    )

    class Meta:
        verbose_name = _("người, tập thể được khen thưởng")
        verbose_name_plural = _("người, tập thể được khen thưởng")
        ordering = ["decision", "id"]
        constraints = [
            models.CheckConstraint(
                condition=_ONE_SUBJECT,
                name="awards_recipient_one_subject",
                violation_error_message=_ONE_SUBJECT_MESSAGE,
            ),
            models.UniqueConstraint(
                fields=["decision", "person"],
                condition=Q(person__isnull=False),
                name="awards_recipient_person_uniq",
                violation_error_message=_RECIPIENT_TWICE,
            ),
            models.UniqueConstraint(
                fields=["decision", "organisation"],
                condition=Q(organisation__isnull=False),
                name="awards_recipient_organisation_uniq",
                violation_error_message=_RECIPIENT_TWICE,
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person or self.organisation} – {self.decision.get_award_display()}"


class TaskRating(TimeStampedModel):
    """The yearly task-completion rating (kết quả đánh giá, xếp loại) of a person or a collective."""

    person = models.ForeignKey(
        "org.Person",
        verbose_name=_("cá nhân"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="task_ratings",
    )
    organisation = models.ForeignKey(
        "org.Organisation",
        verbose_name=_("tập thể"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="task_ratings",
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    rating = models.CharField(_("xếp loại"), max_length=10, choices=RatingChoice.choices)

    class Meta:
        verbose_name = _("xếp loại hằng năm")
        verbose_name_plural = _("xếp loại hằng năm")
        ordering = ["-year", "id"]
        constraints = [
            models.CheckConstraint(
                condition=_ONE_SUBJECT,
                name="awards_rating_one_subject",
                violation_error_message=_ONE_SUBJECT_MESSAGE,
            ),
            models.UniqueConstraint(
                fields=["person", "year"],
                condition=Q(person__isnull=False),
                name="awards_rating_person_uniq",
                violation_error_message=_RATING_TWICE,
            ),
            models.UniqueConstraint(
                fields=["organisation", "year"],
                condition=Q(organisation__isnull=False),
                name="awards_rating_organisation_uniq",
                violation_error_message=_RATING_TWICE,
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person or self.organisation} – {self.year}: {self.get_rating_display()}"


class Initiative(TimeStampedModel):
    """A recognised initiative or scientific work. It supports one honour only (gate G8): `used_for`
    names the honour it already supported."""

    person = models.ForeignKey(
        "org.Person", verbose_name=_("cá nhân"), on_delete=models.PROTECT, related_name="initiatives"
    )
    title = models.CharField(_("tên sáng kiến"), max_length=500)
    scope = models.CharField(_("phạm vi ảnh hưởng"), max_length=20, choices=ScopeChoice.choices)
    recognised_on = models.DateField(_("ngày công nhận"))
    recognised_by = models.CharField(
        _("cơ quan, văn bản công nhận"), max_length=300, blank=True, help_text=_("Ví dụ: 25/QĐ-UBND.")
    )
    used_for = models.ForeignKey(
        AwardRecipient,
        verbose_name=_("đã dùng để khen"),
        null=True,
        blank=True,
        # The honour is gone with its decision: the initiative may support another one.
        on_delete=models.SET_NULL,
        related_name="initiatives",
    )

    class Meta:
        verbose_name = _("sáng kiến")
        verbose_name_plural = _("sáng kiến")
        ordering = ["-recognised_on", "id"]

    def __str__(self) -> str:
        return self.title


class Discipline(TimeStampedModel):
    """A disciplinary measure and its period; achievements count only after it ends (gate G4)."""

    person = models.ForeignKey(
        "org.Person", verbose_name=_("cá nhân"), on_delete=models.PROTECT, related_name="disciplines"
    )
    level = models.CharField(_("hình thức kỷ luật"), max_length=20, choices=DisciplineChoice.choices)
    start = models.DateField(_("từ ngày"))
    end = models.DateField(_("đến ngày"))
    decision = models.CharField(_("quyết định kỷ luật"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("kỷ luật")
        verbose_name_plural = _("kỷ luật")
        ordering = ["-start", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gte=models.F("start")),
                name="awards_discipline_interval",
                violation_error_message=_INTERVAL_MESSAGE,
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.get_level_display()}"


class PendingMatter(TimeStampedModel):
    """A matter under consideration (investigation, inspection, complaint…) that suspends any award
    while open (gate G3, NĐ 152/2025 Điều 4)."""

    person = models.ForeignKey(
        "org.Person",
        verbose_name=_("cá nhân"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="pending_matters",
    )
    organisation = models.ForeignKey(
        "org.Organisation",
        verbose_name=_("tập thể"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="pending_matters",
    )
    kind = models.CharField(_("loại vụ việc"), max_length=20, choices=PendingChoice.choices)
    since = models.DateField(_("từ ngày"))
    closed_on = models.DateField(_("ngày kết thúc"), null=True, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)

    class Meta:
        verbose_name = _("vụ việc đang xem xét")
        verbose_name_plural = _("vụ việc đang xem xét")
        ordering = ["-since", "id"]
        constraints = [
            models.CheckConstraint(
                condition=_ONE_SUBJECT,
                name="awards_pending_one_subject",
                violation_error_message=_ONE_SUBJECT_MESSAGE,
            ),
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True) | Q(closed_on__gte=models.F("since")),
                name="awards_pending_interval",
                violation_error_message=_INTERVAL_MESSAGE,
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person or self.organisation} – {self.get_kind_display()}"

    @property
    def is_open(self) -> bool:
        return self.closed_on is None
