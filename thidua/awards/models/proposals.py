"""Commendation proposals (hồ sơ đề nghị khen thưởng) and the provincial council's vote on them (#12).

A unit's proposal lists people and collectives, each for one award over a year or a period; each item
keeps the last eligibility result and the duplicates found when it was checked (the screens show
them beside the item). The dossier's documents (Luật TĐKT 2022 Điều 84) live in the private storage,
as the emulation reports' evidence does. The council (Hội đồng Thi đua – Khen thưởng tỉnh) of a year
has members from the people's registry; each member casts one ballot per item.

The states are rules/proposal_workflow.State (one source); the services move them.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.files.storage import Storage, storages
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from thidua.awards.models.choices import Award
from thidua.awards.rules.council import Choice
from thidua.awards.rules.dossier import CommendationKind, DocumentKind
from thidua.awards.rules.proposal_workflow import State
from thidua.core.models import TimeStampedModel

STATE_LABELS = {
    State.DRAFT: _("Đang lập"),
    State.SUBMITTED: _("Đã gửi, chờ thẩm định"),
    State.RETURNED: _("Bị trả lại"),
    State.APPRAISED: _("Đã thẩm định"),
    State.COUNCIL_VOTING: _("Hội đồng đang bỏ phiếu"),
    State.VOTED: _("Hội đồng đã bỏ phiếu"),
    State.DECIDED: _("Đã có quyết định"),
    State.WITHDRAWN: _("Đơn vị đã rút"),
}
DOCUMENT_LABELS = {
    DocumentKind.TO_TRINH: _("Tờ trình đề nghị khen thưởng"),
    DocumentKind.BAO_CAO_THANH_TICH: _("Báo cáo thành tích"),
    DocumentKind.BIEN_BAN_XET_THI_DUA: _("Biên bản xét thi đua"),
    DocumentKind.BIEN_BAN_XET_KHEN_THUONG: _("Biên bản xét khen thưởng"),
    DocumentKind.XAC_NHAN_SANG_KIEN: _(
        "Xác nhận của cấp có thẩm quyền về hiệu quả áp dụng, phạm vi ảnh hưởng của sáng kiến, "
        "đề tài nghiên cứu khoa học"
    ),
    DocumentKind.XAC_NHAN_THANH_TICH: _(
        "Xác nhận của cấp có thẩm quyền về thành tích đặc biệt xuất sắc, đột xuất, đóng góp, phát minh, sáng chế"
    ),
}
COMMENDATION_KIND_LABELS = {
    CommendationKind.CONG_TRANG: _("Khen thưởng theo công trạng và thành tích đạt được"),
    CommendationKind.THEO_DOT: _("Khen thưởng theo đợt hoặc theo chuyên đề"),
    CommendationKind.DOT_XUAT: _("Khen thưởng đột xuất"),
    CommendationKind.CONG_HIEN: _("Khen thưởng quá trình cống hiến"),
    CommendationKind.NIEN_HAN: _("Khen thưởng theo niên hạn"),
    CommendationKind.DOI_NGOAI: _("Khen thưởng đối ngoại"),
}
CHOICE_LABELS = {
    Choice.AGREE: _("Đồng ý"),
    Choice.DISAGREE: _("Không đồng ý"),
    Choice.ABSTAIN: _("Không biểu quyết"),
}

ProposalState = models.TextChoices(  # type: ignore[call-overload]
    "ProposalState", [(s.name, (s.value, STATE_LABELS[s])) for s in State if s != State.NONE]
)
DocumentKindChoice = models.TextChoices(  # type: ignore[call-overload]
    "DocumentKindChoice", [(k.name, (k.value, DOCUMENT_LABELS[k])) for k in DocumentKind]
)
CommendationKindChoice = models.TextChoices(  # type: ignore[call-overload]
    "CommendationKindChoice", [(k.name, (k.value, COMMENDATION_KIND_LABELS[k])) for k in CommendationKind]
)
BallotChoice = models.TextChoices(  # type: ignore[call-overload]
    "BallotChoice", [(c.name, (c.value, CHOICE_LABELS[c])) for c in Choice]
)

_ONE_SUBJECT = (Q(person__isnull=False) & Q(organisation__isnull=True)) | (
    Q(person__isnull=True) & Q(organisation__isnull=False)
)
_USER = settings.AUTH_USER_MODEL


def _actor(verbose: Any) -> Any:
    return models.ForeignKey(
        _USER, verbose_name=verbose, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )


class Council(TimeStampedModel):
    """The provincial emulation and commendation council (Hội đồng Thi đua – Khen thưởng tỉnh) of a
    year: it advises the chairman of the provincial people's committee, who decides (Luật TĐKT 2022
    Điều 79; legal-rules §2.6)."""

    year = models.PositiveSmallIntegerField(_("năm"), unique=True)
    name = models.CharField(_("tên hội đồng"), max_length=300)
    established_by = models.CharField(
        _("quyết định thành lập"),
        max_length=300,
        blank=True,
        help_text=_("Ví dụ: 120/QĐ-UBND ngày 10/01/2026."),
    )

    class Meta:
        verbose_name = _("Hội đồng Thi đua – Khen thưởng")
        verbose_name_plural = _("Hội đồng Thi đua – Khen thưởng")
        ordering = ["-year"]

    def __str__(self) -> str:
        return self.name


class CouncilMember(models.Model):
    """A member of the council: a person of the registry, and the account they cast ballots with."""

    council = models.ForeignKey(
        Council, verbose_name=_("hội đồng"), on_delete=models.CASCADE, related_name="members"
    )
    person = models.ForeignKey(
        "org.Person", verbose_name=_("thành viên"), on_delete=models.PROTECT, related_name="council_seats"
    )
    user = models.ForeignKey(
        _USER,
        verbose_name=_("tài khoản bỏ phiếu"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="council_seats",
    )
    title = models.CharField(_("chức danh trong hội đồng"), max_length=200, blank=True)
    is_chair = models.BooleanField(_("chủ tịch hội đồng"), default=False)

    class Meta:
        verbose_name = _("thành viên hội đồng")
        verbose_name_plural = _("thành viên hội đồng")
        ordering = ["council", "-is_chair", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "person"],
                name="awards_council_member_uniq",
                violation_error_message=_("Người này đã là thành viên hội đồng."),
            ),
            models.UniqueConstraint(
                fields=["council", "user"],
                condition=Q(user__isnull=False),
                name="awards_council_user_uniq",
                violation_error_message=_("Tài khoản này đã gắn với một thành viên khác của hội đồng."),
            ),
            models.UniqueConstraint(
                fields=["council"],
                condition=Q(is_chair=True),
                name="awards_council_one_chair",
                violation_error_message=_("Hội đồng chỉ có một chủ tịch."),
            ),
        ]

    def __str__(self) -> str:
        return str(self.person)


class CouncilThreshold(TimeStampedModel):
    """A vote threshold set by the province's rules for its council (quy chế hoạt động của Hội đồng),
    which wins over the decree's figures and the software's defaults (rules/council.threshold_for).

    Kept in the awards app: the emulation Ruleset holds the cluster vote's threshold, not the
    council's. A share is numerator/denominator (2/3 is not a whole percentage)."""

    award = models.CharField(
        _("hình thức, danh hiệu"),
        max_length=40,
        choices=Award.choices,
        blank=True,
        help_text=_("Để trống: áp dụng cho mọi hình thức không có ngưỡng riêng."),
    )
    numerator = models.PositiveSmallIntegerField(_("tử số"))
    denominator = models.PositiveSmallIntegerField(_("mẫu số"))
    rule = models.CharField(
        _("cách tính"),
        max_length=10,
        choices=[("at_least", _("từ … trở lên")), ("more_than", _("trên …"))],
        default="at_least",
    )
    valid_from = models.DateField(_("áp dụng từ ngày"), null=True, blank=True)
    valid_to = models.DateField(_("áp dụng đến ngày"), null=True, blank=True)
    source = models.CharField(_("văn bản quy định"), max_length=300)

    class Meta:
        verbose_name = _("tỷ lệ biểu quyết của Hội đồng")
        verbose_name_plural = _("tỷ lệ biểu quyết của Hội đồng")
        ordering = ["award", "valid_from", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(numerator__gte=1) & Q(numerator__lte=models.F("denominator")),
                name="awards_threshold_share",
                violation_error_message=_("Tỷ lệ phải lớn hơn 0 và tử số không lớn hơn mẫu số."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_award_display() or gettext('Mọi hình thức')}: {self.numerator}/{self.denominator}"


class Proposal(TimeStampedModel):
    """A unit's list of people and collectives proposed for awards, with its dossier and its path
    through the workflow. `received_on` is the day the competent body received the dossier: the
    eligibility rule set and the transition of Luật 06/2026/QH16 Điều 4 khoản 4 key on it."""

    organisation = models.ForeignKey(
        "org.Organisation",
        verbose_name=_("đơn vị đề nghị"),
        on_delete=models.PROTECT,
        related_name="award_proposals",
    )
    title = models.CharField(_("trích yếu"), max_length=300)
    year = models.PositiveSmallIntegerField(_("năm"))
    commendation_kind = models.CharField(
        _("loại hình khen thưởng"),
        max_length=20,
        choices=CommendationKindChoice.choices,
        default=CommendationKind.CONG_TRANG.value,
    )
    state = models.CharField(
        _("trạng thái"), max_length=20, choices=ProposalState.choices, default=State.DRAFT.value
    )
    received_on = models.DateField(_("ngày tiếp nhận hồ sơ"), null=True, blank=True)
    created_by = _actor(_("người lập"))
    submitted_at = models.DateTimeField(_("thời điểm gửi"), null=True, blank=True)
    submitted_by = _actor(_("người gửi"))
    returned_at = models.DateTimeField(_("thời điểm trả lại"), null=True, blank=True)
    returned_by = _actor(_("người trả lại"))
    return_reason = models.TextField(_("lý do trả lại"), blank=True)
    appraised_at = models.DateTimeField(_("thời điểm thẩm định"), null=True, blank=True)
    appraised_by = _actor(_("người thẩm định"))
    council = models.ForeignKey(
        Council,
        verbose_name=_("hội đồng"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="proposals",
    )
    vote_opened_at = models.DateTimeField(_("thời điểm mở bỏ phiếu"), null=True, blank=True)
    vote_closed_at = models.DateTimeField(_("thời điểm kết thúc bỏ phiếu"), null=True, blank=True)
    # The data of the minutes (biên bản họp xét): members, present, quorum, each item's count.
    minutes = models.JSONField(_("biên bản kiểm phiếu"), default=dict, blank=True)
    decided_at = models.DateTimeField(_("thời điểm ghi quyết định"), null=True, blank=True)
    decided_by = _actor(_("người ghi quyết định"))
    decisions = models.ManyToManyField(
        "awards.AwardDecision", verbose_name=_("quyết định khen thưởng"), blank=True, related_name="proposals"
    )
    withdrawn_at = models.DateTimeField(_("thời điểm rút"), null=True, blank=True)
    withdraw_reason = models.TextField(_("lý do rút"), blank=True)
    # A Cờ thi đua proposal made from a cluster's closed vote (the leading unit it proposes).
    source_vote = models.ForeignKey(
        "emulation.Vote",
        verbose_name=_("kết quả suy tôn của cụm, khối"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="award_proposals",
    )

    class Meta:
        verbose_name = _("hồ sơ đề nghị khen thưởng")
        verbose_name_plural = _("hồ sơ đề nghị khen thưởng")
        ordering = ["-year", "-created_at", "-id"]
        indexes = [models.Index(fields=["state", "year"], name="awards_proposal_state_year")]

    def __str__(self) -> str:
        return self.title


class ProposalItem(TimeStampedModel):
    """One person or collective proposed for one award over a year (or a period from–to)."""

    proposal = models.ForeignKey(
        Proposal, verbose_name=_("hồ sơ đề nghị"), on_delete=models.CASCADE, related_name="items"
    )
    person = models.ForeignKey(
        "org.Person",
        verbose_name=_("cá nhân"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="award_proposal_items",
    )
    organisation = models.ForeignKey(
        "org.Organisation",
        verbose_name=_("tập thể"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="award_proposal_items",
    )
    award = models.CharField(_("hình thức, danh hiệu"), max_length=40, choices=Award.choices)
    year_from = models.PositiveSmallIntegerField(_("thành tích từ năm"))
    year_to = models.PositiveSmallIntegerField(_("thành tích đến năm"))
    note = models.TextField(_("tóm tắt thành tích"), blank=True)
    # The last check: {"outcome", "rule_set", "unverified", "reasons": [{code, message, citation,
    # verified}]}, computed on `checked_on` (the as-of date) with the proposal's receipt date.
    eligibility = models.JSONField(_("kết quả xét điều kiện"), default=dict, blank=True)
    checked_on = models.DateField(_("ngày xét"), null=True, blank=True)
    # [{"basis", "weak", "kind": "registry" | "proposal", "name", "unit", "source", "years", …}]
    duplicates = models.JSONField(_("trùng lặp"), default=list, blank=True)
    # rules/council.ItemTally.as_dict(), written when the council's vote is closed.
    council_result = models.JSONField(_("kết quả biểu quyết"), null=True, blank=True)

    class Meta:
        verbose_name = _("người, tập thể được đề nghị")
        verbose_name_plural = _("người, tập thể được đề nghị")
        ordering = ["proposal", "id"]
        constraints = [
            models.CheckConstraint(
                condition=_ONE_SUBJECT,
                name="awards_item_one_subject",
                violation_error_message=_("Hãy chọn một cá nhân hoặc một tập thể."),
            ),
            models.CheckConstraint(
                condition=Q(year_to__gte=models.F("year_from")),
                name="awards_item_period_order",
                violation_error_message=_("Năm kết thúc không thể trước năm bắt đầu."),
            ),
            models.UniqueConstraint(
                fields=["proposal", "person", "award"],
                condition=Q(person__isnull=False),
                name="awards_item_person_award_uniq",
                violation_error_message=_("Cá nhân này đã được đề nghị hình thức này trong hồ sơ."),
            ),
            models.UniqueConstraint(
                fields=["proposal", "organisation", "award"],
                condition=Q(organisation__isnull=False),
                name="awards_item_organisation_award_uniq",
                violation_error_message=_("Tập thể này đã được đề nghị hình thức này trong hồ sơ."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person or self.organisation} – {self.get_award_display()}"

    @property
    def period_text(self) -> str:
        if self.year_from == self.year_to:
            return str(self.year_to)
        return f"{self.year_from}–{self.year_to}"

    @property
    def passed(self) -> bool:
        return bool((self.council_result or {}).get("passed"))


def private_storage() -> Storage:
    """The dossier holds personal data (achievement reports): it lives in the private storage, which
    has no public URL, as the emulation reports' evidence does."""
    return storages["private"]


def document_path(instance: ProposalDocument, filename: str) -> str:
    return f"proposals/{instance.proposal_id}/{filename}"


class ProposalDocument(models.Model):
    """A document of the dossier (Luật TĐKT 2022 Điều 84). `item` names the person or collective a
    document concerns (an achievement report, a certification); empty for the whole proposal (the
    proposal letter, the minutes)."""

    proposal = models.ForeignKey(
        Proposal, verbose_name=_("hồ sơ đề nghị"), on_delete=models.CASCADE, related_name="documents"
    )
    item = models.ForeignKey(
        ProposalItem,
        verbose_name=_("của người, tập thể"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="documents",
    )
    kind = models.CharField(_("loại tài liệu"), max_length=40, choices=DocumentKindChoice.choices)
    file = models.FileField(_("tệp"), upload_to=document_path, storage=private_storage, max_length=300)
    original_name = models.CharField(_("tên tệp"), max_length=255)
    content_type = models.CharField(_("loại tệp"), max_length=100)
    size = models.PositiveIntegerField(_("dung lượng (byte)"))
    uploaded_by = _actor(_("người tải lên"))
    uploaded_at = models.DateTimeField(_("thời điểm tải lên"), auto_now_add=True)

    class Meta:
        verbose_name = _("tài liệu hồ sơ đề nghị")
        verbose_name_plural = _("tài liệu hồ sơ đề nghị")
        ordering = ["proposal", "kind", "uploaded_at", "id"]

    def __str__(self) -> str:
        return self.original_name


class CouncilBallot(models.Model):
    """A council member's ballot on one item; changeable while the vote is open (one per member and
    item). The screens show counts only, never a member's choice (the provincial council votes by
    secret ballot in practice, legal-rules §2.7); the row is kept so that a member votes once."""

    item = models.ForeignKey(
        ProposalItem,
        verbose_name=_("người, tập thể được đề nghị"),
        on_delete=models.CASCADE,
        related_name="ballots",
    )
    member = models.ForeignKey(
        CouncilMember, verbose_name=_("thành viên"), on_delete=models.PROTECT, related_name="ballots"
    )
    choice = models.CharField(_("biểu quyết"), max_length=10, choices=BallotChoice.choices)
    cast_at = models.DateTimeField(_("thời điểm bỏ phiếu"), auto_now=True)
    # A member absent from the session votes in writing (NĐ 91/2017/NĐ-CP Điều 45 khoản 8); the
    # office records the paper ballot. It counts towards the share of all members, not the quorum.
    written = models.BooleanField(_("phiếu bằng văn bản"), default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người ghi phiếu"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("phiếu biểu quyết của Hội đồng")
        verbose_name_plural = _("phiếu biểu quyết của Hội đồng")
        constraints = [
            models.UniqueConstraint(
                fields=["item", "member"],
                name="awards_ballot_item_member_uniq",
                violation_error_message=_("Thành viên đã bỏ phiếu cho người, tập thể này."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.member} – {self.item}: {self.get_choice_display()}"
