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
from thidua.emulation.rules.vote_workflow import State
from thidua.emulation.selectors.votes import ballot_round, vote_minutes, vote_rows, vote_state, vote_turnout
from thidua.emulation.services.rulesets import ruleset_save
from thidua.emulation.services.votes import ballot_cast, vote_close, vote_open, vote_round_open

pytestmark = pytest.mark.django_db

PERSONAS = ["province", "head", "member", "council", "editor", "chief", "sysadmin", "outsider"]
MAY_MANAGE = {"province", "head", "sysadmin"}  # head: its unit "home" heads the group
MAY_CAST = {"head", "member"}  # officers of the member units home and other
GROUP_NAME = "{group}"  # replaced by the fixture group's name in the expected refusals


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
    [count] = minutes.rounds
    assert (count.cast, count.blank, count.valid, count.not_voted) == (1, 1, 0, 1)


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
    [count] = minutes.rounds
    assert (minutes.electorate, count.cast, count.valid, count.blank, count.invalid) == (3, 3, 2, 1, 0)
    assert minutes.threshold_text == "trên 50%"
    assert [(r.name, r.votes, str(r.percent), r.passed, r.leader) for r in count.rows] == [
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
    # The round is shared by every ballot of a round, so it tells no ballot from another.
    ballot_columns = {f.name for f in Ballot._meta.get_fields()}
    assert ballot_columns == {"id", "vote", "round", "choices"}
    receipt_columns = {f.name for f in BallotReceipt._meta.get_fields()}
    assert receipt_columns == {"id", "vote", "round", "organisation", "cast_by"}
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
        "round": 1,
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


# --- rounds: a tie for the last seat, then a new round among the tied (issue #17 item 9) ------------
def _tied_vote(world: Any, personas: dict[str, Any]) -> Vote:
    """The two members' vote under "at least 50%", each choosing the other: both pass, tied for the
    one seat."""
    ruleset_save(
        actor=personas["province"],
        province=world.province,
        effective_from=dt.date(2026, 1, 1),
        vote_threshold_rule="at_least",
    )
    vote = vote_open(actor=personas["head"], group=world.group)
    ballot_cast(actor=personas["head"], vote=vote, choices=[world.other])
    ballot_cast(actor=personas["member"], vote=vote, choices=[world.home])
    vote_close(actor=personas["head"], vote=vote)
    vote.refresh_from_db()
    return vote


def test_a_tie_goes_to_a_second_round_which_decides(world: Any, personas: dict[str, Any]) -> None:
    # given a vote tied for its one seat
    vote = _tied_vote(world, personas)
    assert vote_state(vote) == State.TIED
    # when the head opens round 2
    vote = vote_round_open(actor=personas["head"], vote=vote)
    # then the vote is open again, for the two tied units and the one seat
    vote.refresh_from_db()
    assert (vote.status, vote.round, vote.closed_at) == (Vote.Status.OPEN, 2, None)
    current = ballot_round(vote=vote)
    assert current.candidates == ((world.home.pk, world.home.name), (world.other.pk, world.other.name))
    assert (current.number, current.seats, current.elected) == (2, 1, ())
    event = AuditEvent.objects.get(action="emulation.vote.round_open")
    assert event.actor == personas["head"]
    assert event.changes == {
        "status": ["closed", "open"],
        "round": [1, 2],
        "candidates": [world.home.name, world.other.name],
        "seats": 1,
        "elected": [],
    }
    # the units that voted in round 1 vote again, once each
    assert [r.voted for r in vote_turnout(vote=vote)] == [False, False]
    ballot_cast(actor=personas["head"], vote=vote, choices=[world.home])
    ballot_cast(actor=personas["member"], vote=vote, choices=[world.home], round_number=2)
    with pytest.raises(ValidationError, match="đã bỏ phiếu; mỗi đơn vị chỉ được bỏ một phiếu"):
        ballot_cast(actor=personas["member"], vote=vote, choices=[])
    assert BallotReceipt.objects.filter(vote=vote, round=2).count() == 2
    assert Ballot.objects.filter(vote=vote, round=1).count() == 2  # round 1's ballots are kept
    # when round 2 is counted
    minutes = vote_close(actor=personas["head"], vote=vote)
    # then it decides, and the minutes keep both rounds
    vote.refresh_from_db()
    assert vote_state(vote) == State.CLOSED
    assert minutes.leaders == (world.home.name,) and minutes.flag_candidates == (world.home.name,)
    assert minutes.needs_new_round is False and minutes.round_open is None
    first, second = minutes.rounds
    assert (first.number, first.tied, first.leaders, first.cast) == (
        1,
        (world.home.name, world.other.name),
        (),
        2,
    )
    assert [(r.name, r.votes, str(r.percent)) for r in first.rows] == [
        (world.home.name, 1, "50.00"),
        (world.other.name, 1, "50.00"),
    ]
    assert (second.number, second.seats, second.leaders, second.tied) == (2, 1, (world.home.name,), ())
    assert [(r.name, r.votes, str(r.percent), r.leader) for r in second.rows] == [
        (world.home.name, 2, "100.00", True),
        (world.other.name, 0, "0.00", False),
    ]
    assert vote.tally["leaders"] == [str(world.home.pk)]
    assert [r["round"] for r in vote.tally["rounds"]] == [1, 2]
    assert vote_minutes(vote=vote) == minutes
    close = AuditEvent.objects.filter(action="emulation.vote.close").order_by("pk").last()
    assert close is not None and close.changes["round"] == 2
    assert close.changes["leaders"] == [world.home.name]


def test_seats_won_in_round_one_stay_won(world: Any, personas: dict[str, Any], third: Any) -> None:
    # given 2 seats under "at least 1/3" of three members: Nhà wins outright (3 votes), Khác and Ba
    # tie for the second seat (1 vote each)
    ruleset_save(
        actor=personas["province"],
        province=world.province,
        effective_from=dt.date(2026, 1, 1),
        vote_threshold_percent=Decimal("33.33"),
        vote_threshold_rule="at_least",
        leading_units_per_group=2,
    )
    vote = vote_open(actor=personas["province"], group=world.group)
    ballot_cast(actor=personas["head"], vote=vote, choices=[world.home, world.other])
    ballot_cast(actor=personas["member"], vote=vote, choices=[world.home, third.organisation])
    ballot_cast(actor=third, vote=vote, choices=[world.home])
    minutes = vote_close(actor=personas["province"], vote=vote)
    assert minutes.leaders == (world.home.name,)
    assert minutes.tied == (world.other.name, third.organisation.name) and minutes.tie_seats == 1
    # when round 2 opens
    vote = vote_round_open(actor=personas["province"], vote=vote)
    # then its ballots choose one unit, only between the two tied
    current = ballot_round(vote=vote)
    assert [pk for pk, _name in current.candidates] == [world.other.pk, third.organisation.pk]
    assert (current.seats, current.elected) == (1, ((world.home.pk, world.home.name),))
    with pytest.raises(ValidationError) as excinfo:
        ballot_cast(actor=personas["head"], vote=vote, choices=[world.home])
    assert excinfo.value.messages == [
        "Vòng 2 chỉ bỏ phiếu giữa các đơn vị bằng phiếu ở vòng trước (Ủy ban nhân dân xã Khác, "
        "Ủy ban nhân dân xã Ba); không thể chọn: Ủy ban nhân dân xã Nhà."
    ]
    with pytest.raises(ValidationError, match=r"Chỉ được chọn tối đa 1 đơn vị \(phiếu đang chọn 2"):
        ballot_cast(actor=personas["head"], vote=vote, choices=[world.other, third.organisation])
    assert not BallotReceipt.objects.filter(round=2).exists()
    # when Ba gets two of three
    ballot_cast(actor=personas["head"], vote=vote, choices=[third.organisation])
    ballot_cast(actor=personas["member"], vote=vote, choices=[third.organisation])
    ballot_cast(actor=third, vote=vote, choices=[world.other])
    minutes = vote_close(actor=personas["province"], vote=vote)
    # then Nhà keeps its seat and Ba takes the second
    assert minutes.leaders == (world.home.name, third.organisation.name)
    assert minutes.flag_candidates == minutes.leaders
    assert [(r.name, r.votes, str(r.percent)) for r in minutes.rounds[1].rows] == [
        (third.organisation.name, 2, "66.67"),
        (world.other.name, 1, "33.33"),
    ]


def test_a_second_tie_opens_a_third_round(world: Any, personas: dict[str, Any]) -> None:
    vote = _tied_vote(world, personas)
    vote = vote_round_open(actor=personas["head"], vote=vote)
    ballot_cast(actor=personas["head"], vote=vote, choices=[world.other])
    ballot_cast(actor=personas["member"], vote=vote, choices=[world.home])
    minutes = vote_close(actor=personas["head"], vote=vote)
    assert minutes.needs_new_round is True and minutes.leaders == ()
    vote.refresh_from_db()
    assert vote_state(vote) == State.TIED
    vote = vote_round_open(actor=personas["province"], vote=vote)
    assert vote.round == 3
    assert [pk for pk, _name in ballot_round(vote=vote).candidates] == [world.home.pk, world.other.pk]


@pytest.mark.parametrize("persona", PERSONAS)
def test_who_may_open_a_new_round(world: Any, personas: dict[str, Any], persona: str) -> None:
    vote = _tied_vote(world, personas)
    audits = AuditEvent.objects.count()
    if persona in MAY_MANAGE:
        assert vote_round_open(actor=personas[persona], vote=vote).round == 2
    else:
        with pytest.raises(PermissionDenied, match="mới được mở và kiểm phiếu suy tôn"):
            vote_round_open(actor=personas[persona], vote=vote)
        vote.refresh_from_db()
        assert (vote.round, vote.status) == (1, Vote.Status.CLOSED)
        assert AuditEvent.objects.count() == audits


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        pytest.param(
            "decided",
            f"Kết quả kiểm phiếu của «{GROUP_NAME}» không có đơn vị bằng phiếu ở suất cuối cùng nên không bỏ phiếu lại.",
            id="decided",
        ),
        pytest.param(
            "nobody_passed",
            f"Kết quả kiểm phiếu của «{GROUP_NAME}» không có đơn vị bằng phiếu ở suất cuối cùng nên không bỏ phiếu lại.",
            id="nobody reached the threshold: no second round",
        ),
        pytest.param(
            "open",
            f"«{GROUP_NAME}» đang bỏ phiếu; chỉ mở vòng bỏ phiếu lại sau khi kiểm phiếu có đơn vị bằng phiếu ở suất cuối cùng.",
            id="still open",
        ),
    ],
)
def test_a_new_round_is_refused_without_a_tie(
    world: Any, personas: dict[str, Any], setup: str, message: str
) -> None:
    vote = vote_open(actor=personas["head"], group=world.group)
    if setup == "decided":
        ballot_cast(actor=personas["member"], vote=vote, choices=[world.home])
        ballot_cast(actor=personas["head"], vote=vote, choices=[world.home])
    if setup == "nobody_passed":  # 1 vote of 2 is 50%, not "more than 50%"
        ballot_cast(actor=personas["member"], vote=vote, choices=[world.home])
    if setup != "open":
        vote_close(actor=personas["head"], vote=vote)
    audits = AuditEvent.objects.count()
    with pytest.raises(ValidationError) as excinfo:
        vote_round_open(actor=personas["head"], vote=vote)
    assert excinfo.value.messages == [message.replace(GROUP_NAME, str(world.group))]
    vote.refresh_from_db()
    assert vote.round == 1 and AuditEvent.objects.count() == audits


def test_a_ballot_filled_in_for_an_earlier_round_is_refused(world: Any, personas: dict[str, Any]) -> None:
    # given the member's round-1 form left open while the head counted and opened round 2
    vote = _tied_vote(world, personas)
    vote_round_open(actor=personas["head"], vote=vote)
    # when it is sent
    with pytest.raises(ValidationError) as excinfo:
        ballot_cast(actor=personas["member"], vote=vote, choices=[world.home], round_number=1)
    # then nothing is counted in round 2 and the officer is told why
    assert excinfo.value.messages == [
        "Phiếu này được điền cho vòng 1, nhưng cuộc bỏ phiếu đã chuyển sang vòng 2; phiếu chưa được ghi nhận. "
        "Hãy mở lại phiếu bầu của vòng 2."
    ]
    assert not BallotReceipt.objects.filter(round=2).exists() and not Ballot.objects.filter(round=2).exists()


def test_a_tied_vote_takes_no_ballot_until_the_new_round(world: Any, personas: dict[str, Any]) -> None:
    vote = _tied_vote(world, personas)
    with pytest.raises(ValidationError, match="hãy chờ mở vòng bỏ phiếu lại"):
        ballot_cast(actor=personas["member"], vote=vote, choices=[world.home])
    with pytest.raises(ValidationError, match="Vòng bỏ phiếu này đã được kiểm phiếu"):
        vote_close(actor=personas["head"], vote=vote)


def test_a_failed_round_open_saves_nothing(
    world: Any, personas: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    vote = _tied_vote(world, personas)

    def broken(**kwargs: Any) -> None:
        raise RuntimeError("audit log unavailable")

    monkeypatch.setattr("thidua.emulation.services.votes.audit_record", broken)
    with pytest.raises(RuntimeError):
        vote_round_open(actor=personas["head"], vote=vote)
    vote.refresh_from_db()
    assert (vote.round, vote.status, vote_state(vote)) == (1, Vote.Status.CLOSED, State.TIED)
    assert vote.closed_at is not None


def test_minutes_of_a_vote_counted_before_rounds_existed(world: Any, personas: dict[str, Any]) -> None:
    # A tally stored before #17 item 9 has its only count at the top level, without "rounds".
    vote = _tied_vote(world, personas)
    legacy = {k: v for k, v in vote.tally.items() if k != "rounds"}
    Vote.objects.filter(pk=vote.pk).update(tally=legacy)
    vote.refresh_from_db()
    minutes = vote_minutes(vote=vote)
    [count] = minutes.rounds
    assert count.number == 1 and count.closed_at == vote.closed_at and minutes.needs_new_round
    # and it can still go to a second round
    vote = vote_round_open(actor=personas["head"], vote=vote)
    assert len(ballot_round(vote=vote).candidates) == 2


@pytest.mark.django_db(transaction=True)
def test_vote_round_open_is_durable(world: Any, personas: dict[str, Any]) -> None:
    from django.db import transaction

    vote = _tied_vote(world, personas)
    with (
        pytest.raises(RuntimeError, match="A durable atomic block cannot be nested"),
        transaction.atomic(),
    ):
        vote_round_open(actor=personas["head"], vote=vote)
    assert vote_round_open(actor=personas["head"], vote=vote).round == 2


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_two_officers_opening_round_two_at_once_open_it_once(world: Any, personas: dict[str, Any]) -> None:
    import threading

    from django.db import connections

    if connection.vendor != "postgresql":
        pytest.skip("row locks between two connections need PostgreSQL")
    vote = _tied_vote(world, personas)
    actors = {"head": personas["head"], "province": personas["province"]}
    barrier = threading.Barrier(2)
    outcomes: dict[str, str] = {}

    def open_round(label: str) -> None:
        try:
            barrier.wait(timeout=10)
            vote_round_open(actor=actors[label], vote=vote)
            outcomes[label] = "opened"
        except ValidationError as error:
            outcomes[label] = " ".join(error.messages)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=open_round, args=(label,)) for label in actors]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes.values()).count("opened") == 1, outcomes
    assert any("đang bỏ phiếu; chỉ mở vòng bỏ phiếu lại" in o for o in outcomes.values())
    vote.refresh_from_db()
    assert vote.round == 2
    assert AuditEvent.objects.filter(action="emulation.vote.round_open").count() == 1
