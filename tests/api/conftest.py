"""The API's fixtures: a token per persona of tests/conftest.py, a client that sends it, and the
world's emulation and awards data built through the services (tests/emulation/fixtures.py,
tests/awards/proposal_builders.py), so every endpoint has rows of both units to scope."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest
from rest_framework.test import APIClient

from tests.awards.builders import decision
from tests.awards.proposal_builders import draft
from tests.emulation.fixtures import PactWorld, build_pact
from thidua.api.services.tokens import api_token_create
from thidua.awards.models import AwardDecision, Proposal
from thidua.emulation.models import Report
from thidua.emulation.services.reports import report_open


def token_client(user: Any, *, days: int | None = None) -> APIClient:
    issued = api_token_create(actor=None, user=user, name=f"Hệ thống của {user.username}", days=days)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {issued.secret}")
    return client


@pytest.fixture
def clients(personas: dict[str, Any]) -> dict[str, APIClient]:
    """A token-authenticated client per persona (province, head, member, council, editor, …)."""
    return {name: token_client(user) for name, user in personas.items()}


@dataclass
class ApiData:
    pact: PactWorld
    home_report: Report
    other_report: Report
    home_proposal: Proposal
    other_proposal: Proposal
    home_decision: AwardDecision  # names the home unit's person only
    shared_decision: AwardDecision  # names one person of each unit


@pytest.fixture
def data(world: Any, personas: dict[str, Any]) -> ApiData:
    province, head, member = personas["province"], personas["head"], personas["member"]
    pw = build_pact(world, province)
    home_report = report_open(actor=head, period=pw.period, organisation=world.home)
    other_report = report_open(actor=member, period=pw.period, organisation=world.other)
    home_decision = decision(province, issuer=world.office, number="1/QĐ-UBND", people=[world.home_person])
    shared_decision = decision(
        province,
        issuer=world.office,
        number="2/QĐ-UBND",
        signed_on=dt.date(2026, 1, 5),
        people=[world.home_person, world.other_person],
    )
    return ApiData(
        pact=pw,
        home_report=home_report,
        other_report=other_report,
        home_proposal=draft(head, world.home),
        other_proposal=draft(member, world.other),
        home_decision=home_decision,
        shared_decision=shared_decision,
    )
