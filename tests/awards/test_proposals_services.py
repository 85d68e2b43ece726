"""The proposal services against the database: items checked as entered, the dossier, submission,
return, appraisal, the council's vote, the decision written into the registry, the cluster's flag."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.awards import proposal_builders as pb
from tests.awards.builders import decision
from tests.factories import PersonFactory
from thidua.awards.models import (
    AwardDecision,
    AwardRecipient,
    CouncilBallot,
    Proposal,
    ProposalItem,
    TaskRating,
)
from thidua.awards.services.council import council_ballot_cast, council_vote_close
from thidua.awards.services.proposals import (
    ItemRow,
    proposal_document_attach,
    proposal_document_remove,
    proposal_from_cluster_vote,
    proposal_item_add,
    proposal_item_remove,
    proposal_items_add,
    proposal_return,
    proposal_submit,
)
from thidua.awards.services.records import rating_set
from thidua.core.models import AuditEvent
from thidua.emulation.models import Vote

YEAR = pb.YEAR


def _audits(action: str) -> int:
    return AuditEvent.objects.filter(action=action).count()


def test_create_and_add_item_checks_eligibility_at_once(world: Any, personas: dict[str, Any]) -> None:
    member = personas["member"]
    proposal = pb.draft(member, world.other)
    assert proposal.state == "draft"
    item = proposal_item_add(
        actor=member, proposal=proposal, person=world.other_person, award="lao_dong_tien_tien", year_from=YEAR
    )
    # No rating in the registry: the engine says why beside the item, with a citation.
    assert item.eligibility["outcome"] in {"not_eligible", "needs_review"}
    assert item.eligibility["reasons"]
    assert all("message" in r and "citation" in r for r in item.eligibility["reasons"])
    assert item.checked_on is not None
    assert _audits("awards.proposal.item_add") == 1


def test_eligible_item_with_a_rating(world: Any, personas: dict[str, Any]) -> None:
    member = personas["member"]
    rating_set(actor=personas["province"], person=world.other_person, year=YEAR, rating="htt")
    proposal = pb.draft(member, world.other)
    item = proposal_item_add(
        actor=member, proposal=proposal, person=world.other_person, award="lao_dong_tien_tien", year_from=YEAR
    )
    assert item.eligibility["outcome"] == "eligible", item.eligibility


def test_member_proposes_only_its_own_people(world: Any, personas: dict[str, Any]) -> None:
    member = personas["member"]
    proposal = pb.draft(member, world.other)
    with pytest.raises(PermissionDenied):
        proposal_item_add(
            actor=member, proposal=proposal, person=world.home_person, award=pb.AWARD, year_from=YEAR
        )
    with pytest.raises(PermissionDenied):
        proposal_item_add(
            actor=member,
            proposal=proposal,
            organisation=world.home,
            award="tap_the_lao_dong_tien_tien",
            year_from=YEAR,
        )
    # Nor a proposal of another unit.
    with pytest.raises(PermissionDenied):
        pb.draft(member, world.home)
    assert not ProposalItem.objects.exists()


def test_award_must_fit_the_recipient(world: Any, personas: dict[str, Any]) -> None:
    member = personas["member"]
    proposal = pb.draft(member, world.other)
    with pytest.raises(ValidationError) as error:
        proposal_item_add(
            actor=member,
            proposal=proposal,
            person=world.other_person,
            award="co_thi_dua_cap_tinh",
            year_from=YEAR,
        )
    assert "chỉ tặng cho tập thể" in str(error.value.message_dict["award"])
    with pytest.raises(ValidationError) as error:
        proposal_item_add(
            actor=member, proposal=proposal, organisation=world.other, award=pb.AWARD, year_from=YEAR
        )
    assert "chỉ tặng cho cá nhân" in str(error.value.message_dict["award"])


def test_dissolved_unit_refused(world: Any, personas: dict[str, Any]) -> None:
    member = personas["member"]
    world.other.dissolved_on = dt.date(2025, 7, 1)
    world.other.save()
    proposal = pb.draft(member, world.other)
    with pytest.raises(ValidationError) as error:
        proposal_item_add(
            actor=member,
            proposal=proposal,
            organisation=world.other,
            award="tap_the_lao_dong_tien_tien",
            year_from=YEAR,
        )
    assert "15/2025/TT-BNV" in str(error.value.message_dict["organisation"])


def test_bad_rows_name_the_row_and_field_and_save_nothing(world: Any, personas: dict[str, Any]) -> None:
    member = personas["member"]
    proposal = pb.draft(member, world.other)
    extra = PersonFactory(organisation=world.other, full_name="Phạm Văn Ba")
    rows = [
        ItemRow(award=pb.AWARD, year_from=YEAR, person=world.other_person),
        ItemRow(award=pb.AWARD, year_from=YEAR + 5, person=extra),
        ItemRow(award="khong_co", year_from=YEAR, person=extra),
    ]
    with pytest.raises(ValidationError) as error:
        proposal_items_add(actor=member, proposal=proposal, rows=rows)
    messages = error.value.message_dict["items"]
    assert any(m.startswith("Dòng 2, Từ năm:") for m in messages), messages
    assert any(m.startswith("Dòng 3, Hình thức, danh hiệu:") for m in messages), messages
    assert not ProposalItem.objects.exists()
    items = proposal_items_add(actor=member, proposal=proposal, rows=rows[:1])
    assert len(items) == 1 and items[0].eligibility


def test_same_subject_and_award_twice_refused(world: Any, personas: dict[str, Any]) -> None:
    member = personas["member"]
    proposal = pb.draft(member, world.other)
    proposal_item_add(
        actor=member, proposal=proposal, person=world.other_person, award=pb.AWARD, year_from=YEAR
    )
    with pytest.raises(ValidationError):
        proposal_item_add(
            actor=member, proposal=proposal, person=world.other_person, award=pb.AWARD, year_from=YEAR
        )
    assert ProposalItem.objects.count() == 1


def test_submit_refused_without_the_article_84_documents(world: Any, personas: dict[str, Any]) -> None:
    member = personas["member"]
    proposal = pb.draft(member, world.other)
    with pytest.raises(ValidationError) as error:
        proposal_submit(actor=member, proposal=proposal)
    assert "items" in error.value.message_dict
    proposal_item_add(
        actor=member, proposal=proposal, person=world.other_person, award=pb.AWARD, year_from=YEAR
    )
    proposal_document_attach(actor=member, proposal=proposal, kind="to_trinh", upload=pb.pdf())
    with pytest.raises(ValidationError) as error:
        proposal_submit(actor=member, proposal=proposal)
    missing = " ".join(error.value.message_dict["documents"])
    assert "Báo cáo thành tích" in missing and "Trần Thị Khác" in missing
    assert "Biên bản xét thi đua" in missing and "Điều 84 khoản 1 điểm c" in missing
    assert "sáng kiến" in missing  # CSTĐCS needs the initiative's certification (Điều 84 khoản 1 điểm d)
    assert "Tờ trình" not in missing
    proposal.refresh_from_db()
    assert proposal.state == "draft" and proposal.received_on is None


def test_submit_records_receipt_date_and_rechecks(world: Any, personas: dict[str, Any]) -> None:
    proposal = pb.submitted(personas["member"], world.other, world.other_person)
    assert proposal.state == "submitted"
    assert proposal.received_on is not None
    assert proposal.submitted_by == personas["member"]
    audit = AuditEvent.objects.get(action="awards.proposal.submit")
    assert audit.changes["state"] == ["draft", "submitted"]


def test_document_checks_type_and_size(world: Any, personas: dict[str, Any], settings: Any) -> None:
    member = personas["member"]
    proposal = pb.draft(member, world.other)
    with pytest.raises(ValidationError) as error:
        proposal_document_attach(
            actor=member,
            proposal=proposal,
            kind="to_trinh",
            upload=SimpleUploadedFile("x.pdf", b"MZ\x90\x00 not a pdf"),
        )
    assert "không phải PDF" in str(error.value.message_dict["file"])
    settings.EVIDENCE_MAX_BYTES = 10
    with pytest.raises(ValidationError) as error:
        proposal_document_attach(actor=member, proposal=proposal, kind="to_trinh", upload=pb.pdf())
    assert "lớn hơn giới hạn" in str(error.value.message_dict["file"])
    settings.EVIDENCE_MAX_BYTES = 10 * 1024 * 1024
    document = proposal_document_attach(actor=member, proposal=proposal, kind="to_trinh", upload=pb.pdf())
    assert document.content_type == "application/pdf"
    assert document.file.storage is not None and not document.file.name.startswith("/")
    proposal_document_remove(actor=member, document=document)
    assert not proposal.documents.exists()


def test_return_needs_a_reason_then_unit_edits_and_resubmits(world: Any, personas: dict[str, Any]) -> None:
    member, province = personas["member"], personas["province"]
    proposal = pb.submitted(member, world.other, world.other_person)
    with pytest.raises(ValidationError) as error:
        proposal_return(actor=province, proposal=proposal, reason="  ")
    assert "lý do" in str(error.value.message_dict["reason"])
    proposal = proposal_return(actor=province, proposal=proposal, reason="Thiếu chữ ký trên tờ trình")
    assert proposal.state == "returned" and proposal.return_reason == "Thiếu chữ ký trên tờ trình"
    item = proposal.items.get()
    proposal_item_remove(actor=member, item=item)
    proposal_item_add(
        actor=member, proposal=proposal, person=world.other_person, award=pb.AWARD, year_from=YEAR
    )
    proposal = proposal_submit(actor=member, proposal=proposal)
    assert proposal.state == "submitted"
    assert AuditEvent.objects.get(action="awards.proposal.return").reason == "Thiếu chữ ký trên tờ trình"


def test_appraise_may_correct_the_receipt_date(world: Any, personas: dict[str, Any]) -> None:
    from thidua.awards.services.proposals import proposal_appraise

    province = personas["province"]
    proposal = pb.submitted(personas["member"], world.other, world.other_person)
    with pytest.raises(ValidationError):
        proposal_appraise(actor=province, proposal=proposal, received_on=dt.date(2999, 1, 1))
    day = proposal.received_on
    proposal = proposal_appraise(actor=province, proposal=proposal, received_on=day)
    assert proposal.state == "appraised" and proposal.appraised_by == province


def test_council_vote_tally_quorum_and_minutes(
    world: Any, personas: dict[str, Any], django_user_model: Any
) -> None:
    from thidua.accounts.roles import RoleCode
    from thidua.accounts.services import user_create

    province, council_user = personas["province"], personas["council"]
    voters = [council_user] + [
        user_create(
            actor=None,
            username=f"hd{n}",
            password="pw-hd",
            full_name=f"Hội Đồng {n}",
            roles=[RoleCode.COUNCIL_MEMBER],
        )
        for n in range(4)
    ]
    board = pb.council(voters)
    proposal = pb.voting(province, personas["member"], world.other, world.other_person, board)
    item = proposal.items.get()
    # Three of five cast: below the quorum of 2/3 (4 of 5) the count is refused.
    for voter in voters[:3]:
        council_ballot_cast(actor=voter, proposal=proposal, choices={item.pk: "agree"})
    with pytest.raises(ValidationError) as error:
        council_vote_close(actor=province, proposal=proposal)
    assert "3/5" in str(error.value)
    # A member changes the ballot while the vote is open: still one per member and item.
    council_ballot_cast(actor=voters[0], proposal=proposal, choices={item.pk: "disagree"})
    council_ballot_cast(actor=voters[0], proposal=proposal, choices={item.pk: "agree"})
    council_ballot_cast(actor=voters[3], proposal=proposal, choices={item.pk: "agree"})
    assert CouncilBallot.objects.filter(item=item).count() == 4
    minutes = council_vote_close(actor=province, proposal=proposal)
    # 4 of 5 = 80%: CSTĐCS needs at least 80% of all members (NĐ 98/2023 Điều 30 khoản 7, carried over).
    assert minutes["present"] == 4 and minutes["members"] == 5
    row = minutes["items"][0]
    assert row["agree"] == 4 and row["not_voted"] == 1 and row["needed"] == 4 and row["passed"] is True
    assert "Điều 30 khoản 7" in row["threshold_source"]
    proposal.refresh_from_db()
    assert proposal.state == "voted" and proposal.minutes["passed"] == [item.pk]
    # No ballot once the count is closed.
    with pytest.raises(ValidationError):
        council_ballot_cast(actor=voters[4], proposal=proposal, choices={item.pk: "agree"})


def test_council_threshold_from_the_province(world: Any, personas: dict[str, Any]) -> None:
    from thidua.awards.models import CouncilThreshold

    CouncilThreshold.objects.create(
        award=pb.AWARD, numerator=1, denominator=1, source="Quy chế Hội đồng tỉnh"
    )
    province, council_user = personas["province"], personas["council"]
    board = pb.council([council_user])
    proposal = pb.voted(
        province, personas["member"], world.other, world.other_person, board, [council_user], "abstain"
    )
    row = proposal.minutes["items"][0]
    assert row["threshold_source"] == "Quy chế Hội đồng tỉnh" and row["passed"] is False


def test_decide_writes_the_registry(world: Any, personas: dict[str, Any]) -> None:
    province, council_user = personas["province"], personas["council"]
    board = pb.council([council_user])
    proposal = pb.voted(province, personas["member"], world.other, world.other_person, board, [council_user])
    decisions = pb.decide(province, proposal, world.office)
    assert len(decisions) == 1
    decision_row = AwardDecision.objects.get()
    assert decision_row.award == pb.AWARD and decision_row.period_to_year == YEAR
    assert list(AwardRecipient.objects.values_list("person_id", flat=True)) == [world.other_person.pk]
    proposal.refresh_from_db()
    assert proposal.state == "decided" and list(proposal.decisions.all()) == [decision_row]
    # The person's award history shows it: nobody retyped it.
    from thidua.awards.selectors.timeline import person_timeline

    timeline = person_timeline(person=world.other_person)
    assert "88/QĐ-UBND" in str(timeline)


def test_decide_records_only_the_items_that_passed(world: Any, personas: dict[str, Any]) -> None:
    province, council_user, member = personas["province"], personas["council"], personas["member"]
    board = pb.council([council_user])
    proposal = pb.voted(province, member, world.other, world.other_person, board, [council_user], "disagree")
    assert pb.decide(province, proposal, world.office) == []
    assert not AwardDecision.objects.exists()
    proposal.refresh_from_db()
    assert proposal.state == "decided"


def test_decide_refusal_saves_nothing(world: Any, personas: dict[str, Any]) -> None:
    """The registry refuses (the number already in the registry): no decision, state unchanged."""
    province, council_user = personas["province"], personas["council"]
    decision(
        province, issuer=world.office, number="88/QĐ-UBND", award="giay_khen", people=[world.home_person]
    )
    board = pb.council([council_user])
    proposal = pb.voted(province, personas["member"], world.other, world.other_person, board, [council_user])
    with pytest.raises(ValidationError) as error:
        pb.decide(province, proposal, world.office)
    assert f"number_{pb.AWARD}" in error.value.message_dict
    proposal.refresh_from_db()
    assert proposal.state == "voted" and AwardDecision.objects.count() == 1
    assert not proposal.decisions.exists()


def test_decide_needs_a_number_per_award(world: Any, personas: dict[str, Any]) -> None:
    from django.utils import timezone

    from thidua.awards.services.proposals import proposal_decide

    province, council_user = personas["province"], personas["council"]
    board = pb.council([council_user])
    proposal = pb.voted(province, personas["member"], world.other, world.other_person, board, [council_user])
    with pytest.raises(ValidationError) as error:
        proposal_decide(
            actor=province, proposal=proposal, numbers={}, signed_on=timezone.localdate(), issuer=world.office
        )
    assert f"number_{pb.AWARD}" in error.value.message_dict


def _closed_vote(world: Any, leader: Any) -> Vote:
    return Vote.objects.create(
        group=world.group,
        status=Vote.Status.CLOSED,
        threshold_percent=50,
        threshold_rule="more_than",
        electorate=2,
        tally={
            "leaders": [str(leader.pk)],
            "needs_new_round": False,
            "flag_candidates": [
                {"organisation_id": leader.pk, "name": leader.name, "award": "co_thi_dua_cap_tinh"}
            ],
        },
    )


def test_cluster_vote_feeds_a_flag_proposal(world: Any, personas: dict[str, Any]) -> None:
    vote = _closed_vote(world, world.other)
    world.group.year = YEAR
    world.group.save()
    # The province office does not create proposals (the table's role), a member officer is not the head.
    with pytest.raises(PermissionDenied):
        proposal_from_cluster_vote(actor=personas["province"], vote=vote, organisation_id=world.other.pk)
    with pytest.raises(PermissionDenied):
        proposal_from_cluster_vote(actor=personas["member"], vote=vote, organisation_id=world.other.pk)
    with pytest.raises(ValidationError):
        proposal_from_cluster_vote(actor=personas["head"], vote=vote, organisation_id=world.home.pk)
    proposal = proposal_from_cluster_vote(actor=personas["head"], vote=vote, organisation_id=world.other.pk)
    assert proposal.organisation == world.home and proposal.source_vote == vote
    item = proposal.items.get()
    assert item.organisation == world.other and item.award == "co_thi_dua_cap_tinh" and item.eligibility
    with pytest.raises(ValidationError):
        proposal_from_cluster_vote(actor=personas["head"], vote=vote, organisation_id=world.other.pk)
    assert Proposal.objects.count() == 1


def test_cluster_vote_not_closed_refused(world: Any, personas: dict[str, Any]) -> None:
    vote = _closed_vote(world, world.other)
    vote.status = Vote.Status.OPEN
    vote.save()
    with pytest.raises(ValidationError):
        proposal_from_cluster_vote(actor=personas["head"], vote=vote, organisation_id=world.other.pk)


def test_every_step_writes_an_audit_row(world: Any, personas: dict[str, Any]) -> None:
    province, council_user = personas["province"], personas["council"]
    board = pb.council([council_user])
    proposal = pb.voted(province, personas["member"], world.other, world.other_person, board, [council_user])
    pb.decide(province, proposal, world.office)
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {
        "awards.proposal.create",
        "awards.proposal.item_add",
        "awards.proposal.document_attach",
        "awards.proposal.submit",
        "awards.proposal.appraise",
        "awards.council.create",
        "awards.council.vote_open",
        "awards.council.ballot_cast",
        "awards.council.vote_close",
        "awards.proposal.decide",
        "awards.decision.create",
    } <= actions
    assert TaskRating.objects.count() == 0


def test_decide_marks_the_initiative_it_rested_on_as_used(world: Any, personas: dict[str, Any]) -> None:
    # G8: one initiative supports one honour. CSTĐCS on "HTT and an initiative" (Law Art 23) uses it up.
    from thidua.awards.models import Initiative
    from thidua.awards.services.records import initiative_create

    province, council_user = personas["province"], personas["council"]
    rating_set(actor=province, person=world.other_person, year=YEAR, rating="htt")
    initiative = initiative_create(
        actor=province,
        person=world.other_person,
        title="Số hoá hồ sơ thi đua",
        scope="co_so",
        recognised_on=dt.date(YEAR, 6, 1),
    )
    board = pb.council([council_user])
    proposal = pb.voted(province, personas["member"], world.other, world.other_person, board, [council_user])
    (item,) = proposal.items.all()
    assert item.eligibility["outcome"] == "eligible", item.eligibility
    assert any(reason["code"] == "cstdcs.initiative" for reason in item.eligibility["reasons"])

    pb.decide(province, proposal, world.office)

    initiative.refresh_from_db()
    recipient = AwardRecipient.objects.get(person=world.other_person)
    assert initiative.used_for == recipient
    event = AuditEvent.objects.get(action="awards.proposal.decide")
    assert event.changes["initiatives_used"] == [None, ["Số hoá hồ sơ thi đua"]]
    # Used for that CSTĐCS, it cannot support another honour: Bằng khen tỉnh's initiative route
    # (Law Art 74(1)(d)) no longer counts it (G8 in the engine).
    assert Initiative.objects.get().used_for_id == recipient.pk
    again = pb.draft(personas["member"], world.other)
    other = proposal_item_add(
        actor=personas["member"],
        proposal=again,
        person=world.other_person,
        award="bang_khen_chu_tich_ubnd_tinh",
        year_from=YEAR,
    )
    assert other.eligibility["outcome"] == "not_eligible"
    g8 = [r for r in other.eligibility["reasons"] if r["code"] == "gate.g8_initiative"]
    assert g8 and f"SK-{initiative.pk}" in str(g8[0]["facts"]), other.eligibility["reasons"]


def test_decide_on_htxs_leaves_the_initiative_free(world: Any, personas: dict[str, Any]) -> None:
    from thidua.awards.services.records import initiative_create

    province, council_user = personas["province"], personas["council"]
    rating_set(actor=province, person=world.other_person, year=YEAR, rating="htxs")
    initiative = initiative_create(
        actor=province,
        person=world.other_person,
        title="Sáng kiến chưa dùng",
        scope="co_so",
        recognised_on=dt.date(YEAR, 6, 1),
    )
    board = pb.council([council_user])
    proposal = pb.voted(province, personas["member"], world.other, world.other_person, board, [council_user])
    pb.decide(province, proposal, world.office)
    initiative.refresh_from_db()
    assert initiative.used_for is None
    assert "initiatives_used" not in AuditEvent.objects.get(action="awards.proposal.decide").changes
