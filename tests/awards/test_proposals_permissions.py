"""Who holds the proposal capabilities (written out by hand, apart from roles.py), which proposals
each persona reads, and which services insist on being the outermost transaction."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.db import transaction

from tests.awards import proposal_builders as pb
from thidua.accounts.permissions import has_capability
from thidua.accounts.roles import Cap
from thidua.awards.selectors.proposals import proposals_visible_to
from thidua.awards.services.council import council_create

CAPS = {
    Cap.PROPOSE_AWARDS: {"head", "member"},
    Cap.MANAGE_PROPOSALS: {"province", "sysadmin"},
    Cap.VOTE_IN_COUNCIL: {"council"},
}
PERSONAS = ["province", "head", "member", "council", "editor", "chief", "sysadmin", "outsider"]


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("capability", sorted(CAPS))
def test_capability_table(personas: dict[str, Any], persona: str, capability: str) -> None:
    assert has_capability(personas[persona], capability) is (persona in CAPS[capability])


@pytest.mark.parametrize("persona", PERSONAS)
def test_who_reads_which_proposal(world: Any, personas: dict[str, Any], persona: str) -> None:
    province, council_user = personas["province"], personas["council"]
    own = pb.draft(personas["member"], world.other, title="Của xã Khác")
    head_own = pb.draft(personas["head"], world.home, title="Của xã Nhà")
    board = pb.council([council_user])
    voting = pb.voting(province, personas["member"], world.other, world.other_person, board)
    seen = set(proposals_visible_to(user=personas[persona]).values_list("pk", flat=True))
    expected = {
        "province": {own.pk, head_own.pk, voting.pk},
        "sysadmin": {own.pk, head_own.pk, voting.pk},
        "member": {own.pk, voting.pk},
        "head": {head_own.pk},
        "council": {voting.pk},  # only what was put to a council the member sits on
    }.get(persona, set())
    assert seen == expected


def test_only_the_province_sets_up_a_council(world: Any, personas: dict[str, Any]) -> None:
    for persona in ("member", "head", "council", "outsider"):
        with pytest.raises(PermissionDenied):
            council_create(
                actor=personas[persona], year=2026, name="Hội đồng", members=[(world.home_person, None, "")]
            )


@pytest.mark.django_db(transaction=True)
def test_durable_services_refuse_an_enclosing_transaction(world: Any, personas: dict[str, Any]) -> None:
    from thidua.awards.services.proposals import (
        proposal_document_attach,
        proposal_item_add,
        proposal_item_remove,
        proposal_return,
        proposal_withdraw,
    )

    member, province = personas["member"], personas["province"]
    proposal = pb.draft(member, world.other)
    item = proposal_item_add(
        actor=member, proposal=proposal, person=world.other_person, award=pb.AWARD, year_from=pb.YEAR
    )
    nested = "A durable atomic block cannot be nested within another atomic block"
    for call in (
        lambda: proposal_item_remove(actor=member, item=item),
        lambda: proposal_withdraw(actor=member, proposal=proposal, reason="x"),
        lambda: proposal_return(actor=province, proposal=proposal, reason="x"),
    ):
        with pytest.raises(RuntimeError, match=nested), transaction.atomic():
            call()
    # The services a composite or the demo loader calls may be nested.
    with transaction.atomic():
        nested_proposal = pb.draft(member, world.other)
        proposal_item_add(
            actor=member,
            proposal=nested_proposal,
            person=world.other_person,
            award="lao_dong_tien_tien",
            year_from=pb.YEAR,
        )
        # The demo loader attaches each proposal's dossier inside its own load.
        proposal_document_attach(actor=member, proposal=nested_proposal, kind="to_trinh", upload=pb.pdf())
