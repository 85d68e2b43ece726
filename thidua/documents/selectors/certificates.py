"""Certificates and their verify page: the decision's data for the renderers, and the signed token in
each certificate's QR code.

The token is django.core.signing over the recipient's id (salted for this use): it cannot be guessed
or altered without the SECRET_KEY, needs no stored column, and an old key can be kept in
SECRET_KEY_FALLBACKS when the key is rotated so printed certificates still verify.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core import signing
from django.db.models import QuerySet

from thidua.awards.models import AwardDecision, AwardRecipient
from thidua.awards.selectors.access import can_manage_decisions
from thidua.core.formatting import nd30_date
from thidua.core.signing import SigningAuthority
from thidua.documents.models import CertificateLayout
from thidua.documents.render.certificate import CertificateData, FieldBox, OverprintLayout
from thidua.documents.render.compose import DecisionData, ReceiverLine, decision_signature
from thidua.documents.selectors.proposals import unit_place

__all__ = [
    "Verified",
    "certificate_token",
    "certificates_count",
    "certificates_data",
    "decision_data",
    "layout_kind",
    "layouts_visible_to",
    "overprint_layout",
    "recipient_by_token",
]

SALT = "thidua.documents.certificate"
TITLE_WORDS = ("tặng", "về việc", "công nhận", "khen thưởng")


def certificate_token(recipient_id: int) -> str:
    return signing.dumps(recipient_id, salt=SALT, compress=False)


@dataclass(frozen=True, slots=True)
class Verified:
    """What the public page shows: the decision, the name and unit, the date; nothing else."""

    award: str
    recipient_name: str
    recipient_unit: str
    decision_number: str
    issuer: str
    signed_on_text: str


def recipient_by_token(token: str) -> Verified | None:
    """The recipient a certificate's token names, or None for a forged, altered or withdrawn one."""
    try:
        recipient_id = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    if not isinstance(recipient_id, int):
        return None
    recipient = (
        AwardRecipient.objects.select_related("decision__issuer", "person__organisation", "organisation")
        .filter(pk=recipient_id)
        .first()
    )
    if recipient is None:
        return None
    decision = recipient.decision
    name, unit = _name_and_unit(recipient)
    return Verified(
        award=str(decision.get_award_display()),
        recipient_name=name,
        recipient_unit=unit,
        decision_number=decision.number,
        issuer=decision.issuer.name,
        signed_on_text=nd30_date(decision.signed_on),
    )


def _name_and_unit(recipient: AwardRecipient) -> tuple[str, str]:
    if recipient.person is not None:
        return recipient.person.full_name, recipient.person.organisation.name
    assert recipient.organisation is not None
    return recipient.organisation.name, ""


def _recipients(decision: AwardDecision) -> QuerySet[AwardRecipient]:
    return decision.recipients.select_related("person__organisation", "organisation").order_by("id")


def _place(decision: AwardDecision) -> str:
    # A district's or a commune's decision is dated at that unit, the province's at the province.
    return unit_place(decision.issuer) or decision.issuer.name


def decision_data(*, decision: AwardDecision) -> DecisionData:
    people, organisations = [], []
    for recipient in _recipients(decision):
        if recipient.person is not None:
            person = recipient.person
            detail = ", ".join(part for part in (person.position, person.organisation.name) if part)
            people.append(ReceiverLine(person.full_name, detail))
        elif recipient.organisation is not None:
            parent = recipient.organisation.parent
            organisations.append(ReceiverLine(recipient.organisation.name, parent.name if parent else ""))
    return DecisionData(
        number=decision.number,
        signed_on=decision.signed_on,
        issuer_name=decision.issuer.name,
        place=_place(decision),
        award_label=str(decision.get_award_display()),
        period_text=decision.period_text,
        summary=decision.summary,
        signer_title=decision.signer_title,
        signer_name=decision.signer_name,
        people=tuple(people),
        organisations=tuple(organisations),
        signing=SigningAuthority(decision.signing) if decision.signing else None,
        head_title=decision.head_title,
    )


def _certificate_title(award: str) -> str:
    return "GIẤY KHEN" if award.lower().startswith("giấy khen") else "BẰNG KHEN"


def _conferred_by(decision: AwardDecision) -> str:
    issuer = decision.issuer.name
    if issuer.lower().startswith("ủy ban nhân dân"):
        return f"CHỦ TỊCH {issuer.upper()}"
    return issuer.upper()


def certificates_data(*, decision: AwardDecision, verify_url: str) -> list[CertificateData]:
    """One certificate per recipient; `verify_url` has "{token}" where the recipient's token goes."""
    data = decision_data(decision=decision)
    title = _certificate_title(data.award_label)
    achievement = decision.summary.strip().rstrip(".")
    # A summary that is the decision's own trích yếu ("Tặng danh hiệu …", "Về việc …") says what is
    # given, not what was achieved: "Đã có thành tích Tặng danh hiệu …" read wrong on the demo's paper.
    if not achievement or achievement.lower().startswith(TITLE_WORDS):
        achievement = f"Đã có thành tích xuất sắc năm {data.period_text}"
    if not achievement.lower().startswith("đã có"):
        achievement = f"Đã có thành tích {achievement}"
    if data.signing is not None:
        # As recorded with the decision, the lines of its own box 7 (NĐ 30/2020 Phụ lục I, mục II.7a).
        block = decision_signature(data)
        authority, signer_title = block.authority_line, block.title
    else:
        # Not recorded (older rows): guessed from the signer's title, KT. when a deputy signs.
        deputy = "phó" in data.signer_title.lower()
        authority, signer_title = ("KT. CHỦ TỊCH" if deputy else ""), data.signer_title or "Chủ tịch"
    out = []
    for recipient in _recipients(decision):
        name, unit = _name_and_unit(recipient)
        out.append(
            CertificateData(
                title=title,
                conferred_by=_conferred_by(decision),
                recipient_name=name,
                recipient_unit=unit,
                achievement=achievement,
                decision_number=decision.number,
                decision_date=decision.signed_on,
                place=data.place,
                signer_title=signer_title,
                signer_name=data.signer_name,
                verify_url=verify_url.replace("{token}", certificate_token(recipient.pk)),
                signer_authority=authority,
            )
        )
    return out


def layout_kind(decision: AwardDecision) -> str:
    """The blank a decision's certificates are printed on: Giấy khen or Bằng khen paper."""
    title = _certificate_title(str(decision.get_award_display()))
    return CertificateLayout.Kind.GIAY_KHEN if title == "GIẤY KHEN" else CertificateLayout.Kind.BANG_KHEN


def overprint_layout(*, decision: AwardDecision) -> OverprintLayout | None:
    """The positions the office set for this decision's blank, as plain data; None if not set yet."""
    layout = CertificateLayout.objects.filter(kind=layout_kind(decision)).first()
    if layout is None:
        return None

    def box(name: str) -> FieldBox:
        return FieldBox(
            x_mm=float(getattr(layout, f"{name}_x_mm")),
            y_mm=float(getattr(layout, f"{name}_y_mm")),
            width_mm=float(getattr(layout, f"{name}_width_mm")),
            font_pt=float(getattr(layout, f"{name}_font_pt")),
            bold=name == "name",
        )

    return OverprintLayout(
        name=box("name"),
        unit=box("unit"),
        achievement=box("achievement"),
        decision=box("decision"),
        qr_x_mm=float(layout.qr_x_mm),
        qr_y_mm=float(layout.qr_y_mm),
        qr_size_mm=float(layout.qr_size_mm),
        page_width_mm=float(layout.page_width_mm),
        page_height_mm=float(layout.page_height_mm),
    )


def certificates_count(*, decision: AwardDecision) -> int:
    return decision.recipients.count()


def layouts_visible_to(*, user: Any) -> QuerySet[CertificateLayout]:
    """The overprint layouts, for whoever records award decisions (the province office)."""
    if not can_manage_decisions(user):
        return CertificateLayout.objects.none()
    return CertificateLayout.objects.all()
