"""`thidua demo_load` belongs to the demo app (core imports no domain app) and keeps its behaviour:
refused outside the demo, loads once, prints the demo logins every time."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.management import call_command, get_commands
from django.core.management.base import CommandError

from tests.factories import CommuneFactory
from thidua.accounts.roles import RoleCode
from thidua.accounts.services import user_create
from thidua.demo import loader

pytestmark = pytest.mark.django_db


def test_the_command_is_found_in_the_demo_app() -> None:
    # make run, scripts/run_demo.sh and the CLI's help call it by this name
    assert get_commands()["demo_load"] == "thidua.demo"


def test_refused_outside_the_demo(settings: Any) -> None:
    settings.DEMO = False
    with pytest.raises(CommandError, match="THIDUA_DEMO=1"):
        call_command("demo_load", stdout=io.StringIO())


def test_a_second_run_loads_nothing_and_prints_the_logins(
    settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given units and an already loaded demo (its administrator account)
    settings.DEMO = True
    CommuneFactory(valid_until=None)
    user_create(
        actor=None,
        username="quantri",
        password=loader.DEMO_PASSWORD,
        full_name="Quản trị Hệ thống",
        roles=[RoleCode.SYSTEM_ADMIN],
        is_demo=True,
    )

    def must_not_load() -> None:
        raise AssertionError("the demo is loaded once")

    monkeypatch.setattr(loader, "load_demo", must_not_load)
    # when
    out = io.StringIO()
    call_command("demo_load", stdout=out)
    # then
    text = out.getvalue()
    assert "demo data already loaded" in text
    assert "quantri" in text and "Quản trị hệ thống" in text and loader.DEMO_PASSWORD in text
