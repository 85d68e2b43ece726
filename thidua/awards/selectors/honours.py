"""The portal's honour board (Bảng vàng) read from the awards registry: the latest provincial and
state honours, newest decision first. Registered with the portal from AwardsConfig.ready(); the
portal falls back to its published results while the registry holds none of these."""

from __future__ import annotations

from thidua.awards.eligibility.codes import AwardCode
from thidua.awards.models import AwardRecipient
from thidua.awards.models.choices import AWARD_LABELS
from thidua.core.formatting import short_date
from thidua.portal.selectors.honours import HonourEntry

__all__ = ["BOARD_AWARDS", "registry_honours"]

# What a province's board shows: the honours the Chủ tịch UBND tỉnh and the State confer. The
# grassroots titles (Lao động tiên tiến, Chiến sĩ thi đua cơ sở, Tập thể lao động tiên tiến, Giấy
# khen) go to most of a unit's staff each year and would bury the rest.
BOARD_AWARDS = frozenset(
    {
        AwardCode.CHIEN_SI_THI_DUA_CAP_TINH,
        AwardCode.CHIEN_SI_THI_DUA_TOAN_QUOC,
        AwardCode.TAP_THE_LAO_DONG_XUAT_SAC,
        AwardCode.CO_THI_DUA_CAP_TINH,
        AwardCode.CO_THI_DUA_CHINH_PHU,
        AwardCode.BANG_KHEN_CHU_TICH_UBND_TINH,
        AwardCode.BANG_KHEN_THU_TUONG,
        AwardCode.HUAN_CHUONG_LAO_DONG_HANG_BA,
    }
)


def registry_honours(limit: int) -> list[HonourEntry]:
    """The newest `limit` recipients of a board award, one query. A person is shown by name and
    unit only: the public page carries no other personal data."""
    recipients = (
        AwardRecipient.objects.filter(decision__award__in=[code.value for code in BOARD_AWARDS])
        .select_related("decision__issuer", "person__organisation", "organisation")
        .order_by("-decision__signed_on", "-decision_id", "pk")[:limit]
    )
    entries = []
    for recipient in recipients:
        decision = recipient.decision
        if recipient.person is not None:
            name = f"{recipient.person.full_name} ({recipient.person.organisation})"
            kind = "individual"
        else:
            assert recipient.organisation is not None
            name, kind = recipient.organisation.name, "collective"
        entries.append(
            HonourEntry(
                name=name,
                honour=str(AWARD_LABELS[AwardCode(decision.award)]),
                kind=kind,
                year=decision.period_to_year,
                decision=f"Quyết định số {decision.number} ngày {short_date(decision.signed_on)} của {decision.issuer.name}",
            )
        )
    return entries
