"""Deleting an emulation group: through group_delete (permission, audit row, refusal when a pact or a
vote of its year depends on it), from the service to the admin's delete screen."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from tests.factories import GroupFactory, MembershipFactory
from thidua.core.models import AuditEvent
from thidua.emulation.models import Pact, Vote
from thidua.org.models import EmulationGroup, GroupMembership
from thidua.org.services.groups import group_delete

pytestmark = pytest.mark.django_db


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _with_pact(group: EmulationGroup) -> EmulationGroup:
    Pact.objects.create(group=group, title="Giao ước thi đua năm 2026")
    return group


# --- The service -----------------------------------------------------------------------------------
def test_a_group_is_deleted_with_its_members_and_an_audit_row(world: Any, personas: dict[str, Any]) -> None:
    # given the world's group of two members
    group, pk = world.group, world.group.pk
    # when
    group_delete(actor=personas["province"], group=group, reason="Lập nhầm")
    # then the group and its member list are gone
    assert not EmulationGroup.objects.filter(pk=pk).exists()
    assert not GroupMembership.objects.filter(group_id=pk).exists()
    # and the audit row keeps what was deleted, since the record itself is gone
    event = AuditEvent.objects.get(action="org.group.delete")
    assert (event.actor, event.target_id, event.target_repr, event.reason) == (
        personas["province"],
        str(pk),
        str(group),
        "Lập nhầm",
    )
    assert event.changes["members"] == [[world.home.name, world.other.name], None]
    assert event.changes["name"] == [group.name, None]
    assert event.changes["head"] == [{"id": world.home.pk, "repr": str(world.home)}, None]


def test_next_years_group_stays_and_loses_only_its_link_back(world: Any, personas: dict[str, Any]) -> None:
    # given next year's group continuing this one
    later = GroupFactory(province=world.province, year=world.group.year + 1, previous=world.group)
    # when
    group_delete(actor=personas["province"], group=world.group)
    # then (the model says SET_NULL)
    later.refresh_from_db()
    assert later.previous is None


@pytest.mark.parametrize("protected_by", ["pact", "vote"])
def test_a_group_with_a_pact_or_a_vote_is_refused(
    world: Any, personas: dict[str, Any], protected_by: str
) -> None:
    # given a group whose year already has emulation records (the database protects them)
    if protected_by == "pact":
        _with_pact(world.group)
        words = "giao ước thi đua"
    else:
        Vote.objects.create(group=world.group, threshold_percent=50, threshold_rule="present", electorate=2)
        words = "bỏ phiếu suy tôn"
    before = AuditEvent.objects.count()
    # when / then
    with pytest.raises(ValidationError) as refused:
        group_delete(actor=personas["province"], group=world.group)
    assert refused.value.messages == [
        f"Không thể xóa «{world.group}» vì cụm, khối này đã có {words}. Dữ liệu thi đua phải được giữ lại; "
        "nếu cụm, khối không còn hoạt động, hãy ghi vào phần ghi chú thay vì xóa."
    ]
    # and nothing changed, not even the member list
    assert EmulationGroup.objects.filter(pk=world.group.pk).exists()
    assert world.group.memberships.count() == 2
    assert AuditEvent.objects.count() == before


def test_both_protecting_records_are_named(world: Any, personas: dict[str, Any]) -> None:
    _with_pact(world.group)
    Vote.objects.create(group=world.group, threshold_percent=50, threshold_rule="present", electorate=2)
    with pytest.raises(ValidationError, match="đã có bỏ phiếu suy tôn, giao ước thi đua\\."):
        group_delete(actor=personas["province"], group=world.group)


@pytest.mark.parametrize("persona", ["head", "member", "council", "editor", "outsider"])
def test_only_group_managers_may_delete(world: Any, personas: dict[str, Any], persona: str) -> None:
    with pytest.raises(PermissionDenied):
        group_delete(actor=personas[persona], group=world.group)
    assert EmulationGroup.objects.filter(pk=world.group.pk).exists()


# --- The admin's delete screen ---------------------------------------------------------------------
@pytest.mark.parametrize(
    ("persona", "allowed"),
    [("province", True), ("sysadmin", True), ("head", False), ("member", False), ("council", False)],
)
def test_delete_screen_calls_the_service_for_managers_only(
    world: Any, personas: dict[str, Any], persona: str, allowed: bool
) -> None:
    # given a group of another year, so the world's group keeps the personas' scope
    group = GroupFactory(province=world.province, year=2025, head=world.home, deputy=world.other)
    MembershipFactory(group=group, organisation=world.home, order=1)
    MembershipFactory(group=group, organisation=world.other, order=2)
    client = _client(personas[persona])
    url = f"/admin/org/groups/delete/{group.pk}/"
    # when
    confirm = client.get(url)
    response = client.post(url)
    # then
    if allowed:
        assert confirm.status_code == 200
        assert response.status_code == 302 and response["Location"] == "/admin/org/groups/"
        assert not EmulationGroup.objects.filter(pk=group.pk).exists()
        assert AuditEvent.objects.get(action="org.group.delete").actor == personas[persona]
    else:
        # Wagtail answers a permission failure with a redirect; nothing is deleted or audited
        assert (confirm.status_code, response.status_code) == (302, 302)
        assert EmulationGroup.objects.filter(pk=group.pk).exists()
        assert not AuditEvent.objects.filter(action="org.group.delete").exists()


def test_delete_screen_shows_the_refusal_and_keeps_the_group(world: Any, personas: dict[str, Any]) -> None:
    _with_pact(world.group)
    response = _client(personas["province"]).post(f"/admin/org/groups/delete/{world.group.pk}/")
    assert response.status_code == 200
    assert "vì cụm, khối này đã có giao ước thi đua" in response.content.decode()
    assert EmulationGroup.objects.filter(pk=world.group.pk).exists()
    assert not AuditEvent.objects.filter(action="org.group.delete").exists()
