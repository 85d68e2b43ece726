"""The suy tôn vote services: who may open, cast and close; ballot rules; the tally; secrecy."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection

from tests.factories import GroupFactory, MembershipFactory, OrganisationFactory
from thidua.accounts.roles import RoleCode
from thidua.accounts.services import user_create
from thidua.core.models import AuditEvent
from thidua.emulation.models import Ballot, BallotReceipt, Vote
from thidua.emulation.selectors.votes import vote_minutes, vote_rows, vote_turnout
from thidua.emulation.services.rulesets import ruleset_save
from thidua.emulation.services.votes import ballot_cast, vote_close, vote_open

pytestmark = pytest.mark.django_db

PERSONAS = ["province", "head", "member", "council", "editor", "chief", "sysadmin", "outsider"]
MAY_MANAGE = {"province", "head", "sysadmin"}  # head: its unit "home" heads the group
MAY_CAST = {"head", "member"}  # officers of the member units home and other


def _officer(organisation: Any, username: str) -> Any:
    return user_create(
        actor=None,
        username=username,
        password=None,
        full_name=f"Cán Bộ {username}",
        organisation=organisation,
        roles=[RoleCode.MEMBER_OFFICER],
    )


@pytest.fixture
def third(world: Any) -> Any:
    """A third member unit ("Xã Ba") with its officer, so a group of three votes."""
    organisation = OrganisationFactory(name="Ủy ban nhân dân xã Ba", province=world.province)
    MembershipFactory(group=world.group, organisation=organisation, order=3)
    return _officer(organisation, "ba")


# --- opening ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("persona", PERSONAS)
def test_who_may_open(world: Any, personas: dict[str, Any], persona: str) -> None:
    if persona in MAY_MANAGE:
        vote = vote_open(actor=personas[persona], group=world.group)
        assert vote.status == Vote.Status.OPEN
    else:
        with pytest.raises(PermissionDenied):
            vote_open(actor=personas[persona], group=world.group)
        assert not Vote.objects.exists()


def test_open_takes_the_rules_from_the_ruleset_in_force_at_year_end(
    world: Any, personas: dict[str, Any]
) -> None:
    # given a ruleset from mid-2026 and one from 2027
    province = personas["province"]
    ruleset = ruleset_save(
        actor=province,
        province=world.province,
        effective_from=dt.date(2026, 7, 1),
        vote_threshold_percent=Decimal("66.67"),
        vote_threshold_rule="at_least",
        leading_units_per_group=2,
    )
    ruleset_save(actor=province, province=world.province, effective_from=dt.date(2027, 1, 1))
    # when the 2026 group opens its vote
    vote = vote_open(actor=personas["head"], group=world.group)
    # then
    vote.refresh_from_db()
    assert vote.ruleset == ruleset
    assert (vote.seats, vote.threshold_percent, vote.threshold_rule) == (2, Decimal("66.67"), "at_least")
    assert vote.electorate == 2
    assert vote.opened_by == personas["head"]
    event = AuditEvent.objects.get(action="emulation.vote.open")
    assert event.changes["members"] == [world.home.name, world.other.name]
    assert event.changes["threshold_percent"] == "66.67"


def test_open_without_ruleset_uses_the_default(world: Any, personas: dict[str, Any]) -> None:
    vote = vote_open(actor=personas["province"], group=world.group)
    assert vote.ruleset is None
    assert (vote.seats, vote.threshold_percent, vote.threshold_rule) == (1, Decimal("50"), "more_than")
    assert "mặc định" in AuditEvent.objects.get(action="emulation.vote.open").changes["ruleset"]


def test_one_vote_per_group(world: Any, personas: dict[str, Any]) -> None:
    vote_open(actor=personas["province"], group=world.group)
    with pytest.raises(ValidationError, match="đã mở bỏ phiếu suy tôn"):
        vote_open(actor=personas["head"], group=world.group)
    assert Vote.objects.count() == 1


def test_a_group_without_members_cannot_vote(world: Any, personas: dict[str, Any]) -> None:
    empty = GroupFactory(province=world.province, head=world.home)
    with pytest.raises(ValidationError, match="chưa có đơn vị thành viên"):
        vote_open(actor=personas["province"], group=empty)


# --- casting ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("persona", PERSONAS)
def test_who_may_cast(world: Any, personas: dict[str, Any], persona: str) -> None:
    vote = vote_open(actor=personas["province"], group=world.group)
    if persona in MAY_CAST:
        receipt = ballot_cast(actor=personas[persona], vote=vote, choices=[world.home])
        assert receipt.organisation == personas[persona].organisation
        assert receipt.cast_by == personas[persona]
        assert Ballot.objects.filter(vote=vote).count() == 1
    else:
        # The province office and the council are not member units; the outsider account belongs to
        # a member unit but holds no role; the sysadmin has no unit.
        with pytest.raises(PermissionDenied, match="đơn vị thành viên"):
            ballot_cast(actor=personas[persona], vote=vote, choices=[world.home])
        assert not Ballot.objects.exists() and not BallotReceipt.objects.exists()


def test_a_unit_votes_once(world: Any, personas: dict[str, Any]) -> None:
    vote = vote_open(actor=personas["province"], group=world.group)
    ballot_cast(actor=personas["member"], vote=vote, choices=[world.home])
    # when a second officer of the same unit tries again
    colleague = _officer(world.other, "khac2")
    with pytest.raises(ValidationError) as excinfo:
        ballot_cast(actor=colleague, vote=vote, choices=[world.other])
    # then
    assert excinfo.value.messages == [
        "Ủy ban nhân dân xã Khác đã bỏ phiếu; mỗi đơn vị chỉ được bỏ một phiếu và không thể bỏ lại."
    ]
    assert Ballot.objects.count() == 1 and BallotReceipt.objects.count() == 1


@pytest.mark.parametrize(
    ("choices", "message"),
    [
        (lambda w: [w.home, w.other], "Chỉ được chọn tối đa 1 đơn vị (phiếu đang chọn 2 đơn vị)."),
        (
            lambda w: [w.office],
            "Không phải đơn vị thành viên của cụm, khối nên không thể được suy tôn: Sở Nội vụ.",
        ),
        (lambda w: [w.home, w.home], "«Ủy ban nhân dân xã Nhà» bị chọn lặp"),
    ],
)
def test_bad_choices_are_refused_and_nothing_is_written(
    world: Any, personas: dict[str, Any], choices: Any, message: str
) -> None:
    vote = vote_open(actor=personas["province"], group=world.group)
    with pytest.raises(ValidationError) as excinfo:
        ballot_cast(actor=personas["member"], vote=vote, choices=choices(world))
    assert any(message in m for m in excinfo.value.messages)
    assert not Ballot.objects.exists() and not BallotReceipt.objects.exists()
    assert not AuditEvent.objects.filter(action="emulation.vote.ballot_cast").exists()


def test_blank_ballot_is_allowed_and_counted_as_cast(world: Any, personas: dict[str, Any]) -> None:
    vote = vote_open(actor=personas["province"], group=world.group)
    ballot_cast(actor=personas["member"], vote=vote, choices=[])
    assert list(Ballot.objects.values_list("choices", flat=True)) == [[]]
    minutes = vote_close(actor=personas["province"], vote=vote)
    assert (minutes.cast, minutes.blank, minutes.valid, minutes.not_voted) == (1, 1, 0, 1)


def test_a_closed_vote_takes_no_ballot(world: Any, personas: dict[str, Any]) -> None:
    vote = vote_open(actor=personas["province"], group=world.group)
    vote_close(actor=personas["province"], vote=vote)
    with pytest.raises(ValidationError, match="đã kết thúc"):
        ballot_cast(actor=personas["member"], vote=vote, choices=[world.home])
    assert not BallotReceipt.objects.exists()


def test_the_roster_is_frozen_when_the_vote_opens(world: Any, personas: dict[str, Any], third: Any) -> None:
    # given a vote of three members; then "Xã Ba" leaves the group
    vote = vote_open(actor=personas["province"], group=world.group)
    assert vote.electorate == 3
    world.group.memberships.filter(organisation=third.organisation).delete()
    # then Xã Ba still votes and can still be chosen, and a unit added later cannot vote
    ballot_cast(actor=third, vote=vote, choices=[third.organisation])
    newcomer = OrganisationFactory(name="Ủy ban nhân dân xã Mới", province=world.province)
    MembershipFactory(group=world.group, organisation=newcomer, order=4)
    with pytest.raises(PermissionDenied):
        ballot_cast(actor=_officer(newcomer, "moi"), vote=vote, choices=[])
    with pytest.raises(ValidationError, match="Không phải đơn vị thành viên"):
        ballot_cast(actor=personas["member"], vote=vote, choices=[newcomer])


# --- closing ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("persona", PERSONAS)
def test_who_may_close(world: Any, personas: dict[str, Any], persona: str) -> None:
    vote = vote_open(actor=personas["province"], group=world.group)
    if persona in MAY_MANAGE:
        vote_close(actor=personas[persona], vote=vote)
        vote.refresh_from_db()
        assert vote.status == Vote.Status.CLOSED and vote.closed_at is not None
    else:
        with pytest.raises(PermissionDenied):
            vote_close(actor=personas[persona], vote=vote)
        vote.refresh_from_db()
        assert vote.status == Vote.Status.OPEN


def test_close_twice_is_refused(world: Any, personas: dict[str, Any]) -> None:
    vote = vote_open(actor=personas["province"], group=world.group)
    vote_close(actor=personas["province"], vote=vote)
    with pytest.raises(ValidationError, match="đã được kiểm phiếu"):
        vote_close(actor=personas["head"], vote=vote)


def test_close_tallies_and_records_the_flag_candidate(
    world: Any, personas: dict[str, Any], third: Any
) -> None:
    # given three members: home and other choose home, Xã Ba abstains
    vote = vote_open(actor=personas["head"], group=world.group)
    ballot_cast(actor=personas["head"], vote=vote, choices=[world.home])
    ballot_cast(actor=personas["member"], vote=vote, choices=[world.home])
    ballot_cast(actor=third, vote=vote, choices=[])
    # when
    minutes = vote_close(actor=personas["head"], vote=vote)
    # then the minutes
    assert (minutes.electorate, minutes.cast, minutes.valid, minutes.blank, minutes.invalid) == (
        3,
        3,
        2,
        1,
        0,
    )
    assert minutes.threshold_text == "trên 50%"
    assert [(r.name, r.votes, str(r.percent), r.passed, r.leader) for r in minutes.rows] == [
        ("Ủy ban nhân dân xã Nhà", 2, "66.67", True, True),
        ("Ủy ban nhân dân xã Khác", 0, "0.00", False, False),
        ("Ủy ban nhân dân xã Ba", 0, "0.00", False, False),
    ]
    assert minutes.leaders == ("Ủy ban nhân dân xã Nhà",)
    assert minutes.flag_candidates == ("Ủy ban nhân dân xã Nhà",)
    assert minutes.needs_new_round is False
    # and the stored tally
    vote.refresh_from_db()
    assert vote.tally["flag_candidates"] == [
        {
            "organisation_id": world.home.pk,
            "name": "Ủy ban nhân dân xã Nhà",
            "award": "co_thi_dua_cap_tinh",
            "label": "Cờ thi đua cấp tỉnh",
        }
    ]
    assert vote.tally["leaders"] == [str(world.home.pk)]
    assert vote_minutes(vote=vote) == minutes
    event = AuditEvent.objects.get(action="emulation.vote.close")
    assert event.changes["leaders"] == ["Ủy ban nhân dân xã Nhà"]
    assert event.changes["votes"]["Ủy ban nhân dân xã Nhà"] == 2


def test_a_tie_elects_nobody_and_asks_for_a_new_round(world: Any, personas: dict[str, Any]) -> None:
    # given a ruleset of "at least 50%": each of the two members chooses the other
    ruleset_save(
        actor=personas["province"],
        province=world.province,
        effective_from=dt.date(2026, 1, 1),
        vote_threshold_rule="at_least",
    )
    vote = vote_open(actor=personas["province"], group=world.group)
    ballot_cast(actor=personas["head"], vote=vote, choices=[world.other])
    ballot_cast(actor=personas["member"], vote=vote, choices=[world.home])
    # when
    minutes = vote_close(actor=personas["province"], vote=vote)
    # then
    assert minutes.leaders == () and minutes.flag_candidates == ()
    assert set(minutes.tied) == {world.home.name, world.other.name}
    assert minutes.needs_new_round is True and minutes.tie_seats == 1
    assert minutes.threshold_text == "từ 50% trở lên"


def test_close_refuses_when_ballots_and_receipts_disagree(world: Any, personas: dict[str, Any]) -> None:
    vote = vote_open(actor=personas["province"], group=world.group)
    ballot_cast(actor=personas["member"], vote=vote, choices=[world.home])
    Ballot.objects.create(vote=vote, choices=[str(world.home.pk)])  # stuffed outside the services
    with pytest.raises(ValidationError, match="không khớp"):
        vote_close(actor=personas["province"], vote=vote)


# --- secrecy ----------------------------------------------------------------------------------------
def test_no_column_links_a_ballot_to_a_unit_or_a_person() -> None:
    ballot_columns = {f.name for f in Ballot._meta.get_fields()}
    assert ballot_columns == {"id", "vote", "choices"}
    receipt_columns = {f.name for f in BallotReceipt._meta.get_fields()}
    assert receipt_columns == {"id", "vote", "organisation", "cast_by"}
    # No timestamp either side, and the ballot's id is a random UUID, not a sequence.
    assert Ballot._meta.pk.get_internal_type() == "UUIDField"


def test_the_audit_log_says_who_voted_never_what(world: Any, personas: dict[str, Any], third: Any) -> None:
    vote = vote_open(actor=personas["province"], group=world.group)
    ballot_cast(actor=personas["member"], vote=vote, choices=[third.organisation])
    events = list(AuditEvent.objects.filter(action="emulation.vote.ballot_cast"))
    assert len(events) == 1
    changes = events[0].changes
    assert changes == {
        "organisation": {"id": world.other.pk, "repr": world.other.name},
        "event": "đã bỏ phiếu",
    }
    text = repr(changes) + events[0].target_repr + events[0].reason
    assert third.organisation.name not in text and str(third.organisation.pk) not in repr(changes["event"])


def test_turnout_shows_who_voted(world: Any, personas: dict[str, Any]) -> None:
    vote = vote_open(actor=personas["province"], group=world.group)
    ballot_cast(actor=personas["member"], vote=vote, choices=[world.home])
    assert [(r.name, r.voted) for r in vote_turnout(vote=vote)] == [
        (world.home.name, False),
        (world.other.name, True),
    ]


def test_each_cast_rewrites_every_ballot(world: Any, personas: dict[str, Any], third: Any) -> None:
    # given two ballots cast
    vote = vote_open(actor=personas["province"], group=world.group)
    ballot_cast(actor=personas["member"], vote=vote, choices=[world.home])
    ballot_cast(actor=third, vote=vote, choices=[])
    ids_before = set(Ballot.objects.values_list("id", flat=True))
    # when a third is cast
    ballot_cast(actor=personas["head"], vote=vote, choices=[world.home])
    # then no ballot keeps its id, and the contents are all there
    assert not ids_before & set(Ballot.objects.values_list("id", flat=True))
    assert sorted(map(sorted, Ballot.objects.values_list("choices", flat=True))) == [
        [],
        [str(world.home.pk)],
        [str(world.home.pk)],
    ]


@pytest.mark.postgres_only
def test_postgres_transaction_ids_do_not_pair_ballots_with_receipts(
    world: Any, personas: dict[str, Any], third: Any
) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("xmin is a PostgreSQL system column")
    vote = vote_open(actor=personas["province"], group=world.group)
    for actor in (personas["member"], third, personas["head"]):
        # Inside the test's transaction each cast's atomic block is a savepoint, a subtransaction
        # with its own id, so without the rewrite the three ballots would carry three ids.
        ballot_cast(actor=actor, vote=vote, choices=[])
    with connection.cursor() as cursor:
        cursor.execute("SELECT DISTINCT xmin::text FROM emulation_ballot WHERE vote_id = %s", [vote.pk])
        ballot_xmins = {row[0] for row in cursor.fetchall()}
    # Every ballot was rewritten by the last cast, so all carry one transaction id.
    assert len(ballot_xmins) == 1


# --- the listing ------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("persona", "before", "after_open"),
    [
        # (can_open, can_vote, can_close) before the vote opens, then once it is open
        ("province", (True, False, False), (False, False, True)),
        ("sysadmin", (True, False, False), (False, False, True)),
        ("head", (True, False, False), (False, True, True)),
        ("member", (False, False, False), (False, True, False)),
        ("council", (False, False, False), (False, False, False)),
    ],
)
def test_vote_rows_offer_each_persona_its_actions(
    world: Any, personas: dict[str, Any], persona: str, before: tuple, after_open: tuple
) -> None:
    user = personas[persona]
    [row] = vote_rows(user=user, year=2026)
    assert (row.can_open, row.can_vote, row.can_close) == before
    vote_open(actor=personas["province"], group=world.group)
    [row] = vote_rows(user=user, year=2026)
    assert (row.can_open, row.can_vote, row.can_close) == after_open
    if after_open[1]:
        ballot_cast(actor=user, vote=row.vote, choices=[])
        [row] = vote_rows(user=user, year=2026)
        assert row.has_voted is True and row.can_vote is False


@pytest.mark.parametrize("persona", ["editor", "chief", "outsider"])
def test_vote_rows_are_empty_for_those_outside_emulation(
    world: Any, personas: dict[str, Any], persona: str
) -> None:
    assert vote_rows(user=personas[persona], year=2026) == []


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_two_officers_of_one_unit_voting_at_once_cast_one_ballot(
    world: Any, personas: dict[str, Any]
) -> None:
    import threading

    from django.db import connections

    if connection.vendor != "postgresql":
        pytest.skip("row locks between two connections need PostgreSQL")
    # given a vote and two officers of "other" pressing "Bỏ phiếu" at the same moment
    vote = vote_open(actor=personas["province"], group=world.group)
    officers = {"a": personas["member"], "b": _officer(world.other, "khac2")}
    barrier = threading.Barrier(2)
    outcomes: dict[str, str] = {}

    def cast(label: str) -> None:
        try:
            barrier.wait(timeout=10)
            ballot_cast(actor=officers[label], vote=vote, choices=[world.home])
            outcomes[label] = "cast"
        except ValidationError as error:
            outcomes[label] = " ".join(error.messages)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=cast, args=(label,)) for label in officers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    # then exactly one ballot counts and the other officer is told why
    assert sorted(outcomes.values()).count("cast") == 1, outcomes
    assert any("đã bỏ phiếu; mỗi đơn vị chỉ được bỏ một phiếu" in o for o in outcomes.values())
    assert BallotReceipt.objects.filter(vote=vote).count() == 1
    assert Ballot.objects.filter(vote=vote).count() == 1
