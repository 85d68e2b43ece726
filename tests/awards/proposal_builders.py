"""Helpers that walk a proposal through its workflow with the services, as the officers would."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from tests.factories import PersonFactory
from thidua.awards.models import Council, Proposal
from thidua.awards.services.council import (
    council_ballot_cast,
    council_create,
    council_vote_close,
    council_vote_open,
)
from thidua.awards.services.proposals import (
    proposal_appraise,
    proposal_create,
    proposal_decide,
    proposal_document_attach,
    proposal_item_add,
    proposal_submit,
)

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
YEAR = timezone.localdate().year - 1
AWARD = "chien_si_thi_dua_co_so"


def pdf(name: str = "to-trinh.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def draft(actor: Any, organisation: Any, **overrides: Any) -> Proposal:
    data: dict[str, Any] = {"title": "Đề nghị khen thưởng năm " + str(YEAR), "year": YEAR}
    data.update(overrides)
    return proposal_create(actor=actor, organisation=organisation, **data)


def complete_dossier(actor: Any, proposal: Proposal) -> None:
    """Attach every document Điều 84 asks of the proposal's awards, for the whole proposal."""
    for kind in (
        "to_trinh",
        "bao_cao_thanh_tich",
        "bien_ban_xet_thi_dua",
        "xac_nhan_sang_kien",
        "bien_ban_xet_khen_thuong",
    ):
        proposal_document_attach(actor=actor, proposal=proposal, kind=kind, upload=pdf(f"{kind}.pdf"))


def submitted(actor: Any, organisation: Any, person: Any, *, award: str = AWARD) -> Proposal:
    proposal = draft(actor, organisation)
    proposal_item_add(actor=actor, proposal=proposal, person=person, award=award, year_from=YEAR)
    complete_dossier(actor, proposal)
    return proposal_submit(actor=actor, proposal=proposal)


def council(members: list[Any], *, year: int | None = None) -> Council:
    """A council whose members are new people, each voting with one of `members` (accounts)."""
    seats = [(PersonFactory(full_name=f"Thành Viên {n}"), user, "Ủy viên") for n, user in enumerate(members)]
    return council_create(
        actor=None,
        year=year or timezone.localdate().year,
        name="Hội đồng Thi đua – Khen thưởng tỉnh",
        members=seats,
        chair=seats[0][0],
    )


def appraised(province: Any, unit_actor: Any, organisation: Any, person: Any, **kw: Any) -> Proposal:
    proposal = submitted(unit_actor, organisation, person, **kw)
    return proposal_appraise(actor=province, proposal=proposal)


def voting(
    province: Any, unit_actor: Any, organisation: Any, person: Any, board: Council, **kw: Any
) -> Proposal:
    proposal = appraised(province, unit_actor, organisation, person, **kw)
    return council_vote_open(actor=province, proposal=proposal, council=board)


def voted(
    province: Any,
    unit_actor: Any,
    organisation: Any,
    person: Any,
    board: Council,
    voters: list[Any],
    choice: str = "agree",
) -> Proposal:
    proposal = voting(province, unit_actor, organisation, person, board)
    for voter in voters:
        council_ballot_cast(
            actor=voter, proposal=proposal, choices={item.pk: choice for item in proposal.items.all()}
        )
    council_vote_close(actor=province, proposal=proposal)
    proposal.refresh_from_db()
    return proposal


def decide(province: Any, proposal: Proposal, issuer: Any, number: str = "88/QĐ-UBND") -> list[Any]:
    awards = {item.award for item in proposal.items.all()}
    return proposal_decide(
        actor=province,
        proposal=proposal,
        numbers={award: f"{number}-{n}" if n else number for n, award in enumerate(sorted(awards))},
        signed_on=timezone.localdate() - dt.timedelta(days=1),
        issuer=issuer,
        signer_name="Nguyễn Văn Ký",
        signer_title="Chủ tịch",
    )
